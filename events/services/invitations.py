"""Invitations: create and send them in batches, resend, revoke, invite links, and accepting.

Each sending is an InvitationDelivery row written with the invitation (the outbox): the one
delivery loop mails it once, whatever runs twice or is down (events/deliveries.py).
Accepting a personal invitation trusts the token as proof of the mailbox; an invite link
proves nothing about the address typed into it, so it never signs anyone in and never touches
someone else's answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from actlocal.audit import audit_log
from actlocal.delivery import deliveries_kick
from actlocal.errors import ServiceError
from actlocal.models import AuditEntry
from directory.models import Leader

from ..deliveries import INVITATION
from ..models import RSVP, Event, Invitation, InvitationDelivery, InviteLink
from ..tokens import new_token
from .rsvps import REMOVED_MESSAGE, RSVPDetails, RSVPError, rsvp_respond

logger = logging.getLogger(__name__)

Recipient = tuple[str, str, Leader | None]


# One answer for every refusal of a link answer (bad address, already invited or answered, link
# used up): which of them it was would tell a stranger whether an address is known here.
LINK_REFUSED = _lazy(
    "We could not record this answer. If you were invited personally, use the link in your "
    "invitation email; otherwise ask the organizing team for a new link."
)


class InvitationError(ServiceError):
    """A request that cannot be honoured; the message is safe to show to the person."""


@dataclass
class InviteResult:
    created: list[Invitation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def created_count(self) -> int:
        return len(self.created)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


@dataclass
class AcceptResult:
    invitation: Invitation | None
    rsvp: RSVP | None
    leader: Leader | None
    # The account the view may sign in (personal invitations only, see _may_sign_in_by_link).
    sign_in: object | None = None


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_can_invite(event: Event) -> None:
    """Invitations go out at once, so the event must be published, real and still ahead."""
    if event.is_template:
        raise InvitationError(_("This is an event kit; create an event from it to invite people."))
    if event.status == Event.Status.DRAFT:
        raise InvitationError(_("Publish the event before inviting people."))
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        raise InvitationError(_("This event is over or cancelled; invitations are closed."))


def _audit_bulk(*, actor, objects, action: str) -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=user,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                data={"email": getattr(obj, "email", "")},
            )
            for obj in objects
        ],
        batch_size=1000,
    )


def invitations_mail(*, invitation_pks: list[int]) -> None:
    """Write a sending of each invitation in this transaction and have it mailed after commit.

    An invitation whose last sending is still open keeps that one, with fresh attempts: a resend
    never puts two copies in flight. Its claim stays: a worker may be sending it right now.
    """
    open_rows = InvitationDelivery.objects.filter(
        invitation_id__in=invitation_pks, sent_at=None, cancelled_at=None
    )
    reopened = dict(open_rows.values_list("invitation_id", "pk"))
    if reopened:
        open_rows.update(attempts=0, last_error="")
    created = InvitationDelivery.objects.bulk_create(
        [InvitationDelivery(invitation_id=pk) for pk in invitation_pks if pk not in reopened],
        batch_size=1000,
    )
    deliveries_kick(channel=INVITATION, pks=[*reopened.values(), *(row.pk for row in created)])


def _reissue(invitation: Invitation, *, token: str, selector: str, by) -> Invitation:
    """A revoked invitation made new, and its person's removal lifted (only the team does this)."""
    invitation.token, invitation.token_selector = token, selector
    invitation.status = Invitation.Status.PENDING
    invitation.invited_by = by
    invitation.sent_at = invitation.responded_at = None
    invitation.last_error = ""
    invitation.save()
    who = Q(email=invitation.email) | Q(pk=invitation.leader_id)
    RSVP.objects.filter(event_id=invitation.event_id, leader__in=Leader.objects.filter(who)).update(
        removed_at=None
    )
    return invitation


