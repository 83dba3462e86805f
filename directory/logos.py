"""Organization logos: stored through actlocal.images (checked by content, re-encoded), set and
removed by staff in the admin and by the organization's managers on its profile page
(directory.profile_services), served at /directory/organizations/<slug>/logo.jpg."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from actlocal.audit import audit_log
from actlocal.images import image_delete, image_store

from .cache import directory_cache_bump
from .models import Organization

LOGO_SIZES = {"logo": (400, 400)}


def organization_logo_store(*, organization: Organization, data: bytes) -> str:
    """Check `data` and store the logo's file: its storage name. Raises ImageRejected (storing
    nothing) for bytes that are not a picture we take. Nothing points at the file yet."""
    return image_store(data=data, folder=f"organizations/{organization.pk}", sizes=LOGO_SIZES)[
        "logo"
    ]


def organization_logo_swap(*, organization: Organization, name: str) -> None:
    """Point a row locked for update at the stored file `name` ("" takes the logo and its
    description off); the caller saves the row. The old file goes after the commit."""
    old = organization.logo_image
    organization.logo_image = name
    if not name:
        organization.logo_alt = ""
    if old and old != name:
        transaction.on_commit(lambda: image_delete(old))


def organization_logo_set(*, organization: Organization, actor: Any, data: bytes) -> None:
    """Store the logo and point the organization at it; the old file goes after the commit."""
    stored = organization_logo_store(organization=organization, data=data)
    try:
        with transaction.atomic():
            locked = Organization.objects.select_for_update().get(pk=organization.pk)
            organization_logo_swap(organization=locked, name=stored)
            Organization.objects.filter(pk=organization.pk).update(logo_image=stored)
            organization.logo_image = stored
            audit_log(actor=actor, obj=organization, action="organization.logo.set")
            # update() skips the signals that refresh cached directory pages.
            transaction.on_commit(directory_cache_bump)
    except Exception:
        image_delete(stored)
        raise


@transaction.atomic
def organization_logo_remove(*, organization: Organization, actor: Any) -> None:
    """Take the logo off and delete its file after the commit."""
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    if locked.logo_image:
        organization_logo_swap(organization=locked, name="")
        Organization.objects.filter(pk=organization.pk).update(logo_image="", logo_alt="")
        organization.logo_image = organization.logo_alt = ""
        audit_log(actor=actor, obj=organization, action="organization.logo.remove")
        transaction.on_commit(directory_cache_bump)
