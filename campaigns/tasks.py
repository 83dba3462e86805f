"""Celery tasks for campaigns: thin wrappers that call one service.

Meeting notices have no task: they are delivery rows sent by actlocal.tasks (the outbox)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def meeting_reminders_sweep() -> int:
    """Write the reminder rows of meetings due tomorrow and send them (see the beat schedule)."""
    from .services.meetings import meeting_reminders_send_due

    return meeting_reminders_send_due()
