"""Who may keep an organization's public profile. Organizations are public, so a missing one is
the only 404; everyone who may not manage it gets 403.

Staff, network organizers and the organization's own managers (leaders whose affiliation has
`manages_profile`) may. A team role on an event or a campaign, or managing another organization,
gives nothing here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from actlocal.permissions import is_member, is_organizer

from .models import Organization
from .profile_selectors import organization_for_profile, user_manages_organization


def manages_organization(user: Any, organization: Organization) -> bool:
    """Whether `user` is one of the organization's managers (cached on the user per org)."""
    if not is_member(user):
        return False
    cache = user.__dict__.setdefault("_managed_organizations", {})
    if organization.pk not in cache:
        cache[organization.pk] = user_manages_organization(user=user, organization=organization)
    return cache[organization.pk]


def can_manage_organization(user: Any, organization: Organization) -> bool:
    return is_organizer(user) or manages_organization(user, organization)


def access_organization(user: Any, slug: str, *, manage: bool = False) -> Organization:
    """The organization (404 when there is none); 403 if `manage` and the user may not."""
    organization = organization_for_profile(slug=slug)
    if organization is None:
        raise Http404
    if manage and not can_manage_organization(user, organization):
        raise PermissionDenied
    return organization
