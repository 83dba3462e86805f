"""The meeting reminder sweep: each constituent gets one reminder per meeting time, whatever
runs twice or dies. Follows events/services/reminders.py (read its docstring for the design).

1. For every scheduled meeting starting within WINDOW (and not started), a MeetingReminder row
   per attendee is inserted with `ignore_conflicts`; the unique (attendee, scheduled_for)
   constraint makes concurrent sweeps insert each row once. New rows are unclaimed: their
   claimed_at is the epoch. A rescheduled meeting has a new scheduled_for, hence new rows: the
   constituent is reminded of the new time.
2. A sweep claims a batch with SELECT ... FOR UPDATE SKIP LOCKED on rows that are unsent and
   unclaimed or whose claim is older than the lease, stamping claimed_at in the same
   transaction: ownership is the set of rows this transaction locked, never a clock value.
3. It sends each claimed mail and stamps sent_at right away, row by row: a worker that dies
   mid-batch leaves claimed unsent rows, taken over once the lease expires. A mail that fails
   keeps its claim and is retried after the lease, up to MAX_ATTEMPTS times.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from django.core.mail import get_connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from actlocal.claims import claim_batch

from ..models import Campaign, Meeting, MeetingAttendee, MeetingReminder

logger = logging.getLogger(__name__)

UNCLAIMED = datetime(1970, 1, 1, tzinfo=UTC)
LEASE = timedelta(minutes=15)
WINDOW = timedelta(hours=24)
MAX_ATTEMPTS = 5


def meetings_due(*, now: datetime) -> list[tuple[int, datetime]]:
    """(meeting pk, scheduled_at) of scheduled meetings starting within the window."""
    return list(
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


def _record_recipients(*, meeting_pk: int, scheduled_for: datetime, batch_size: int) -> None:
    """Insert an unclaimed reminder row for every attendee not yet reminded of this time."""
    already = MeetingReminder.objects.filter(
        attendee_id=OuterRef("pk"), scheduled_for=scheduled_for
    )
    attendee_pks = list(
        MeetingAttendee.objects.filter(meeting_id=meeting_pk)
        .exclude(member__leader__email="")
        .filter(~Exists(already))
        .values_list("pk", flat=True)
    )
    MeetingReminder.objects.bulk_create(
        [
            MeetingReminder(
                attendee_id=pk, scheduled_for=scheduled_for, claimed_at=UNCLAIMED, attempts=0
            )
            for pk in attendee_pks
        ],
        batch_size=batch_size,
        ignore_conflicts=True,
    )


def _claim_batch(
    *, meeting_pk: int, scheduled_for: datetime, now: datetime, batch_size: int
) -> list[int]:
    return claim_batch(
        MeetingReminder.objects.filter(
            attendee__meeting_id=meeting_pk, scheduled_for=scheduled_for
        ),
        now=now,
        lease=LEASE,
        batch_size=batch_size,
        max_attempts=MAX_ATTEMPTS,
    )


def _send_claimed(*, pks: list[int], connection) -> int:
    from ..emails import send_meeting_reminder

    sent = 0
    reminders = MeetingReminder.objects.filter(pk__in=pks).select_related(
        "attendee__member__leader",
        "attendee__meeting__official__district",
        "attendee__meeting__campaign",
    )
    for reminder in reminders.order_by("pk"):
        meeting = reminder.attendee.meeting
        if meeting.status != Meeting.Status.SCHEDULED or meeting.scheduled_at != (
            reminder.scheduled_for
        ):
            continue  # cancelled or moved since the claim: the new time gets its own row
        try:
            send_meeting_reminder(attendee=reminder.attendee, connection=connection)
        except Exception as exc:
            # The claim stays: the row is retried after the lease, up to MAX_ATTEMPTS times.
            logger.warning("Meeting reminder %s not sent: %s", reminder.pk, exc)
            continue
        MeetingReminder.objects.filter(pk=reminder.pk, sent_at=None).update(sent_at=timezone.now())
        sent += 1
    return sent


def meeting_reminders_send_due(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Remind every attendee of every scheduled meeting in the next 24 hours, once per meeting
    time; returns how many mails went out. `now` lets tests move the clock."""
    skew = (now - timezone.now()) if now is not None else timedelta(0)
    due = meetings_due(now=timezone.now() + skew)
    if not due:
        return 0
    sent = 0
    connection = get_connection()  # one mail connection for the whole sweep
    connection.open()
    try:
        for meeting_pk, scheduled_for in due:
            _record_recipients(
                meeting_pk=meeting_pk, scheduled_for=scheduled_for, batch_size=batch_size
            )
            while pks := _claim_batch(
                meeting_pk=meeting_pk,
                scheduled_for=scheduled_for,
                now=timezone.now() + skew,
                batch_size=batch_size,
            ):
                sent += _send_claimed(pks=pks, connection=connection)
    finally:
        connection.close()
    return sent
