"""RSVPs: seats, the waitlist and promotion; every seat decision holds the event's row lock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actlocal.audit import audit_log
from actlocal.delivery import deliveries_kick
from actlocal.errors import ServiceError
from actlocal.languages import self_service_language
from directory.models import Leader

from ..deliveries import RSVP_MAIL
from ..models import RSVP, Event, Invitation, RSVPMail

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a desk


class RSVPError(ServiceError):
    """A request that cannot be honoured; the message is safe to show to the person."""


@dataclass
class RSVPDetails:
    accessibility_needs: str = ""
    dietary_needs: str = ""
    answers: dict = field(default_factory=dict)


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def seats_taken(event: Event) -> int:
    return event.rsvps.filter(status=RSVP.Status.GOING).count()


def _next_waitlist_position(event: Event) -> int:
    last = event.rsvps.aggregate(m=Max("waitlist_position"))["m"]
    return (last or 0) + 1


def _lock_event(event: Event) -> Event:
    """Re-read the event holding its row lock: concurrent seat decisions queue up behind it."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _mail(rsvps: list[RSVP], kind: str, *, language: str = "") -> None:
    """Write the mail rows in this transaction (the outbox) and have them sent after commit:
    a broker outage then delays the mail, and a rolled-back RSVP leaves none.

    `language` is the one the person used when answering for themselves ("" otherwise)."""
    rows = RSVPMail.objects.bulk_create(
        [RSVPMail(rsvp=rsvp, kind=kind, language=language) for rsvp in rsvps]
    )
    deliveries_kick(channel=RSVP_MAIL, pks=[row.pk for row in rows])


# Says nothing of why: the page may be open on a shared or forwarded link.
REMOVED_MESSAGE = gettext_lazy("This invitation is no longer valid. Contact the organizing team.")


def _is_removed(*, event: Event, leader: Leader, rsvp: RSVP | None) -> bool:
    """The team took this person off the event (see events.services.removal)."""
    if rsvp is not None:
        return rsvp.removed_at is not None
    # No answer yet: a revoked invitation to their profile or address still keeps them out.
    who = Q(leader=leader) | Q(email=leader.email) if leader.email else Q(leader=leader)
    return (
        Invitation.objects.filter(event=event, status=Invitation.Status.REVOKED)
        .filter(who)
        .exists()
    )


