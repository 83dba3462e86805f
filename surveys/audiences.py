"""Who a survey asks: the only people who may answer it and the only ones it mails."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from campaigns.models import CampaignMember
from directory.models import Leader
from events.models import RSVP

from .lean_table import MARGIN_2020, lean_for_margin
from .models import Survey

# The keys of a LEADERS audience filter. "states" and "topics" are lists (any of them);
# "state" and "topic" are the single values surveys saved before lists were possible.
FILTER_KEYS = ("states", "topics", "area_type", "lean", "role", "city", "state", "topic")


def _states_with_lean(lean: str) -> list[str]:
    return [state for state, margin in MARGIN_2020.items() if lean_for_margin(margin) == lean]


def _listed(wanted: dict, many: str, one: str) -> list[str]:
    values = wanted.get(many) or []
    values = [values] if isinstance(values, str) else list(values)
    if single := wanted.get(one):
        values.append(single)
    return [str(value) for value in values if value]


def leaders_matching(audience_filter: dict | None) -> QuerySet[Leader]:
    """The leaders a network survey's filter selects (everyone for an empty filter)."""
    leaders = Leader.objects.all()
    wanted = {k: v for k, v in (audience_filter or {}).items() if k in FILTER_KEYS and v}
    if states := _listed(wanted, "states", "state"):
        leaders = leaders.filter(state__in=states)
    if topics := _listed(wanted, "topics", "topic"):
        leaders = leaders.filter(topics__slug__in=topics)
    if area_type := wanted.get("area_type"):
        leaders = leaders.filter(area_type=area_type)
    if role := wanted.get("role"):
        leaders = leaders.filter(roles__slug=role)
    if city := wanted.get("city"):
        leaders = leaders.filter(city__iexact=city)
    if lean := wanted.get("lean"):
        # The same order as segments.py: the profile, else the override, else the state table.
        leaders = leaders.filter(
            Q(area_lean=lean)
            | Q(area_lean="", lean_override__area_lean=lean)
            | Q(area_lean="", lean_override=None, state__in=_states_with_lean(lean))
        )
    return leaders.distinct()


def audience_count(audience_filter: dict | None) -> int:
    """How many leaders a network filter selects (the preview on the survey form)."""
    return leaders_matching(audience_filter).count()


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
    return leaders_matching(survey.audience_filter)


def survey_audience_includes(*, survey: Survey, leader: Leader | None) -> bool:
    """Whether `leader` is in the survey's audience right now."""
    if leader is None:
        return False
    return survey_audience(survey=survey).filter(pk=leader.pk).exists()
