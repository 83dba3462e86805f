"""The reminder scheduler: which reminders are due, written as delivery rows for the one loop.

How each attendee gets each due reminder once (see ReminderDelivery and actlocal/delivery.py):

1. Every few minutes the scheduler finds the due (event, offset) pairs and inserts a row per
   attendee with `ignore_conflicts`; the unique (rsvp, hours_before) constraint makes
   concurrent schedulers insert each row once.
2. The one delivery loop (`deliver_claimed`) claims rows under SKIP LOCKED, sends each and
   stamps sent_at row by row: two workers never hold the same row, a worker that dies mid-batch
   leaves its unsent rows claimed until the lease passes, and a sent row is never sent again.
3. The send function (events/deliveries.py) closes a row without mail (`Cancelled`) when the
   RSVP is no longer going, the event is no longer ahead, or the reminder is too late.

Which reminders are due: an offset whose moment (start - hours_before) has passed while the
event has not started. Only the latest due offset of an event is sent (after an outage, a
7-day reminder one day before the event is noise next to the 1-day one), a reminder more than
REMINDER_LATEST_AFTER late is dropped, and an attendee gets a reminder only if they had RSVP'd
before its moment: someone who signs up two days before has just had their confirmation, not a
"7 days to go" mail.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from actlocal.delivery import channel_get, deliver_claimed

from ..deliveries import REMINDER, REMINDER_LATEST_AFTER
from ..models import RSVP, Event, ReminderDelivery, ReminderOffset

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
    return [due for due in latest.values() if now - due[2] <= REMINDER_LATEST_AFTER]


def reminders_record_due(*, now: datetime, batch_size: int = 1000) -> int:
    """Insert a delivery row for every attendee who should get a due reminder and has none;
    returns how many were offered (a concurrent scheduler's duplicates are dropped silently)."""
    created = 0
    for event_pk, hours, moment in reminders_due(now=now):
        already = ReminderDelivery.objects.filter(rsvp_id=OuterRef("pk"), hours_before=hours)
        rsvp_pks = (
            RSVP.objects.filter(event_id=event_pk, status=RSVP.Status.GOING, created_at__lt=moment)
            .exclude(leader__email="")
            .filter(~Exists(already))
            .values_list("pk", flat=True)
        )
        rows = ReminderDelivery.objects.bulk_create(
            [ReminderDelivery(rsvp_id=pk, hours_before=hours) for pk in rsvp_pks],
            batch_size=batch_size,
            ignore_conflicts=True,
        )
        created += len(rows)
    return created


def reminders_send_due(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Record the due reminders and send every unsent one; returns how many went out.

    The beat runs this every five minutes so reminders are punctual; the delivery sweep would
    send the rows too, a minute later. `now` lets tests move the clock.
    """
    now = now or timezone.now()
    reminders_record_due(now=now)
    channel = dataclasses.replace(channel_get(REMINDER), batch_size=batch_size)
    return deliver_claimed(channel=channel, now=now).sent
