"""Celery tasks for campaigns: thin wrappers that call one service."""

from __future__ import annotations

from celery import shared_task


@shared_task
def meeting_reminders_sweep() -> int:
    """Remind each constituent of each upcoming meeting once (see the beat schedule)."""
    from .services.meetings import meeting_reminders_send_due

    return meeting_reminders_send_due()
