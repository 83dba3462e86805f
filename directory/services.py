"""Writes to the directory. Views, imports, the admin and sign-up all come through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from actlocal.audit import audit_log
from actlocal.geo import city_centroid, normalize_zip, zip_place
from actlocal.models import Topic, User
from actlocal.queue import enqueue_after_commit
from actlocal.text import unique_slug, website_domain

from .models import ContactMessage, Leader, LeaderRole, Organization, Resource


def location_for(*, zip_code: str = "", city: str = "", state: str = "") -> tuple:
    """Coarse (lat, lng) for a place: the ZIP centroid, else the city's, else (None, None)."""
    place = zip_place(zip_code)
    if place:
        return place.lat, place.lng
    if city and state:
        centroid = city_centroid(city, state)
        if centroid:
            return centroid
    return None, None


def leader_prepare(leader: Leader) -> None:
    """Fill the derived fields of an unsaved or changed leader: slug, email case, location."""
    leader.email = (leader.email or "").strip().lower()
    leader.zip_code = normalize_zip(leader.zip_code) or (leader.zip_code or "").strip()
    if not leader.slug:
        leader.slug = unique_slug(Leader, leader.name, instance_pk=leader.pk)
    leader.latitude, leader.longitude = location_for(
        zip_code=leader.zip_code, city=leader.city, state=leader.state
    )


def organization_prepare(organization: Organization) -> None:
    organization.zip_code = (
        normalize_zip(organization.zip_code) or (organization.zip_code or "").strip()
    )
    if not organization.slug:
        organization.slug = unique_slug(
            Organization, organization.name, instance_pk=organization.pk
        )
    organization.website_domain = website_domain(organization.website)
    organization.latitude, organization.longitude = location_for(
        zip_code=organization.zip_code, city=organization.city, state=organization.state
    )


def resource_prepare(resource: Resource) -> None:
    if not resource.slug:
        resource.slug = unique_slug(Resource, resource.title, instance_pk=resource.pk)


# Records per duplicate-check task after an import: a big file becomes several small tasks.
DUPLICATE_CHECK_BATCH = 200


def _enqueue_duplicate_check(kind: str, pk: int) -> None:
    from .tasks import duplicates_check

    # With the broker down the save (an RSVP's new profile, a sign-up) still answers normally;
    # the nightly scan flags what this check would have.
    enqueue_after_commit(duplicates_check, kind, pk)


def duplicates_check_enqueue(*, kind: str, pks: list[int]) -> None:
    """After the commit, check the records an import wrote for duplicates, in batches.

    Robust like the check after one save: with the broker down the import still succeeds and
    the nightly scan flags what these checks would have.
    """
    from .tasks import duplicates_check_many

    for start in range(0, len(pks), DUPLICATE_CHECK_BATCH):
        enqueue_after_commit(
            duplicates_check_many, kind, list(pks[start : start + DUPLICATE_CHECK_BATCH])
        )


@transaction.atomic
def leader_save(
    *,
    leader: Leader,
    actor: User | None,
    topics: Iterable[Topic] | None = None,
    roles: Iterable[LeaderRole] | None = None,
) -> Leader:
    """Create or update a leader with its derived fields, audit it, and queue a duplicate check."""
    created = leader.pk is None
    leader_prepare(leader)
    leader.save()
    if topics is not None:
        leader.topics.set(topics)
    if roles is not None:
        leader.roles.set(roles)
    audit_log(actor=actor, obj=leader, action="leader.create" if created else "leader.update")
    _enqueue_duplicate_check("leader", leader.pk)
    return leader


@transaction.atomic
def organization_save(
    *, organization: Organization, actor: User | None, topics: Iterable[Topic] | None = None
) -> Organization:
    created = organization.pk is None
    organization_prepare(organization)
    organization.save()
    if topics is not None:
        organization.topics.set(topics)
    audit_log(
        actor=actor,
        obj=organization,
        action="organization.create" if created else "organization.update",
    )
    _enqueue_duplicate_check("organization", organization.pk)
    return organization


@transaction.atomic
def resource_save(
    *, resource: Resource, actor: User | None, topics: Iterable[Topic] | None = None
) -> Resource:
    created = resource.pk is None
    resource_prepare(resource)
    resource.save()
    if topics is not None:
        resource.topics.set(topics)
    audit_log(actor=actor, obj=resource, action="resource.create" if created else "resource.update")
    return resource


