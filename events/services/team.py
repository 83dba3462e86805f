"""An event's organizing team: leads add, re-role and remove members; one lead always stays."""

from __future__ import annotations

from typing import Any, cast

from actlocal.errors import ServiceError
from actlocal.teams import Team

from ..models import Event, EventRole


class TeamError(ServiceError):
    """A team change that cannot be made; the message is safe to show."""


TEAM = Team(
    role_model=EventRole, owner_field="event", lead_role=EventRole.Role.LEAD, error=TeamError
)


def team_member_add(*, event: Event, actor: Any, email: str, role: str) -> EventRole:
    """Put the account with this email on the team in `role`."""
    return cast(EventRole, TEAM.add(owner=event, actor=actor, email=email, role=role))


def team_member_role_change(*, member: EventRole, actor: Any, role: str) -> EventRole:
    """Give a team member another role; the last lead cannot step down."""
    return cast(EventRole, TEAM.change_role(member=member, actor=actor, role=role))


def team_member_remove(*, member: EventRole, actor: Any) -> None:
    """Take someone off the team; the last lead cannot be removed."""
    TEAM.remove(member=member, actor=actor)
