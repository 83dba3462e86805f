"""iCalendar (RFC 5545) files for events: public feeds and the personal invitation of an RSVP.

The rules every file follows (escaping, folding, VTIMEZONE, SEQUENCE) live in actlocal/ics.py,
shared with the calendar files of constituent meetings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from actlocal.ics import (
    attendee_line,
    escape_text,
    fold,
    organizer_line,
    sequence_of,
    serialize,
    site_domain,
    times,
    utc_stamp,
    vtimezone,
    zone_id,
)
from actlocal.translated import localized

from .models import RSVP, Event

__all__ = ["calendar_for_events", "calendar_for_rsvp", "escape_text", "fold"]

PRODID = "-//ActLocal//Events//EN"

PARTSTAT = {
    RSVP.Status.GOING: "ACCEPTED",
    RSVP.Status.WAITLISTED: "TENTATIVE",
    RSVP.Status.DECLINED: "DECLINED",
    RSVP.Status.CANCELLED: "DECLINED",
}


def _timezones(events: Iterable[Event]) -> list[str]:
    years: dict[str, tuple[int, int]] = {}
    for event in events:
        tzid = zone_id(event.time_zone)
        if tzid is None:
            continue
        first, last = event.local_start.year, event.local_end.year
        if tzid in years:
            first, last = min(first, years[tzid][0]), max(last, years[tzid][1])
        years[tzid] = (first, last)
    lines: list[str] = []
    for tzid, (first, last) in sorted(years.items()):
        lines += vtimezone(tzid, first, last)
    return lines


# --- Events -------------------------------------------------------------------------------


def event_uid(event: Event) -> str:
    """Stable per event, so every file we send about it updates the same calendar entry."""
    return f"event-{event.pk}@{site_domain()}"


def event_sequence(event: Event, rsvp: RSVP | None = None) -> int:
    """Grows whenever the event (or, for a personal file, the RSVP) is saved."""
    stamps = [event.updated_at] + ([rsvp.updated_at] if rsvp is not None else [])
    return sequence_of(*stamps)


def event_location(event: Event) -> str:
    region = " ".join(part for part in [event.state, event.zip_code] if part)
    parts = [event.venue, event.address, event.city, region]
    return ", ".join(part for part in parts if part)


def _vevent(
    event: Event, *, status: str, show_address: bool, stamp: datetime, sequence: int
) -> list[str]:
    url = settings.SITE_URL + event.get_absolute_url()
    # In the language the file is made in (a mail's recipient's, a page's reader's).
    description = "\n\n".join(
        part for part in [localized(event, "description").strip(), url] if part
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        *times(event.starts_at, event.ends_at, event.time_zone),
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{escape_text(localized(event, 'title'))}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
        f"STATUS:{status}",
    ]
    location = event_location(event) if show_address else ""
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    return lines


def _event_status(event: Event) -> str:
    if event.status == Event.Status.CANCELLED:
        return "CANCELLED"
    if event.status == Event.Status.DRAFT:
        return "TENTATIVE"
    return "CONFIRMED"


def calendar_for_events(
    events: Iterable[Event],
    *,
    name: str,
    show_address: bool | Callable[[Event], bool] = False,
) -> bytes:
    """A calendar feed of `events` without any attendee data.

    The caller passes only events the reader may see (the public feed: public events only).
    Public events always carry their address; an invite-only event's address is included only
    when `show_address` says so (a bool, or a function of the event), e.g. for someone going.
    """
    events = list(events)
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
        *_timezones(events),
    ]
    for event in events:
        may_show = show_address(event) if callable(show_address) else show_address
        lines += _vevent(
            event,
            status=_event_status(event),
            show_address=not event.is_invite_only or bool(may_show),
            stamp=stamp,
            sequence=event_sequence(event),
        )
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return serialize(lines)


def rsvp_calendar_method(rsvp: RSVP) -> str:
    """REQUEST while the person is going or waiting for a live event; CANCEL otherwise."""
    if rsvp.event.status == Event.Status.CANCELLED or not rsvp.is_active:
        return "CANCEL"
    return "REQUEST"


def calendar_for_rsvp(rsvp: RSVP) -> bytes:
    """The personal invitation for one RSVP, as mailed with confirmations and reminders.

    Going: REQUEST, CONFIRMED, ACCEPTED. Waitlisted: REQUEST, TENTATIVE, TENTATIVE.
    Declined or cancelled RSVP, or a cancelled event: CANCEL with STATUS:CANCELLED, so the
    calendar removes the entry it made from an earlier file.
    """
    event, leader = rsvp.event, rsvp.leader
    method = rsvp_calendar_method(rsvp)
    if method == "CANCEL":
        status = "CANCELLED"
    elif rsvp.status == RSVP.Status.WAITLISTED:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *_timezones([event]),
        *_vevent(
            event,
            status=status,
            show_address=not event.is_invite_only or rsvp.status == RSVP.Status.GOING,
            stamp=timezone.now(),
            sequence=event_sequence(event, rsvp),
        ),
        organizer_line(),
    ]
    if leader.email:
        lines.append(
            attendee_line(name=leader.name, email=leader.email, partstat=PARTSTAT[rsvp.status])
        )
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return serialize(lines)
