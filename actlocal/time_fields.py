"""Time zones and local wall-clock times in forms: what a team types is the event's local time.

TimeZoneField is a select of IANA zones, the U.S. ones first (a typed name is still accepted,
case-insensitive, from forms posted by scripts and tests);
LocalDateTimeField returns the naive wall-clock time, made aware with local_to_aware.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .dates import when_clock

# Offered first; any other IANA name (e.g. "Europe/Madrid") is accepted too.
US_TIME_ZONES = (
    ("America/New_York", _("Eastern")),
    ("America/Chicago", _("Central")),
    ("America/Denver", _("Mountain")),
    ("America/Phoenix", _("Arizona (no daylight saving)")),
    ("America/Los_Angeles", _("Pacific")),
    ("America/Anchorage", _("Alaska")),
    ("Pacific/Honolulu", _("Hawaii")),
    ("America/Puerto_Rico", _("Puerto Rico and the U.S. Virgin Islands")),
    ("Pacific/Guam", _("Guam and the Northern Mariana Islands")),
    ("Pacific/Pago_Pago", _("American Samoa")),
)
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def time_zone_choices() -> list:
    """The U.S. zones by their everyday names first, then every other IANA zone by name."""
    us = {zone for zone, _label in US_TIME_ZONES}
    others = sorted(name for name in zoneinfo.available_timezones() if name not in us)
    return [
        # Lazy: the widget is built when a form class is defined, before any language is active.
        (
            _("United States"),
            [(zone, format_lazy("{} ({})", label, zone)) for zone, label in US_TIME_ZONES],
        ),
        (_("Other time zones"), [(name, name.replace("_", " ")) for name in others]),
    ]


class TimeZoneInput(forms.Select):
    """A select of time zones: the U.S. ones first. Typing a zone's first letters in a
    focused select jumps to it, so the long list stays quick to use."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=time_zone_choices())


class TimeZoneField(forms.CharField):
    widget = TimeZoneInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "help_text",
            _("Times are in this zone; the U.S. zones are listed first."),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        name = _zone_names().get(value.strip().lower())
        if name is None:
            raise forms.ValidationError(
                _("%(value)s is not a known time zone. Try a name like America/Chicago."),
                params={"value": value},
            )
        return name


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed (naive): the form makes it aware in the event's zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)
        )
        kwargs.setdefault("input_formats", [LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])
        super().__init__(**kwargs)

    def to_python(self, value):
        # Parse in UTC (which has no clock changes), then drop the zone: the wall-clock time.
        with timezone.override(dt.UTC):
            parsed = super().to_python(value)
        return parsed.replace(tzinfo=None) if parsed else parsed

    def prepare_value(self, value):
        return value


def local_to_aware(value: dt.datetime, zone_name: str) -> dt.datetime:
    """`value` (wall-clock) in `zone_name`; a time skipped by a clock change is an error."""
    zone = zoneinfo.ZoneInfo(zone_name)
    aware = value.replace(tzinfo=zone)
    if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != value:
        raise forms.ValidationError(
            _("%(time)s does not exist in %(zone)s: the clocks move forward then."),
            params={"time": when_clock(value), "zone": zone_name},
        )
    return aware


def aware_to_local(value: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    return value.astimezone(zone).replace(tzinfo=None) if value else None
