"""Signal receivers that keep the public directory's page cache honest.

This is cache invalidation only (no business logic): any saved, deleted or re-linked row that a
directory page shows bumps the cache version, so anonymous visitors never see stale pages.
Bulk writes that bypass signals call `directory.cache.directory_cache_bump()` themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from actlocal.models import Topic

from .cache import directory_cache_bump
from .models import Affiliation, Leader, LeaderRole, Organization, Resource

SHOWN_MODELS = (Leader, Organization, Resource, Affiliation, Topic, LeaderRole)
SHOWN_RELATIONS = (
    Leader.topics.through,
    Leader.roles.through,
    Organization.topics.through,
    Resource.topics.through,
    Affiliation,  # the through model of Leader.organizations: add()/remove() send m2m_changed
)
M2M_WRITES = {"post_add", "post_remove", "post_clear"}


def _bump_on_write(sender, **kwargs) -> None:
    directory_cache_bump(using=kwargs.get("using"))


def _bump_on_relation_change(sender, action: str, **kwargs) -> None:
    if action in M2M_WRITES:
        directory_cache_bump(using=kwargs.get("using"))


def connect() -> None:
    for model in SHOWN_MODELS:
        post_save.connect(
            _bump_on_write, sender=model, dispatch_uid=f"directory-cache-save-{model}"
        )
        post_delete.connect(
            _bump_on_write, sender=model, dispatch_uid=f"directory-cache-delete-{model}"
        )
    for through in SHOWN_RELATIONS:
        m2m_changed.connect(
            _bump_on_relation_change, sender=through, dispatch_uid=f"directory-cache-m2m-{through}"
        )
