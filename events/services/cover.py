"""The event's cover picture: set (checked and re-encoded by actlocal.images) or removed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.images import image_delete, image_store

from ..models import Event

COVER_SIZES = {"cover": (1200, 800), "thumb": (480, 320)}


def event_cover_set(*, event: Event, actor: Any, data: bytes, alt: str) -> Event:
    """Store the picture's sizes and point the event at them; the old files are removed after
    the commit. A refused picture (ImageRejected) or a missing description changes nothing."""
    alt = " ".join(alt.split())
    if not alt:
        raise ServiceError(_("Describe the picture for people who cannot see it."))
    stored = image_store(data=data, folder=f"events/{event.pk}", sizes=COVER_SIZES)
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event.pk)
            old = (event.cover_image, event.cover_thumbnail)
            event.cover_image, event.cover_thumbnail = stored["cover"], stored["thumb"]
            event.cover_alt = alt
            event.save(update_fields=["cover_image", "cover_thumbnail", "cover_alt", "updated_at"])
            audit_log(actor=actor, obj=event, action="event.cover.set", data={"alt": alt})
            transaction.on_commit(lambda: image_delete(*old))
    except Exception:
        image_delete(*stored.values())
        raise
    return event


@transaction.atomic
def event_cover_remove(*, event: Event, actor: Any) -> Event:
    """Take the cover picture off the event and delete its files after the commit."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    old = (event.cover_image, event.cover_thumbnail)
    if any(old):
        event.cover_image = event.cover_thumbnail = event.cover_alt = ""
        event.save(update_fields=["cover_image", "cover_thumbnail", "cover_alt", "updated_at"])
        audit_log(actor=actor, obj=event, action="event.cover.remove")
        transaction.on_commit(lambda: image_delete(*old))
    return event
