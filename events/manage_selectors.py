"""Reads of the organizer pages (setup, team, agenda, questions, reminders, kits, follow-ups).

The `*_or_404` ones answer 404 for a row that is not the event's, like the access helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    RSVP,
    Event,
    EventRole,
    Invitation,
    Nomination,
    Question,
    ReminderOffset,
    Session,
)


def event_fresh_get(*, event: Event) -> Event:
    """A second copy of `event` for a form to write into while validating."""
    return Event.objects.get(pk=event.pk)


def event_going_count(*, event: Event) -> int:
    """How many people have a seat."""
    return event.rsvps.filter(status=RSVP.Status.GOING).count()


def event_rsvp_counts(*, event: Event) -> dict[str, Any]:
    """People going and waitlisted, in one query."""
    return event.rsvps.aggregate(
        going=Count("id", filter=Q(status=RSVP.Status.GOING)),
        waitlisted=Count("id", filter=Q(status=RSVP.Status.WAITLISTED)),
    )


def event_team(*, event: Event) -> QuerySet[EventRole]:
    """The team's roles with their accounts."""
    return EventRole.objects.filter(event=event).select_related("user")


def event_rsvp_or_404(*, event: Event, pk: int, with_event: bool = True) -> RSVP:
    """One of the event's RSVPs, with its leader (and its event, unless the caller has it)."""
    related = ("leader", "event") if with_event else ("leader",)
    return get_object_or_404(RSVP.objects.select_related(*related), pk=pk, event=event)


def event_sessions(*, event: Event) -> QuerySet[Session]:
    """The agenda with each session's facilitators."""
    return Session.objects.filter(event=event).prefetch_related("facilitators")


def event_session_or_404(*, event: Event, pk: int | None) -> Session:
    return get_object_or_404(Session, pk=pk, event=event)


def event_question_or_404(*, event: Event, pk: int | None) -> Question:
    return get_object_or_404(Question, pk=pk, event=event)


def event_questions(*, event: Event) -> list[Question]:
    """The event's RSVP questions in their order."""
    return list(event.questions.all())


def event_reminder_offsets(*, event: Event) -> list[ReminderOffset]:
    """The event's reminder offsets in their order."""
    return list(ReminderOffset.objects.filter(event=event))


def event_reminder_offset_or_404(*, event: Event, pk: int | None) -> ReminderOffset:
    return get_object_or_404(ReminderOffset, pk=pk, event=event)


def event_followups(*, event: Event) -> QuerySet[Event]:
    """Follow-ups of `event` with the number of people going to each."""
    return event.followups.annotate(
        going=Count("rsvps", filter=Q(rsvps__status=RSVP.Status.GOING))
    ).order_by("starts_at", "id")


def kits_for(*, user: Any) -> QuerySet[Event]:
    """Every kit with its size and whether `user` is on its team, by title."""
    return (
        Event.objects.filter(is_template=True, parent=None)
        .select_related("created_by")
        .annotate(
            session_count=Count("sessions", distinct=True),
            followup_count=Count("followups", distinct=True),
            on_team=Exists(EventRole.objects.filter(event=OuterRef("pk"), user=user)),
        )
        .order_by("title", "id")
    )


def kit_get(*, slug: str) -> Event | None:
    """The kit with this slug, or None."""
    return Event.objects.filter(slug=slug, is_template=True, parent=None).first()


def kit_contents(*, kit: Event) -> tuple[QuerySet[Session], QuerySet[Event]]:
    """The kit's agenda and follow-ups (read when the page renders)."""
    return kit.sessions.all(), kit.followups.all()


def session_facilitator_pks(*, session: Session) -> list[int]:
    """The primary keys of the session's facilitators (the select's chosen rows)."""
    return [leader.pk for leader in session.facilitators.all()]


def events_organized_by(*, user: Any) -> list[Event]:
    """Events and kits `user` is on the team of, with their role and what waits for them
    (pending nominations, invitations sent), in one query; soonest first."""
    role = EventRole.objects.filter(event=OuterRef("pk"), user=user).values("role")[:1]
    return list(
        Event.objects.filter(Exists(EventRole.objects.filter(event=OuterRef("pk"), user=user)))
        .annotate(
            my_role=Subquery(role),
            pending_nominations=_count(Nomination.objects.filter(status=Nomination.Status.PENDING)),
            invitations_sent=_count(Invitation.objects.all()),
        )
        .order_by("starts_at", "id")
    )


def event_roles_exist(*, user: Any) -> bool:
    """Whether `user` is on any event's (or kit's) team."""
    return EventRole.objects.filter(user=user).exists()


def _count(queryset: QuerySet) -> Coalesce:
    rows = queryset.filter(event=OuterRef("pk")).order_by().values("event")
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0
    )


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the publish checklist: what, whether it is done, and where to fix it."""

    label: str
    done: bool
    fix_url: str


def event_publish_checklist(*, event: Event) -> list[ChecklistItem]:
    """What people will look for on a published event, checked before the team publishes it.

    Only the date stops publishing (event_publish refuses a past event); the rest is advice
    the team may knowingly skip (no seat limit, a team of one).
    """
    edit = reverse("events:edit", kwargs={"slug": event.slug})
    team = reverse("events:team", kwargs={"slug": event.slug})
    return [
        ChecklistItem(_("A date and time still ahead"), event.starts_at > timezone.now(), edit),
        ChecklistItem(_("A place: venue and city"), bool(event.venue and event.city), edit),
        ChecklistItem(_("A seat limit (capacity)"), event.capacity is not None, edit),
        ChecklistItem(_("A description for the event page"), bool(event.description.strip()), edit),
        ChecklistItem(
            _("A team of at least two (someone to share the work and the door)"),
            EventRole.objects.filter(event=event).count() >= 2,
            team,
        ),
    ]