def check_open(event: Event) -> None:
    if event.is_template:
        raise RSVPError(_("This is an event kit, not an event."))
    if event.status == Event.Status.CANCELLED:
        raise RSVPError(_("This event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise RSVPError(_("This event is not open for RSVPs."))
    if event.starts_at <= timezone.now():
        raise RSVPError(_("This event has already started; RSVPs are closed."))


@transaction.atomic
def rsvp_respond(
    *,
    event: Event,
    leader: Leader,
    actor,
    going: bool,
    details: RSVPDetails | None = None,
    invitation: Invitation | None = None,
) -> RSVP:
    """Say yes (a seat, or the waitlist when full) or no to an event; re-answering updates it.

    Invite-only events need an invitation; callers that accepted one pass it in.
    """
    event = _lock_event(event)
    check_open(event)
    details = details or RSVPDetails()
    rsvp, code = _existing_or_free_code(event=event, leader=leader)
    if _is_removed(event=event, leader=leader, rsvp=rsvp):
        raise RSVPError(REMOVED_MESSAGE)
    if event.is_invite_only and invitation is None and rsvp is None:
        raise RSVPError(_("This event is by invitation only."))
    previous = rsvp.status if rsvp else None
    if rsvp is None:
        rsvp = RSVP(event=event, leader=leader, invitation=invitation, checkin_code=code)
    rsvp.accessibility_needs = details.accessibility_needs
    rsvp.dietary_needs = details.dietary_needs
    rsvp.answers = details.answers
    if going and rsvp.status not in (RSVP.Status.GOING, RSVP.Status.WAITLISTED):
        if event.capacity is None or seats_taken(event) < event.capacity:
            rsvp.status, rsvp.waitlist_position = RSVP.Status.GOING, None
        else:
            rsvp.status = RSVP.Status.WAITLISTED
            rsvp.waitlist_position = _next_waitlist_position(event)
    elif not going:
        rsvp.status, rsvp.waitlist_position = RSVP.Status.DECLINED, None
    # No savepoint: the code is free and every new RSVP of the event is saved under its lock.
    rsvp.save()
    audit_log(
        actor=actor, obj=rsvp, action="rsvp.respond", data={"from": previous, "to": rsvp.status}
    )
    if previous != rsvp.status and rsvp.status in (RSVP.Status.GOING, RSVP.Status.WAITLISTED):
        language = self_service_language(actor=actor, recipient_user_id=leader.user_id)
        _mail([rsvp], RSVPMail.Kind.CONFIRMATION, language=language)
    if previous == RSVP.Status.GOING and rsvp.status != RSVP.Status.GOING:
        waitlist_promote(event=event)
    return rsvp


def _existing_or_free_code(*, event: Event, leader: Leader) -> tuple[RSVP | None, str]:
    """The leader's RSVP (locked), and a check-in code nobody at the event has, in one query.

    The caller holds the event's row lock, under which every RSVP of the event is created, so
    the code stays free until it is saved.
    """
    code = new_checkin_code()
    rows = list(
        RSVP.objects.select_for_update()
        .filter(event=event)
        .filter(Q(leader=leader) | Q(checkin_code=code))
    )
    rsvp = next((row for row in rows if row.leader_id == leader.pk), None)
    if rsvp is None and any(row.checkin_code == code for row in rows):
        # The rare collision: draw again until a code is free.
        code = new_checkin_code()
        while RSVP.objects.filter(event=event, checkin_code=code).exists():
            code = new_checkin_code()
    return rsvp, code


def _save_with_fresh_code(rsvp: RSVP) -> None:
    """Save, drawing a new check-in code in the rare case it collides within the event."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                rsvp.save()
            return
        except IntegrityError:
            if (
                rsvp.pk is not None
                or RSVP.objects.filter(event_id=rsvp.event_id, leader_id=rsvp.leader_id).exists()
            ):
                raise
            rsvp.checkin_code = new_checkin_code()
    raise RSVPError(_("Could not save the RSVP; please try again."))


@transaction.atomic
def rsvp_cancel(*, rsvp: RSVP, actor) -> RSVP:
    """Cancel a seat or leave the waitlist; a freed seat goes to the first person waiting."""
    event = _lock_event(rsvp.event)
    rsvp = RSVP.objects.select_for_update().get(pk=rsvp.pk)
    if rsvp.status not in (RSVP.Status.GOING, RSVP.Status.WAITLISTED):
        return rsvp
    if event.starts_at <= timezone.now():
        raise RSVPError(_("This event has already started; the RSVP can no longer be changed."))
    was_going = rsvp.status == RSVP.Status.GOING
    rsvp.status, rsvp.waitlist_position = RSVP.Status.CANCELLED, None
    rsvp.save(update_fields=["status", "waitlist_position", "updated_at"])
    audit_log(actor=actor, obj=rsvp, action="rsvp.cancel", data={"was_going": was_going})
    if was_going:
        waitlist_promote(event=event)
    return rsvp


def waitlist_promote(*, event: Event) -> list[RSVP]:
    """Fill free seats from the waitlist in order. The caller holds the event's row lock."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("waitlist_promote needs the event row lock of an open transaction")
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - seats_taken(event)
        if free <= 0:
            return []
    waiting = event.rsvps.filter(status=RSVP.Status.WAITLISTED).order_by("waitlist_position", "id")
    promoted = list(waiting if free is None else waiting[:free])
    for rsvp in promoted:
        rsvp.status, rsvp.waitlist_position = RSVP.Status.GOING, None
        rsvp.save(update_fields=["status", "waitlist_position", "updated_at"])
        audit_log(actor=None, obj=rsvp, action="rsvp.promote")
    _mail(promoted, RSVPMail.Kind.PROMOTION)
    return promoted


@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int | None, actor) -> Event:
    """Change the number of seats; more seats promote people waiting. Fewer seats never unseat
    anyone already going."""
    event = _lock_event(event)
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    audit_log(actor=actor, obj=event, action="event.capacity", data={"capacity": capacity})
    waitlist_promote(event=event)
    return event
