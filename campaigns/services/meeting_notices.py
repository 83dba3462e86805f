"""Constituents hear when their meeting is set, moved or called off (the reminder is separate)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ..models import Meeting, MeetingAttendee

logger = logging.getLogger(__name__)

SCHEDULED, CANCELLED = "scheduled", "cancelled"
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


def meeting_notice_enqueue(*, meeting: Meeting, kind: str, member_pks: Iterable[int]) -> None:
    """Queue the notice after commit for these members of the meeting's team."""
    from ..tasks import meeting_notice_send

    pks = sorted(set(member_pks))
    if kind and pks:
        meeting_notice_send.delay_on_commit(meeting.pk, kind, pks)


def meeting_notice_deliver(*, meeting_pk: int, kind: str, member_pks: list[int]) -> int:
    """Mail the notice to those still on the team; a notice overtaken by a later change (the
    meeting was cancelled after being scheduled, say) is dropped. Returns how many were sent."""
    from ..emails import send_meeting_notice

    meeting = Meeting.objects.select_related("campaign").filter(pk=meeting_pk).first()
    still = {
        SCHEDULED: (Meeting.Status.SCHEDULED,),
        CANCELLED: (Meeting.Status.CANCELLED, Meeting.Status.REFUSED),
    }
    if meeting is None or meeting.status not in still.get(kind, ()):
        return 0
    if meeting.campaign.status == meeting.campaign.Status.DRAFT:
        return 0  # as reminders: the mail's link would lead nowhere
    attendees = (
        MeetingAttendee.objects.filter(meeting=meeting, member_id__in=member_pks)
        .exclude(member__leader__email="")
        .select_related("member__leader", "meeting__campaign", "meeting__official__district")
    )
    sent = 0
    for attendee in attendees:
        try:
            send_meeting_notice(attendee=attendee, kind=kind)
        except Exception:
            logger.warning("Meeting notice for attendee %s not sent", attendee.pk, exc_info=True)
            continue
        sent += 1
    return sent
