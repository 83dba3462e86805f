"""Mail to constituents about their meetings. One function per email; the templates live in
templates/emails/campaign_<name>_subject.txt, _body.txt and _body.html."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actlocal.mail import send_templated_mail

from .models import MeetingAttendee, Stance
from .scripts import script_for
from .services.meetings import first_name, meeting_place, meeting_stance, meeting_zone


def meeting_url(meeting) -> str:
    path = reverse("campaigns:meeting", kwargs={"slug": meeting.campaign.slug, "pk": meeting.pk})
    return settings.SITE_URL + path


def send_meeting_reminder(*, attendee: MeetingAttendee, connection=None) -> None:
    """The day-before reminder: when (in the meeting's zone), where, the script, the page.
    The delivery loop has claimed its MeetingReminder row; this only sends."""
    meeting = attendee.meeting
    leader = attendee.member.leader
    stance = meeting_stance(meeting)
    zone = meeting_zone(meeting)
    with timezone.override(zone):
        send_templated_mail(
            template="campaign_meeting_reminder",
            to=[leader.email],
            context={
                "recipient_name": first_name(leader.name),
                "meeting": meeting,
                "campaign": meeting.campaign,
                "official": meeting.official,
                "starts_at": meeting.scheduled_at.astimezone(zone),
                "place": meeting_place(meeting),
                "stance_label": Stance(stance).label,
                "script": script_for(
                    campaign=meeting.campaign, stance=stance, official=meeting.official
                ),
                "meeting_url": meeting_url(meeting),
            },
            connection=connection,
        )


def send_meeting_notice(*, attendee: MeetingAttendee, kind: str, connection=None) -> None:
    """Tell a constituent their meeting is set (kind "scheduled": when, where, the script) or
    called off (kind "cancelled")."""
    meeting = attendee.meeting
    leader = attendee.member.leader
    stance = meeting_stance(meeting)
    zone = meeting_zone(meeting)
    with timezone.override(zone):
        send_templated_mail(
            template=f"campaign_meeting_{kind}",
            to=[leader.email],
            context={
                "recipient_name": first_name(leader.name),
                "meeting": meeting,
                "campaign": meeting.campaign,
                "official": meeting.official,
                "starts_at": meeting.scheduled_at.astimezone(zone)
                if meeting.scheduled_at
                else None,
                "place": meeting_place(meeting),
                "stance_label": Stance(stance).label,
                "script": script_for(
                    campaign=meeting.campaign, stance=stance, official=meeting.official
                ),
                "meeting_url": meeting_url(meeting),
            },
            connection=connection,
        )
