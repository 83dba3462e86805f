"""Event kits: save an event's set-up once, start the same event in another city in one step.

A kit is an Event with is_template set, kept as a draft. Its times are those of the event it was
saved from; only their distance from the kit's start matters. Kits never appear publicly and
never take RSVPs (permissions.can_view and rsvps.check_open refuse them).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log

from ..kit_hooks import kit_copy_hooks_run
from ..models import Event, EventDocument, EventRole, Question, ReminderOffset, Session
from .events import EventError, _locate, save_with_unique_slug

Shift = Callable[[datetime], datetime]

# What a kit carries from event to event. Not carried: the place (another city), the host and
# co-host organizations (local partners differ per city), the team (the kit's user leads).
CARRIED_FIELDS = (
    "kind",
    "description",
    "description_es",
    "time_zone",
    "capacity",
    "visibility",
    "invitation_text",
    "invitation_text_es",
    "confirmation_text",
    "confirmation_text_es",
    "reminder_text",
    "reminder_text_es",
    # The toolkit templates chosen for those texts (a follow-up dinner keeps its own).
    "invitation_template_id",
    "reminder_template_id",
)


def _unchanged(value: datetime) -> datetime:
    return value


def wall_clock_shift(*, kit: Event, starts_at: datetime, time_zone: str) -> Shift:
    """Move times so they keep their local wall-clock distance from the kit's start.

    A kit starting 8:00 with a 9:00 workshop, used for an event starting 10:00 in another time
    zone, gets an 11:00 workshop there, local time; a dinner on the evening after stays at its
    hour even across a daylight-saving change.
    """
    old_zone, new_zone = kit.tzinfo, zoneinfo.ZoneInfo(time_zone)
    kit_start = kit.starts_at.astimezone(old_zone).replace(tzinfo=None)
    new_start = starts_at.astimezone(new_zone).replace(tzinfo=None)

    def shift(value: datetime) -> datetime:
        local = value.astimezone(old_zone).replace(tzinfo=None)
        return (new_start + (local - kit_start)).replace(tzinfo=new_zone)

    return shift


def _copy(
    *,
    source: Event,
    actor: Any,
    title: str,
    is_template: bool,
    shift: Shift,
    parent: Event | None = None,
    overrides: dict | None = None,
    title_es: str = "",
) -> Event:
    """A draft copy of `source` with its agenda, questions and reminder schedule.

    Spanish versions travel with their originals; a new title (typed for the new event or
    kit) starts without one unless `title_es` is given."""
    copy = Event(
        title=title,
        title_es=title_es,
        is_template=is_template,
        status=Event.Status.DRAFT,
        parent=parent,
        starts_at=shift(source.starts_at),
        ends_at=shift(source.ends_at),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{name: getattr(source, name) for name in CARRIED_FIELDS},
    )
    for name, value in (overrides or {}).items():
        setattr(copy, name, value)
    _locate(copy)
    save_with_unique_slug(copy, title)
    copy.topics.set(source.topics.all())
    # Facilitators are not copied: they are people, and the people differ from city to city.
    # Each team picks its own from the directory on the agenda page.
    Session.objects.bulk_create(
        Session(
            event=copy,
            kind=session.kind,
            title=session.title,
            title_es=session.title_es,
            description=session.description,
            description_es=session.description_es,
            starts_at=shift(session.starts_at),
            ends_at=shift(session.ends_at),
            room=session.room,
            capacity=session.capacity,
            signup_required=session.signup_required,
        )
        for session in source.sessions.all()
    )
    Question.objects.bulk_create(
        Question(
            event=copy,
            label=question.label,
            label_es=question.label_es,
            kind=question.kind,
            choices=question.choices,
            choices_es=question.choices_es,
            required=question.required,
            position=question.position,
        )
        for question in source.questions.all()
    )
    ReminderOffset.objects.bulk_create(
        ReminderOffset(event=copy, hours_before=offset.hours_before)
        for offset in source.reminder_offsets.all()
    )
    # The kit's toolkit documents travel with it, so the next team finds the same guides.
    EventDocument.objects.bulk_create(
        EventDocument(
            event=copy,
            document_id=link.document_id,
            position=link.position,
            shared_with_attendees=link.shared_with_attendees,
        )
        for link in source.documents.all()
    )
    if copy.created_by is not None:
        EventRole.objects.create(event=copy, user=actor, role=EventRole.Role.LEAD)
    return copy


def _followups(event: Event):
    return event.followups.exclude(status=Event.Status.CANCELLED).order_by("starts_at", "id")


@transaction.atomic
def kit_save_from_event(
    *, event: Event, title: str, actor: Any, contents: str = "", contents_es: str = ""
) -> Event:
    """Save `event` as a kit: agenda, reminder schedule, texts, questions, follow-up dinners.

    `contents` ("what this kit contains") is the kit's note for organizers, kept apart from
    the public description the kit carries to its events."""
    title = ((title or "").strip() or _("Kit: %(title)s") % {"title": event.title})[:200]
    blank_place = {"venue": "", "address": "", "city": "", "state": "", "zip_code": ""}
    kit = _copy(
        source=event,
        actor=actor,
        title=title,
        is_template=True,
        shift=_unchanged,
        overrides={
            **blank_place,
            "kit_contents": (contents or "").strip(),
            "kit_contents_es": (contents_es or "").strip(),
        },
    )
    for followup in _followups(event):
        _copy(
            source=followup,
            actor=actor,
            title=followup.title,
            title_es=followup.title_es,
            is_template=True,
            shift=_unchanged,
            parent=kit,
            overrides=blank_place,
        )
    kit_copy_hooks_run(source=event, copy=kit, actor=actor)
    audit_log(actor=actor, obj=kit, action="kit.save", data={"from_event": event.pk})
    return kit


@transaction.atomic
def event_create_from_kit(
    *,
    kit: Event,
    actor: Any,
    title: str,
    starts_at: datetime,
    time_zone: str,
    venue: str = "",
    address: str = "",
    city: str = "",
    state: str = "",
    zip_code: str = "",
    capacity: int | None = None,
) -> Event:
    """Start a draft event (and its follow-ups) from a kit, in one transaction.

    Every time moves with the new start, keeping local wall-clock times in the new time zone.
    `capacity` None keeps the kit's number of seats. The creator leads the new event and its
    follow-ups.
    """
    if not kit.is_template or kit.parent_id is not None:
        raise EventError(_("This is not an event kit."))
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be aware")
    try:
        shift = wall_clock_shift(kit=kit, starts_at=starts_at, time_zone=time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise EventError(_("%(zone)s is not a known time zone.") % {"zone": time_zone}) from exc
    place = {"time_zone": time_zone, "city": city, "state": state, "zip_code": zip_code}
    overrides: dict[str, Any] = {**place, "venue": venue, "address": address}
    if capacity is not None:
        overrides["capacity"] = capacity
    event = _copy(
        source=kit,
        actor=actor,
        title=title,
        is_template=False,
        shift=shift,
        overrides=overrides,
    )
    for child in _followups(kit):
        # The dinner's own venue is not known yet; it happens in the same city.
        _copy(
            source=child,
            actor=actor,
            title=child.title,
            title_es=child.title_es,
            is_template=False,
            shift=shift,
            parent=event,
            overrides={**place, "venue": "", "address": ""},
        )
    kit_copy_hooks_run(source=kit, copy=event, actor=actor)
    audit_log(actor=actor, obj=event, action="event.create_from_kit", data={"kit": kit.pk})
    return event
