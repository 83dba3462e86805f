"""Who edits toolkits, and which visibilities a viewer may see (directory leaders' notions)."""

from __future__ import annotations

from typing import Any

from actlocal.permissions import is_member, is_organizer, is_staff

EDITORS_GROUP = "Toolkit editors"


def is_toolkit_editor(user: Any) -> bool:
    """Staff and the "Toolkit editors" group; the group lookup is cached on the user object."""
    if is_staff(user):
        return True
    if not is_member(user):
        return False
    cached = getattr(user, "_toolkit_editor", None)
    if cached is None:
        cached = user.groups.filter(name=EDITORS_GROUP).exists()
        user._toolkit_editor = cached
    return cached


def can_propose(user: Any) -> bool:
    """Network organizers may propose changes to documents they can read."""
    return is_organizer(user)


def viewer_visibilities(user: Any) -> list[str]:
    """The visibility values whose toolkits `user` may read."""
    if is_organizer(user):
        return ["public", "members", "organizers"]
    if is_member(user):
        return ["public", "members"]
    return ["public"]


def viewer_level(user: Any) -> str:
    """Who sees which toolkits: editors (every visibility) or the visibilities named. Parts
    that list toolkits or their documents are cached per level, never per person."""
    return "editor" if is_toolkit_editor(user) else ",".join(viewer_visibilities(user))
