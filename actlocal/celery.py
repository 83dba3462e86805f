"""Celery application and the periodic schedule (beat)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actlocal.settings")

app = Celery("actlocal", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Every mail is a delivery row written with the change that causes it; the task queued after
    # the commit usually sends it within seconds. This sweep sends whatever that missed (broker
    # down, worker killed, mail server refusing), so an outage delays mail and loses none.
    "actlocal-deliveries-sweep": {
        "task": "actlocal.tasks.deliveries_sweep",
        "schedule": crontab(minute="*"),
    },
    # Nightly, when imports and edits of the day have settled: staff review the pairs next morning.
    "directory-flag-duplicates-nightly": {
        "task": "directory.tasks.duplicates_scan_all",
        "schedule": crontab(hour=3, minute=15),
    },
    # The directory's counts are kept by triggers that append changes (directory/tallies.py);
    # folding them keeps a count's read to a few hundred rows. A missed fold costs reads a
    # little, never exactness.
    "directory-fold-tallies": {
        "task": "directory.tasks.tallies_fold",
        "schedule": crontab(minute="*"),
    },
    # The triggers keep the tallies exact; this recount is the safety net (a trigger dropped by
    # hand, a restore of one table) and logs whatever it had to correct.
    "directory-repair-tallies-nightly": {
        "task": "directory.tasks.tallies_repair",
        "schedule": crontab(hour=3, minute=45),
    },
    # Reminders are due at fixed offsets before each event; this writes the due delivery rows
    # (and sends them at once), so they are punctual without far-future ETAs, which Redis would
    # redeliver. Anything it fails to send is left to the delivery sweep above.
    "events-send-due-reminders": {
        "task": "events.tasks.reminders_sweep",
        "schedule": crontab(minute="*/5"),
    },
    # Attendance becomes final a few hours after an event ends, once the desk has closed.
    "events-finalize-attendance": {
        "task": "events.tasks.events_finalize_sweep",
        "schedule": crontab(minute=20),
    },
    # Large imports are queued as ImportJob rows and enqueued after commit; if the broker was
    # down at that moment the job waits here, and a worker that died mid-import leaves a job
    # "running" that this marks failed (its transaction was rolled back, nothing was written).
    "actlocal-import-jobs-sweep": {
        "task": "actlocal.tasks.import_jobs_sweep",
        "schedule": crontab(minute="*/2"),
    },
    # Constituents are reminded the day before their meeting with their official; this writes
    # the due reminder rows like event reminders, so a rescheduled meeting needs no task to be
    # found and revoked.
    "campaigns-send-meeting-reminders": {
        "task": "campaigns.tasks.meeting_reminders_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Survey invitations go a set time after an event ends and the one reminder days later:
    # a sweep writes the rows that are due (unique per person and kind, so once) and sends
    # them through the outbox, like event reminders, without far-future ETAs.
    "surveys-send-due-mail": {
        "task": "surveys.tasks.survey_mail_sweep",
        "schedule": crontab(minute="3-59/10"),
    },
    # Rollups are updated after each saved response; the nightly recount from the responses
    # catches any update a broker outage lost, and the two always agree (docs/surveys.md).
    "surveys-rebuild-rollups-nightly": {
        "task": "surveys.tasks.rollups_rebuild_nightly",
        "schedule": crontab(hour=2, minute=40),
    },
}
