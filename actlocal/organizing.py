"""What a person organizes, gathered from every app that has teams: one registry, one page.

The core knows no events or campaigns. Each app with teams registers an `OrganizingSource` in
its AppConfig.ready(): whether a user is on any of its teams, and the things they run with the
next action for each. The portal's "My organizing" page (and the header link to it) composes
the sources in registration order; an app added later (toolkits) registers its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# The session remembers whether its user is on a team, so the header's link costs no query on
# every page: set at sign-in and on each visit of "My organizing" (portal.organizing_views).
SESSION_KEY = "organizing_has_role"

# Where an item goes on the page.
DRAFT, CURRENT, PAST = "draft", "current", "past"


@dataclass(frozen=True)
class NextAction:
    label: str
    url: str


@dataclass(frozen=True)
class OrganizingItem:
    """One thing a person organizes, as "My organizing" lists it."""

    title: str
    url: str
    group: str  # DRAFT, CURRENT or PAST
    status: str  # in words, never by colour alone
    role: str
    when: datetime | None = None
    time_zone: str = ""
    next_action: NextAction | None = None


@dataclass(frozen=True)
class OrganizingSource:
    """An app's part of "My organizing": its heading, its items and its "new ..." buttons."""

    key: str
    heading: str
    items: Callable[[Any], list[OrganizingItem]]
    has_role: Callable[[Any], bool]
    new_actions: Callable[[Any], list[NextAction]] = field(default=lambda user: [])


_SOURCES: dict[str, OrganizingSource] = {}


def organizing_source_register(source: OrganizingSource) -> None:
    """Called from an AppConfig.ready(); registering a key again replaces it (autoreload)."""
    _SOURCES[source.key] = source


def organizing_sources() -> list[OrganizingSource]:
    return list(_SOURCES.values())


def organizing_has_role(user: Any) -> bool:
    """Whether `user` is on any team of any app (one small query per source at most)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(source.has_role(user) for source in _SOURCES.values())


def organizing_link_shown(request: Any) -> bool:
    """Whether the header offers "My organizing": network organizers (who may start events and
    campaigns) and anyone the session knows to be on a team."""
    from .permissions import is_organizer

    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return False
    session = getattr(request, "session", None)
    return is_organizer(user) or bool(session is not None and session.get(SESSION_KEY))
