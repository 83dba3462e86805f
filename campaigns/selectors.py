"""Read queries of the public campaign pages: the list, a campaign's page, an official's page.

Counts come from correlated subqueries in the same query as the rows, so a list of 20 campaigns
costs what a list of 1 costs. Nothing here reads a constituent's name, email or address: the
public pages only ever see counts of members and meetings.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise

from directory.models import Organization, Resource

from .models import (
    Campaign,
    CampaignOfficial,
    Meeting,
    Official,
    PressureAction,
    Stance,
    StanceReport,
)


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` (already filtered on OuterRef) as an annotation."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _current_official(prefix: str = "") -> Q:
    """Officials whose term has not ended (as OfficialQuerySet.current, through a relation)."""
    today = timezone.localdate()
    return Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": today})


def with_progress(queryset: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Annotate meetings held and supporters (current officials of the target body)."""
    held = Meeting.objects.filter(campaign=OuterRef("pk"), status=Meeting.Status.HELD)
    supporters = CampaignOfficial.objects.filter(
        Q(campaign=OuterRef("pk"))
        & Q(stance=Stance.SUPPORTS)
        & Q(official__body=OuterRef("target_body"))
        & _current_official("official__"),
    )
    return queryset.annotate(
        meetings_held=_count(held, "campaign"), supporters=_count(supporters, "campaign")
    )


def campaigns_listed() -> QuerySet[Campaign]:
    """Every campaign but drafts, active ones first, newest first, with their progress."""
    active_first = Case(
        When(status=Campaign.Status.ACTIVE, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return with_progress(
        Campaign.objects.exclude(status=Campaign.Status.DRAFT)
        .select_related("target_body")
        .annotate(active_first=active_first)
        .order_by("active_first", "-created_at", "-id")
    )


def campaign_progress(*, campaign: Campaign) -> Campaign:
    """The campaign again, annotated with meetings_held and supporters (one query)."""
    return with_progress(Campaign.objects.filter(pk=campaign.pk)).get()


@dataclass(frozen=True)
class CampaignLinks:
    resources: list[Resource]
    partners: list[Organization]
    champions: list[CampaignOfficial]


def campaign_links(*, campaign: Campaign) -> CampaignLinks:
    """Linked toolkits and resources, coalition partners, sponsors and champions."""
    return CampaignLinks(
        resources=list(campaign.resources.order_by("title").only("id", "title", "slug", "kind")),
        partners=list(
            campaign.coalition_partners.order_by("name").only(
                "id", "name", "slug", "kind", "city", "state"
            )
        ),
        champions=list(
            campaign.targets.filter(Q(is_sponsor=True) | Q(is_champion=True))
            .select_related("official__district")
            .order_by("official__family_name", "official__name")
        ),
    )


def official_for_campaign(*, campaign: Campaign, slug: str) -> Official | None:
    """An official of the campaign's target body (current or former), by slug."""
    return (
        Official.objects.select_related("district", "body")
        .filter(slug=slug, body_id=campaign.target_body_id)
        .first()
    )


@dataclass(frozen=True)
class OfficialRecord:
    """What the public page of an official in a campaign shows."""

    target: CampaignOfficial | None
    stance: str
    history: list[StanceReport]
    meetings_held: int
    actions: list[PressureAction]
    actions_total: int

    @property
    def stance_label(self) -> str | Promise:
        return Stance(self.stance).label


def official_record(*, campaign: Campaign, official: Official) -> OfficialRecord:
    """The official's current stance, verified history, meetings held and pressure actions.

    Only verified reports are read, and only the fields the public may see: never the
    reporter, the notes or the meeting (which would lead to constituents).
    """
    target = CampaignOfficial.objects.filter(campaign=campaign, official=official).first()
    history = list(
        StanceReport.objects.filter(
            campaign=campaign, official=official, review=StanceReport.Review.VERIFIED
        )
        .only("id", "stance", "source", "evidence_url", "reported_at")
        .order_by("-reported_at", "-id")
    )
    meetings_held = Meeting.objects.filter(
        campaign=campaign, official=official, status=Meeting.Status.HELD
    ).count()
    actions_query = PressureAction.objects.filter(campaign=campaign).filter(
        official_action_filter(official)
    )
    actions = list(
        actions_query.only(
            "id", "kind", "title", "outlet", "url", "count", "happened_on", "official_id"
        )[:100]
    )
    total = actions_query.aggregate(total=Sum("count"))["total"] or 0
    return OfficialRecord(
        target=target,
        stance=target.stance if target else Stance.NO_RESPONSE,
        history=history,
        meetings_held=meetings_held,
        actions=actions,
        actions_total=total,
    )


def official_action_filter(official: Official) -> Q:
    """Actions aimed at the official, or at their district without naming an official."""
    q = Q(official=official)
    if official.district_id:
        q |= Q(official__isnull=True, district_id=official.district_id)
    return q


def memberships_export(*, leader) -> list[dict]:
    """A person's campaign memberships and meetings, for their data download."""
    from .models import CampaignMember, MeetingAttendee

    members = (
        CampaignMember.objects.filter(leader=leader)
        .select_related("campaign")
        .prefetch_related("districts")
        .order_by("joined_at")
    )
    attendances = MeetingAttendee.objects.filter(member__leader=leader).select_related(
        "meeting__official"
    )
    by_member: dict[int, list[dict]] = {}
    for attendance in attendances:
        meeting = attendance.meeting
        by_member.setdefault(attendance.member_id, []).append(
            {
                "official": meeting.official.name,
                "status": meeting.status,
                "scheduled_at": meeting.scheduled_at,
                "attended": attendance.attended,
            }
        )
    return [
        {
            "campaign": member.campaign.title,
            "campaign_url": member.campaign.get_absolute_url(),
            "role": member.role,
            "affected_community": member.affected_community,
            "municipality": member.municipality,
            "ward": member.ward,
            "precinct": member.precinct,
            "zip_code": member.zip_code,
            "districts": [district.name for district in member.districts.all()],
            "joined_at": member.joined_at,
            "meetings": by_member.get(member.pk, []),
        }
        for member in members
    ]
