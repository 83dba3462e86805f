"""Celery application and the periodic schedule (beat)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actlocal.settings")

app = Celery("actlocal", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Nightly, when imports and edits of the day have settled: staff review the pairs next morning.
    "directory-flag-duplicates-nightly": {
        "task": "directory.tasks.duplicates_scan_all",
        "schedule": crontab(hour=3, minute=15),
    },
    # Relayed messages whose mail failed (server down, refused) get another try every 10 min.
    "directory-retry-unsent-contact-messages": {
        "task": "directory.tasks.contact_messages_retry_unsent",
        "schedule": crontab(minute="*/10"),
    },
}
