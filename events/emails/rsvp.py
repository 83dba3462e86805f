"""RSVP mail: the confirmation (or waitlist notice, or cancellation) and the promotion notice."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from ..document_selectors import attendee_documents
from ..models import RSVP
from .common import send_to_rsvp


def waitlist_place(rsvp: RSVP) -> int:
    """Place in line: positions only grow, so count the people still waiting up to this one."""
    return RSVP.objects.filter(
        event_id=rsvp.event_id,
        status=RSVP.Status.WAITLISTED,
        waitlist_position__lte=rsvp.waitlist_position,
    ).count()


def send_rsvp_confirmation(*, rsvp: RSVP, connection=None) -> None:
    """Mail what the RSVP says now: a seat, a place on the waitlist, or that it is off.

    The mail goes out after the commit and the RSVP may have changed since, so the current
    status decides which mail it is; each carries the matching .ics and the change link.
    """
    if rsvp.status == RSVP.Status.GOING:
        user = rsvp.leader.user if rsvp.leader.user_id else AnonymousUser()
        send_to_rsvp(
            rsvp=rsvp,
            template="event_rsvp_going",
            checkin_code=True,
            context={"documents": attendee_documents(event=rsvp.event, user=user)},
            connection=connection,
        )
    elif rsvp.status == RSVP.Status.WAITLISTED:
        send_to_rsvp(
            rsvp=rsvp,
            template="event_rsvp_waitlisted",
            context={"place": waitlist_place(rsvp)},
            connection=connection,
        )
    else:
        send_to_rsvp(rsvp=rsvp, template="event_rsvp_cancelled", connection=connection)


def send_waitlist_promotion(*, rsvp: RSVP, connection=None) -> None:
    """Tell someone who moved up from the waitlist that they have a seat."""
    send_to_rsvp(
        rsvp=rsvp, template="event_waitlist_promoted", checkin_code=True, connection=connection
    )
