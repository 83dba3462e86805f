"""Celery tasks for events: thin wrappers that reload rows by primary key and call one service.

Mail has no task of its own: it is a delivery row sent by actlocal.tasks (the outbox)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def reminders_sweep() -> int:
    """Write the delivery rows of every due reminder and send them (see the beat schedule)."""
    from .services.reminders import reminders_send_due

    return reminders_send_due()


@shared_task
def events_finalize_sweep() -> int:
    """Make attendance final (attended / no-show) for events that have ended."""
    from .services.checkin import events_finalize_ended

    return events_finalize_ended()
