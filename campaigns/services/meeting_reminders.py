"""The meeting reminder scheduler: due reminders become delivery rows for the one loop.
Follows events/services/reminders.py (read its docstring for the design).

1. For every scheduled meeting starting within WINDOW (and not started), a MeetingReminder row
   per attendee is inserted with `ignore_conflicts`; the unique (attendee, scheduled_for)
   constraint makes concurrent schedulers insert each row once. A rescheduled meeting has a
   new scheduled_for, hence new rows: the constituent is reminded of the new time.
2. The one delivery loop (actlocal/delivery.py) claims rows under SKIP LOCKED, sends each and
   stamps sent_at row by row; a worker that dies leaves its claims until the lease passes.
3. The send function (campaigns/deliveries.py) closes a row without mail when the meeting was
   called off or moved since the row was written.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from actlocal.delivery import channel_get, deliver_claimed

from ..deliveries import MEETING_REMINDER
from ..models import Campaign, Meeting, MeetingAttendee, MeetingReminder

WINDOW = timedelta(hours=24)


def meetings_due(*, now: datetime) -> list[tuple[int, datetime]]:
    """(meeting pk, scheduled_at) of scheduled meetings starting within the window."""
    rows = list(
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            scheduled_at__gt=now,
            scheduled_at__lte=now + WINDOW,
        )
        # Draft campaigns are hidden from constituents: the mail's link would lead nowhere.
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .order_by("scheduled_at", "pk")
        .values_list("pk", "scheduled_at")
    )
    # The filter on scheduled_at leaves no meeting without a time.
    return [(pk, when) for pk, when in rows if when is not None]


def meeting_reminders_record_due(*, now: datetime, batch_size: int = 1000) -> None:
    """Insert a reminder row for every attendee of a due meeting not yet reminded of its time."""
    for meeting_pk, scheduled_for in meetings_due(now=now):
        already = MeetingReminder.objects.filter(
            attendee_id=OuterRef("pk"), scheduled_for=scheduled_for
        )
        attendee_pks = (
            MeetingAttendee.objects.filter(meeting_id=meeting_pk)
            .exclude(member__leader__email="")
            .filter(~Exists(already))
            .values_list("pk", flat=True)
        )
        MeetingReminder.objects.bulk_create(
            [MeetingReminder(attendee_id=pk, scheduled_for=scheduled_for) for pk in attendee_pks],
            batch_size=batch_size,
            ignore_conflicts=True,
        )


def meeting_reminders_send_due(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Record the reminders of every scheduled meeting in the next 24 hours (once per meeting
    time) and send every unsent one; returns how many mails went out. `now` moves the clock."""
    now = now or timezone.now()
    meeting_reminders_record_due(now=now)
    channel = dataclasses.replace(channel_get(MEETING_REMINDER), batch_size=batch_size)
    return deliver_claimed(channel=channel, now=now).sent
