"""Nominations: someone going suggests another person; the team approves (an invitation goes
out) or declines."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.delivery import deliveries_kick
from directory.models import Leader

from ..deliveries import NOMINATION
from ..models import RSVP, Event, Invitation, Nomination, NominationNotice
from .invitations import (
    InvitationError,
    check_can_invite,
    invitations_create,
    normalize_email,
)


class NominationError(InvitationError):
    """A nomination that cannot be made or decided; the message is safe to show."""


def can_nominate(*, event: Event, leader: Leader | None) -> bool:
    """Only people with a seat (RSVP going) nominate others."""
    return (
        leader is not None
        and RSVP.objects.filter(event=event, leader=leader, status=RSVP.Status.GOING).exists()
    )


def nomination_create(
    *, event: Event, nominator_leader: Leader, name: str, email: str, reason: str
) -> Nomination:
    """Record a suggestion for the team; one per address per event, none for people invited."""
    email = normalize_email(email)
    if not can_nominate(event=event, leader=nominator_leader):
        raise NominationError(_("Only people going to this event can nominate someone."))
    if not event.accepts_rsvps:
        raise NominationError(_("This event is not open for nominations."))
    if Invitation.objects.filter(event=event, email=email).exists():
        raise NominationError(_("This person has already been invited."))
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                event=event,
                nominated_by=nominator_leader,
                name=name.strip()[:150],
                email=email,
                reason=reason.strip(),
            )
            audit_log(
                actor=nominator_leader.user, obj=nomination, action="nomination.create", data={}
            )
            notice = NominationNotice.objects.create(nomination=nomination)
            deliveries_kick(channel=NOMINATION, pks=[notice.pk])
    except IntegrityError as exc:
        raise NominationError(_("Someone has already nominated this person.")) from exc
    return nomination


@transaction.atomic
def nomination_decide(*, nomination: Nomination, approve: bool, actor) -> Nomination:
    """Approve (invite the person, reusing an invitation they already have) or decline."""
    nomination = (
        Nomination.objects.select_for_update().select_related("event").get(pk=nomination.pk)
    )
    if nomination.status != Nomination.Status.PENDING:
        raise NominationError(_("This nomination has already been decided."))
    if approve:
        event = nomination.event
        check_can_invite(event)
        # The team's explicit approval outweighs an earlier removal: invitations_create reissues
        # a revoked invitation with a fresh token.
        invitations_create(
            event=event, recipients=[(nomination.email, nomination.name, None)], actor=actor
        )
        invitation = Invitation.objects.select_for_update().get(event=event, email=nomination.email)
        nomination.invitation = invitation
    nomination.status = Nomination.Status.APPROVED if approve else Nomination.Status.DECLINED
    nomination.decided_by = actor
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["status", "decided_by", "decided_at", "invitation"])
    audit_log(actor=actor, obj=nomination, action="nomination.decide", data={"approve": approve})
    return nomination
