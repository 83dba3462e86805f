"""An event's organizing team: leads add, re-role and remove members; one lead always stays."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.models import User

from ..models import Event, EventRole


class TeamError(Exception):
    """A team change that cannot be made; the message is safe to show."""


def account_for_email(email: str) -> User | None:
    """The active account that signs in with `email` (its main or a verified extra address)."""
    email = (email or "").strip()
    if not email:
        return None
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
            .select_related("user")
            .first()
        )
        user = address.user if address else None
    return user


def _lock(event: Event) -> Event:
    # Serialises team changes on one event, so two leads cannot remove each other at once.
    return Event.objects.select_for_update().get(pk=event.pk)


def _other_leads(event: Event, member: EventRole) -> int:
    return (
        EventRole.objects.filter(event=event, role=EventRole.Role.LEAD)
        .exclude(pk=member.pk)
        .count()
    )


@transaction.atomic
def team_member_add(*, event: Event, actor: Any, email: str, role: str) -> EventRole:
    """Put the account with this email on the team in `role`."""
    event = _lock(event)
    if role not in EventRole.Role.values:
        raise TeamError(_("Choose a role."))
    user = account_for_email(email)
    if user is None:
        raise TeamError(
            _(
                "No account uses %(email)s. Ask them to join the network first, then add "
                "them with the address they signed up with."
            )
            % {"email": email}
        )
    existing = EventRole.objects.filter(event=event, user=user).first()
    if existing is not None:
        raise TeamError(
            _("%(name)s is already on the team as %(role)s.")
            % {"name": user.name or user.email, "role": existing.get_role_display()}
        )
    member = EventRole.objects.create(event=event, user=user, role=role)
    audit_log(actor=actor, obj=event, action="event.team.add", data={"user": user.pk, "role": role})
    return member


@transaction.atomic
def team_member_role_change(*, member: EventRole, actor: Any, role: str) -> EventRole:
    """Give a team member another role; the last lead cannot step down."""
    _lock(member.event)
    member = EventRole.objects.select_related("user").get(pk=member.pk)
    if role not in EventRole.Role.values:
        raise TeamError(_("Choose a role."))
    if member.role == role:
        return member
    if member.role == EventRole.Role.LEAD and _other_leads(member.event, member) == 0:
        raise TeamError(
            _("%(name)s is the only lead organizer. Make someone else lead first.")
            % {"name": member.user.name or member.user.email}
        )
    previous = member.role
    member.role = role
    member.save(update_fields=["role"])
    audit_log(
        actor=actor,
        obj=member.event,
        action="event.team.role",
        data={"user": member.user_id, "from": previous, "to": role},
    )
    return member


@transaction.atomic
def team_member_remove(*, member: EventRole, actor: Any) -> None:
    """Take someone off the team; the last lead cannot be removed."""
    _lock(member.event)
    member = EventRole.objects.select_related("user").get(pk=member.pk)
    if member.role == EventRole.Role.LEAD and _other_leads(member.event, member) == 0:
        raise TeamError(
            _("%(name)s is the only lead organizer and cannot be removed.")
            % {"name": member.user.name or member.user.email}
        )
    audit_log(
        actor=actor,
        obj=member.event,
        action="event.team.remove",
        data={"user": member.user_id, "role": member.role},
    )
    member.delete()
