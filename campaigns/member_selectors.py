"""Reads about campaign members: their own officials and meetings, the constituents the team
sees per official, and a person's meetings on /me/."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.functional import Promise

from directory.models import Leader

from .models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    District,
    Meeting,
    MeetingAttendee,
    Official,
    Stance,
)
from .scripts import script_fill, scripts_for
from .services.meetings import OPEN_STATUSES, campaign_officials


@dataclass(frozen=True)
class MyOfficial:
    """One of the member's own officials, their current stance and what to say to them."""

    official: Official
    stance: str
    script: str

    @property
    def stance_label(self) -> str | Promise:
        return Stance(self.stance).label


def member_officials(*, member: CampaignMember) -> list[MyOfficial]:
    """The member's officials on the target body, with the script for each one's stance."""
    campaign = member.campaign
    officials = list(
        campaign_officials(campaign=campaign).filter(district__in=member.districts.values("pk"))
    )
    stances = dict(
        CampaignOfficial.objects.filter(campaign=campaign, official__in=officials).values_list(
            "official_id", "stance"
        )
    )
    scripts = scripts_for(campaign=campaign)
    result = []
    for official in officials:
        stance = stances.get(official.pk, Stance.NO_RESPONSE)
        script = script_fill(
            text=scripts[stance], campaign=campaign, stance=stance, official=official
        )
        result.append(MyOfficial(official=official, stance=stance, script=script))
    return result


def member_meetings(*, member: CampaignMember) -> list[Meeting]:
    """The meetings the member is on, soonest first, unscheduled last."""
    return list(
        Meeting.objects.filter(attendees__member=member)
        .select_related("official")
        .order_by("scheduled_at", "pk")
    )


@dataclass
class ConstituentRow:
    member: CampaignMember
    open_meeting_id: int | None = None


@dataclass
class OfficialGroup:
    official: Official
    stance: str
    rows: list[ConstituentRow] = field(default_factory=list)
    meetings_held: int = 0
    meetings_open: int = 0

    @property
    def stance_label(self) -> str | Promise:
        return Stance(self.stance).label


@dataclass
class ConstituentsOverview:
    groups: list[OfficialGroup]
    unmatched: list[CampaignMember]
    members_total: int
    officials_without_constituents: int


def constituents_by_official(*, campaign: Campaign) -> ConstituentsOverview:
    """Members grouped under each current official of their district (team only: names).

    A constant number of queries whatever the number of members and officials.
    """
    body_districts = District.objects.filter(body_id=campaign.target_body_id)
    members = list(
        CampaignMember.objects.filter(campaign=campaign)
        .select_related("leader")
        .prefetch_related(Prefetch("districts", queryset=body_districts, to_attr="body_districts"))
        .order_by("leader__name", "pk")
    )
    officials = list(campaign_officials(campaign=campaign))
    by_district: dict[int, list[Official]] = defaultdict(list)
    for official in officials:
        if official.district_id:
            by_district[official.district_id].append(official)
    stances = dict(
        CampaignOfficial.objects.filter(campaign=campaign).values_list("official_id", "stance")
    )
    open_teams = {
        (member_id, official_id): meeting_id
        for member_id, official_id, meeting_id in MeetingAttendee.objects.filter(
            meeting__campaign=campaign, meeting__status__in=OPEN_STATUSES
        ).values_list("member_id", "meeting__official_id", "meeting_id")
    }
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Meeting.objects.filter(campaign=campaign)
        .values("official_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["official_id"]][row["status"]] = row["n"]
    groups: dict[int, OfficialGroup] = {}
    unmatched: list[CampaignMember] = []
    for member in members:
        mine = [o for d in member.body_districts for o in by_district.get(d.pk, [])]
        if not mine:
            unmatched.append(member)
        for official in mine:
            group = groups.get(official.pk)
            if group is None:
                per_status = counts.get(official.pk, {})
                group = groups[official.pk] = OfficialGroup(
                    official=official,
                    stance=stances.get(official.pk, Stance.NO_RESPONSE),
                    meetings_held=per_status.get(Meeting.Status.HELD, 0),
                    meetings_open=sum(per_status.get(s, 0) for s in OPEN_STATUSES),
                )
            group.rows.append(
                ConstituentRow(
                    member=member, open_meeting_id=open_teams.get((member.pk, official.pk))
                )
            )
    ordered = [groups[o.pk] for o in officials if o.pk in groups]
    return ConstituentsOverview(
        groups=ordered,
        unmatched=unmatched,
        members_total=len(members),
        officials_without_constituents=len(officials) - len(ordered),
    )


@dataclass
class MyMeetings:
    """The meetings on a person's /me/ page."""

    upcoming: list[Meeting] = field(default_factory=list)
    past: list[Meeting] = field(default_factory=list)


def meetings_for_user(*, user, past_limit: int = 20) -> MyMeetings:
    """The user's constituent meetings: open ones (soonest first, unscheduled last), then
    recent past, cancelled or refused ones. Draft campaigns are left out."""
    if not getattr(user, "is_authenticated", False):
        return MyMeetings()
    base = (
        Meeting.objects.filter(attendees__member__leader__user=user)
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .select_related("official", "campaign")
    )
    now = timezone.now()
    not_past = Q(scheduled_at__isnull=True) | Q(scheduled_at__gte=now)
    is_open = Q(status__in=OPEN_STATUSES) & not_past
    upcoming = base.filter(is_open).order_by(F("scheduled_at").asc(nulls_last=True), "pk")
    past = base.exclude(is_open).order_by(F("scheduled_at").desc(nulls_last=True), "-pk")
    return MyMeetings(upcoming=list(upcoming), past=list(past[:past_limit]))


def place_from_profile(*, user: Any) -> dict[str, str]:
    """The town, state and ZIP on the signed-in person's profile, to prefill place forms
    (find my legislator, joining); empty for anonymous people and profiles without them."""
    if not getattr(user, "is_authenticated", False):
        return {}
    leader = Leader.objects.filter(user=user).only("city", "state", "zip_code").first()
    if leader is None:
        return {}
    place = {"municipality": leader.city, "state": leader.state, "zip_code": leader.zip_code}
    return {key: value for key, value in place.items() if value}


def memberships_for_user(*, user: Any) -> list[CampaignMember]:
    """The campaigns the signed-in person joined, with each campaign, in one query; for /me/."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        CampaignMember.objects.filter(leader__user=user)
        .select_related("campaign")
        .order_by("campaign__title", "pk")
    )
