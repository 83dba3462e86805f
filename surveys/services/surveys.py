"""Writes on surveys themselves: creating one (for an event or the network), its questions,
opening, closing and publishing its report, and organizers' lean overrides."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from campaigns.models import Campaign
from directory.models import Leader
from events.models import Event

from ..errors import SurveyError
from ..models import LeanOverride, Question, Survey
from .rollups import results_version_bump

EVENT_AUDIENCES = (Survey.Audience.EVENT_CHECKED_IN, Survey.Audience.EVENT_GOING)
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)


# Paths under /surveys/ that a survey's slug must not take.
RESERVED_SLUGS = {"new", "audience-count", "reports", "segments"}


def _unique_slug(title: str) -> str:
    base = slugify(title)[:60] or "survey"
    if base in RESERVED_SLUGS:
        base = f"{base}-survey"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def survey_create(
    *,
    title: str,
    actor: Any,
    event: Event | None = None,
    campaign: Campaign | None = None,
    **fields: Any,
) -> Survey:
    """Create a draft survey, for an event or a campaign (its team owns it) or the whole
    network (staff). A campaign's survey always goes to the campaign's members."""
    if event is not None and campaign is not None:
        raise SurveyError(_("A survey belongs to an event or a campaign, not both."))
    if campaign is not None:
        fields["audience"] = Survey.Audience.CAMPAIGN_MEMBERS
        fields.pop("audience_filter", None)
    if event is not None:
        Event.objects.select_for_update().filter(pk=event.pk).first()
        if Survey.objects.filter(event=event).exists():
            raise SurveyError(_("This event already has a survey."))
        if fields.get("audience") not in EVENT_AUDIENCES:
            fields["audience"] = Survey.Audience.EVENT_CHECKED_IN
    survey = Survey.objects.create(
        title=title,
        slug=_unique_slug(title),
        event=event,
        campaign=campaign,
        created_by=actor,
        **fields,
    )
    audit_log(
        actor=actor,
        obj=survey,
        action="survey.create",
        data={"event": event and event.pk, "campaign": campaign and campaign.pk},
    )
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, actor: Any, fields: dict[str, Any]) -> Survey:
    """Change a survey's settings; the audience of an event's survey stays an event audience."""
    if (
        survey.event_id is not None
        and fields.get("audience", survey.audience) not in EVENT_AUDIENCES
    ):
        raise SurveyError(_("An event's survey goes to the event's attendees."))
    if (
        survey.campaign_id is not None
        and fields.get("audience", survey.audience) != Survey.Audience.CAMPAIGN_MEMBERS
    ):
        raise SurveyError(_("A campaign's survey goes to the campaign's members."))
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save(update_fields=list(fields))
    audit_log(actor=actor, obj=survey, action="survey.update", data={"fields": sorted(fields)})
    results_version_bump(survey_pk=survey.pk)
    return survey


def _choices_from_lines(text: str, spanish: str = "") -> list[dict[str, str]]:
    """Choices from one label a line; `spanish` gives their Spanish labels line by line, in
    the same order (all or none)."""
    lines = [line.strip() for line in text.splitlines()]
    spanish_lines = [line.strip() for line in spanish.splitlines() if line.strip()]
    if spanish_lines and len(spanish_lines) != len([line for line in lines if line]):
        raise SurveyError(_("Give one Spanish choice for each choice, in the same order."))
    spanish_by_line = dict(zip([line for line in lines if line], spanish_lines, strict=False))
    choices, seen = [], set()
    for label in lines:
        value = slugify(label)[:90]
        if not label or not value or value in seen or value == "other":
            continue
        seen.add(value)
        choice = {"value": value, "label": label[:200]}
        if spanish_by_line.get(label):
            choice["label_es"] = spanish_by_line[label][:200]
        choices.append(choice)
    return choices


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    actor: Any,
    kind: str,
    label: str,
    choices_text: str = "",
    choices_text_es: str = "",
    **fields: Any,
) -> Question:
    """Add a question at the end of its page. Choice questions need two or more choices."""
    if survey.responses.filter(submitted_at__isnull=False).exists():
        raise SurveyError(_("People have answered already: questions can no longer be added."))
    choices = _choices_from_lines(choices_text, choices_text_es) if kind in CHOICE_KINDS else []
    if kind in CHOICE_KINDS and len(choices) < 2:
        raise SurveyError(_("A choice question needs at least two different choices, one a line."))
    depends = fields.get("show_if_question")
    if depends is not None and depends.survey_id != survey.pk:
        raise SurveyError(_("Skip logic can only depend on a question of the same survey."))
    position = survey.questions.count()
    question = Question.objects.create(
        survey=survey, kind=kind, label=label, choices=choices, position=position, **fields
    )
    audit_log(actor=actor, obj=survey, action="survey.question_add", data={"question": question.pk})
    results_version_bump(survey_pk=survey.pk)
    return question


@transaction.atomic
def survey_status_set(*, survey: Survey, actor: Any, status: str) -> Survey:
    """Open a survey (it needs a question) or close it (answers can no longer change)."""
    if status == Survey.Status.OPEN and not survey.questions.exists():
        raise SurveyError(_("Add a question before opening the survey."))
    if survey.event is not None and survey.event.is_template and status == Survey.Status.OPEN:
        raise SurveyError(_("A kit's survey is a pattern: it opens on events made from the kit."))
    # A survey opened early still takes answers only from its opens_at on.
    survey.status = status
    survey.save(update_fields=["status"])
    audit_log(actor=actor, obj=survey, action=f"survey.{status}")
    results_version_bump(survey_pk=survey.pk)
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey, actor: Any, publish: bool) -> Survey:
    """Publish (or withdraw) the survey's public report of aggregates."""
    if publish and survey.status == Survey.Status.DRAFT:
        raise SurveyError(_("A draft survey has no results to publish."))
    survey.published_at = timezone.now() if publish else None
    survey.save(update_fields=["published_at"])
    audit_log(actor=actor, obj=survey, action="survey.publish" if publish else "survey.unpublish")
    results_version_bump(survey_pk=survey.pk)
    return survey


