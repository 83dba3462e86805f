"""Reads and writes for whole files at once: chunked lookups, many-to-many links through their
through tables, and audit entries in bulk. A 10,000-row import costs a few dozen queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from actlocal.models import AuditEntry


def chunked(items: Sequence[Any], size: int = 5000) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def audit_many(*, actor: Any, objs: Iterable[models.Model], action: str, data: dict) -> None:
    """One audit entry per object, written in bulk (audit_log does one INSERT per call)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=user,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                data=data,
            )
            for obj in objs
        ],
        batch_size=1000,
    )


def _through(model: type[models.Model], field_name: str) -> tuple[type[models.Model], str, str]:
    """A many-to-many field's through model and its two key columns (owner, other)."""
    field = model._meta.get_field(field_name)
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    return field.remote_field.through, source, target


def m2m_load(
    model: type[models.Model], field_name: str, pks: Iterable[int], objects_by_pk: dict
) -> dict[int, list]:
    """owner pk -> related objects, read from the through table: two columns per link instead
    of a model instance per related object."""
    through, source, target = _through(model, field_name)
    found: dict[int, list] = {pk: [] for pk in pks}
    for chunk in chunked(sorted(found)):
        links = through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target)
        for owner, other in links:
            found[owner].append(objects_by_pk[other])
    return found


def m2m_replace(
    model: type[models.Model], field_name: str, *, owners: list[int], links: list[tuple[int, int]]
) -> None:
    """Delete the many-to-many links of `owners`, then insert `links` (owner pk, other pk)."""
    through, source, target = _through(model, field_name)
    for chunk in chunked(owners):
        through.objects.filter(**{f"{source}__in": chunk}).delete()
    through.objects.bulk_create(
        [through(**{source: owner, target: other}) for owner, other in links], batch_size=2000
    )
