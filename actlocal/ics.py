"""iCalendar (RFC 5545) pieces every calendar file needs: escaping, folding, stamps, VTIMEZONE.

Hand-written rather than a dependency: the subset we emit is small, and writing it ourselves keeps
the rules that matter here visible: CRLF line ends, lines folded at 75 octets without splitting
a UTF-8 character, TEXT values escaped, times in the zone where something happens with a
VTIMEZONE that describes that zone's offsets around it, a stable UID and a SEQUENCE that only
grows. Events (events/ics.py) and constituent meetings (campaigns/ics.py) build their files on
these; neither may import the other.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

FOLD_AT = 75  # octets per line, CRLF not counted (RFC 5545 3.1)
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


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


def serialize(lines: list[str]) -> bytes:
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


def zone_id(time_zone: str) -> str | None:
    """`time_zone` if it is a real IANA zone; None means: write times in UTC."""
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return time_zone


def times(start: datetime, end: datetime, time_zone: str) -> list[str]:
    """DTSTART and DTEND in the zone where it happens (UTC when the zone is unknown)."""
    tzid = zone_id(time_zone)
    if tzid is None:
        return [f"DTSTART:{utc_stamp(start)}", f"DTEND:{utc_stamp(end)}"]
    zone = zoneinfo.ZoneInfo(tzid)
    return [
        f"DTSTART;TZID={tzid}:{local_stamp(start.astimezone(zone))}",
        f"DTEND;TZID={tzid}:{local_stamp(end.astimezone(zone))}",
    ]


def sequence_of(*stamps: datetime | None) -> int:
    """Grows whenever one of `stamps` (the saves of what the file describes) does: calendars keep
    the entry with the highest SEQUENCE, so a change or a cancellation wins over older copies.

    Seconds since 2020 rather than since 1970: the value must fit a 32-bit INTEGER (RFC 5545
    3.3.8), which Unix time outgrows in 2038.
    """
    latest = max(stamp for stamp in stamps if stamp is not None)
    return max(0, int((latest - SEQUENCE_EPOCH).total_seconds()))


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "actlocal.localhost"


def organizer_line() -> str:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    cn = f";CN={param_value(name)}" if name else ""
    return f"ORGANIZER{cn}:mailto:{address}"


def attendee_line(*, name: str, email: str, partstat: str) -> str:
    cn = f";CN={param_value(name)}" if name else ""
    return f"ATTENDEE{cn};ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=FALSE:mailto:{email}"
