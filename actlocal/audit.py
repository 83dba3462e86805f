"""The audit log: every service that changes something people care about records it here."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


def audit_log(
    *, actor: Any, obj: models.Model, action: str, data: dict | None = None
) -> AuditEntry:
    """Record that `actor` performed `action` on `obj`; anonymous actors are stored as None."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )
