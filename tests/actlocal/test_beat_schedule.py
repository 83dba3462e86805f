"""The beat schedule names only tasks that exist, and mail has one sweep."""

from actlocal.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, f"{name}: {entry['task']} is not a task"


def test_mail_is_swept_by_the_one_delivery_sweep_only():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "actlocal.tasks.deliveries_sweep" in tasks
    assert (
        not {
            "events.tasks.deliveries_retry_sweep",
            "directory.tasks.contact_messages_retry_unsent",
        }
        & tasks
    )
