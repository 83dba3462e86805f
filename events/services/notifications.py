"""Mail to everyone on an event: change/cancellation notices and the team's messages.

Both go through MessageDelivery rows, one per recipient, unique per message (or per notice key):
rows are inserted unclaimed, claimed in batches under SKIP LOCKED, and stamped as sent one by
one, the same way as the reminder sweep (see services/reminders.py), so a task that runs twice
or dies half-way never mails anyone twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from actlocal.audit import audit_log
from actlocal.claims import claim_batch

from ..emails.notices import send_event_message, send_event_notice
from ..models import RSVP, Event, EventMessage, MessageDelivery

logger = logging.getLogger(__name__)

NOTICE_KINDS = ("changed", "cancelled")
LEASE = timedelta(minutes=15)
# A recipient whose mail keeps failing (an address the server refuses) is given up after this.
MAX_ATTEMPTS = 5
BATCH_SIZE = 500


def _enqueue(task_name: str, *args) -> None:
    from .. import tasks

    getattr(tasks, task_name).delay_on_commit(*args)


# --- Notices: the event changed or was cancelled ------------------------------------------


def event_notice_key(*, event: Event, kind: str) -> str:
    """Names one notice: the same change notified twice is still one mail per person."""
    # Microseconds: two edits in the same second are two notices.
    return f"{kind}:{int(event.updated_at.timestamp() * 1_000_000)}"


def event_notice_enqueue(*, event: Event, kind: str) -> None:
    """Tell everyone going or waitlisted, after commit, that `event` changed or was cancelled."""
    if kind not in NOTICE_KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    _enqueue("event_notice_send", event.pk, event_notice_key(event=event, kind=kind))


def event_notice_deliver(*, event_pk: int, notice: str) -> int:
    """Mail one notice to everyone going or waitlisted, once each; returns how many were sent.

    A 'changed' notice for an event cancelled since is dropped: the cancellation follows.
    """
    kind = notice.split(":", 1)[0]
    event = Event.objects.filter(pk=event_pk).first()
    if event is None or kind not in NOTICE_KINDS:
        return 0
    if kind == "changed" and event.status == Event.Status.CANCELLED:
        return 0
    if not MessageDelivery.objects.filter(notice=notice).exists():
        # The recipients are fixed when the notice is first delivered: a retry must not mail
        # people who signed up after the change.
        recipients = event.rsvps.filter(status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED])
        _record(rsvps=recipients, notice=notice)

    def send(rsvp: RSVP, connection) -> None:
        send_event_notice(rsvp=rsvp, kind=kind, connection=connection)

    return _deliver(deliveries=MessageDelivery.objects.filter(notice=notice), send=send)


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
    *, event: Event, audience: str, subject: str, body: str, actor
) -> EventMessage:
    """Record a team message and mail it to its audience in the background."""
    message = EventMessage.objects.create(
        event=event,
        audience=audience,
        subject=subject,
        body=body,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        recipient_count=message_audience(event=event, audience=audience).count(),
    )
    audit_log(
        actor=actor,
        obj=message,
        action="event.message",
        data={"event": event.pk, "audience": audience, "recipients": message.recipient_count},
    )
    _enqueue("event_message_send", message.pk)
    return message


def event_message_deliver(*, message_pk: int) -> int:
    """Mail a team message to its audience, once per recipient; returns how many were sent.

    The audience is fixed when delivery starts: the rows recorded then are the recipients.
    """
    message = EventMessage.objects.select_related("event").filter(pk=message_pk).first()
    if message is None:
        return 0
    if not message.deliveries.exists():
        _record(
            rsvps=message_audience(event=message.event, audience=message.audience),
            message=message,
        )
    EventMessage.objects.filter(pk=message.pk).update(recipient_count=message.deliveries.count())

    def send(rsvp: RSVP, connection) -> None:
        send_event_message(rsvp=rsvp, message=message, connection=connection)

    sent = _deliver(deliveries=message.deliveries.all(), send=send)
    if not message.deliveries.filter(sent_at=None).exists():
        EventMessage.objects.filter(pk=message.pk, completed_at=None).update(
            completed_at=timezone.now()
        )
    return sent


# --- Delivery rows ---------------------------------------------------------------------------


@transaction.atomic
def _record(
    *, rsvps: QuerySet[RSVP], notice: str = "", message: EventMessage | None = None
) -> None:
    """One unclaimed row per recipient, all or none; the unique constraints drop duplicates."""
    MessageDelivery.objects.bulk_create(
        [
            MessageDelivery(rsvp_id=pk, notice=notice, message=message)
            for pk in rsvps.exclude(leader__email="").values_list("pk", flat=True)
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def _claim(deliveries: QuerySet[MessageDelivery], now) -> list[int]:
    return claim_batch(
        deliveries, now=now, lease=LEASE, batch_size=BATCH_SIZE, max_attempts=MAX_ATTEMPTS
    )


def _deliver(*, deliveries: QuerySet[MessageDelivery], send) -> int:
    """Claim, send and stamp in batches. A failed mail keeps its claim: running the task again
    after the lease sends it (and only it)."""
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        # Each batch is stamped with the time of its own claim, so a long run's later batches
        # never look older than the lease while they are being sent.
        while pks := _claim(deliveries, timezone.now()):
            batch = MessageDelivery.objects.filter(pk__in=pks).select_related(
                "rsvp__event", "rsvp__leader"
            )
            for delivery in batch.order_by("pk"):
                try:
                    send(delivery.rsvp, connection)
                except Exception as exc:
                    logger.warning("Message delivery %s not sent: %s", delivery.pk, exc)
                    continue
                MessageDelivery.objects.filter(pk=delivery.pk, sent_at=None).update(
                    sent_at=timezone.now()
                )
                sent += 1
    finally:
        connection.close()
    return sent


def deliveries_retry_stale(*, now: datetime | None = None) -> int:
    """Run again the messages and notices that still have unsent recipients past their lease
    (a failed mail, or a worker that died); returns how many mails went out."""
    now = now or timezone.now()
    stale = MessageDelivery.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS).filter(
        Q(claimed_at=None) | Q(claimed_at__lt=now - LEASE)
    )
    sent = 0
    for message_pk in stale.exclude(message=None).values_list("message", flat=True).distinct():
        sent += event_message_deliver(message_pk=message_pk)
    notices = stale.filter(message=None).values_list("rsvp__event", "notice").distinct()
    for event_pk, notice in notices:
        sent += event_notice_deliver(event_pk=event_pk, notice=notice)
    return sent


def message_history(*, event: Event) -> QuerySet[EventMessage]:
    """Past messages of an event, newest first, with who sent them."""
    return event.messages.select_related("sent_by").annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False))
    )
