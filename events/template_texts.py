"""Toolkit templates filled in for an event: invitation, reminder and follow-up dinner texts.

The values are the event's public facts only (never the street address, which the event page
shows to people going). On the Documents tab the recipient's own fields stay as visible blanks,
since one text serves everyone the team copies it to; the invitation and reminder mails fill
them per recipient when the delivery loop sends (`mail_personal_text`).
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings

from actlocal.dates import when
from actlocal.translated import localized
from toolkits.merge import merge_render
from toolkits.models import Document, Toolkit

from .models import Event

EVENT_PLACES = ("event_invitation", "event_reminder", "dinner_invitation")
# Which templates may stand in for which mail's personal text.
INVITATION_PLACES = ("event_invitation", "dinner_invitation")
REMINDER_PLACES = ("event_reminder",)


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


def recipient_values(*, name: str) -> dict[str, str]:
    """The recipient's fields: their name as the team or the directory knows it."""
    name = " ".join((name or "").split())
    return {"leader.name": name, "leader.first_name": name.split(" ")[0] if name else ""}


def _own_text(event: Event, field: str) -> str:
    return localized(event, field) if field else ""


def mail_personal_text(
    *,
    event: Event,
    template: Document | None,
    places: tuple[str, ...],
    fallback_field: str = "",
    recipient_name: str,
    sender_name: str = "",
) -> str:
    """The personal text of one invitation or reminder mail, rendered at sending time.

    The chosen template filled for this recipient (a missing value is the visible blank), or
    the event's own text in `fallback_field` (none: empty) when none is chosen, the document's
    toolkit went back to draft, or an editor has since made it a template for another place.
    Both are in the recipient's language (the delivery loop renders under it) when they have a
    Spanish version.
    """
    if template is None or template.template_for not in places:
        return _own_text(event, fallback_field)
    if template.toolkit.status == Toolkit.Status.DRAFT:
        return _own_text(event, fallback_field)
    values = {
        **event_merge_values(event=event, sender_name=sender_name),
        "event.title": localized(event, "title"),
        **recipient_values(name=recipient_name),
    }
    return merge_render(
        text=localized(template, "body"), place=template.template_for, values=values
    )
