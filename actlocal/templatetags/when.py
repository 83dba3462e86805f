"""`{% load when %}`: dates in one of the named contexts of actlocal/dates.py.

{{ meeting.scheduled_at|when:"card" }}                     the active zone
{{ event.starts_at|timezone:event.time_zone|when:"event" }} the event's zone
{% when_range event.starts_at event.ends_at event.time_zone "card" %}
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from actlocal import dates

register = template.Library()


@register.filter(expects_localtime=False)
def when(value, context: str = "event") -> str:
    if not isinstance(value, dt.date):
        return ""
    zone = None
    if isinstance(value, dt.datetime) and getattr(value, "convert_to_local_time", True) is False:
        # The |timezone: filter already chose the zone.
        zone = value.tzinfo
    return dates.when(value, context, zone or timezone.get_current_timezone())


@register.simple_tag
def when_range(start, end, time_zone, context: str = "event"):
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return ""
    return dates.when_range_html(start=start, end=end, time_zone=time_zone, context=context)


@register.simple_tag
def when_range_text(start, end, time_zone, context: str = "event"):
    """The range as plain text (mails); escaped like any variable in an HTML mail."""
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return ""
    return dates.when_range(start=start, end=end, time_zone=time_zone, context=context)
