"""What every mail to an attendee shares: their links, the .ics file and the event's own zone."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actlocal.mail import send_templated_mail

from ..ics import calendar_for_rsvp, event_location, rsvp_calendar_method
from ..models import RSVP
from ..qr import checkin_qr_png
from ..tokens import rsvp_link_token


def rsvp_manage_url(rsvp: RSVP) -> str:
    """The signed link that changes or cancels this RSVP without signing in."""
    path = reverse("events:rsvp_link", args=[rsvp.event.slug, rsvp_link_token(rsvp)])
    return settings.SITE_URL + path


def ics_attachment(rsvp: RSVP) -> tuple[str, bytes, str]:
    """The personal calendar file, typed so mail programs offer to add, update or remove it."""
    method = rsvp_calendar_method(rsvp)
    return (f"{rsvp.event.slug}.ics", calendar_for_rsvp(rsvp), f"text/calendar; method={method}")


def checkin_qr_attachment(rsvp: RSVP) -> tuple[str, bytes, str]:
    """The check-in code as a QR code the desk can scan from the phone's screen."""
    return ("check-in-code.png", checkin_qr_png(code=rsvp.checkin_code), "image/png")


def rsvp_context(rsvp: RSVP) -> dict:
    event = rsvp.event
    # Invite-only addresses are for people going; a public event's address is public anyway.
    show_address = not event.is_invite_only or rsvp.status == RSVP.Status.GOING
    return {
        "rsvp": rsvp,
        "event": event,
        "recipient_name": rsvp.leader.name,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "manage_url": rsvp_manage_url(rsvp),
        "show_address": show_address,
        "location": event_location(event) if show_address else "",
        "starts_at": event.local_start,
        "ends_at": event.local_end,
    }


def send_to_rsvp(
    *,
    rsvp: RSVP,
    template: str,
    context: dict | None = None,
    calendar: bool = True,
    checkin_code: bool = False,
    connection=None,
) -> None:
    """Mail one attendee; dates in the templates render in the event's time zone.

    `checkin_code` attaches the QR code of the check-in code when the person has a seat.
    """
    attachments = [ics_attachment(rsvp)] if calendar else []
    if checkin_code and rsvp.status == RSVP.Status.GOING:
        attachments.append(checkin_qr_attachment(rsvp))
    with timezone.override(rsvp.event.tzinfo):
        send_templated_mail(
            template=template,
            to=[rsvp.leader.email],
            context={**rsvp_context(rsvp), **(context or {})},
            attachments=attachments,
            connection=connection,
        )
