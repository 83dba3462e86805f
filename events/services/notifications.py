"""Mail to everyone on an event: change/cancellation notices and the team's messages.

Both are MessageDelivery rows, one per recipient, written in the transaction of the change or
of the message (the outbox): the recipients are fixed then, a rolled-back change mails nobody,
and the one delivery loop sends each row once (events/deliveries.py, actlocal/delivery.py).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from actlocal.audit import audit_log
from actlocal.delivery import deliveries_kick

from ..deliveries import MESSAGE
from ..models import RSVP, Event, EventMessage, MessageDelivery

NOTICE_KINDS = ("changed", "cancelled")
BATCH_SIZE = 1000


# --- Notices: the event changed or was cancelled ------------------------------------------


def event_notice_key(*, event: Event, kind: str) -> str:
    """Names one notice: the same change notified twice is still one mail per person."""
    # Microseconds: two edits in the same second are two notices.
    return f"{kind}:{int(event.updated_at.timestamp() * 1_000_000)}"


def event_notice_record(*, event: Event, kind: str) -> int:
    """In the caller's transaction, a notice row for everyone going or waitlisted now that
    `event` changed or was cancelled; returns how many."""
    if kind not in NOTICE_KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    recipients = event.rsvps.filter(status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED]).exclude(
        leader__email=""
    )
    return _record(
        rsvp_pks=list(recipients.values_list("pk", flat=True)),
        notice=event_notice_key(event=event, kind=kind),
    )


# --- Team messages -------------------------------------------------------------------------


def message_audience(*, event: Event, audience: str, now: datetime | None = None) -> QuerySet[RSVP]:
    """The RSVPs a team message to `audience` goes to (people with an email address)."""
    now = now or timezone.now()
    rsvps = event.rsvps.exclude(leader__email="")
    if audience == EventMessage.Audience.GOING:
        return rsvps.filter(status=RSVP.Status.GOING)
    if audience == EventMessage.Audience.WAITLISTED:
        return rsvps.filter(status=RSVP.Status.WAITLISTED)
    if audience == EventMessage.Audience.CHECKED_IN:
        return rsvps.filter(checked_in_at__isnull=False)
    if audience == EventMessage.Audience.NO_SHOW:
        if event.starts_at > now:
            return rsvps.none()  # nobody has missed an event that has not begun
        return rsvps.filter(status=RSVP.Status.GOING, checked_in_at__isnull=True)
    raise ValueError(f"unknown audience {audience!r}")


def message_audience_counts(*, event: Event) -> dict[str, int]:
    """How many people each audience reaches right now, in one query."""
    now = timezone.now()
    started = event.starts_at <= now
    going = Q(status=RSVP.Status.GOING)
    counts = event.rsvps.exclude(leader__email="").aggregate(
        going=Count("pk", filter=going),
        waitlisted=Count("pk", filter=Q(status=RSVP.Status.WAITLISTED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        no_show=Count("pk", filter=going & Q(checked_in_at__isnull=True)),
    )
    if not started:
        counts["no_show"] = 0
    return counts


@transaction.atomic
def event_message_create(
    *,
    event: Event,
    audience: str,
    subject: str,
    body: str,
    actor,
    subject_es: str = "",
    body_es: str = "",
) -> EventMessage:
    """Record a team message with one delivery row per recipient; mailed after commit, each
    in its recipient's language (the Spanish subject and text when written)."""
    recipients = list(message_audience(event=event, audience=audience).values_list("pk", flat=True))
    message = EventMessage.objects.create(
        event=event,
        audience=audience,
        subject=subject,
        subject_es=subject_es,
        body=body,
        body_es=body_es,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        recipient_count=len(recipients),
        # Nobody to mail: nothing is left to do.
        completed_at=None if recipients else timezone.now(),
    )
    _record(rsvp_pks=recipients, message=message)
    audit_log(
        actor=actor,
        obj=message,
        action="event.message",
        data={"event": event.pk, "audience": audience, "recipients": message.recipient_count},
    )
    return message


# --- Delivery rows ---------------------------------------------------------------------------


def _record(*, rsvp_pks: list[int], notice: str = "", message: EventMessage | None = None) -> int:
    """One row per recipient, kicked after commit; returns how many."""
    rows = MessageDelivery.objects.bulk_create(
        [MessageDelivery(rsvp_id=pk, notice=notice, message=message) for pk in rsvp_pks],
        batch_size=BATCH_SIZE,
    )
    deliveries_kick(channel=MESSAGE, pks=[row.pk for row in rows])
    return len(rows)


def message_history(*, event: Event) -> QuerySet[EventMessage]:
    """Past messages of an event, newest first, with who sent them."""
    return event.messages.select_related("sent_by").annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False))
    )