@transaction.atomic
def invitations_create(*, event: Event, recipients: list[Recipient], actor) -> InviteResult:
    """Invite each (email, name, leader) once; addresses already invited are skipped, never
    duplicated. Mail goes out after commit in batches."""
    event = Event.objects.select_for_update().get(pk=event.pk)  # one inviter at a time
    check_can_invite(event)
    wanted: dict[str, tuple[str, Leader | None]] = {}
    result = InviteResult()
    for email, name, leader in recipients:
        email = normalize_email(email)
        try:
            validate_email(email)
        except ValidationError as exc:
            raise InvitationError(
                _("“%(email)s” is not an email address.") % {"email": email}
            ) from exc
        if email in wanted:
            result.skipped.append(email)
        else:
            wanted[email] = ((name or "").strip()[:150], leader)
    previous = {inv.email: inv for inv in event.invitations.filter(email__in=wanted)}
    known = {
        leader.email: leader
        for leader in Leader.objects.filter(email__in=set(wanted) - set(previous)).only(
            "id", "email"
        )
    }
    invited_by = actor if getattr(actor, "is_authenticated", False) else None
    reissued: list[Invitation] = []
    for email, (name, leader) in wanted.items():
        earlier = previous.get(email)
        if earlier is not None and earlier.status != Invitation.Status.REVOKED:
            result.skipped.append(email)
            continue
        token, selector = new_token()
        if earlier is not None:
            # Someone the team removed, invited anew: a fresh token (the old link stays dead).
            reissued.append(_reissue(earlier, token=token, selector=selector, by=invited_by))
            continue
        result.created.append(
            Invitation(
                event=event,
                email=email,
                name=name or (leader.name if leader else ""),
                leader=leader or known.get(email),
                token=token,
                token_selector=selector,
                invited_by=invited_by,
                address_typed=leader is None,
            )
        )
    Invitation.objects.bulk_create(result.created, batch_size=1000)
    _audit_bulk(actor=actor, objects=result.created, action="invitation.create")
    _audit_bulk(actor=actor, objects=reissued, action="invitation.reissue")
    result.created.extend(reissued)
    invitations_mail(invitation_pks=[invitation.pk for invitation in result.created])
    return result


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    """Send the same invitation (same token) again; revoked or answered ones are not resent."""
    invitation = (
        Invitation.objects.select_for_update().select_related("event").get(pk=invitation.pk)
    )
    check_can_invite(invitation.event)
    if invitation.status == Invitation.Status.REVOKED:
        raise InvitationError(_("This invitation was revoked and cannot be sent again."))
    if invitation.status in (Invitation.Status.ACCEPTED, Invitation.Status.DECLINED):
        raise InvitationError(_("This person has already answered the invitation."))
    invitation.status = Invitation.Status.PENDING
    invitation.last_error = ""
    invitation.save(update_fields=["status", "last_error"])
    audit_log(actor=actor, obj=invitation, action="invitation.resend")
    invitations_mail(invitation_pks=[invitation.pk])
    return invitation


