"""Agenda session sign-up: a seat in a session for someone going, never beyond its capacity.

Every decision holds the session's row lock, so parallel sign-ups for the last seat queue up
behind each other and exactly one of them gets it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.translated import localized

from ..models import RSVP, Event, Session, SessionSignup
from .rsvps import RSVPError


class SessionError(RSVPError):
    """A sign-up that cannot be honoured; the message is safe to show to the person."""


def session_seats_taken(session: Session) -> int:
    """Seats held by people still going (a cancelled RSVP frees its session seats)."""
    return session.signups.filter(rsvp__status=RSVP.Status.GOING).count()


def _check(session: Session, rsvp: RSVP) -> None:
    if session.event_id != rsvp.event_id:
        raise SessionError(_("This session belongs to another event."))
    if not session.signup_required:
        raise SessionError(_("This session needs no sign-up: everyone going is welcome."))
    if session.event.status != Event.Status.PUBLISHED:
        raise SessionError(_("This event is not open for sign-ups."))
    if rsvp.status != RSVP.Status.GOING:
        raise SessionError(_("Only people going to the event can sign up for its sessions."))
    if session.starts_at <= timezone.now():
        raise SessionError(_("This session has already started; sign-up is closed."))


@transaction.atomic
def session_signup(*, session: Session, rsvp: RSVP, actor) -> SessionSignup:
    """Give the attendee a seat in the session, or raise SessionError (full, overlapping...)."""
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    rsvp = RSVP.objects.get(pk=rsvp.pk)
    _check(session, rsvp)
    existing = SessionSignup.objects.filter(session=session, rsvp=rsvp).first()
    if existing is not None:
        return existing
    if session.capacity is not None and session_seats_taken(session) >= session.capacity:
        raise SessionError(_("This session is full. Choose another session."))
    clash = (
        SessionSignup.objects.filter(
            rsvp=rsvp,
            session__signup_required=True,
            session__starts_at__lt=session.ends_at,
            session__ends_at__gt=session.starts_at,
        )
        .select_related("session")
        .first()
    )
    if clash is not None:
        raise SessionError(
            _("You are already signed up for “%(title)s” at the same time. Withdraw from it first.")
            % {"title": localized(clash.session, "title")}
        )
    signup = SessionSignup.objects.create(session=session, rsvp=rsvp)
    audit_log(actor=actor, obj=signup, action="session.signup", data={"session": session.pk})
    return signup


@transaction.atomic
def session_withdraw(*, session: Session, rsvp: RSVP, actor) -> bool:
    """Give the seat back; True when there was one."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.starts_at <= timezone.now():
        raise SessionError(_("This session has already started; the sign-up can no longer change."))
    signup = SessionSignup.objects.filter(session=session, rsvp_id=rsvp.pk).first()
    if signup is None:
        return False
    audit_log(actor=actor, obj=signup, action="session.withdraw", data={"session": session.pk})
    signup.delete()
    return True
