"""The directory's part of "My organizing" (actlocal.organizing): the organizations whose public
profile a person manages (`Affiliation.manages_profile`), each with a link to keep it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actlocal.organizing import (
    CURRENT,
    NextAction,
    OrganizingItem,
    OrganizingSource,
    organizing_source_register,
)

from .models import Organization
from .profile_selectors import organizations_managed_by, user_manages_any_organization


def organization_next_action(organization: Organization) -> NextAction:
    """A missing logo or Spanish description first: the profile is not complete without them."""
    url = reverse("directory:organization_manage", kwargs={"slug": organization.slug})
    if not organization.logo_image:
        return NextAction(_("Add a logo"), url)
    if organization.description and not organization.description_es:
        return NextAction(_("Add the description in Spanish"), url)
    return NextAction(_("Edit the profile"), url)


def _items(user: Any) -> list[OrganizingItem]:
    return [
        OrganizingItem(
            title=organization.name,
            url=reverse("directory:organization_manage", kwargs={"slug": organization.slug}),
            group=CURRENT,
            status=_("Verified partner") if organization.verified else _("Not yet verified"),
            role=_("Profile manager"),
            next_action=organization_next_action(organization),
        )
        for organization in organizations_managed_by(user=user)
    ]


def register() -> None:
    organizing_source_register(
        OrganizingSource(
            key="organizations",
            heading=gettext_lazy("Organizations"),
            items=_items,
            has_role=lambda user: user_manages_any_organization(user=user),
        )
    )