def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    """Withdraw an invitation at any status and take its person off the event (their RSVP is
    cancelled, their links end; see events.services.removal)."""
    from .removal import event_person_remove

    event_person_remove(
        event=invitation.event, leader=invitation.leader, email=invitation.email, actor=actor
    )
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def invite_link_create(
    *, event: Event, max_uses: int, expires_at: datetime, label: str, actor
) -> InviteLink:
    """A shareable link good for `max_uses` acceptances until `expires_at`."""
    check_can_invite(event)
    if max_uses < 1:
        raise InvitationError(_("A link must allow at least one use."))
    if expires_at <= timezone.now():
        raise InvitationError(_("The expiry must be in the future."))
    token, selector = new_token()
    link = InviteLink.objects.create(
        event=event,
        label=label.strip()[:100],
        max_uses=max_uses,
        expires_at=expires_at,
        token=token,
        token_selector=selector,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(actor=actor, obj=link, action="invite_link.create", data={"max_uses": max_uses})
    return link


@transaction.atomic
def invite_link_revoke(*, link: InviteLink, actor) -> InviteLink:
    """Stop a link from being used; invitations it already gave stay valid."""
    updated = InviteLink.objects.filter(pk=link.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    link.refresh_from_db()
    if updated:
        audit_log(actor=actor, obj=link, action="invite_link.revoke")
    return link


# --- Accepting ---------------------------------------------------------------------------------


def leader_for_email(
    *, email: str, name: str, visibility: str, zip_code: str = "", language: str = ""
) -> Leader:
    """The leader with this email, or a new self-registered one; never a second profile."""
    from directory.services import leader_save

    for _attempt in range(3):
        leader = Leader.objects.select_for_update().filter(email=email).first()
        if leader is not None:
            return leader
        try:
            with transaction.atomic():
                return leader_save(
                    leader=Leader(
                        name=(name or email.split("@")[0])[:150],
                        email=email,
                        source=Leader.Source.SELF,
                        zip_code=zip_code,
                        language=language,
                        # Answering an event is no agreement to be listed: no consent here.
                        visibility=visibility,
                    ),
                    actor=None,
                )
        except IntegrityError:
            # Someone created that email (or took that slug) a moment ago: look again.
            continue
    raise InvitationError(_("We could not save your details; please try again."))


def _ensure_verified_account(leader: Leader, *, email: str):
    """The leader's account (made if missing) with `email` marked verified, since the token in
    the mail proves that mailbox; None when the account's address is a different one."""
    from allauth.account.models import EmailAddress

    from directory.services import leader_ensure_account

    user = leader.user if leader.user_id else leader_ensure_account(leader=leader)
    if user is None or normalize_email(user.email) != email:
        return None
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.create(
            user=user,
            email=email,
            verified=True,
            primary=not EmailAddress.objects.filter(user=user, primary=True).exists(),
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    return user


def _may_sign_in_by_link(user) -> bool:
    """A mailed link may be forwarded: it signs in only plain accounts that have no password of
    their own and no access to other people's data (staff, organizers, event teams)."""
    from actlocal.permissions import is_organizer

    return bool(
        user is not None
        and user.is_active
        and not user.is_staff
        and not user.is_superuser
        and not user.has_usable_password()
        and not is_organizer(user)
        and not user.event_roles.exists()
    )


def _respond(*, invitation: Invitation, leader: Leader, going: bool, details, actor) -> RSVP:
    rsvp = rsvp_respond(
        event=invitation.event,
        leader=leader,
        actor=actor,
        going=going,
        details=details,
        invitation=invitation,
    )
    invitation.leader = leader
    invitation.status = Invitation.Status.ACCEPTED if going else Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["leader", "status", "responded_at"])
    audit_log(actor=actor, obj=invitation, action="invitation.respond", data={"going": going})
    return rsvp


def _accept_personal(*, invitation: Invitation, name: str, going: bool, details, user):
    invitation = (
        Invitation.objects.select_for_update().select_related("event").get(pk=invitation.pk)
    )
    if invitation.status == Invitation.Status.REVOKED:
        raise InvitationError(REMOVED_MESSAGE)
    actor = user if getattr(user, "is_authenticated", False) else None
    # The leader invited from the directory, else whoever has the invited address.
    leaders = Leader.objects.select_for_update()
    existing = (
        invitation.leader_id is not None and leaders.filter(pk=invitation.leader_id).first()
    ) or leaders.filter(email=invitation.email).first()
    if not going and existing is None:
        # Declining needs no profile: just remember the answer.
        invitation.status = Invitation.Status.DECLINED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
        audit_log(actor=actor, obj=invitation, action="invitation.respond", data={"going": False})
        return AcceptResult(invitation=invitation, rsvp=None, leader=None)
    leader = existing or leader_for_email(
        email=invitation.email,
        name=name or invitation.name,
        visibility=Leader.Visibility.ORGANIZERS,
    )
    rsvp = _respond(invitation=invitation, leader=leader, going=going, details=details, actor=actor)
    account = _ensure_verified_account(leader, email=invitation.email) if going else None
    sign_in = account if _may_sign_in_by_link(account) else None
    return AcceptResult(invitation=invitation, rsvp=rsvp, leader=leader, sign_in=sign_in)


def _accept_link(*, link: InviteLink, details, user):
    """A signed-in member answers a link as themselves: their verified address proves who they
    are. (Answers typed by someone not signed in wait for the mailbox: see link_answers.)"""
    from actlocal.accounts import account_leader_ensure

    leader = account_leader_ensure(user=user)
    if leader is None:
        raise InvitationError(
            _("Please confirm your email address first (see the link we sent you).")
        )
    email = leader.email or normalize_email(user.email)
    return link_answer_attach(link=link, email=email, name=leader.name, details=details, actor=user)


def link_answer_attach(
    *, link: InviteLink, email: str, name: str, details, actor, language: str = ""
) -> AcceptResult:
    """Seat the owner of `email` (proven by sign-in or by the confirmation mail) through `link`.

    The caller holds the event's row lock. Someone already invited answers through their own
    invitation (no use of the link is spent); someone the team removed is refused.
    """
    leader = Leader.objects.select_for_update().filter(email=email).first()
    invitation = (
        Invitation.objects.select_for_update().filter(event_id=link.event_id, email=email).first()
    )
    if invitation is not None and invitation.status == Invitation.Status.REVOKED:
        raise InvitationError(LINK_REFUSED)
    if invitation is None:
        used = InviteLink.objects.filter(
            pk=link.pk, revoked_at=None, expires_at__gt=timezone.now(), uses__lt=F("max_uses")
        ).update(uses=F("uses") + 1)
        if not used:
            raise InvitationError(LINK_REFUSED)
        # A new profile made from a link stays visible to organizers only: its owner never
        # chose to be listed.
        leader = leader or leader_for_email(
            email=email, name=name, visibility=Leader.Visibility.ORGANIZERS, language=language
        )
        token, selector = new_token()
        invitation = Invitation.objects.create(
            event=link.event,
            email=email,
            name=(name or leader.name)[:150],
            leader=leader,
            token=token,
            token_selector=selector,
            status=Invitation.Status.ACCEPTED,
            invited_by=link.created_by,
        )
        audit_log(actor=actor, obj=invitation, action="invitation.via_link", data={"link": link.pk})
    else:
        leader = (
            (
                invitation.leader_id is not None
                and Leader.objects.select_for_update().filter(pk=invitation.leader_id).first()
            )
            or leader
            or leader_for_email(email=email, name=name, visibility=Leader.Visibility.ORGANIZERS)
        )
    rsvp = _respond(invitation=invitation, leader=leader, going=True, details=details, actor=actor)
    return AcceptResult(invitation=invitation, rsvp=rsvp, leader=leader)


def invitation_accept(
    *,
    invitation: Invitation | None = None,
    link: InviteLink | None = None,
    name: str = "",
    email: str = "",
    details: RSVPDetails | None = None,
    going: bool = True,
    user=None,
) -> AcceptResult:
    """Answer a personal invitation or accept through an invite link, recording the RSVP.

    Everything happens in one transaction: a refusal (InvitationError or RSVPError) changes
    nothing, not even the link's use count.
    """
    if (invitation is None) == (link is None):
        raise ValueError("Pass exactly one of invitation or link")
    details = details or RSVPDetails()
    if invitation is not None:
        event_id = invitation.event_id
    else:
        assert link is not None  # checked above: exactly one of the two
        event_id = link.event_id
    try:
        with transaction.atomic():
            # The event's row lock first, as every seat decision takes it: concurrent invites
            # and acceptances then queue in one order and cannot deadlock.
            Event.objects.select_for_update().filter(pk=event_id).first()
            if invitation is not None:
                return _accept_personal(
                    invitation=invitation, name=name, going=going, details=details, user=user
                )
            if not going:
                raise InvitationError(_("Nothing to record: you did not accept."))
            if not getattr(user, "is_authenticated", False):
                raise ValueError("A typed link answer waits for its mail: link_answer_record")
            assert link is not None
            return _accept_link(link=link, details=details, user=user)
    except RSVPError as exc:
        raise InvitationError(str(exc)) from exc
    except IntegrityError as exc:
        # The same address accepted through a link twice at the same moment.
        raise InvitationError(LINK_REFUSED) from exc
