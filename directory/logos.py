"""Organization logos: stored through actlocal.images (checked by content, re-encoded), set and
removed by staff in the admin, served at /directory/organizations/<slug>/logo.jpg."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from actlocal.audit import audit_log
from actlocal.images import image_delete, image_store

from .cache import directory_cache_bump
from .models import Organization

LOGO_SIZES = {"logo": (400, 400)}


def organization_logo_set(*, organization: Organization, actor: Any, data: bytes) -> None:
    """Store the logo and point the organization at it; the old file goes after the commit."""
    stored = image_store(data=data, folder=f"organizations/{organization.pk}", sizes=LOGO_SIZES)
    try:
        with transaction.atomic():
            old = Organization.objects.select_for_update().get(pk=organization.pk).logo_image
            Organization.objects.filter(pk=organization.pk).update(logo_image=stored["logo"])
            organization.logo_image = stored["logo"]
            audit_log(actor=actor, obj=organization, action="organization.logo.set")
            transaction.on_commit(lambda: image_delete(old))
            # update() skips the signals that refresh cached directory pages.
            transaction.on_commit(directory_cache_bump)
    except Exception:
        image_delete(*stored.values())
        raise


@transaction.atomic
def organization_logo_remove(*, organization: Organization, actor: Any) -> None:
    """Take the logo off and delete its file after the commit."""
    old = Organization.objects.select_for_update().get(pk=organization.pk).logo_image
    if old:
        Organization.objects.filter(pk=organization.pk).update(logo_image="", logo_alt="")
        organization.logo_image = organization.logo_alt = ""
        audit_log(actor=actor, obj=organization, action="organization.logo.remove")
        transaction.on_commit(lambda: image_delete(old))
        transaction.on_commit(directory_cache_bump)
