"""An event's set-up: agenda sessions, custom RSVP questions and the reminder schedule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.translated import text_lines
from directory.models import Leader

from ..models import Event, Question, ReminderOffset, Session

SESSION_FIELDS = (
    "kind",
    "title",
    "title_es",
    "description",
    "description_es",
    "starts_at",
    "ends_at",
    "room",
    "capacity",
    "signup_required",
)
QUESTION_FIELDS = ("label", "label_es", "kind", "choices", "choices_es", "required")
MIN_REMINDER_HOURS = 1
MAX_REMINDER_HOURS = 60 * 24


class SetupError(ServiceError):
    """A set-up change that cannot be made; the message is safe to show."""


def session_time_problem(*, event: Event, starts_at: datetime, ends_at: datetime) -> str | None:
    """Why these times do not fit the event (None when they do): the session must end after it
    starts and fall on the event's own day(s), in the event's time zone."""
    if ends_at <= starts_at:
        return _("The session must end after it starts.")
    zone = event.tzinfo
    first, last = event.local_start.date(), event.local_end.date()
    if starts_at.astimezone(zone).date() < first or ends_at.astimezone(zone).date() > last:
        if first == last:
            return _("Sessions must take place on the day of the event (%(day)s).") % {
                "day": first.isoformat()
            }
        return _("Sessions must take place between %(first)s and %(last)s.") % {
            "first": first.isoformat(),
            "last": last.isoformat(),
        }
    return None


@transaction.atomic
def session_save(
    *,
    event: Event,
    actor: Any,
    data: dict,
    facilitators: Iterable[Leader] = (),
    session: Session | None = None,
) -> Session:
    """Add an agenda session, or change `session`."""
    unknown = set(data) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"not session fields: {sorted(unknown)}")
    if session is not None and session.event_id != event.pk:
        raise SetupError(_("That session belongs to another event."))
    session = session or Session(event=event)
    for name, value in data.items():
        setattr(session, name, value)
    problem = session_time_problem(
        event=event, starts_at=session.starts_at, ends_at=session.ends_at
    )
    if problem:
        raise SetupError(problem)
    if session.capacity is not None and session.capacity < 1:
        raise SetupError(_("A session needs at least one seat; leave it empty for no limit."))
    created = session.pk is None
    session.save()
    session.facilitators.set(facilitators)
    audit_log(
        actor=actor,
        obj=session,
        action="session.create" if created else "session.update",
        data={"event": event.pk, "title": session.title},
    )
    return session


@transaction.atomic
def session_delete(*, session: Session, actor: Any) -> None:
    """Take a session off the agenda (its sign-ups go with it)."""
    audit_log(
        actor=actor,
        obj=session,
        action="session.delete",
        data={"event": session.event_id, "title": session.title},
    )
    session.delete()


def _clean_choices(kind: str, choices: str, choices_es: str) -> tuple[str, str]:
    """The choices one a line without repeats, and their Spanish labels kept in step (a
    repeated choice is dropped with its Spanish line)."""
    if kind != Question.Kind.CHOICE:
        return "", ""
    lines, spanish = text_lines(choices), text_lines(choices_es)
    if len(spanish) > len(lines):
        raise SetupError(_("There are more choices in Spanish than choices."))
    pairs: dict[str, str] = {}
    for index, line in enumerate(lines):
        pairs.setdefault(line, spanish[index] if index < len(spanish) else "")
    if len(pairs) < 2:
        raise SetupError(_("A choice question needs at least two different choices."))
    # Missing Spanish lines can only be the last ones: they show the original.
    kept_spanish = [label for label in pairs.values() if label]
    return "\n".join(pairs), "\n".join(kept_spanish)


@transaction.atomic
def question_save(
    *, event: Event, actor: Any, data: dict, question: Question | None = None
) -> Question:
    """Add a custom RSVP question at the end of the list, or change `question`."""
    unknown = set(data) - set(QUESTION_FIELDS)
    if unknown:
        raise ValueError(f"not question fields: {sorted(unknown)}")
    if question is not None and question.event_id != event.pk:
        raise SetupError(_("That question belongs to another event."))
    if question is None:
        # Lock the event so two questions added at once get different positions.
        Event.objects.select_for_update().filter(pk=event.pk).first()
        last = event.questions.aggregate(m=Max("position"))["m"]
        question = Question(event=event, position=0 if last is None else last + 1)
    for name, value in data.items():
        setattr(question, name, value)
    question.choices, question.choices_es = _clean_choices(
        question.kind, question.choices, question.choices_es
    )
    if not question.label.strip():
        raise SetupError(_("Write the question."))
    created = question.pk is None
    question.save()
    audit_log(
        actor=actor,
        obj=question,
        action="question.create" if created else "question.update",
        data={"event": event.pk},
    )
    return question


@transaction.atomic
def question_delete(*, question: Question, actor: Any) -> None:
    """Remove a question. Answers already given stay in the RSVPs (keyed by its old id)."""
    audit_log(
        actor=actor, obj=question, action="question.delete", data={"event": question.event_id}
    )
    question.delete()


@transaction.atomic
def question_move(*, question: Question, actor: Any, up: bool) -> None:
    """Swap a question with its neighbour above (up) or below."""
    Event.objects.select_for_update().filter(pk=question.event_id).first()
    ordered = list(Question.objects.filter(event_id=question.event_id).order_by("position", "id"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    # Renumber the whole list: rows that happened to share a position get distinct ones too.
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit_log(
        actor=actor,
        obj=question,
        action="question.move",
        data={"event": question.event_id, "up": up},
    )


@transaction.atomic
def reminder_offset_add(*, event: Event, actor: Any, hours_before: int) -> ReminderOffset:
    """Schedule a reminder `hours_before` the start (1 hour to 60 days, once each)."""
    Event.objects.select_for_update().filter(pk=event.pk).first()
    if not MIN_REMINDER_HOURS <= hours_before <= MAX_REMINDER_HOURS:
        raise SetupError(_("Reminders go out between 1 hour and 60 days before the start."))
    if ReminderOffset.objects.filter(event=event, hours_before=hours_before).exists():
        raise SetupError(_("A reminder at that time is already scheduled."))
    offset = ReminderOffset.objects.create(event=event, hours_before=hours_before)
    audit_log(actor=actor, obj=event, action="event.reminder.add", data={"hours": hours_before})
    return offset


@transaction.atomic
def reminder_offset_remove(*, offset: ReminderOffset, actor: Any) -> None:
    """Stop a scheduled reminder. Reminders already sent stay recorded as sent."""
    audit_log(
        actor=actor,
        obj=offset.event,
        action="event.reminder.remove",
        data={"hours": offset.hours_before},
    )
    offset.delete()
