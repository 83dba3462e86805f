"""Organizing teams (of an event, of a campaign): add by email, change roles, remove; one lead
always stays. Each app describes its team once with `Team` and keeps its own service names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db import models, transaction
from django.utils.translation import gettext as _

from .audit import audit_log
from .models import User


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


def _label(user: User) -> str:
    return user.name or user.email


@dataclass(frozen=True)
class Team:
    """A role model with a `user`, a `role` and a foreign key `owner_field` to what it runs."""

    role_model: type[models.Model]
    owner_field: str
    lead_role: str
    error: type[Exception]

    @property
    def _action(self) -> str:
        return f"{self.owner_field}.team"

    def _lock(self, owner: models.Model) -> models.Model:
        # Serialises team changes of one owner, so two leads cannot remove each other at once.
        return type(owner).objects.select_for_update().get(pk=owner.pk)

    def _other_leads(self, member: models.Model) -> int:
        owner_id = getattr(member, f"{self.owner_field}_id")
        return (
            self.role_model.objects.filter(
                **{f"{self.owner_field}_id": owner_id}, role=self.lead_role
            )
            .exclude(pk=member.pk)
            .count()
        )

    def _check_role(self, role: str) -> None:
        if role not in self.role_model.Role.values:
            raise self.error(_("Choose a role."))

    @transaction.atomic
    def add(self, *, owner: models.Model, actor: Any, email: str, role: str) -> models.Model:
        """Put the account with this email on the team in `role`."""
        owner = self._lock(owner)
        self._check_role(role)
        user = account_for_email(email)
        if user is None:
            raise self.error(
                _(
                    "No account uses %(email)s. Ask them to join the network first, then add "
                    "them with the address they signed up with."
                )
                % {"email": email}
            )
        existing = self.role_model.objects.filter(**{self.owner_field: owner}, user=user).first()
        if existing is not None:
            raise self.error(
                _("%(name)s is already on the team as %(role)s.")
                % {"name": _label(user), "role": existing.get_role_display()}
            )
        member = self.role_model.objects.create(**{self.owner_field: owner}, user=user, role=role)
        audit_log(
            actor=actor,
            obj=owner,
            action=f"{self._action}.add",
            data={"user": user.pk, "role": role},
        )
        return member

    @transaction.atomic
    def change_role(self, *, member: models.Model, actor: Any, role: str) -> models.Model:
        """Give a team member another role; the last lead cannot step down."""
        owner = self._lock(getattr(member, self.owner_field))
        member = self.role_model.objects.select_related("user").get(pk=member.pk)
        self._check_role(role)
        if member.role == role:
            return member
        if member.role == self.lead_role and self._other_leads(member) == 0:
            raise self.error(
                _("%(name)s is the only lead organizer. Make someone else lead first.")
                % {"name": _label(member.user)}
            )
        previous, member.role = member.role, role
        member.save(update_fields=["role"])
        audit_log(
            actor=actor,
            obj=owner,
            action=f"{self._action}.role",
            data={"user": member.user_id, "from": previous, "to": role},
        )
        return member

    @transaction.atomic
    def remove(self, *, member: models.Model, actor: Any) -> None:
        """Take someone off the team; the last lead cannot be removed."""
        owner = self._lock(getattr(member, self.owner_field))
        member = self.role_model.objects.select_related("user").get(pk=member.pk)
        if member.role == self.lead_role and self._other_leads(member) == 0:
            raise self.error(
                _("%(name)s is the only lead organizer and cannot be removed.")
                % {"name": _label(member.user)}
            )
        audit_log(
            actor=actor,
            obj=owner,
            action=f"{self._action}.remove",
            data={"user": member.user_id, "role": member.role},
        )
        member.delete()
