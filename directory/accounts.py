"""The leader profile behind an account: claimed on a verified address, edited on /me/, kept in
step with the account's address, exported in the data download and removed with the account.

The core calls in through the hooks registered in DirectoryConfig.ready(): the profile hook of
`actlocal.accounts` and the directory's part of `actlocal.persondata`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.accounts import ProfileHook, account_email_verified
from actlocal.errors import ServiceError
from actlocal.models import Topic, User
from actlocal.persondata import PersonDataPart

from .models import Affiliation, ContactMessage, Leader, LeaderRole
from .services import leader_claim_or_create, leader_save

logger = logging.getLogger(__name__)

# Visibilities that show the profile to other people and therefore need the leader's consent.
VISIBILITIES_NEEDING_CONSENT = frozenset({Leader.Visibility.PUBLIC, Leader.Visibility.MEMBERS})


def leader_for_account_get(*, user: User) -> Leader | None:
    """The leader profile linked to `user`, or None."""
    return Leader.objects.filter(user=user).first()


def leader_for_account_ensure(*, user: User) -> Leader | None:
    """The user's leader profile, claimed or created once their address is verified.

    Without a verified address nothing is claimed: an imported profile may only be taken over
    by the person who controls its mailbox.
    """
    leader = leader_for_account_get(user=user)
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


def leader_for_account_exists(user: User | None, email: str) -> bool:
    """True when the account, or the address, already has a leader profile."""
    if user is not None and Leader.objects.filter(user=user).exists():
        return True
    return Leader.objects.filter(email=email.strip().lower()).exists()


@transaction.atomic
def account_profile_save(
    *,
    user: User,
    leader: Leader,
    consent: bool,
    consent_wording: str,
    topics: Iterable[Topic],
    roles: Iterable[LeaderRole],
) -> Leader:
    """Save the profile a leader edited on /me/, recording when they consented to be listed
    and the words they agreed to.

    `consent_at` holds the time the current consent was given: it is renewed when a leader
    widens who may see them, and cleared (with its wording) when they withdraw it. Being
    visible to the public or to members without consent is refused.
    """
    if leader.visibility in VISIBILITIES_NEEDING_CONSENT and not consent:
        raise ServiceError(_("To be visible to the public or to members, give your consent first."))
    previous = Leader.objects.filter(pk=leader.pk).values_list("visibility", flat=True).first()
    if consent:
        widened = previous is not None and _visibility_rank(leader.visibility) > _visibility_rank(
            previous
        )
        if leader.consent_at is None or widened or not leader.consent_text:
            leader.consent_at = timezone.now()
            leader.consent_text = consent_wording
    else:
        leader.consent_at, leader.consent_text = None, ""
    leader = leader_save(leader=leader, actor=user, topics=topics, roles=roles)
    if user.name != leader.name:
        user.name = leader.name
        user.save(update_fields=["name"])
    return leader


def _visibility_rank(visibility: str) -> int:
    order: list[str] = [
        Leader.Visibility.ORGANIZERS,
        Leader.Visibility.MEMBERS,
        Leader.Visibility.PUBLIC,
    ]
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


# --- The directory's part of a person's data --------------------------------------------------


def leader_data_export(user: User) -> dict[str, Any]:
    """The leader profile, its affiliations and the messages relayed to and from the person."""
    leader = Leader.objects.filter(user=user).prefetch_related("roles", "topics").first()
    sent = ContactMessage.objects.filter(sender=user).select_related("recipient")
    data: dict[str, Any] = {
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


def leader_audit_subjects(user: User) -> list[tuple[str, str]]:
    """Audit entries about the person's leader profile belong in their download."""
    pks = Leader.objects.filter(user=user).values_list("pk", flat=True)
    return [(Leader._meta.label_lower, str(pk)) for pk in pks]


def leader_data_delete(user: User) -> dict[str, Any]:
    """Remove the leader profile (its affiliations go with it); messages the person sent stay
    without a sender so "messages relayed" stays true. Returns the counts for the audit log."""
    leader = Leader.objects.select_for_update().filter(user=user).first()
    summary = {
        "had_leader_profile": leader is not None,
        "messages_sent": ContactMessage.objects.filter(sender=user).count(),
    }
    if leader is not None:
        leader.delete()
    return summary


PROFILE_HOOK = ProfileHook(
    ensure=lambda user: leader_for_account_ensure(user=user), exists=leader_for_account_exists
)
PERSON_DATA_PART = PersonDataPart(
    name="directory",
    export=leader_data_export,
    delete=leader_data_delete,
    audit_subjects=leader_audit_subjects,
)
