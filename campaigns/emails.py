"""Mail to constituents about their meetings. One function per email; the templates live in
templates/emails/campaign_<name>_subject.txt, _body.txt and _body.html.

Each mail goes to one constituent (never a shared To or Cc, so no constituent sees another's
address), carries the script for the official's current stance and the meeting's calendar file,
and answers go to the campaign's organizing team (`team_reply_to`).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actlocal.mail import send_templated_mail

from .ics import meeting_ics_attachment
from .models import CampaignRole, MeetingAttendee, Stance
from .scripts import script_for
from .services.meetings import first_name, meeting_place, meeting_stance, meeting_zone


def meeting_url(meeting) -> str:
    path = reverse("campaigns:meeting", kwargs={"slug": meeting.campaign.slug, "pk": meeting.pk})
    return settings.SITE_URL + path


def team_reply_to(campaign) -> list[str]:
    """The addresses of the campaign's organizing team, leads first.

    Joining a campaign's team means constituents of its meetings can write to you: these are the
    people who set the meeting up. Only a constituent of the meeting receives them, one mail each;
    the constituent's own address is never shown to anyone but the team, who already have it.
    """
    roles = (
        CampaignRole.objects.filter(campaign=campaign, user__is_active=True)
        .exclude(user__email="")
        .order_by("role", "user_id")  # "lead" before "organizer"
        .values_list("user__email", flat=True)
    )
    return list(dict.fromkeys(roles))


def _send(*, attendee: MeetingAttendee, template: str, connection=None) -> None:
    meeting = attendee.meeting
    leader = attendee.member.leader
    stance = meeting_stance(meeting)
    zone = meeting_zone(meeting)
    place = meeting_place(meeting)
    url = meeting_url(meeting)
    attachments = []
    if meeting.scheduled_at:
        attachments.append(meeting_ics_attachment(attendee=attendee, place=place, url=url))
    with timezone.override(zone):
        send_templated_mail(
            template=template,
            to=[leader.email],
            reply_to=team_reply_to(meeting.campaign) or None,
            context={
                "recipient_name": first_name(leader.name),
                "meeting": meeting,
                "campaign": meeting.campaign,
                "official": meeting.official,
                "starts_at": meeting.scheduled_at.astimezone(zone)
                if meeting.scheduled_at
                else None,
                "place": place,
                "stance_label": Stance(stance).label,
                "script": script_for(
                    campaign=meeting.campaign, stance=stance, official=meeting.official
                ),
                "meeting_url": url,
            },
            attachments=attachments,
            connection=connection,
        )


def send_meeting_reminder(*, attendee: MeetingAttendee, connection=None) -> None:
    """The day-before reminder: when (in the meeting's zone), where, the script, the page.
    The delivery loop has claimed its MeetingReminder row; this only sends."""
    _send(attendee=attendee, template="campaign_meeting_reminder", connection=connection)


def send_meeting_notice(*, attendee: MeetingAttendee, kind: str, connection=None) -> None:
    """Tell a constituent their meeting is set (kind "scheduled": when, where, the script) or
    called off (kind "cancelled"; its calendar file removes the entry)."""
    _send(attendee=attendee, template=f"campaign_meeting_{kind}", connection=connection)
