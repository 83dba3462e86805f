"""Reads for the organization profiles their managers keep (directory/views/manage.py, My
organizing): who manages what, and whom a manager may name next."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Affiliation, Organization


def organization_for_profile(*, slug: str) -> Organization | None:
    """The organization whose profile is edited, with its topics (for the form's initial)."""
    return (
        Organization.objects.defer("search_vector")
        .prefetch_related("topics")
        .filter(slug=slug)
        .first()
    )


def user_manages_organization(*, user: Any, organization: Organization) -> bool:
    """Whether `user`'s own leader profile is affiliated with `organization` as a manager."""
    return Affiliation.objects.filter(
        organization_id=organization.pk, leader__user_id=user.pk, manages_profile=True
    ).exists()


def user_manages_any_organization(*, user: Any) -> bool:
    return Affiliation.objects.filter(leader__user_id=user.pk, manages_profile=True).exists()


def organizations_managed_by(*, user: Any) -> list[Organization]:
    """The organizations `user` manages the profile of, in directory order (one query)."""
    return list(
        Organization.objects.filter(
            affiliations__leader__user_id=user.pk, affiliations__manages_profile=True
        )
        .only("name", "slug", "verified", "logo_image", "description", "description_es")
        .order_by("name", "id")
    )


def organization_managers(*, organization: Organization) -> QuerySet[Affiliation]:
    """The affiliations that manage the profile, leaders joined, by name."""
    return (
        Affiliation.objects.filter(organization=organization, manages_profile=True)
        .select_related("leader")
        .only("role_title", "manages_profile", "leader__name", "leader__user_id")
        .order_by("leader__name", "id")
    )


def organization_manager_candidates(*, organization: Organization) -> QuerySet[Affiliation]:
    """Affiliated leaders who could be named managers: those with an account to sign in with."""
    return (
        Affiliation.objects.filter(
            organization=organization, manages_profile=False, leader__user__isnull=False
        )
        .select_related("leader")
        .only("role_title", "manages_profile", "leader__name", "leader__user_id")
        .order_by("leader__name", "id")
    )
