"""Account services: the profile behind an account, data download and account deletion.

Views, allauth receivers and the admin come through here, so an account's personal data is
handled in one place. The core holds accounts only: the person's profile belongs to the app
that registers a profile hook (the directory's leader profile), and every app's share of the
download and of the deletion comes from the registry in `actlocal.persondata`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .audit import audit_log
from .languages import language_supported
from .models import AuditEntry, User
from .permissions import is_organizer
from .persondata import persondata_parts


@dataclass(frozen=True)
class ProfileHook:
    """How the app that holds people's profiles claims one for an account and tells whether an
    address already has one (for the "account already exists" mail)."""

    ensure: Callable[[User], Any]
    exists: Callable[[User | None, str], bool]


_profile_hook: ProfileHook | None = None


def account_profile_hook_register(*, hook: ProfileHook) -> None:
    """Called once by the app that holds profiles, in its AppConfig.ready()."""
    global _profile_hook
    _profile_hook = hook


def account_email_verified(*, user: User) -> bool:
    """True when the account's own address has been confirmed through allauth."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def account_leader_ensure(*, user: User) -> Any:
    """The user's leader profile, claimed or created once their address is verified (None
    without a verified address, or when no app holds profiles)."""
    if _profile_hook is None:
        return None
    return _profile_hook.ensure(user)


def account_profile_exists(*, user: User | None, email: str) -> bool:
    """True when the account or the address already has a profile."""
    return _profile_hook is not None and _profile_hook.exists(user, email)


@transaction.atomic
def account_language_set(*, user: User, language: str) -> User:
    """Save the language of `user`'s pages and mail ("" follows the browser again).

    Raises ValueError, saving nothing, for a language the site does not offer.
    """
    chosen = language_supported(language) if language else ""
    if language and not chosen:
        raise ValueError(f"unknown language {language!r}")
    if chosen == user.language:
        return user
    previous, user.language = user.language, chosen
    user.save(update_fields=["language"])
    audit_log(
        actor=user, obj=user, action="account.language", data={"from": previous, "to": chosen}
    )
    return user


def account_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as JSON-ready data for the download."""
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "has_password": user.has_usable_password(),
            "is_staff": user.is_staff,
            "is_network_organizer": is_organizer(user) and not user.is_staff,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("email")
            ],
        },
    }
    subjects: list[tuple[str, str]] = []
    for part in persondata_parts():
        data.update(part.export(user))
        if part.audit_subjects is not None:
            subjects.extend(part.audit_subjects(user))
    data["audit_entries"] = _audit_export(user=user, subjects=subjects)
    return data


def _audit_export(*, user: User, subjects: list[tuple[str, str]]) -> list[dict[str, Any]]:
    about_me = Q(actor=user) | Q(object_type=User._meta.label_lower, object_id=str(user.pk))
    for object_type, object_id in subjects:
        about_me |= Q(object_type=object_type, object_id=object_id)
    entries = AuditEntry.objects.filter(about_me).order_by("created_at", "id")
    return [
        {
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "by_me": entry.actor_id == user.pk,
            "data": entry.data,
            "created_at": entry.created_at,
        }
        for entry in entries
    ]


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete an account and its personal data; keep only anonymous counts.

    Each app's part removes what it holds (the directory: the leader profile with its
    affiliations); then the allauth addresses and the account go. Rows that keep totals true
    (messages sent, audit entries) stay without their person (SET_NULL).
    """
    summary: dict[str, Any] = {}
    for part in persondata_parts():
        if part.delete is not None:
            summary.update(part.delete(user))
    EmailAddress.objects.filter(user=user).delete()
    user.delete()
    # No actor and no object id: the entry must not point back to the person it is about.
    AuditEntry.objects.create(
        actor=None,
        action="account.delete",
        object_type=User._meta.label_lower,
        object_id="",
        data=summary,
    )
