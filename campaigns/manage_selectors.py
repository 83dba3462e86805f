"""Reads of the campaign team's pages and of a meeting's page: setup, targets, scripts, the
ordinance playbook, stances, pressure actions, meetings.

The `*_or_404` ones answer 404 for a row that is not the campaign's, like the access helpers.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actlocal.collation import ReaderOrder
from actlocal.models import Topic
from directory.models import Leader
from directory.selectors import leaders_choosable

from .models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    CampaignRole,
    CampaignScript,
    CampaignStep,
    Meeting,
    MeetingReport,
    Official,
    Opponent,
    PlaybookTemplate,
    PressureAction,
    Stance,
    StanceReport,
)

# --- Setup -------------------------------------------------------------------------------------


def campaign_fresh_get(*, campaign: Campaign) -> Campaign:
    """A second copy of `campaign` for a form to write into while validating."""
    return Campaign.objects.get(pk=campaign.pk)


def campaign_topics(*, campaign: Campaign) -> list[Topic]:
    """The campaign's topics by name."""
    return list(campaign.topics.order_by(ReaderOrder("name"), "id"))


def campaign_first_topic_slug(*, campaign: Campaign) -> str | None:
    """The slug of the campaign's first topic by name (for "near me" links), or None."""
    return (
        campaign.topics.order_by(ReaderOrder("name"), "id").values_list("slug", flat=True).first()
    )


def campaign_team(*, campaign: Campaign) -> QuerySet[CampaignRole]:
    """The team's roles with their accounts."""
    return CampaignRole.objects.filter(campaign=campaign).select_related("user")


def campaign_own_scripts(*, campaign: Campaign) -> dict[str, CampaignScript]:
    """The scripts the team wrote (each with its Spanish version), by stance."""
    return {script.stance: script for script in CampaignScript.objects.filter(campaign=campaign)}


def campaign_targets(*, campaign: Campaign) -> list[CampaignOfficial]:
    """The targeted officials with their districts, by family name."""
    return list(
        CampaignOfficial.objects.filter(campaign=campaign)
        .select_related("official", "official__district")
        .order_by("official__family_name", "official__name", "official_id")
    )


def campaign_target_or_404(*, campaign: Campaign, pk: int | None) -> CampaignOfficial:
    return get_object_or_404(
        CampaignOfficial.objects.select_related("official"), pk=pk, campaign=campaign
    )


def campaign_untargeted_count(*, campaign: Campaign) -> int:
    """Current officials of the target body the campaign does not target yet."""
    return (
        Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .exclude(campaign_targets__campaign=campaign)
        .count()
    )


# --- Ordinance playbook ------------------------------------------------------------------------


def campaign_steps(*, campaign: Campaign) -> list[CampaignStep]:
    """The playbook's steps in order, with their owners."""
    return list(
        CampaignStep.objects.filter(campaign=campaign)
        .select_related("owner")
        .order_by("position", "id")
    )


def campaign_step_or_404(*, campaign: Campaign, pk: int | None) -> CampaignStep:
    return get_object_or_404(CampaignStep, pk=pk, campaign=campaign)


def campaign_step_fresh_get(*, step: CampaignStep) -> CampaignStep:
    """A second copy of `step` for a form to write into while validating."""
    return CampaignStep.objects.get(pk=step.pk)


def playbook_template_get(*, pk: Any) -> PlaybookTemplate | None:
    return PlaybookTemplate.objects.filter(pk=pk).first()


def playbook_templates() -> QuerySet[PlaybookTemplate]:
    return PlaybookTemplate.objects.order_by(ReaderOrder("name"), "id")


def campaign_opponents(*, campaign: Campaign) -> QuerySet[Opponent]:
    return Opponent.objects.filter(campaign=campaign).select_related("organization", "official")


def campaign_opponent_or_404(*, campaign: Campaign, pk: int | None) -> Opponent:
    return get_object_or_404(Opponent, pk=pk, campaign=campaign)


def campaign_opponent_fresh_get(*, opponent: Opponent) -> Opponent:
    """A second copy of `opponent` for a form to write into while validating."""
    return Opponent.objects.get(pk=opponent.pk)


def leadership_choosable(*, user: Any, campaign: Campaign) -> QuerySet[Leader]:
    """Leaders `user` may add to the campaign's leadership: those they see, not in it yet."""
    in_leadership = CampaignMember.objects.filter(
        campaign=campaign, leader=OuterRef("pk"), role=CampaignMember.Role.LEADERSHIP
    )
    return leaders_choosable(user=user).exclude(Exists(in_leadership))


def leadership_members(*, campaign: Campaign) -> QuerySet[CampaignMember]:
    """The campaign's leadership, by name."""
    return (
        CampaignMember.objects.filter(campaign=campaign, role=CampaignMember.Role.LEADERSHIP)
        .select_related("leader")
        .order_by("leader__name", "id")
    )


def leadership_member_or_404(*, campaign: Campaign, pk: int | None) -> CampaignMember:
    return get_object_or_404(
        CampaignMember, pk=pk, campaign=campaign, role=CampaignMember.Role.LEADERSHIP
    )


