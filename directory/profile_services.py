"""Writes of an organization's public profile by the people who keep it (staff, network
organizers, its managers; see directory.permissions), and naming its managers.

Each write saves the row through the ORM, so `directory.receivers` bumps the directory's page
cache version and the public pages show the change at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from actlocal.audit import audit_log
from actlocal.images import image_delete
from actlocal.models import Topic
from actlocal.text import website_domain

from .logos import organization_logo_store, organization_logo_swap
from .models import Affiliation, Organization
from .services import duplicates_check_enqueue

# What a manager may change: the public profile. Name, kind, place, parent and the verified
# badge stay with staff (they decide identity, duplicates, the map and trust).
PROFILE_FIELDS = (
    "description",
    "description_es",
    "website",
    "public_email",
    "public_phone",
    "logo_alt",
)


def organization_profile_update(
    *,
    organization: Organization,
    actor: Any,
    changes: dict[str, str],
    topics: Iterable[Topic] | None = None,
    logo: bytes | None = None,
    logo_remove: bool = False,
) -> Organization:
    """Save the profile fields in `changes` (only those of PROFILE_FIELDS), the topics, and a
    new logo (`logo`, checked by content) or none (`logo_remove`), all or nothing.

    A refused picture raises ImageRejected before anything is written. Returns the saved row.
    """
    stored = organization_logo_store(organization=organization, data=logo) if logo else ""
    try:
        with transaction.atomic():
            locked = (
                Organization.objects.select_for_update()
                .defer("search_vector")
                .get(pk=organization.pk)
            )
            changed = [
                name
                for name in PROFILE_FIELDS
                if name in changes and getattr(locked, name) != changes[name]
            ]
            for name in changed:
                setattr(locked, name, changes[name])
            if "website" in changed:
                locked.website_domain = website_domain(locked.website)
                changed.append("website_domain")
            if stored or (logo_remove and locked.logo_image):
                organization_logo_swap(organization=locked, name=stored)
                changed += ["logo_image", "logo_alt"]
            topics_changed = False
            if topics is not None:
                wanted = {topic.pk for topic in topics}
                topics_changed = wanted != set(locked.topics.values_list("pk", flat=True))
            if not changed and not topics_changed:
                return locked
            locked.save(update_fields=[*dict.fromkeys(changed), "updated_at"])
            if topics_changed:
                locked.topics.set(wanted)
            audit_log(
                actor=actor,
                obj=locked,
                action="organization.profile.update",
                data={
                    "fields": sorted(set(changed) | ({"topics"} if topics_changed else set())),
                    "logo": "set" if stored else ("removed" if logo_remove else ""),
                },
            )
            if "website_domain" in changed:
                # The website's domain is one of the signs of a duplicate.
                duplicates_check_enqueue(kind="organization", pks=[locked.pk])
    except Exception:
        if stored:
            image_delete(stored)
        raise
    return locked


@transaction.atomic
def affiliation_manages_set(*, affiliation: Affiliation, manages: bool, actor: Any) -> Affiliation:
    """Give (or take back) the affiliated leader's right to manage the organization's profile;
    audited on the organization. Nothing is written when it already is so."""
    locked = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if locked.manages_profile != manages:
        locked.manages_profile = manages
        locked.save(update_fields=["manages_profile"])
        audit_log(
            actor=actor,
            obj=locked.organization,
            action="organization.manager.grant" if manages else "organization.manager.revoke",
            data={"leader": locked.leader_id, "affiliation": locked.pk},
        )
    affiliation.manages_profile = manages
    return locked
