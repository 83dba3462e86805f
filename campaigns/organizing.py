"""Campaigns' part of "My organizing" (actlocal.organizing): the campaigns a person is on the
team of, each with the one thing that waits for them next."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actlocal.organizing import (
    CURRENT,
    DRAFT,
    PAST,
    NextAction,
    OrganizingItem,
    OrganizingSource,
    organizing_source_register,
)

from .manage_selectors import campaign_roles_exist, campaigns_organized_by
from .models import Campaign, CampaignRole
from .permissions import can_create_campaigns

_GROUPS = {Campaign.Status.DRAFT: DRAFT, Campaign.Status.ACTIVE: CURRENT}


def _url(name: str, campaign: Campaign) -> str:
    return reverse(name, kwargs={"slug": campaign.slug})


def campaign_next_action(campaign: Campaign) -> NextAction:
    """What the team should do next about `campaign` (annotated by campaigns_organized_by)."""
    if campaign.status == Campaign.Status.DRAFT:
        return NextAction(_("Finish setting up"), _url("campaigns:manage", campaign))
    if campaign.pending_reports:
        label = ngettext(
            "Verify %(n)s report", "Verify %(n)s reports", campaign.pending_reports
        ) % {"n": campaign.pending_reports}
        return NextAction(label, _url("campaigns:stances", campaign))
    return NextAction(_("Open the dashboard"), _url("campaigns:manage", campaign))


def _items(user: Any) -> list[OrganizingItem]:
    return [
        OrganizingItem(
            title=campaign.title,
            url=_url("campaigns:manage", campaign),
            group=_GROUPS.get(campaign.status, PAST),
            status=str(campaign.get_status_display()),
            role=str(CampaignRole.Role(campaign.my_role).label),
            next_action=campaign_next_action(campaign),
        )
        for campaign in campaigns_organized_by(user=user)
    ]


def _new_actions(user: Any) -> list[NextAction]:
    if not can_create_campaigns(user):
        return []
    return [NextAction(_("New campaign"), reverse("campaigns:create"))]


def register() -> None:
    organizing_source_register(
        OrganizingSource(
            key="campaigns",
            heading=gettext_lazy("Campaigns"),
            items=_items,
            has_role=lambda user: campaign_roles_exist(user=user),
            new_actions=_new_actions,
        )
    )
