"""Reads for a campaign's organizer dashboard. A fixed number of queries, whatever the number of
officials, meetings or reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    CampaignStep,
    Meeting,
    MeetingReport,
    PressureAction,
    Stance,
    StanceReport,
)

# Long lists on the dashboard stop here; the pages behind them have everything.
DASHBOARD_LIST_LIMIT = 100
FINISHED_STEPS = (CampaignStep.Status.DONE, CampaignStep.Status.SKIPPED)
MET = (Meeting.Status.HELD, Meeting.Status.SCHEDULED)


@dataclass
class MeetingCounts:
    goal: int
    held: int = 0
    scheduled: int = 0
    requested: int = 0
    cancelled: int = 0
    refused: int = 0

    @property
    def percent(self) -> int:
        """Held meetings as a share of the goal, capped at 100."""
        if not self.goal:
            return 0
        return min(100, round(100 * self.held / self.goal))

    @property
    def to_go(self) -> int:
        return max(self.goal - self.held, 0)


@dataclass
class Playbook:
    total: int = 0
    done: int = 0
    overdue: list[CampaignStep] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Dashboard:
    meetings: MeetingCounts
    targets: list[CampaignOfficial]
    stance_counts: list[tuple[str, str, int]]
    supporters: int
    votes_needed: int
    no_meeting: list[CampaignOfficial]
    stale: list[CampaignOfficial]
    stale_after_weeks: int
    pending_reports: int
    follow_ups: list[MeetingReport]
    follow_up_total: int
    constituents: int
    playbook: Playbook | None
    sponsors: list[CampaignOfficial]
    champions: list[CampaignOfficial]

    @property
    def votes_to_go(self) -> int:
        return max(self.votes_needed - self.supporters, 0)


def meeting_counts(*, campaign: Campaign) -> MeetingCounts:
    """Meetings of the campaign by status, in one query."""
    row = Meeting.objects.filter(campaign=campaign).aggregate(
        **{
            status: Count("id", filter=Q(status=status))
            for status in ("held", "scheduled", "requested", "cancelled", "refused")
        }
    )
    return MeetingCounts(goal=campaign.meeting_goal, **row)


def targets_with_activity(*, campaign: Campaign) -> list[CampaignOfficial]:
    """The campaign's officials with their meetings held and planned and the pressure on them
    (actions on the official, or on their district without a named official), in one query."""
    meetings = Meeting.objects.filter(campaign=campaign, official=OuterRef("official_id"))
    held = (
        meetings.filter(status=Meeting.Status.HELD)
        .order_by()
        .values("official")
        .annotate(n=Count("id"))
        .values("n")
    )
    pressure = (
        PressureAction.objects.filter(campaign=campaign)
        .filter(
            Q(official=OuterRef("official_id"))
            | Q(official__isnull=True, district=OuterRef("official__district_id"))
        )
        .order_by()
        .values("campaign")  # one group: the filter keeps a single campaign
        .annotate(total=Sum("count"))
        .values("total")
    )
    return list(
        CampaignOfficial.objects.filter(campaign=campaign)
        .select_related("official", "official__district")
        .annotate(
            held_meetings=Coalesce(Subquery(held, output_field=IntegerField()), 0),
            has_meeting=Exists(meetings.filter(status__in=MET)),
            pressure=Coalesce(Subquery(pressure, output_field=IntegerField()), 0),
        )
        .order_by("official__family_name", "official__name", "official_id")
    )


def _stale_cutoff(campaign: Campaign) -> dt.datetime:
    return timezone.now() - dt.timedelta(weeks=campaign.stale_after_weeks)


def dashboard_get(*, campaign: Campaign) -> Dashboard:
    """What the organizer dashboard shows, in a fixed number of queries (one more for an
    ordinance campaign: its playbook)."""
    targets = targets_with_activity(campaign=campaign)
    counts = dict.fromkeys(Stance.values, 0)
    for target in targets:
        counts[target.stance] += 1
    cutoff = _stale_cutoff(campaign)
    stale = [t for t in targets if t.stance_changed_at is None or t.stance_changed_at < cutoff]
    no_meeting = [t for t in targets if not t.has_meeting]
    follow_ups = (
        MeetingReport.objects.filter(meeting__campaign=campaign, follow_up_needed=True)
        .select_related("meeting__official")
        .order_by("-created_at", "-id")
    )
    follow_up_list = list(follow_ups[: DASHBOARD_LIST_LIMIT + 1])
    reports = StanceReport.objects.filter(campaign=campaign).aggregate(
        pending=Count("id", filter=Q(review=StanceReport.Review.PENDING)),
    )
    constituents = CampaignMember.objects.filter(
        campaign=campaign, role=CampaignMember.Role.CONSTITUENT
    ).count()
    playbook = None
    if campaign.kind == Campaign.Kind.ORDINANCE:
        playbook = _playbook(campaign)
    return Dashboard(
        meetings=meeting_counts(campaign=campaign),
        targets=targets,
        stance_counts=[(value, label, counts[value]) for value, label in Stance.choices],
        supporters=counts[Stance.SUPPORTS],
        votes_needed=campaign.votes_needed,
        no_meeting=no_meeting[:DASHBOARD_LIST_LIMIT],
        stale=stale[:DASHBOARD_LIST_LIMIT],
        stale_after_weeks=campaign.stale_after_weeks,
        pending_reports=reports["pending"],
        follow_ups=follow_up_list[:DASHBOARD_LIST_LIMIT],
        follow_up_total=(
            len(follow_up_list)
            if len(follow_up_list) <= DASHBOARD_LIST_LIMIT
            else follow_ups.count()
        ),
        constituents=constituents,
        playbook=playbook,
        sponsors=[t for t in targets if t.is_sponsor],
        champions=[t for t in targets if t.is_champion],
    )


def _playbook(campaign: Campaign) -> Playbook:
    """Steps done (or skipped) of all, and the open steps past their due date (one query)."""
    today = timezone.localdate()
    steps = list(
        CampaignStep.objects.filter(campaign=campaign)
        .select_related("owner")
        .order_by("position", "id")
    )
    return Playbook(
        total=len(steps),
        done=sum(1 for s in steps if s.status in FINISHED_STEPS),
        overdue=[
            s for s in steps if s.due_on and s.due_on < today and s.status not in FINISHED_STEPS
        ],
    )
