"""Reads shared by the survey views, tasks and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from actlocal.collation import ReaderOrder
from actlocal.models import Topic
from directory.models import Leader

from .models import Question, Response, Survey


def survey_questions(*, survey: Survey) -> list[Question]:
    """The survey's questions in page and position order."""
    return list(Question.objects.filter(survey=survey).order_by("page", "position", "pk"))


class QuestionKey(NamedTuple):
    """What the trends need of a question (stored with the owners' cached results parts)."""

    pk: int
    trend_key: str


def survey_topics() -> list[Topic]:
    """The options of a "which topics/resources do you need" question."""
    return list(Topic.objects.order_by(ReaderOrder("name"), "id"))


def leader_by_pk(*, pk: int) -> Leader | None:
    return Leader.objects.filter(pk=pk).first()


def leader_for_user(*, user: Any) -> Leader | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Leader.objects.filter(user=user).first()


def response_for(*, survey: Survey, leader: Leader) -> Response | None:
    return Response.objects.filter(survey=survey, leader=leader).first()


def surveys_owned(*, user: Any) -> QuerySet[Survey]:
    """The surveys a user runs: all for staff, their events' and campaigns' for organizers."""
    surveys = Survey.objects.select_related("event", "campaign").order_by("-opens_at", "-pk")
    if user.is_staff:
        return surveys
    return surveys.filter(
        Q(event__roles__user=user, event__roles__role__in=("lead", "co_organizer"))
        | Q(campaign__roles__user=user)
    ).distinct()


def surveys_open_for(*, leader: Leader | None) -> list[Survey]:
    """Open surveys whose audience includes the leader (a short list: checked one by one)."""
    from .audiences import survey_audience_includes

    if leader is None:
        return []
    now = timezone.now()
    candidates = Survey.objects.filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        status=Survey.Status.OPEN,
        opens_at__lte=now,
    ).select_related("event")
    return [s for s in candidates if survey_audience_includes(survey=s, leader=leader)]


def survey_for_event(*, event_pk: int) -> Survey | None:
    return Survey.objects.select_related("event").filter(event_id=event_pk).first()


def leader_by_slug(*, slug: str) -> Leader | None:
    return Leader.objects.filter(slug=slug).first()


def survey_for_campaign(*, campaign_pk: int, slug: str) -> Survey | None:
    return (
        Survey.objects.select_related("campaign").filter(campaign_id=campaign_pk, slug=slug).first()
    )


def city_is_known(*, city: str) -> bool:
    """Whether some leader's profile lists this city (any case): an audience can match it."""
    return Leader.objects.filter(city__iexact=city).exists()


@dataclass(frozen=True)
class ReportStamp:
    """What keys a published report's cache: the survey and its results version."""

    pk: int
    results_version: int


def survey_slug(*, pk: int) -> str | None:
    """The slug of a survey (its report's URL), None if it is gone."""
    return Survey.objects.filter(pk=pk).values_list("slug", flat=True).first()
