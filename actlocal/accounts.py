"""Account services: the leader profile behind an account, data download and account deletion.

Views, allauth receivers and the admin come through here, so an account's personal data is
handled in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from directory.models import Affiliation, ContactMessage, Leader, LeaderRole
from directory.services import leader_claim_or_create, leader_save

from .models import AuditEntry, Topic, User
from .permissions import is_organizer

logger = logging.getLogger(__name__)

# Visibilities that show the profile to other people and therefore need the leader's consent.
VISIBILITIES_NEEDING_CONSENT = frozenset({Leader.Visibility.PUBLIC, Leader.Visibility.MEMBERS})


def account_email_verified(*, user: User) -> bool:
    """True when the account's own address has been confirmed through allauth."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def account_leader_get(*, user: User) -> Leader | None:
    """The leader profile linked to `user`, or None."""
    return Leader.objects.filter(user=user).first()


def account_leader_ensure(*, user: User) -> Leader | None:
    """The user's leader profile, claimed or created once their address is verified.

    Without a verified address nothing is claimed: an imported profile may only be taken over
    by the person who controls its mailbox.
    """
    leader = account_leader_get(user=user)
    if leader is not None:
        return leader
    if not user.is_active or not account_email_verified(user=user):
        return None
    if Leader.objects.filter(email=user.email.lower(), user__isnull=False).exists():
        # The address belongs to a profile claimed by another account (an address moved
        # between accounts); creating a second one would break the unique email. Staff decide.
        logger.warning("Leader email %s is linked to another account", user.pk)
        return None
    return leader_claim_or_create(user=user)


@transaction.atomic
def account_profile_save(
    *,
    user: User,
    leader: Leader,
    consent: bool,
    topics: Iterable[Topic],
    roles: Iterable[LeaderRole],
) -> Leader:
    """Save the profile a leader edited on /me/, recording when they consented to be listed.

    `consent_at` holds the time the current consent was given: it is renewed when a leader
    widens who may see them, and cleared when they withdraw it.
    """
    previous = Leader.objects.filter(pk=leader.pk).values_list("visibility", flat=True).first()
    if consent:
        widened = previous is not None and _visibility_rank(leader.visibility) > _visibility_rank(
            previous
        )
        if leader.consent_at is None or widened:
            leader.consent_at = timezone.now()
    else:
        leader.consent_at = None
    leader = leader_save(leader=leader, actor=user, topics=topics, roles=roles)
    if user.name != leader.name:
        user.name = leader.name
        user.save(update_fields=["name"])
    return leader


def _visibility_rank(visibility: str) -> int:
    order = [Leader.Visibility.ORGANIZERS, Leader.Visibility.MEMBERS, Leader.Visibility.PUBLIC]
    return order.index(visibility) if visibility in order else 0


@transaction.atomic
def account_email_sync(*, user: User) -> Leader | None:
    """Keep the private email of the user's leader profile equal to the account's address."""
    leader = Leader.objects.select_for_update().filter(user=user).first()
    email = user.email.strip().lower()
    if leader is None or leader.email == email:
        return leader
    if Leader.objects.filter(email=email).exclude(pk=leader.pk).exists():
        # Another profile already uses this address (typically an unclaimed import): leave both
        # as they are and let staff merge them as duplicates.
        logger.warning("Not syncing leader %s email: address used by another profile", leader.pk)
        return leader
    leader.email = email
    return leader_save(leader=leader, actor=user)


def account_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as JSON-ready data for the download."""
    leader = Leader.objects.filter(user=user).prefetch_related("roles", "topics").first()
    sent = ContactMessage.objects.filter(sender=user).select_related("recipient")
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "name": user.name,
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
        "leader_profile": _leader_export(leader) if leader else None,
        "contact_messages_sent": [
            {
                "to": message.recipient.name if message.recipient else None,
                "subject": message.subject,
                "message": message.body,
                "created_at": message.created_at,
                "sent_at": message.sent_at,
            }
            for message in sent
        ],
        "contact_messages_received": [],
        "audit_entries": _audit_export(user=user, leader=leader),
    }
    if leader:
        received = ContactMessage.objects.filter(recipient=leader).select_related("sender")
        data["contact_messages_received"] = [
            {
                # The sender's name only: their address is theirs to share by replying.
                "from": message.sender.name if message.sender else None,
                "subject": message.subject,
                "message": message.body,
                "created_at": message.created_at,
                "sent_at": message.sent_at,
            }
            for message in received
        ]
        from campaigns.selectors import memberships_export
        from events.selectors import rsvps_export

        data["event_rsvps"] = rsvps_export(leader=leader)
        data["campaign_memberships"] = memberships_export(leader=leader)
    return data


def _leader_export(leader: Leader) -> dict[str, Any]:
    affiliations = Affiliation.objects.filter(leader=leader).select_related("organization")
    return {
        "name": leader.name,
        "profile_url": leader.get_absolute_url(),
        "email": leader.email,
        "phone": leader.phone,
        "city": leader.city,
        "state": leader.state,
        "zip_code": leader.zip_code,
        "area_type": leader.area_type,
        "area_lean": leader.area_lean,
        "bio": leader.bio,
        "visibility": leader.visibility,
        "consent_at": leader.consent_at,
        "source": leader.source,
        "created_at": leader.created_at,
        "updated_at": leader.updated_at,
        "roles": [role.name for role in leader.roles.all()],
        "topics": [topic.name for topic in leader.topics.all()],
        "affiliations": [
            {
                "organization": affiliation.organization.name,
                "role_title": affiliation.role_title,
                "since": affiliation.created_at,
            }
            for affiliation in affiliations
        ],
    }


def _audit_export(*, user: User, leader: Leader | None) -> list[dict[str, Any]]:
    about_me = Q(actor=user) | Q(object_type=User._meta.label_lower, object_id=str(user.pk))
    if leader:
        about_me |= Q(object_type=Leader._meta.label_lower, object_id=str(leader.pk))
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

    The leader profile (with its affiliations) and the allauth addresses go; messages the
    person sent stay without a sender and audit entries stay without an actor (both
    SET_NULL), so totals such as "messages relayed" remain true.
    """
    leader = Leader.objects.select_for_update().filter(user=user).first()
    summary = {
        "had_leader_profile": leader is not None,
        "messages_sent": ContactMessage.objects.filter(sender=user).count(),
    }
    if leader is not None:
        leader.delete()
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
