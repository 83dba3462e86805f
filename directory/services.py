"""Writes to the directory. Views, imports, the admin and sign-up all come through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from actlocal.audit import audit_log
from actlocal.geo import city_centroid, normalize_zip, zip_place
from actlocal.models import Topic, User
from actlocal.text import unique_slug, website_domain

from .models import Leader, LeaderRole, Organization, Resource


def location_for(*, zip_code: str = "", city: str = "", state: str = "") -> tuple:
    """Coarse (lat, lng) for a place: the ZIP centroid, else the city's, else (None, None)."""
    place = zip_place(zip_code)
    if place:
        return place.lat, place.lng
    if city and state:
        centroid = city_centroid(city, state)
        if centroid:
            return centroid
    return None, None


def leader_prepare(leader: Leader) -> None:
    """Fill the derived fields of an unsaved or changed leader: slug, email case, location."""
    leader.email = (leader.email or "").strip().lower()
    leader.zip_code = normalize_zip(leader.zip_code) or (leader.zip_code or "").strip()
    if not leader.slug:
        leader.slug = unique_slug(Leader, leader.name, instance_pk=leader.pk)
    leader.latitude, leader.longitude = location_for(
        zip_code=leader.zip_code, city=leader.city, state=leader.state
    )


def organization_prepare(organization: Organization) -> None:
    organization.zip_code = (
        normalize_zip(organization.zip_code) or (organization.zip_code or "").strip()
    )
    if not organization.slug:
        organization.slug = unique_slug(
            Organization, organization.name, instance_pk=organization.pk
        )
    organization.website_domain = website_domain(organization.website)
    organization.latitude, organization.longitude = location_for(
        zip_code=organization.zip_code, city=organization.city, state=organization.state
    )


def resource_prepare(resource: Resource) -> None:
    if not resource.slug:
        resource.slug = unique_slug(Resource, resource.title, instance_pk=resource.pk)


def _enqueue_duplicate_check(kind: str, pk: int) -> None:
    from .tasks import duplicates_check

    duplicates_check.delay_on_commit(kind, pk)


@transaction.atomic
def leader_save(
    *,
    leader: Leader,
    actor: User | None,
    topics: Iterable[Topic] | None = None,
    roles: Iterable[LeaderRole] | None = None,
) -> Leader:
    """Create or update a leader with its derived fields, audit it, and queue a duplicate check."""
    created = leader.pk is None
    leader_prepare(leader)
    leader.save()
    if topics is not None:
        leader.topics.set(topics)
    if roles is not None:
        leader.roles.set(roles)
    audit_log(actor=actor, obj=leader, action="leader.create" if created else "leader.update")
    _enqueue_duplicate_check("leader", leader.pk)
    return leader


@transaction.atomic
def organization_save(
    *, organization: Organization, actor: User | None, topics: Iterable[Topic] | None = None
) -> Organization:
    created = organization.pk is None
    organization_prepare(organization)
    organization.save()
    if topics is not None:
        organization.topics.set(topics)
    audit_log(
        actor=actor,
        obj=organization,
        action="organization.create" if created else "organization.update",
    )
    _enqueue_duplicate_check("organization", organization.pk)
    return organization


@transaction.atomic
def resource_save(
    *, resource: Resource, actor: User | None, topics: Iterable[Topic] | None = None
) -> Resource:
    created = resource.pk is None
    resource_prepare(resource)
    resource.save()
    if topics is not None:
        resource.topics.set(topics)
    audit_log(actor=actor, obj=resource, action="resource.create" if created else "resource.update")
    return resource


@transaction.atomic
def leader_claim_or_create(*, user: User) -> Leader:
    """Link `user` to the unclaimed leader profile with the same email, or create a new one.

    Called once the address is verified, so an imported profile is only ever claimed by the
    person who controls that mailbox.
    """
    email = user.email.strip().lower()
    existing = getattr(user, "leader", None) if hasattr(user, "leader") else None
    if existing:
        return existing
    leader = (
        Leader.objects.select_for_update()
        .filter(email=email, user__isnull=True)
        .order_by("pk")
        .first()
    )
    if leader:
        leader.user = user
        if not leader.consent_at:
            leader.consent_at = timezone.now()
        leader.save(update_fields=["user", "consent_at", "updated_at"])
        audit_log(actor=user, obj=leader, action="leader.claim")
        return leader
    leader = Leader(
        user=user,
        name=user.name or email.split("@")[0],
        email=email,
        source=Leader.Source.SELF,
        visibility=Leader.Visibility.MEMBERS,
        consent_at=timezone.now(),
    )
    return leader_save(leader=leader, actor=user)
