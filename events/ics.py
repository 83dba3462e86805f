"""iCalendar (RFC 5545) files for events: public feeds and the personal invitation of an RSVP.

Hand-written rather than a dependency: the subset we emit is small, and writing it ourselves keeps
the rules that matter here visible: CRLF line ends, lines folded at 75 octets without splitting
a UTF-8 character, TEXT values escaped, times in the event's own zone with a VTIMEZONE that
describes that zone's offsets around the event, a stable UID and a SEQUENCE that only grows.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from actlocal.translated import localized

from .models import RSVP, Event

PRODID = "-//ActLocal//Events//EN"
FOLD_AT = 75  # octets per line, CRLF not counted (RFC 5545 3.1)
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

PARTSTAT = {
    RSVP.Status.GOING: "ACCEPTED",
    RSVP.Status.WAITLISTED: "TENTATIVE",
    RSVP.Status.DECLINED: "DECLINED",
    RSVP.Status.CANCELLED: "DECLINED",
}


# --- Low-level formatting -----------------------------------------------------------------


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value (e.g. CN): quoted when it holds : ; or , and never a DQUOTE or break."""
    value = " ".join(value.replace('"', "'").split())
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    if len(line.encode()) <= FOLD_AT:
        return line
    chunks, current, size, limit = [], [], 0, FOLD_AT
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            chunks.append("".join(current))
            # Continuation lines start with a space, which counts towards their 75 octets.
            current, size, limit = [], 0, FOLD_AT - 1
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _serialize(lines: list[str]) -> bytes:
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()


# --- Time zones ---------------------------------------------------------------------------


def _offset(value: timedelta) -> str:
    minutes = int(value.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"


def _transitions(tz: zoneinfo.ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """UTC instants in [start, end) where the zone's UTC offset changes (to the second)."""

    def offset_at(moment: datetime) -> timedelta:
        return moment.astimezone(tz).utcoffset()

    found = []
    step = timedelta(days=1)
    moment = start
    while moment < end:
        following = min(moment + step, end)
        if offset_at(moment) != offset_at(following):
            low, high = moment, following  # offset(low) differs from offset(high)
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if offset_at(middle) == offset_at(low):
                    low = middle
                else:
                    high = middle
            found.append(high.replace(microsecond=0))
        moment = following
    return found


@lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    """A VTIMEZONE for `tzid` valid from 1 January of first_year to the end of last_year.

    Each offset change in those years becomes a one-off STANDARD or DAYLIGHT observance; the
    last change before the window is included too, so times early in the window are covered.
    A zone without changes gets a single STANDARD observance.
    """
    tz = zoneinfo.ZoneInfo(tzid)
    window_start = datetime(first_year, 1, 1, tzinfo=UTC)
    window_end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    changes = _transitions(tz, window_start - timedelta(days=366), window_end)
    before = [moment for moment in changes if moment < window_start][-1:]
    changes = before + [moment for moment in changes if moment >= window_start]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if not changes:
        local = window_start.astimezone(tz)
        offset = _offset(local.utcoffset())
        lines += [
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            f"TZNAME:{escape_text(local.tzname() or tzid)}",
            "END:STANDARD",
        ]
    for moment in changes:
        before_local = (moment - timedelta(seconds=1)).astimezone(tz)
        after_local = moment.astimezone(tz)
        kind = "DAYLIGHT" if after_local.dst() else "STANDARD"
        offset_from = before_local.utcoffset()
        lines += [
            f"BEGIN:{kind}",
            # The onset in the wall-clock time that was in force just before it (RFC 5545 3.6.5).
            f"DTSTART:{local_stamp((moment + offset_from).replace(tzinfo=None))}",
            f"TZOFFSETFROM:{_offset(offset_from)}",
            f"TZOFFSETTO:{_offset(after_local.utcoffset())}",
            f"TZNAME:{escape_text(after_local.tzname() or tzid)}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return tuple(lines)


def _zone_id(event: Event) -> str | None:
    """The event's IANA zone name if it is a real zone; None means: write times in UTC."""
    try:
        zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return event.time_zone


def _timezones(events: Iterable[Event]) -> list[str]:
    years: dict[str, tuple[int, int]] = {}
    for event in events:
        tzid = _zone_id(event)
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


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "actlocal.localhost"


def event_uid(event: Event) -> str:
    """Stable per event, so every file we send about it updates the same calendar entry."""
    return f"event-{event.pk}@{site_domain()}"


def event_sequence(event: Event, rsvp: RSVP | None = None) -> int:
    """Grows whenever the event (or, for a personal file, the RSVP) is saved: calendars keep the
    entry with the highest SEQUENCE, so a change or a cancellation wins over older copies.

    Seconds since 2020 rather than since 1970: the value must fit a 32-bit INTEGER (RFC 5545
    3.3.8), which Unix time outgrows in 2038.
    """
    stamps = [event.updated_at] + ([rsvp.updated_at] if rsvp is not None else [])
    latest = max(stamp for stamp in stamps if stamp is not None)
    return max(0, int((latest - SEQUENCE_EPOCH).total_seconds()))


def event_location(event: Event) -> str:
    region = " ".join(part for part in [event.state, event.zip_code] if part)
    parts = [event.venue, event.address, event.city, region]
    return ", ".join(part for part in parts if part)


def _times(event: Event) -> list[str]:
    tzid = _zone_id(event)
    if tzid is None:
        return [f"DTSTART:{utc_stamp(event.starts_at)}", f"DTEND:{utc_stamp(event.ends_at)}"]
    return [
        f"DTSTART;TZID={tzid}:{local_stamp(event.local_start)}",
        f"DTEND;TZID={tzid}:{local_stamp(event.local_end)}",
    ]


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
        *_times(event),
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
    return _serialize(lines)


def organizer_line() -> str:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    cn = f";CN={param_value(name)}" if name else ""
    return f"ORGANIZER{cn}:mailto:{address}"


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
        cn = f";CN={param_value(leader.name)}" if leader.name else ""
        lines.append(
            f"ATTENDEE{cn};ROLE=REQ-PARTICIPANT;PARTSTAT={PARTSTAT[rsvp.status]};RSVP=FALSE"
            f":mailto:{leader.email}"
        )
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return _serialize(lines)