@transaction.atomic
def leader_claim_or_create(*, user: User) -> Leader:
    """Link `user` to the unclaimed leader profile with the same email, or create a new one.

    Called once the address is verified, so an imported profile is only ever claimed by the
    person who controls that mailbox.
    """
    email = user.email.strip().lower()
    existing = getattr(user, "leader", None) if hasattr(user, "leader") else None
    if existing:
        return existing
    leader = (
        Leader.objects.select_for_update()
        .filter(email=email, user__isnull=True)
        .order_by("pk")
        .first()
    )
    if leader:
        # Claiming proves the mailbox, not agreement to be listed: consent is given on /me/.
        leader.user = user
        leader.save(update_fields=["user", "updated_at"])
        audit_log(actor=user, obj=leader, action="leader.claim")
        return leader
    # Organizers only until the person ticks the consent box on /me/ and chooses who sees them.
    leader = Leader(
        user=user,
        name=user.name or email.split("@")[0],
        email=email,
        source=Leader.Source.SELF,
        visibility=Leader.Visibility.ORGANIZERS,
    )
    return leader_save(leader=leader, actor=user)


# --- Contact relay ---------------------------------------------------------------------------


class ContactRateLimitedError(Exception):
    """The sender has used up their allowance of relayed messages; nothing was recorded."""


def contact_message_send(
    *, sender: User, recipient: Leader, subject: str, body: str
) -> ContactMessage:
    """Record a member's message to a leader (its own outbox row) and mail it after commit,
    Reply-To the sender.

    The recipient's address never leaves the server; replying by email shares theirs with the
    sender, which the contact page says. Raises ContactRateLimitedError over the rate.
    """
    from django.conf import settings

    from actlocal.ratelimit import hit

    if not recipient.email or recipient.user_id == sender.pk:
        raise ValueError("This leader cannot be contacted by this sender")
    if not hit(scope="contact", key=str(sender.pk), rate=settings.CONTACT_RELAY_RATE):
        raise ContactRateLimitedError
    with transaction.atomic():
        message = ContactMessage.objects.create(
            sender=sender, recipient=recipient, subject=subject, body=body
        )
        audit_log(
            actor=sender, obj=message, action="contact.send", data={"recipient": recipient.pk}
        )
        from actlocal.delivery import deliveries_kick

        from .deliveries import CONTACT

        deliveries_kick(channel=CONTACT, pks=[message.pk])
    return message


# --- Sign-in accounts for imported leaders -----------------------------------------------------


@transaction.atomic
def leaders_ensure_accounts(*, leaders: Iterable[Leader], actor: User | None = None) -> list[User]:
    """Give each leader with an email and no account one, in bulk; returns the accounts made.

    A new account has the leader's lowercased email as its verified primary allauth address and
    an unusable password: the person claims it through the password reset flow, which proves
    they control the mailbox. An existing account with that address and no profile of its own
    is linked instead. Saved leaders are updated here; unsaved ones get `user` set for the
    caller to insert.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db.models.functions import Lower

    from actlocal.models import AuditEntry

    todo: dict[str, Leader] = {}
    for leader in leaders:
        email = (leader.email or "").strip().lower()
        if leader.user_id is None and email and email not in todo:
            todo[email] = leader
    if not todo:
        return []
    emails = sorted(todo)
    owners: dict[str, int] = {}
    for start in range(0, len(emails), 5000):
        chunk = emails[start : start + 5000]
        users = User.objects.annotate(key=Lower("email")).filter(key__in=chunk)
        owners.update(users.values_list("key", "pk"))
        addresses = EmailAddress.objects.annotate(key=Lower("email")).filter(key__in=chunk)
        for key, user_id in addresses.values_list("key", "user_id"):
            owners.setdefault(key, user_id)
    taken = set(
        Leader.objects.filter(user_id__in=set(owners.values())).values_list("user_id", flat=True)
    )
    created: list[tuple[Leader, User]] = []
    for email, leader in todo.items():
        owner = owners.get(email)
        if owner is None:
            user = User(email=email, name=leader.name[:150], password=make_password(None))
            created.append((leader, user))
        elif owner not in taken:
            # Same mailbox, no profile yet: this is the person's own account.
            leader.user_id = owner
            taken.add(owner)
    User.objects.bulk_create([user for _leader, user in created], batch_size=1000)
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for _leader, user in created
        ],
        batch_size=1000,
    )
    for leader, user in created:
        leader.user = user
    saved = [leader for leader in todo.values() if leader.pk and leader.user_id]
    Leader.objects.bulk_update(saved, ["user"], batch_size=1000)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                action="account.create_for_leader",
                object_type=User._meta.label_lower,
                object_id=str(user.pk),
                data={"email_verified": True},
            )
            for _leader, user in created
        ],
        batch_size=1000,
    )
    return [user for _leader, user in created]


def leader_ensure_account(*, leader: Leader, actor: User | None = None) -> User | None:
    """Make sure one leader has a sign-in account (see leaders_ensure_accounts)."""
    leaders_ensure_accounts(leaders=[leader], actor=actor)
    return leader.user if leader.user_id else None
