"""The mail of events, one row per mail (the outbox): written in the transaction of the change
that causes it and sent once by actlocal.delivery's loop (see events/deliveries.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actlocal.models import Delivery


class RSVPMail(Delivery):
    """The confirmation (seat or waitlist) of one RSVP change, or the news of a promotion.

    One row per change, written by the service that made it: the row is the unit of "once".
    What the confirmation says is decided when it is sent, from the RSVP as it is then.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        PROMOTION = "promotion", _("Waitlist promotion")

    rsvp = models.ForeignKey("events.RSVP", on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = _("RSVP mail")
        verbose_name_plural = _("RSVP mails")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at=None, cancelled_at=None),
                name="rsvpmail_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.rsvp_id}"


class InvitationDelivery(Delivery):
    """One sending of an invitation (the first, or a resend by the team)."""

    invitation = models.ForeignKey(
        "events.Invitation", on_delete=models.CASCADE, related_name="deliveries"
    )

    class Meta:
        verbose_name = _("invitation delivery")
        verbose_name_plural = _("invitation deliveries")
        constraints = [
            # A resend while the previous sending is still open reuses that row: never two
            # copies of the same invitation in flight.
            models.UniqueConstraint(
                fields=["invitation"],
                condition=Q(sent_at=None, cancelled_at=None),
                name="invitation_one_open_delivery",
            )
        ]

    def __str__(self) -> str:
        return f"invitation {self.invitation_id}"


class NominationNotice(Delivery):
    """The mail telling an event's organizers that a nomination waits for them."""

    nomination = models.OneToOneField(
        "events.Nomination", on_delete=models.CASCADE, related_name="notice"
    )

    class Meta:
        verbose_name = _("nomination notice")
        verbose_name_plural = _("nomination notices")

    def __str__(self) -> str:
        return f"nomination {self.nomination_id}"


class ReminderDelivery(Delivery):
    """One reminder to one attendee at one offset; the unique row is what makes it once only.

    The reminder scheduler (services/reminders.py) writes the due rows; the delivery loop sends.
    """

    rsvp = models.ForeignKey(
        "events.RSVP", on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    hours_before = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["rsvp", "hours_before"], name="reminder_delivered_once"
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "claimed_at"])]

    def __str__(self) -> str:
        return f"{self.rsvp_id}: {self.hours_before}h"


class MessageDelivery(Delivery):
    """One recipient of a team message, or of a change/cancellation notice; sent at most once.

    Written in the transaction of the message or the change, so the recipients are fixed then.
    """

    message = models.ForeignKey(
        "events.EventMessage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    rsvp = models.ForeignKey(
        "events.RSVP", on_delete=models.CASCADE, related_name="message_deliveries"
    )
    # For automatic notices (event changed/cancelled): which notice, e.g. "changed:<stamp>".
    notice = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("message delivery")
        verbose_name_plural = _("message deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "rsvp"],
                condition=Q(message__isnull=False),
                name="message_delivered_once",
            ),
            models.UniqueConstraint(
                fields=["notice", "rsvp"], condition=~Q(notice=""), name="notice_delivered_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id or self.notice} → {self.rsvp_id}"
