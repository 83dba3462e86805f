"""Who a survey asks: the only people who may answer it and the only ones it mails."""

from __future__ import annotations

from django.db.models import QuerySet

from campaigns.models import CampaignMember
from directory.models import Leader
from events.models import RSVP

from .lean_table import MARGIN_2020, lean_for_margin
from .models import Survey

FILTER_KEYS = ("state", "topic", "area_type", "lean", "role")


def _states_with_lean(lean: str) -> list[str]:
    return [state for state, margin in MARGIN_2020.items() if lean_for_margin(margin) == lean]


def survey_audience(*, survey: Survey) -> QuerySet[Leader]:
    """The leaders in the survey's audience (no one for an event audience without an event)."""
    leaders = Leader.objects.all()
    kind = survey.audience
    if kind in (Survey.Audience.EVENT_CHECKED_IN, Survey.Audience.EVENT_GOING):
        if survey.event_id is None or survey.event is None or survey.event.is_template:
            return leaders.none()
        rsvps = RSVP.objects.filter(
            event_id=survey.event_id, status=RSVP.Status.GOING, removed_at=None
        )
        if kind == Survey.Audience.EVENT_CHECKED_IN:
            rsvps = rsvps.filter(checked_in_at__isnull=False)
        return leaders.filter(pk__in=rsvps.values("leader_id"))
    if kind == Survey.Audience.CAMPAIGN_MEMBERS:
        if survey.campaign_id is None:
            return leaders.none()
        members = CampaignMember.objects.filter(campaign_id=survey.campaign_id)
        return leaders.filter(pk__in=members.values("leader_id"))
    wanted = {k: v for k, v in (survey.audience_filter or {}).items() if k in FILTER_KEYS and v}
    if state := wanted.get("state"):
        leaders = leaders.filter(state=state)
    if topic := wanted.get("topic"):
        leaders = leaders.filter(topics__slug=topic)
    if area_type := wanted.get("area_type"):
        leaders = leaders.filter(area_type=area_type)
    if role := wanted.get("role"):
        leaders = leaders.filter(roles__slug=role)
    if lean := wanted.get("lean"):
        # The same order as segments.py: the profile, else the override, else the state table.
        from django.db.models import Q

        leaders = leaders.filter(
            Q(area_lean=lean)
            | Q(area_lean="", lean_override__area_lean=lean)
            | Q(area_lean="", lean_override=None, state__in=_states_with_lean(lean))
        )
    return leaders.distinct()


def survey_audience_includes(*, survey: Survey, leader: Leader | None) -> bool:
    """Whether `leader` is in the survey's audience right now."""
    if leader is None:
        return False
    return survey_audience(survey=survey).filter(pk=leader.pk).exists()
