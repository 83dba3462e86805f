"""What surveys adds to a campaign's dashboard (campaigns' dashboard_links registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.dashboard_links import DashboardLink
from campaigns.models import Campaign
from campaigns.permissions import can_manage


def campaign_survey_links(*, campaign: Campaign, user: Any) -> list[DashboardLink]:
    """For the campaign's team: "New survey", and where its surveys are listed. No query: the
    dashboard's query count stays the same (its surveys are listed on /surveys/)."""
    if not can_manage(user, campaign):
        return []
    return [
        DashboardLink(
            label=str(_("New survey")),
            url=reverse("campaign_survey:new", kwargs={"campaign_slug": campaign.slug}),
            note=str(_("asks the campaign's members")),
        ),
        DashboardLink(
            label=str(_("Surveys you run")),
            url=reverse("surveys:index"),
            note=str(_("this campaign's among them, with their results")),
        ),
    ]
