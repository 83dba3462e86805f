"""Stance reports and the current stance. Only verified reports reach the scoreboard."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError

from ..models import Campaign, CampaignOfficial, Meeting, Official, StanceReport


class StanceError(ServiceError):
    """A request that cannot be honoured; the message is safe to show."""


def target_for(*, campaign: Campaign, official: Official) -> CampaignOfficial:
    """The campaign's row for this official, created on first use."""
    target, _created = CampaignOfficial.objects.get_or_create(campaign=campaign, official=official)
    return target


@transaction.atomic
def stance_report_create(
    *,
    campaign: Campaign,
    official: Official,
    stance: str,
    source: str,
    reporter,
    evidence_url: str = "",
    notes: str = "",
    meeting: Meeting | None = None,
    reported_at=None,
    verify: bool = False,
) -> StanceReport:
    """Record a claim about an official's stance, waiting for an organizer to verify it; with
    `verify`, an organizer's own report is verified at once, in the same transaction."""
    if official.body_id != campaign.target_body_id:
        raise StanceError(_("This official does not sit on the campaign's target body."))
    report = StanceReport.objects.create(
        campaign=campaign,
        official=official,
        stance=stance,
        source=source,
        evidence_url=evidence_url,
        notes=notes,
        meeting=meeting,
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
        reported_at=reported_at or timezone.now(),
    )
    target_for(campaign=campaign, official=official)
    audit_log(actor=reporter, obj=report, action="stance.report", data={"stance": stance})
    if verify:
        report = stance_report_review(report=report, verified=True, actor=reporter)
    return report


def _refresh_current(*, campaign_id: int, official_id: int) -> CampaignOfficial:
    """Set the current stance to the latest verified report (by when it was reported)."""
    target = CampaignOfficial.objects.select_for_update().get(
        campaign_id=campaign_id, official_id=official_id
    )
    latest = (
        StanceReport.objects.filter(
            campaign_id=campaign_id, official_id=official_id, review=StanceReport.Review.VERIFIED
        )
        .order_by("-reported_at", "-id")
        .first()
    )
    stance = latest.stance if latest else CampaignOfficial._meta.get_field("stance").default
    if target.stance_report_id != (latest.pk if latest else None) or target.stance != stance:
        target.stance = stance
        target.stance_report = latest
        target.stance_changed_at = timezone.now()
        target.save(update_fields=["stance", "stance_report", "stance_changed_at"])
        Campaign.objects.filter(pk=campaign_id).update(updated_at=timezone.now())
    return target


@transaction.atomic
def stance_report_review(*, report: StanceReport, verified: bool, actor) -> StanceReport:
    """Verify or reject a report; the official's current stance follows the verified ones."""
    report = StanceReport.objects.select_for_update().get(pk=report.pk)
    report.review = StanceReport.Review.VERIFIED if verified else StanceReport.Review.REJECTED
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.save(update_fields=["review", "reviewed_by", "reviewed_at"])
    target_for(campaign=report.campaign, official=report.official)
    _refresh_current(campaign_id=report.campaign_id, official_id=report.official_id)
    audit_log(actor=actor, obj=report, action=f"stance.{report.review}")
    return report
