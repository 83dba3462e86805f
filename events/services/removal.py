"""Taking someone off an event: the team revokes their invitation or cancels their RSVP.

Removal is one rule wherever it starts: every invitation of that person to the event is revoked
(its link shows a neutral "no longer valid" page), their RSVP is cancelled and marked removed
(the waitlist moves up as for any cancellation), and the RSVP's check-in code is drawn anew,
which ends every signed change link mailed to them (the signature covers the code); unconfirmed
answers typed into an invite link with their address are closed. Neither an
invite link, the RSVP form nor an old link seats them again: rsvp_respond refuses a removed
person, and only a new invitation from the team (invitations_create) lifts the mark.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from directory.models import Leader

from ..models import RSVP, Event, Invitation, LinkAnswer
from .rsvps import RSVPError, new_checkin_code, waitlist_promote


def _person(*, leader: Leader | None, email: str) -> Q:
    who = Q(pk__in=[])
    if leader is not None:
        who |= Q(leader=leader)
    if email:
        who |= Q(email=email)
    return who


def _rsvp_end(rsvp: RSVP) -> bool:
    """Cancel and mark the RSVP, with a fresh code; True when it held a seat."""
    was_going = rsvp.status == RSVP.Status.GOING
    if rsvp.is_active:
        rsvp.status = RSVP.Status.CANCELLED
    rsvp.waitlist_position = None
    rsvp.removed_at = timezone.now()
    for _attempt in range(5):
        rsvp.checkin_code = new_checkin_code()
        try:
            with transaction.atomic():
                rsvp.save(
                    update_fields=[
                        "status",
                        "waitlist_position",
                        "removed_at",
                        "checkin_code",
                        "updated_at",
                    ]
                )
            return was_going
        except IntegrityError:
            continue  # the new code collided within the event: draw another
    raise RSVPError(_("Could not save the RSVP; please try again."))


@transaction.atomic
def event_person_remove(
    *, event: Event, leader: Leader | None, email: str, actor
) -> list[Invitation]:
    """Take a person (profile and/or address) off the event; returns their revoked invitations."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    email = (email or "").strip().lower()
    invitations = list(
        Invitation.objects.select_for_update()
        .filter(event=event)
        .filter(_person(leader=leader, email=email))
    )
    leader_ids = {inv.leader_id for inv in invitations if inv.leader_id}
    if leader is not None:
        leader_ids.add(leader.pk)
    if email:
        leader_ids.update(Leader.objects.filter(email=email).values_list("pk", flat=True))
    for invitation in invitations:
        if invitation.status != Invitation.Status.REVOKED:
            previous = invitation.status
            invitation.status = Invitation.Status.REVOKED
            invitation.save(update_fields=["status"])
            audit_log(
                actor=actor, obj=invitation, action="invitation.revoke", data={"from": previous}
            )
    if email:
        # Answers typed into a link and not yet confirmed: their confirmation links end too.
        LinkAnswer.objects.filter(
            event=event, email=email, confirmed_at=None, cancelled_at=None
        ).update(cancelled_at=timezone.now(), last_error="removed by the team")
    freed = False
    rsvps = RSVP.objects.select_for_update().filter(event=event, leader__in=leader_ids)
    for rsvp in rsvps:
        was_active = rsvp.is_active
        was_going = _rsvp_end(rsvp)
        freed = freed or was_going
        audit_log(
            actor=actor,
            obj=rsvp,
            action="rsvp.cancel" if was_active else "rsvp.remove",
            data={"was_going": was_going, "removed": True},
        )
    if freed and event.starts_at > timezone.now():
        waitlist_promote(event=event)
    return invitations


@transaction.atomic
def rsvp_remove(*, rsvp: RSVP, actor) -> RSVP:
    """The team cancels someone's seat or waitlist place: a removal like revoking (see above)."""
    event = Event.objects.select_for_update().get(pk=rsvp.event_id)
    if event.starts_at <= timezone.now():
        raise RSVPError(_("This event has already started; the RSVP can no longer be changed."))
    leader = Leader.objects.get(pk=rsvp.leader_id)
    event_person_remove(event=event, leader=leader, email=leader.email, actor=actor)
    rsvp.refresh_from_db()
    return rsvp
