"""Toolkit templates filled in for an event: invitation, reminder and follow-up dinner texts.

The values are the event's public facts only (never the street address, which the event page
shows to people going); the recipient's own fields stay as visible blanks, since one text serves
everyone the team sends it to.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings

from actlocal.dates import when
from toolkits.merge import merge_render
from toolkits.models import Document

from .models import Event

EVENT_PLACES = ("event_invitation", "event_reminder", "dinner_invitation")


def event_merge_values(*, event: Event, sender_name: str) -> dict[str, str]:
    try:
        zone = zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    starts = ""
    if event.starts_at:
        starts = when(event.starts_at, "event", zone)
    place = ", ".join(part for part in (event.venue, event.city, event.state) if part)
    host = event.host_organization.name if event.host_organization_id else ""
    return {
        "event.title": event.title,
        "event.starts_at": starts,
        "event.place": place,
        "event.url": settings.SITE_URL + event.get_absolute_url(),
        "event.host": host,
        "sender.name": sender_name,
    }


def event_template_texts(
    *, event: Event, documents: list[Document], sender_name: str
) -> list[tuple[Document, str]]:
    """Each chosen template meant for an event, with the event's fields filled in."""
    values = event_merge_values(event=event, sender_name=sender_name)
    return [
        (document, merge_render(text=document.body, place=document.template_for, values=values))
        for document in documents
        if document.template_for in EVENT_PLACES
    ]
