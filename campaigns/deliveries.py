"""The mail of campaigns through the one outbox: meeting reminders and meeting notices.

Meeting notices are written in the transaction of the change (services/meeting_notices.py),
reminders by the reminder scheduler (services/meeting_reminders.py); actlocal.delivery's one loop
claims, sends and stamps both. A send raises `Cancelled` when what the mail announced no longer
holds: the meeting moved or was called off, or its campaign went back to draft.
"""

from __future__ import annotations

from django.utils import timezone

from actlocal.delivery import Cancelled, Channel, channel_register

from .models import Campaign, Meeting, MeetingNotice, MeetingReminder

MEETING_REMINDER = "campaigns.meeting_reminder"
MEETING_NOTICE = "campaigns.meeting_notice"

_ATTENDEE = (
    "attendee__member__leader__user",
    "attendee__meeting__official__district",
    "attendee__meeting__campaign",
)


def _check_reachable(attendee) -> None:
    if not attendee.member.leader.email:
        raise Cancelled("no email address")
    if attendee.meeting.campaign.status == Campaign.Status.DRAFT:
        raise Cancelled("campaign in draft")  # the mail's link would lead nowhere


def _send_reminder(row: MeetingReminder, connection) -> None:
    from .emails import send_meeting_reminder

    meeting = row.attendee.meeting
    _check_reachable(row.attendee)
    if meeting.status != Meeting.Status.SCHEDULED or meeting.scheduled_at != row.scheduled_for:
        raise Cancelled("called off or moved")  # a new time gets its own row
    if meeting.scheduled_at <= timezone.now():
        raise Cancelled("meeting already started")
    send_meeting_reminder(attendee=row.attendee, connection=connection)


_STILL = {
    MeetingNotice.Kind.SCHEDULED: (Meeting.Status.SCHEDULED,),
    MeetingNotice.Kind.CANCELLED: (Meeting.Status.CANCELLED, Meeting.Status.REFUSED),
}


def _send_notice(row: MeetingNotice, connection) -> None:
    from .emails import send_meeting_notice

    _check_reachable(row.attendee)
    if row.attendee.meeting.status not in _STILL[row.kind]:
        raise Cancelled("overtaken by a later change")
    if MeetingNotice.objects.filter(attendee_id=row.attendee_id, change__gt=row.change).exists():
        raise Cancelled("a later notice tells the news")
    send_meeting_notice(attendee=row.attendee, kind=row.kind, connection=connection)


def _attendee_language(row) -> str:
    return row.attendee.member.leader.mail_language()


def register() -> None:
    """Make the campaigns channels known to the delivery loop (CampaignsConfig.ready)."""
    channel_register(
        Channel(
            name=MEETING_REMINDER,
            model=MeetingReminder,
            send=_send_reminder,
            select_related=_ATTENDEE,
            recipient_language=_attendee_language,
            batch_size=500,
        )
    )
    channel_register(
        Channel(
            name=MEETING_NOTICE,
            model=MeetingNotice,
            send=_send_notice,
            select_related=_ATTENDEE,
            recipient_language=_attendee_language,
        )
    )
