"""Who may see and run a campaign. 404 for what you may not see, 403 for what you may not change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from actlocal.permissions import is_organizer, is_staff

from .models import Campaign, CampaignMember, CampaignRole


def campaign_role(user: Any, campaign: Campaign) -> str | None:
    """The user's role on the campaign's team (cached on the user per campaign), or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = user.__dict__.setdefault("_campaign_roles", {})
    if campaign.pk not in cache:
        cache[campaign.pk] = (
            CampaignRole.objects.filter(campaign_id=campaign.pk, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[campaign.pk]


def can_manage(user: Any, campaign: Campaign) -> bool:
    return is_staff(user) or campaign_role(user, campaign) is not None


def can_lead(user: Any, campaign: Campaign) -> bool:
    return is_staff(user) or campaign_role(user, campaign) == CampaignRole.Role.LEAD


def can_create_campaigns(user: Any) -> bool:
    return is_organizer(user)


def can_view(user: Any, campaign: Campaign) -> bool:
    return campaign.is_public or can_manage(user, campaign)


def membership(user: Any, campaign: Campaign) -> CampaignMember | None:
    """The signed-in user's membership of the campaign, if they joined."""
    if not getattr(user, "is_authenticated", False):
        return None
    leader = getattr(user, "leader", None) if hasattr(user, "leader") else None
    if leader is None:
        return None
    return CampaignMember.objects.filter(campaign=campaign, leader=leader).first()


def access_campaign(user: Any, slug: str, *, manage: bool = False) -> Campaign:
    """The campaign if the user may see it (404 otherwise); 403 if they may not run it."""
    campaign = Campaign.objects.select_related("target_body").filter(slug=slug).first()
    if campaign is None or not can_view(user, campaign):
        raise Http404
    if manage and not can_manage(user, campaign):
        raise PermissionDenied
    return campaign
