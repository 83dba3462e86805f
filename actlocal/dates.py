"""Dates and times as people read them: one named format per context, in the right time zone.

The contexts and their formats per language live in actlocal/formats/<lang>/formats.py
(Django's FORMAT_MODULE_PATH); this module picks the one for the active language and converts
to the zone of what is dated (an event happens in its own zone, whoever reads about it).
Templates use the `when` filter and `when_range` tag of `{% load when %}`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import formats, timezone
from django.utils.dateformat import format as dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .formats.en import formats as english

CONTEXTS = {
    "card": "WHEN_CARD_FORMAT",
    "event": "WHEN_EVENT_FORMAT",
    "date": "WHEN_DATE_FORMAT",
    "short_date": "WHEN_SHORT_DATE_FORMAT",
    "time": "WHEN_TIME_FORMAT",
    "stamp": "WHEN_STAMP_FORMAT",
}


def when_format(context: str) -> str:
    """The active language's format string for `context` (English when it has none)."""
    try:
        name = CONTEXTS[context]
    except KeyError:
        raise ValueError(f"Unknown date context {context!r}; one of {sorted(CONTEXTS)}") from None
    value = formats.get_format(name)
    return value if value != name else getattr(english, name)


def zone_get(time_zone: str | dt.tzinfo | None) -> dt.tzinfo:
    """The zone named `time_zone`, the active one when None, UTC when the name is unknown."""
    if time_zone is None:
        return timezone.get_current_timezone()
    if isinstance(time_zone, dt.tzinfo):
        return time_zone
    try:
        return zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _local(value: dt.date, time_zone: str | dt.tzinfo | None) -> dt.date:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value.astimezone(zone_get(time_zone))
    return value


def when(value: dt.date | None, context: str, time_zone: str | dt.tzinfo | None = None) -> str:
    """`value` in `context`'s format, converted to `time_zone` (the active zone when None)."""
    if value is None or value == "":
        return ""
    return dateformat(_local(value, time_zone), when_format(context))


def _without_zone(pattern: str) -> str:
    # The zone is said once, at the end of a range.
    return pattern.replace(" T", "").replace("T", "")


def when_range_html(
    *, start: dt.datetime, end: dt.datetime, time_zone: str, context: str = "event"
) -> SafeString:
    """'Saturday, March 14, 2026, 6:30 PM – 8:00 PM PDT' as <time> elements, in the zone."""
    start, end = _local(start, time_zone), _local(end, time_zone)  # type: ignore[assignment]
    same_day = start.date() == end.date()
    return format_html(
        '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
        start.isoformat(),
        dateformat(start, _without_zone(when_format(context))),
        end.isoformat(),
        dateformat(end, when_format("time" if same_day else context)),
    )


def when_range(
    *, start: dt.datetime, end: dt.datetime, time_zone: str, context: str = "event"
) -> str:
    """The same range as plain text, for mails and subjects."""
    start, end = _local(start, time_zone), _local(end, time_zone)  # type: ignore[assignment]
    same_day = start.date() == end.date()
    return "{} – {}".format(
        dateformat(start, _without_zone(when_format(context))),
        dateformat(end, when_format("time" if same_day else context)),
    )


def when_clock(value: dt.datetime | dt.time) -> str:
    """A wall-clock time without a zone (a time that may not exist in it: "2:30 AM")."""
    return dateformat(value, _without_zone(when_format("time")))
