"""Mail about an event that moved or was cancelled, and the team's own messages to attendees."""

from __future__ import annotations

from ..models import RSVP, EventMessage
from .common import send_to_rsvp


def send_event_notice(*, rsvp: RSVP, kind: str, connection=None) -> None:
    """'changed': the new time and place with an updated .ics; 'cancelled': a CANCEL .ics."""
    send_to_rsvp(
        rsvp=rsvp,
        template="event_notice",
        context={"cancelled": kind == "cancelled"},
        connection=connection,
    )


def send_event_message(*, rsvp: RSVP, message: EventMessage, connection=None) -> None:
    """A team message: plain text from the team, escaped in the HTML part, no calendar file."""
    send_to_rsvp(
        rsvp=rsvp,
        template="event_message",
        context={"message": message},
        calendar=False,
        connection=connection,
    )
