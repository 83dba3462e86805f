"""RSVP mail: the confirmation (or waitlist notice, or cancellation) and the promotion notice."""

from __future__ import annotations

from ..models import RSVP
from .common import send_to_rsvp


def _load(rsvp_pk: int) -> RSVP | None:
    rsvp = RSVP.objects.select_related("event", "leader").filter(pk=rsvp_pk).first()
    if rsvp is None or not rsvp.leader.email:
        return None
    return rsvp


def waitlist_place(rsvp: RSVP) -> int:
    """Place in line: positions only grow, so count the people still waiting up to this one."""
    return RSVP.objects.filter(
        event_id=rsvp.event_id,
        status=RSVP.Status.WAITLISTED,
        waitlist_position__lte=rsvp.waitlist_position,
    ).count()


def send_rsvp_confirmation(*, rsvp_pk: int) -> None:
    """Mail what the RSVP says now: a seat, a place on the waitlist, or that it is off.

    The task runs after commit and the RSVP may have changed since, so the current status
    decides which mail goes out; each carries the matching .ics and the change/cancel link.
    """
    rsvp = _load(rsvp_pk)
    if rsvp is None:
        return
    if rsvp.status == RSVP.Status.GOING:
        send_to_rsvp(rsvp=rsvp, template="event_rsvp_going")
    elif rsvp.status == RSVP.Status.WAITLISTED:
        send_to_rsvp(
            rsvp=rsvp, template="event_rsvp_waitlisted", context={"place": waitlist_place(rsvp)}
        )
    else:
        send_to_rsvp(rsvp=rsvp, template="event_rsvp_cancelled")


def send_waitlist_promotion(*, rsvp_pk: int) -> None:
    """Tell someone who moved up from the waitlist that they have a seat (if they still do)."""
    rsvp = _load(rsvp_pk)
    if rsvp is None or rsvp.status != RSVP.Status.GOING:
        return
    send_to_rsvp(rsvp=rsvp, template="event_waitlist_promoted")
