"""The check-in desk and final attendance.

Every change holds the event's row lock first (as the RSVP services do, so locks are always
taken event -> RSVP and cannot deadlock), which also orders check-ins against finalization:
once `finalized_at` is set, the desk changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.geo import normalize_zip
from directory.cache import public_cache_bump
from directory.models import Leader
from directory.services import leader_save

from ..models import RSVP, Event, Invitation
from .rsvps import _save_with_fresh_code, new_checkin_code, seats_taken

# The desk stays open this long after the end (late sign-ins, fixing mistakes); then the
# sweep makes attendance final.
FINALIZE_AFTER = timedelta(hours=3)


class CheckInError(ServiceError):
    """A check-in change that cannot be made; the message is safe to show at the desk."""


def _lock_open_event(event: Event) -> Event:
    """The event under its row lock, or CheckInError when the desk must not change anything."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.finalized_at is not None:
        raise CheckInError(
            _("Attendance for this event is final; check-ins can no longer be changed.")
        )
    if event.is_template:
        raise CheckInError(_("This is an event kit, not an event."))
    if event.status == Event.Status.CANCELLED:
        raise CheckInError(_("This event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise CheckInError(_("The check-in desk opens once the event is published."))
    return event


@transaction.atomic
def rsvp_check_in(*, rsvp: RSVP, actor) -> RSVP:
    """Mark someone who is going as arrived; checking in twice changes nothing."""
    _lock_open_event(rsvp.event)
    rsvp = RSVP.objects.select_for_update().select_related("leader", "event").get(pk=rsvp.pk)
    if rsvp.status != RSVP.Status.GOING:
        raise CheckInError(
            _("%(name)s is not on the list of people going (%(status)s).")
            % {"name": rsvp.leader.name, "status": rsvp.get_status_display().lower()}
        )
    if rsvp.checked_in_at is None:
        rsvp.checked_in_at, rsvp.checked_in_by = timezone.now(), actor
        rsvp.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit_log(actor=actor, obj=rsvp, action="rsvp.check_in")
    return rsvp


@transaction.atomic
def rsvp_check_in_undo(*, rsvp: RSVP, actor) -> RSVP:
    """Take back a check-in made by mistake; undoing twice changes nothing."""
    _lock_open_event(rsvp.event)
    rsvp = RSVP.objects.select_for_update().select_related("leader", "event").get(pk=rsvp.pk)
    if rsvp.checked_in_at is not None:
        rsvp.checked_in_at, rsvp.checked_in_by = None, None
        rsvp.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit_log(actor=actor, obj=rsvp, action="rsvp.check_in_undo")
    return rsvp


def _walk_in_leader(*, name: str, email: str, zip_code: str, actor) -> tuple[Leader, bool]:
    """The leader with this email (never a duplicate), or a new profile seen only by organizers.

    Returns (leader, created).
    """
    if email:
        existing = Leader.objects.filter(email__iexact=email).first()
        if existing:
            return existing, False
    leader = Leader(
        name=name,
        email=email,
        zip_code=zip_code,
        source=Leader.Source.STAFF,
        visibility=Leader.Visibility.ORGANIZERS,
    )
    try:
        with transaction.atomic():
            return leader_save(leader=leader, actor=actor), True
    except IntegrityError:
        # Registered at the same moment elsewhere (another event's desk): use that profile.
        if email and (existing := Leader.objects.filter(email__iexact=email).first()):
            return existing, False
        raise


@transaction.atomic
def walk_in_register(*, event: Event, name: str, email: str, zip_code: str, actor) -> RSVP:
    """Register someone at the door: their profile (reused by email), a seat, and a check-in.

    Raises CheckInError when the event is full (nothing is created then) or the desk is closed.
    """
    event = _lock_open_event(event)
    name, email = name.strip(), email.strip().lower()
    zip_code = normalize_zip(zip_code) or zip_code.strip()
    existing = None
    if email:
        existing = (
            RSVP.objects.select_for_update()
            .select_related("leader")
            .filter(event=event, leader__email__iexact=email)
            .first()
        )
    removed = (
        existing.removed_at is not None
        if existing is not None
        else bool(email)
        and Invitation.objects.filter(
            event=event, email=email, status=Invitation.Status.REVOKED
        ).exists()
    )
    if removed:
        # Removal ends only with a new invitation from a lead or co-organizer, not at the door.
        raise CheckInError(
            _("The team removed this person from the event; only a new invitation lets them in.")
        )
    if existing is not None and existing.status == RSVP.Status.GOING:
        # Already has a seat: they simply arrived.
        return rsvp_check_in(rsvp=existing, actor=actor)
    if event.capacity is not None and seats_taken(event) >= event.capacity:
        raise CheckInError(
            _("The event is full (%(capacity)s seats); %(name)s could not be registered.")
            % {"capacity": event.capacity, "name": name}
        )
    now = timezone.now()
    created = False
    if existing is not None:
        rsvp, previous = existing, existing.status
    else:
        leader, created = _walk_in_leader(name=name, email=email, zip_code=zip_code, actor=actor)
        rsvp = RSVP(event=event, leader=leader, checkin_code=new_checkin_code())
        previous = None
    rsvp.status, rsvp.waitlist_position = RSVP.Status.GOING, None
    rsvp.is_walk_in = True
    rsvp.checked_in_at, rsvp.checked_in_by = now, actor
    _save_with_fresh_code(rsvp)
    audit_log(
        actor=actor,
        obj=rsvp,
        action="rsvp.walk_in",
        data={"from": previous, "new_leader": created},
    )
    return rsvp


def events_finalize_ended(*, now: datetime | None = None) -> int:
    """Make attendance final for published events that ended over three hours ago.

    Going and checked in -> attended; going and not checked in -> no-show; the event becomes
    completed. Each event is claimed by a conditional update, so a second run (or two sweeps at
    once) finalizes nothing twice. Returns the number of events finalized.
    """
    now = now or timezone.now()
    due = Event.objects.filter(
        is_template=False,
        status=Event.Status.PUBLISHED,
        finalized_at=None,
        ends_at__lt=now - FINALIZE_AFTER,
    ).values_list("pk", flat=True)
    finalized = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Event.objects.filter(
                pk=pk, status=Event.Status.PUBLISHED, finalized_at=None
            ).update(status=Event.Status.COMPLETED, finalized_at=now, updated_at=now)
            if not claimed:
                continue
            going = RSVP.objects.filter(event_id=pk, status=RSVP.Status.GOING)
            attended = going.filter(checked_in_at__isnull=False).update(
                attendance=RSVP.Attendance.ATTENDED, updated_at=now
            )
            no_show = going.filter(checked_in_at__isnull=True).update(
                attendance=RSVP.Attendance.NO_SHOW, updated_at=now
            )
            audit_log(
                actor=None,
                obj=Event.objects.only("pk").get(pk=pk),
                action="event.finalize",
                data={"attended": attended, "no_show": no_show},
            )
            public_cache_bump("events")  # the updates above send no signals
            finalized += 1
    return finalized
