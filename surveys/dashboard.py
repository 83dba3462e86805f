"""What surveys adds to a campaign's dashboard (campaigns' dashboard_links registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.dashboard_links import DashboardLink
from campaigns.models import Campaign
from campaigns.permissions import can_manage

from .selectors import surveys_of_campaign


def campaign_survey_links(*, campaign: Campaign, user: Any) -> list[DashboardLink]:
    """For the campaign's team: "New survey" and each of the campaign's surveys."""
    if not can_manage(user, campaign):
        return []
    links = [
        DashboardLink(
            label=str(_("New survey")),
            url=reverse("campaign_survey:new", kwargs={"campaign_slug": campaign.slug}),
            note=str(_("asks the campaign's members")),
        )
    ]
    for survey in surveys_of_campaign(campaign_pk=campaign.pk):
        links.append(
            DashboardLink(
                label=survey.title,
                url=reverse(
                    "campaign_survey:manage",
                    kwargs={"campaign_slug": campaign.slug, "slug": survey.slug},
                ),
                note=survey.get_status_display(),
            )
        )
    return links
