"""Celery tasks for events: thin wrappers that reload rows by primary key and call one service."""

from __future__ import annotations

from celery import shared_task


@shared_task
def rsvp_confirmation_send(rsvp_pk: int) -> None:
    """Mail the RSVP confirmation (or waitlist notice) with the .ics and the change link."""
    from .emails.rsvp import send_rsvp_confirmation

    send_rsvp_confirmation(rsvp_pk=rsvp_pk)


@shared_task
def waitlist_promotion_send(rsvp_pk: int) -> None:
    """Tell someone promoted from the waitlist that they have a seat."""
    from .emails.rsvp import send_waitlist_promotion

    send_waitlist_promotion(rsvp_pk=rsvp_pk)


@shared_task(bind=True, max_retries=5)
def invitations_send(self, invitation_pks: list[int]) -> None:
    """Mail one batch of invitations; each is claimed first so a re-run sends none twice.
    Those that failed on a transient error are retried with a growing delay."""
    from .services.invitations import invitations_deliver

    result = invitations_deliver(invitation_pks=invitation_pks)
    if result.failed and not self.request.is_eager:
        raise self.retry(args=[result.failed], countdown=60 * 2**self.request.retries)


@shared_task
def nomination_team_notify(nomination_pk: int) -> int:
    """Tell the event's organizers that a nomination waits for their decision."""
    from .emails.nominations import send_nomination_to_team

    return send_nomination_to_team(nomination_pk=nomination_pk)


@shared_task
def reminders_sweep() -> int:
    """Send every reminder that is due and not yet sent (see the beat schedule)."""
    from .services.reminders import reminders_send_due

    return reminders_send_due()


@shared_task
def event_notice_send(event_pk: int, notice: str) -> None:
    """Tell everyone going or waitlisted that the event changed or was cancelled."""
    from .services.notifications import event_notice_deliver

    event_notice_deliver(event_pk=event_pk, notice=notice)


@shared_task
def event_message_send(message_pk: int) -> None:
    """Mail a team message to its audience, once per recipient."""
    from .services.notifications import event_message_deliver

    event_message_deliver(message_pk=message_pk)


@shared_task
def deliveries_retry_sweep() -> int:
    """Retry team messages and change notices whose mail failed or whose worker died."""
    from .services.notifications import deliveries_retry_stale

    return deliveries_retry_stale()


@shared_task
def events_finalize_sweep() -> int:
    """Make attendance final (attended / no-show) for events that have ended."""
    from .services.checkin import events_finalize_ended

    return events_finalize_ended()
