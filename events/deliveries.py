"""The mail of events through the one outbox: each kind's channel and how one row is sent.

Services write the rows in the transaction of their change (rsvps, invitations, nominations,
notifications; the reminder scheduler for reminders) and call `deliveries_kick`; the one loop in
actlocal.delivery claims, sends and stamps them, and its sweep sends whatever the kick missed.
A send function renders from the database as it is at sending time and raises `Cancelled` when
what the mail announced no longer holds.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from actlocal.delivery import Cancelled, Channel, channel_register

from .models import (
    RSVP,
    Event,
    EventMessage,
    Invitation,
    InvitationDelivery,
    MessageDelivery,
    Nomination,
    NominationNotice,
    ReminderDelivery,
    RSVPMail,
)

RSVP_MAIL = "events.rsvp"
INVITATION = "events.invitation"
NOMINATION = "events.nomination"
REMINDER = "events.reminder"
MESSAGE = "events.message"

# A reminder more than this late is noise next to the event itself: it is dropped.
REMINDER_LATEST_AFTER = timedelta(days=2)


def _send_rsvp_mail(row: RSVPMail, connection) -> None:
    from .emails.rsvp import send_rsvp_confirmation, send_waitlist_promotion

    rsvp = row.rsvp
    if not rsvp.leader.email:
        raise Cancelled("no email address")
    if row.kind == RSVPMail.Kind.PROMOTION:
        if rsvp.status != RSVP.Status.GOING:
            raise Cancelled("no longer going")
        send_waitlist_promotion(rsvp=rsvp, connection=connection)
    else:
        send_rsvp_confirmation(rsvp=rsvp, connection=connection)


def _send_invitation(row: InvitationDelivery, connection) -> None:
    from .emails.invitations import send_invitation

    invitation = row.invitation
    rows = Invitation.objects.filter(pk=invitation.pk)
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.SENT):
        raise Cancelled(f"invitation {invitation.status}")
    if not invitation.event.accepts_rsvps:
        raise Cancelled("event not open for RSVPs")
    try:
        send_invitation(invitation=invitation, connection=connection)
    except smtplib.SMTPRecipientsRefused as exc:
        # The address does not exist: retrying will not help, and the team must see it.
        rows.update(status=Invitation.Status.BOUNCED, last_error=str(exc)[:300])
        raise Cancelled(f"refused: {exc}") from exc
    except Exception as exc:
        rows.update(last_error=f"{type(exc).__name__}: {exc}"[:300])
        raise
    rows.filter(status=Invitation.Status.PENDING).update(
        status=Invitation.Status.SENT, sent_at=timezone.now(), last_error=""
    )


def _send_nomination(row: NominationNotice, connection) -> None:
    from .emails.nominations import send_nomination_to_team

    if row.nomination.status != Nomination.Status.PENDING:
        raise Cancelled("already decided")
    if not send_nomination_to_team(nomination=row.nomination, connection=connection):
        raise Cancelled("nobody on the team to tell")


def _send_reminder(row: ReminderDelivery, connection) -> None:
    from .emails.reminders import send_reminder

    rsvp, event = row.rsvp, row.rsvp.event
    now = timezone.now()
    if rsvp.status != RSVP.Status.GOING:
        raise Cancelled("no longer going")
    if event.status != Event.Status.PUBLISHED or event.starts_at <= now:
        raise Cancelled("event not ahead")
    if now - (event.starts_at - timedelta(hours=row.hours_before)) > REMINDER_LATEST_AFTER:
        raise Cancelled("too late to remind")
    send_reminder(rsvp=rsvp, hours_before=row.hours_before, connection=connection)


def _send_message(row: MessageDelivery, connection) -> None:
    from .emails.notices import send_event_message, send_event_notice

    rsvp = row.rsvp
    if row.message_id is None:
        kind = row.notice.split(":", 1)[0]
        if kind == "changed" and rsvp.event.status == Event.Status.CANCELLED:
            raise Cancelled("the event was cancelled since")  # the cancellation notice follows
        send_event_notice(rsvp=rsvp, kind=kind, connection=connection)
        return
    send_event_message(rsvp=rsvp, message=row.message, connection=connection)
    # The last recipient marks the message complete (this row is stamped right after).
    others = MessageDelivery.objects.filter(
        message_id=OuterRef("pk"), sent_at=None, cancelled_at=None
    ).exclude(pk=row.pk)
    EventMessage.objects.filter(pk=row.message_id, completed_at=None).filter(
        ~Exists(others)
    ).update(completed_at=timezone.now())


def _attendee_language(row) -> str:
    return row.rsvp.leader.mail_language()


def _invitee_language(row: InvitationDelivery) -> str:
    leader = row.invitation.leader
    return leader.mail_language() if leader is not None else ""


def register() -> None:
    """Make the events channels known to the delivery loop (EventsConfig.ready)."""
    attendee = ("rsvp__event", "rsvp__leader__user")
    channel_register(
        Channel(
            name=RSVP_MAIL,
            model=RSVPMail,
            send=_send_rsvp_mail,
            select_related=attendee,
            recipient_language=_attendee_language,
        )
    )
    channel_register(
        Channel(
            name=INVITATION,
            model=InvitationDelivery,
            send=_send_invitation,
            select_related=(
                "invitation__event__invitation_template__toolkit",
                "invitation__leader__user",
                "invitation__invited_by",
            ),
            recipient_language=_invitee_language,
        )
    )
    channel_register(
        Channel(
            name=NOMINATION,
            model=NominationNotice,
            send=_send_nomination,
            select_related=("nomination__event", "nomination__nominated_by"),
        )
    )
    channel_register(
        Channel(
            name=REMINDER,
            model=ReminderDelivery,
            send=_send_reminder,
            select_related=(*attendee, "rsvp__event__reminder_template__toolkit"),
            recipient_language=_attendee_language,
            batch_size=500,
        )
    )
    channel_register(
        Channel(
            name=MESSAGE,
            model=MessageDelivery,
            send=_send_message,
            select_related=(*attendee, "message"),
            recipient_language=_attendee_language,
            batch_size=500,
        )
    )
