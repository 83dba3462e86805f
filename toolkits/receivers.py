"""Cache invalidation only: toolkit pages share the directory's page cache and its version.

Anonymous toolkit pages (and the toolkit card of the directory's search) are cached by
`directory.cache.cache_public_page`; any write to what they show bumps the version.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from directory.cache import directory_cache_bump

from .models import Attachment, Document, Section, Toolkit

SHOWN_MODELS = (Toolkit, Section, Document, Attachment)
SHOWN_RELATIONS = (Toolkit.topics.through, Document.topics.through)
M2M_WRITES = {"post_add", "post_remove", "post_clear"}


def _bump_on_write(sender, **kwargs) -> None:
    directory_cache_bump(using=kwargs.get("using"))


def _bump_on_relation_change(sender, action: str, **kwargs) -> None:
    if action in M2M_WRITES:
        directory_cache_bump(using=kwargs.get("using"))


def connect() -> None:
    for model in SHOWN_MODELS:
        post_save.connect(_bump_on_write, sender=model, dispatch_uid=f"toolkits-save-{model}")
        post_delete.connect(_bump_on_write, sender=model, dispatch_uid=f"toolkits-delete-{model}")
    for through in SHOWN_RELATIONS:
        m2m_changed.connect(
            _bump_on_relation_change, sender=through, dispatch_uid=f"toolkits-m2m-{through}"
        )