# --- Stances and pressure actions --------------------------------------------------------------


def stance_reports(*, campaign: Campaign) -> QuerySet[StanceReport]:
    """The campaign's stance reports with what their rows show."""
    return StanceReport.objects.filter(campaign=campaign).select_related(
        "official__district", "reporter", "reviewed_by", "meeting"
    )


def stance_reports_pending(*, campaign: Campaign) -> list[StanceReport]:
    """Reports waiting for verification, oldest first."""
    return list(
        stance_reports(campaign=campaign)
        .filter(review=StanceReport.Review.PENDING)
        .order_by("reported_at", "id")
    )


def stance_reports_reviewed(*, campaign: Campaign, limit: int) -> list[StanceReport]:
    """The latest decisions, newest first."""
    return list(
        stance_reports(campaign=campaign)
        .exclude(review=StanceReport.Review.PENDING)
        .order_by("-reviewed_at", "-id")[:limit]
    )


def stance_reports_history(*, campaign: Campaign, official: Official) -> list[StanceReport]:
    """Every report on one official, newest first."""
    return list(
        stance_reports(campaign=campaign).filter(official=official).order_by("-reported_at", "-id")
    )


def stance_report_or_404(*, campaign: Campaign, pk: int) -> StanceReport:
    return get_object_or_404(
        StanceReport.objects.select_related("official", "campaign"), pk=pk, campaign=campaign
    )


def stale_officials(*, campaign: Campaign) -> list[dict]:
    """Current officials whose stance has not changed in stale_after_weeks (or ever)."""
    cutoff = timezone.now() - timedelta(weeks=campaign.stale_after_weeks)
    return list(
        Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .annotate(
            target=FilteredRelation(
                "campaign_targets", condition=Q(campaign_targets__campaign_id=campaign.pk)
            ),
            current_stance=Coalesce(F("target__stance"), Value(Stance.NO_RESPONSE)),
            changed_at=F("target__stance_changed_at"),
        )
        .filter(Q(changed_at__isnull=True) | Q(changed_at__lt=cutoff))
        .order_by(F("changed_at").asc(nulls_first=True), "family_name", "name")
        .values("name", "slug", "district__name", "current_stance", "changed_at")
    )


def pressure_action_totals(*, campaign: Campaign) -> list[Any]:
    """Per official (and district-only actions per district): actions and their summed counts."""
    return list(
        PressureAction.objects.filter(campaign=campaign)
        .values("official__name", "official__slug", "district__name")
        .annotate(actions=Count("pk"), total=Sum("count"))
        .order_by("-total", "official__name", "district__name")
    )


def pressure_actions_recent(*, campaign: Campaign) -> QuerySet[PressureAction]:
    """The campaign's pressure actions, newest first (paginated by the page)."""
    return (
        PressureAction.objects.filter(campaign=campaign)
        .select_related("official", "district", "created_by")
        .order_by("-happened_on", "-id")
    )


# --- Meetings ----------------------------------------------------------------------------------


def meeting_or_404(*, campaign: Campaign, pk: int, with_body: bool = False) -> Meeting:
    """One of the campaign's meetings with its official's district (and body)."""
    related = ["official__district", "campaign"]
    if with_body:
        related.insert(1, "official__body")
    return get_object_or_404(Meeting.objects.select_related(*related), pk=pk, campaign=campaign)


def meeting_report_get(*, meeting: Meeting) -> MeetingReport | None:
    """The meeting's report, if one was filed."""
    return MeetingReport.objects.filter(meeting=meeting).first()


def meeting_has_attendee(*, meeting: Meeting, member: CampaignMember) -> bool:
    return meeting.attendees.filter(member=member).exists()


def meeting_attendees(*, meeting: Meeting) -> list:
    """The meeting's attendees with their leaders, in the order they were added."""
    return list(meeting.attendees.select_related("member__leader").order_by("pk"))


def campaign_official_get(*, campaign: Campaign, pk: int) -> Official | None:
    """One of the target body's current officials, or None."""
    from .services.meetings import campaign_officials

    return campaign_officials(campaign=campaign).filter(pk=pk).first()


# --- My organizing -----------------------------------------------------------------------------


def campaigns_organized_by(*, user: Any) -> list[Campaign]:
    """Campaigns `user` is on the team of, with their role and the stance reports waiting for
    verification, in one query; by title."""
    role = CampaignRole.objects.filter(campaign=OuterRef("pk"), user=user).values("role")[:1]
    pending = (
        StanceReport.objects.filter(campaign=OuterRef("pk"), review=StanceReport.Review.PENDING)
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return list(
        Campaign.objects.filter(
            Exists(CampaignRole.objects.filter(campaign=OuterRef("pk"), user=user))
        )
        .annotate(
            my_role=Subquery(role),
            pending_reports=Coalesce(Subquery(pending, output_field=IntegerField()), 0),
        )
        .order_by("title", "id")
    )


def campaign_roles_exist(*, user: Any) -> bool:
    """Whether `user` is on any campaign's team."""
    return CampaignRole.objects.filter(user=user).exists()
