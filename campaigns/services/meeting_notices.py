"""Constituents hear when their meeting is set, moved or called off (the reminder is separate).

Each notice is a MeetingNotice row per constituent, written in the transaction of the change
(the outbox) and sent once by the one delivery loop (campaigns/deliveries.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from actlocal.delivery import deliveries_kick

from ..deliveries import MEETING_NOTICE
from ..models import Meeting, MeetingAttendee, MeetingNotice

SCHEDULED, CANCELLED = MeetingNotice.Kind.SCHEDULED, MeetingNotice.Kind.CANCELLED
# What makes a scheduled meeting's notice worth sending again.
_LOGISTICS = {"scheduled_at", "time_zone", "format", "place"}


def meeting_notice_kind(*, previous_status: str, meeting: Meeting, changed: Iterable[str]) -> str:
    """Which notice a change calls for: "scheduled", "cancelled" or "" for none."""
    changed = set(changed)
    if meeting.status == Meeting.Status.SCHEDULED and (
        previous_status != Meeting.Status.SCHEDULED or changed & _LOGISTICS
    ):
        return SCHEDULED
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.REFUSED) and previous_status in (
        Meeting.Status.REQUESTED,
        Meeting.Status.SCHEDULED,
    ):
        return CANCELLED
    return ""


def meeting_notice_record(*, meeting: Meeting, kind: str, member_pks: Iterable[int]) -> int:
    """In the caller's transaction, a notice row for each of these members of the meeting's
    team (with an email address), mailed after commit; returns how many."""
    pks = sorted(set(member_pks))
    if not kind or not pks:
        return 0
    change = int(meeting.updated_at.timestamp() * 1_000_000)
    attendees = (
        MeetingAttendee.objects.filter(meeting=meeting, member_id__in=pks)
        .exclude(member__leader__email="")
        .values_list("pk", flat=True)
    )
    rows = MeetingNotice.objects.bulk_create(
        [MeetingNotice(attendee_id=pk, kind=kind, change=change) for pk in attendees]
    )
    deliveries_kick(channel=MEETING_NOTICE, pks=[row.pk for row in rows])
    return len(rows)
