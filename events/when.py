"""An event's or session's start and end as HTML, in its own time zone (the agenda's rows).

The same markup as templates/events/_event_when.html, built in Python: the template's
`{% timezone %}` block and six date filters cost more than the rest of an agenda row, and an
agenda repeats them once per session. tests/events/test_when.py keeps the two identical.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString


def when_html(*, start: dt.datetime, end: dt.datetime, time_zone: str) -> SafeString:
    tz = zoneinfo.ZoneInfo(time_zone)
    start, end = start.astimezone(tz), end.astimezone(tz)
    end_format = "g:i A T" if start.date() == end.date() else "l, F j, Y, g:i A T"
    return format_html(
        '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
        date_format(start, "c"),
        date_format(start, "l, F j, Y, g:i A"),
        date_format(end, "c"),
        date_format(end, end_format),
    )
