"""Roles: staff (admin), network organizers (a group), leaders (signed-in people), the public."""

from __future__ import annotations

from typing import Any

ORGANIZERS_GROUP = "Network organizers"


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def is_organizer(user: Any) -> bool:
    """Network organizers and staff. The group lookup is cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_actlocal_is_organizer", None)
    if cached is None:
        cached = user.groups.filter(name=ORGANIZERS_GROUP).exists()
        user._actlocal_is_organizer = cached
    return cached


def is_member(user: Any) -> bool:
    """Any signed-in, active account."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)
