"""Creating and running an event: create, edit, publish, cancel, follow-up gatherings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.geo import normalize_zip
from actlocal.models import Topic
from actlocal.text import unique_slug
from directory.models import Organization
from directory.services import location_for

from ..models import Event, EventRole, ReminderOffset, validate_time_zone
from .rsvps import event_capacity_change

DEFAULT_REMINDER_HOURS = (168, 24)

# The fields a team edits on the event form (and a kit carries over).
EDITABLE_FIELDS = (
    "kind",
    "title",
    "title_es",
    "description",
    "description_es",
    # Only a kit's form shows these two (its note for organizers choosing a kit).
    "kit_contents",
    "kit_contents_es",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "address",
    "city",
    "state",
    "zip_code",
    "capacity",
    "visibility",
    "host_organization",
    "invitation_text",
    "invitation_text_es",
    "confirmation_text",
    "confirmation_text_es",
    "reminder_text",
    "reminder_text_es",
)
# A change to any of these on a published event is news to everyone going or waitlisted.
NOTICE_FIELDS = frozenset(
    {"starts_at", "ends_at", "time_zone", "venue", "address", "city", "state", "zip_code"}
)
PLACE_FIELDS = frozenset({"city", "state", "zip_code"})


class EventError(ServiceError):
    """A change that cannot be made; the message is safe to show to the team."""


def _notify(*, event: Event, kind: str) -> None:
    """Tell everyone going or waitlisted: their notice rows are written in this transaction."""
    from .notifications import event_notice_record

    event_notice_record(event=event, kind=kind)


def _locate(event: Event) -> None:
    """Normalise the ZIP and place the event on the map (ZIP centroid, else the city's)."""
    event.zip_code = normalize_zip(event.zip_code) or (event.zip_code or "").strip()
    event.latitude, event.longitude = location_for(
        zip_code=event.zip_code, city=event.city, state=event.state
    )


def _check(event: Event) -> None:
    if event.ends_at < event.starts_at:
        raise EventError(_("The event must end after it starts."))
    if event.capacity is not None and event.capacity < 0:
        raise EventError(_("Capacity cannot be negative."))
    try:
        validate_time_zone(event.time_zone)
    except ValidationError as exc:
        raise EventError(exc.messages[0]) from exc


def save_with_unique_slug(event: Event, base: str) -> None:
    """Insert `event` under a free slug, drawing again if a parallel insert took it first."""
    for _attempt in range(5):
        event.slug = unique_slug(Event, base)
        try:
            with transaction.atomic():
                event.save()
            return
        except IntegrityError:
            if not Event.objects.filter(slug=event.slug).exists():
                raise
    raise EventError(_("Could not save the event; please try again."))


@transaction.atomic
def event_create(
    *,
    actor: Any,
    data: dict,
    topics: Iterable[Topic] = (),
    co_hosts: Iterable[Organization] = (),
    publish: bool = False,
    parent: Event | None = None,
    reminder_hours: Iterable[int] = DEFAULT_REMINDER_HOURS,
) -> Event:
    """Create an event (a draft unless `publish`); the creator leads its team.

    `data` holds model fields (see EDITABLE_FIELDS) with aware start and end times.
    """
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not event fields: {sorted(unknown)}")
    event = Event(**data)
    event.parent = parent
    # A follow-up of a kit is part of the kit, not a real gathering.
    event.is_template = bool(parent and parent.is_template)
    event.created_by = actor if getattr(actor, "is_authenticated", False) else None
    event.status = Event.Status.DRAFT
    if not event.is_template and event.starts_at <= timezone.now():
        raise EventError(_("Choose a start in the future."))
    _locate(event)
    _check(event)
    save_with_unique_slug(event, event.title)
    event.topics.set(topics)
    event.co_hosts.set(co_hosts)
    ReminderOffset.objects.bulk_create(
        ReminderOffset(event=event, hours_before=hours) for hours in sorted(set(reminder_hours))
    )
    if event.created_by is not None:
        EventRole.objects.create(event=event, user=actor, role=EventRole.Role.LEAD)
    audit_log(
        actor=actor,
        obj=event,
        action="event.create",
        data={"title": event.title, "parent": parent.pk if parent else None},
    )
    if publish:
        event = event_publish(event=event, actor=actor)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    actor: Any,
    changes: dict,
    topics: Iterable[Topic] | None = None,
    co_hosts: Iterable[Organization] | None = None,
) -> Event:
    """Apply the team's edits. More seats promote people waiting; a new time or place on a
    published event notifies everyone going or waitlisted."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not event fields: {sorted(unknown)}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    changes = dict(changes)
    if "zip_code" in changes:
        changes["zip_code"] = (
            normalize_zip(changes["zip_code"]) or (changes["zip_code"] or "").strip()
        )
    changed = {name for name, value in changes.items() if getattr(event, name) != value}
    for name in changed - {"capacity"}:
        setattr(event, name, changes[name])
    fields = changed - {"capacity"}
    if fields & PLACE_FIELDS:
        _locate(event)
        fields |= {"zip_code", "latitude", "longitude"}
    if "capacity" in changed:
        event.capacity = changes["capacity"]
    _check(event)
    if fields:
        event.save(update_fields=sorted(fields | {"updated_at"}))
    if "capacity" in changed:
        # Through the RSVP service: it holds the seat lock and fills new seats from the waitlist.
        event = event_capacity_change(event=event, capacity=changes["capacity"], actor=actor)
    if topics is not None:
        event.topics.set(topics)
    if co_hosts is not None:
        event.co_hosts.set(co_hosts)
    if changed:
        audit_log(actor=actor, obj=event, action="event.update", data={"fields": sorted(changed)})
    if (
        changed & NOTICE_FIELDS
        and event.status == Event.Status.PUBLISHED
        and not event.is_template
        and not event.is_past
    ):
        _notify(event=event, kind="changed")
    return event


@transaction.atomic
def event_publish(*, event: Event, actor: Any) -> Event:
    """Open a draft: it becomes visible to its audience and takes RSVPs."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_template:
        raise EventError(_("An event kit cannot be published. Create an event from it instead."))
    if event.status == Event.Status.PUBLISHED:
        return event
    if event.status != Event.Status.DRAFT:
        raise EventError(_("Only a draft can be published."))
    if event.is_past:
        raise EventError(_("This event is over; it can no longer be published."))
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=event, action="event.publish")
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor: Any) -> Event:
    """Call the event off. RSVPs keep their status (the record of who had a seat); everyone
    going or waitlisted is told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_template:
        raise EventError(_("An event kit cannot be cancelled."))
    if event.status == Event.Status.CANCELLED:
        return event
    if event.status == Event.Status.COMPLETED:
        raise EventError(_("This event has already taken place."))
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=event, action="event.cancel")
    if was_published and not event.is_past:
        _notify(event=event, kind="cancelled")
    return event


def followup_create(*, parent: Event, actor: Any, data: dict, publish: bool = False) -> Event:
    """A follow-up gathering (a dinner by default) of `parent`, in its city and time zone
    unless told otherwise; the creator leads it."""
    values = {
        "kind": Event.Kind.DINNER,
        "visibility": Event.Visibility.INVITE_ONLY,
        "time_zone": parent.time_zone,
        "city": parent.city,
        "state": parent.state,
        "zip_code": parent.zip_code,
    }
    values.update(data)
    return event_create(
        actor=actor,
        data=values,
        topics=parent.topics.all(),
        parent=parent,
        publish=publish and not parent.is_template,
    )
