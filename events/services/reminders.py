"""The reminder sweep: each attendee gets each due reminder once, whatever runs twice or dies.

How "once" is kept (see ReminderDelivery):

1. For every due (event, offset), a row per attendee is inserted with `ignore_conflicts`; the
   unique (rsvp, hours_before) constraint makes concurrent sweeps insert each row once. New rows
   are *unclaimed*: their claimed_at is the epoch.
2. A sweep claims a batch with SELECT ... FOR UPDATE SKIP LOCKED on rows that are unsent and
   unclaimed or whose claim is older than the lease, and stamps claimed_at in the same
   transaction. Ownership is the set of rows this transaction locked and updated, never a
   timestamp value, so two sweeps with the same clock still never claim the same row.
3. It sends each claimed mail and stamps sent_at right away, row by row: a worker that dies
   mid-batch leaves only unsent rows claimed, and those are taken over once the lease expires.
   A sent row is never claimed again.

The lease must be longer than sending one batch takes; 500 mails in 15 minutes is ~0.6/s.

Which reminders are due: an offset whose moment (start - hours_before) has passed while the
event has not started. Only the latest due offset of an event is sent (after an outage, a
7-day reminder one day before the event is noise next to the 1-day one), a reminder more than
LATEST_AFTER late is dropped, and an attendee gets a reminder only if they had RSVP'd before its
moment: someone who signs up two days before has just had their confirmation, not a "7 days to
go" mail.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from django.core.mail import get_connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from actlocal.claims import claim_batch

from ..emails.reminders import send_reminder
from ..models import RSVP, Event, ReminderDelivery, ReminderOffset

logger = logging.getLogger(__name__)

UNCLAIMED = datetime(1970, 1, 1, tzinfo=UTC)
LEASE = timedelta(minutes=15)
LATEST_AFTER = timedelta(days=2)
MAX_ATTEMPTS = 5
# ReminderOffset.hours_before is at most 60 days: events further out have nothing due.
HORIZON = timedelta(hours=24 * 60)


def reminders_due(*, now: datetime) -> list[tuple[int, int, datetime]]:
    """(event pk, hours_before, moment) of the reminder each running event needs now."""
    offsets = (
        ReminderOffset.objects.filter(
            event__is_template=False,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + HORIZON,
        )
        .values_list("event_id", "hours_before", "event__starts_at")
        .order_by("event_id", "hours_before")
    )
    latest: dict[int, tuple[int, int, datetime]] = {}
    for event_pk, hours, starts_at in offsets:
        moment = starts_at - timedelta(hours=hours)
        # Ordered by hours ascending: the first due offset is the latest moment.
        if moment <= now and event_pk not in latest:
            latest[event_pk] = (event_pk, hours, moment)
    return [due for due in latest.values() if now - due[2] <= LATEST_AFTER]


def _record_recipients(*, event_pk: int, hours: int, moment: datetime, batch_size: int) -> None:
    """Insert an unclaimed delivery row for every attendee who should get this reminder."""
    already = ReminderDelivery.objects.filter(rsvp_id=OuterRef("pk"), hours_before=hours)
    rsvp_pks = list(
        RSVP.objects.filter(event_id=event_pk, status=RSVP.Status.GOING, created_at__lt=moment)
        .exclude(leader__email="")
        .filter(~Exists(already))
        .values_list("pk", flat=True)
    )
    ReminderDelivery.objects.bulk_create(
        [
            ReminderDelivery(rsvp_id=pk, hours_before=hours, claimed_at=UNCLAIMED, attempts=0)
            for pk in rsvp_pks
        ],
        batch_size=batch_size,
        ignore_conflicts=True,
    )


def _claim_batch(*, event_pk: int, hours: int, now: datetime, batch_size: int) -> list[int]:
    return claim_batch(
        ReminderDelivery.objects.filter(
            rsvp__event_id=event_pk, rsvp__status=RSVP.Status.GOING, hours_before=hours
        ),
        now=now,
        lease=LEASE,
        batch_size=batch_size,
        max_attempts=MAX_ATTEMPTS,
    )


def _send_claimed(*, pks: list[int], connection) -> int:
    sent = 0
    deliveries = ReminderDelivery.objects.filter(pk__in=pks).select_related(
        "rsvp__event", "rsvp__leader"
    )
    for delivery in deliveries.order_by("pk"):
        rsvp = delivery.rsvp
        if rsvp.status != RSVP.Status.GOING or rsvp.event.status != Event.Status.PUBLISHED:
            continue  # changed since the claim; the claim lapses and a later sweep re-checks
        try:
            send_reminder(rsvp=rsvp, hours_before=delivery.hours_before, connection=connection)
        except Exception as exc:
            # The claim stays: the row is retried after the lease, up to MAX_ATTEMPTS times.
            logger.warning("Reminder %s not sent: %s", delivery.pk, exc)
            ReminderDelivery.objects.filter(pk=delivery.pk).update(last_error=str(exc)[:300])
            continue
        ReminderDelivery.objects.filter(pk=delivery.pk, sent_at=None).update(
            sent_at=timezone.now(), last_error=""
        )
        sent += 1
    return sent


def reminders_send_due(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Send every reminder that is due and not yet sent; returns how many went out.

    `now` lets tests move the clock; the sweep's clock keeps running from it while it works.
    """
    skew = (now - timezone.now()) if now is not None else timedelta(0)
    now = timezone.now() + skew
    sent = 0
    due = reminders_due(now=now)
    if not due:
        return 0
    connection = get_connection()  # one mail connection for the whole sweep
    connection.open()
    try:
        for event_pk, hours, moment in due:
            _record_recipients(event_pk=event_pk, hours=hours, moment=moment, batch_size=batch_size)
            while pks := _claim_batch(
                event_pk=event_pk, hours=hours, now=timezone.now() + skew, batch_size=batch_size
            ):
                sent += _send_claimed(pks=pks, connection=connection)
    finally:
        connection.close()
    return sent
