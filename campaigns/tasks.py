"""Celery tasks for campaigns: thin wrappers that call one service."""

from __future__ import annotations

from celery import shared_task


@shared_task
def meeting_reminders_sweep() -> int:
    """Remind each constituent of each upcoming meeting once (see the beat schedule)."""
    from .services.meetings import meeting_reminders_send_due

    return meeting_reminders_send_due()


@shared_task
def meeting_notice_send(meeting_pk: int, kind: str, member_pks: list[int]) -> int:
    """Tell a meeting's constituents it is set, moved or called off."""
    from .services.meeting_notices import meeting_notice_deliver

    return meeting_notice_deliver(meeting_pk=meeting_pk, kind=kind, member_pks=member_pks)
