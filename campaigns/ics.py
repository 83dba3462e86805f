"""The calendar file of a constituent meeting, attached to its notices and reminder.

Built on the shared rules of actlocal/ics.py (events build theirs on the same ones). A meeting
stores when it starts, not how long it lasts: the entry spans MEETING_LENGTH, the usual length
of a constituent meeting with an official.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.ics import (
    attendee_line,
    escape_text,
    organizer_line,
    sequence_of,
    serialize,
    site_domain,
    times,
    utc_stamp,
    vtimezone,
    zone_id,
)

from .models import Meeting, MeetingAttendee

PRODID = "-//ActLocal//Campaigns//EN"
MEETING_LENGTH = timedelta(minutes=30)


def meeting_uid(meeting: Meeting) -> str:
    """Stable per meeting, so a moved or cancelled meeting updates the entry the first file made."""
    return f"meeting-{meeting.pk}@{site_domain()}"


def meeting_calendar_method(meeting: Meeting) -> str:
    return "REQUEST" if meeting.status == Meeting.Status.SCHEDULED else "CANCEL"


def calendar_for_meeting(*, attendee: MeetingAttendee, place: str, url: str) -> bytes:
    """The personal invitation of one constituent: REQUEST while the meeting is on, CANCEL
    (STATUS:CANCELLED) once it is called off, so the calendar removes what it added."""
    meeting = attendee.meeting
    leader = attendee.member.leader
    method = meeting_calendar_method(meeting)
    start = meeting.scheduled_at
    end = start + MEETING_LENGTH
    tzid = zone_id(meeting.time_zone)
    title = _("Meeting with %(official)s: %(campaign)s") % {
        "official": meeting.official.name,
        "campaign": meeting.campaign.title,
    }
    description = "\n\n".join(part for part in [meeting.campaign.ask.strip(), url] if part)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *(vtimezone(tzid, start.year, end.year + 1) if tzid else ()),
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting)}",
        f"DTSTAMP:{utc_stamp(timezone.now())}",
        *times(start, end, meeting.time_zone),
        f"SEQUENCE:{sequence_of(meeting.updated_at)}",
        f"SUMMARY:{escape_text(title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
        f"STATUS:{'CONFIRMED' if method == 'REQUEST' else 'CANCELLED'}",
    ]
    if place:
        lines.append(f"LOCATION:{escape_text(place)}")
    lines.append(organizer_line())
    if leader.email:
        partstat = "ACCEPTED" if method == "REQUEST" else "DECLINED"
        lines.append(attendee_line(name=leader.name, email=leader.email, partstat=partstat))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return serialize(lines)


def meeting_ics_attachment(*, attendee: MeetingAttendee, place: str, url: str):
    """(filename, content, mimetype) for send_templated_mail, typed for mail programs."""
    method = meeting_calendar_method(attendee.meeting)
    body = calendar_for_meeting(attendee=attendee, place=place, url=url)
    return (f"meeting-{attendee.meeting.pk}.ics", body, f"text/calendar; method={method}")