@transaction.atomic
def lean_override_set(*, leader: Leader, area_lean: str, actor: Any) -> LeanOverride | None:
    """Set (or with "" remove) an organizer's lean for a leader whose profile gives none."""
    if not area_lean:
        LeanOverride.objects.filter(leader=leader).delete()
        audit_log(actor=actor, obj=leader, action="survey.lean_override_clear")
        return None
    override, _created = LeanOverride.objects.update_or_create(
        leader=leader, defaults={"area_lean": area_lean, "set_by": actor, "set_at": timezone.now()}
    )
    audit_log(actor=actor, obj=leader, action="survey.lean_override", data={"lean": area_lean})
    return override


def survey_copy_with_event(*, source: Event, copy: Event, actor: Any) -> Survey | None:
    """Carry an event's survey to its kit, or a kit's survey to an event made from it.

    The copy is a draft with the same questions and skip logic: the new event's team opens it.
    Runs inside the kit service's transaction (events' kit hook).
    """
    original = Survey.objects.filter(event=source).first()
    if original is None:
        return None
    survey = Survey.objects.create(
        title=original.title,
        slug=_unique_slug(original.title),
        intro=original.intro,
        audience=original.audience,
        event=copy,
        anonymous=original.anonymous,
        send_after_hours=original.send_after_hours,
        reminder_after_days=original.reminder_after_days,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    mapping: dict[int, Question] = {}
    for question in original.questions.order_by("page", "position", "pk"):
        old_pk, depends = question.pk, question.show_if_question_id
        question.pk = None
        question.survey = survey
        question.show_if_question = mapping.get(depends) if depends else None
        question.save()
        mapping[old_pk] = question
    audit_log(actor=actor, obj=survey, action="survey.copy", data={"from": original.pk})
    return survey
