"""What a constituent's meeting mail carries: the script for the official's current stance, the
meeting's calendar file, the time in the meeting's zone, and answers going to the team."""

from datetime import UTC, datetime

import pytest

from campaigns.emails import send_meeting_notice, send_meeting_reminder
from campaigns.models import CampaignRole, CampaignScript, Meeting
from tests.actlocal.factories import UserFactory

from .factories import CampaignFactory, CampaignOfficialFactory, CampaignRoleFactory
from .meetings_setup import constituent_of, meeting_with

pytestmark = pytest.mark.django_db

# 2099-03-14 18:30 in Los Angeles (PDT, UTC-7).
EVENING_IN_LA = datetime(2099, 3, 15, 1, 30, tzinfo=UTC)


@pytest.fixture
def ana(campaign, district):
    return constituent_of(campaign, district, name="Ana Alvarez", email="ana@example.org")


@pytest.fixture
def ben(campaign, district):
    return constituent_of(campaign, district, name="Ben Brooks", email="ben@example.org")


@pytest.fixture
def team(campaign):
    lead = UserFactory(email="lead@example.org", name="Lee Lead")
    organizer = UserFactory(email="org@example.org", name="Orla Organizer")
    gone = UserFactory(email="gone@example.org", name="Gone Organizer", is_active=False)
    CampaignRoleFactory(campaign=campaign, user=organizer, role=CampaignRole.Role.ORGANIZER)
    CampaignRoleFactory(campaign=campaign, user=lead, role=CampaignRole.Role.LEAD)
    CampaignRoleFactory(campaign=campaign, user=gone, role=CampaignRole.Role.ORGANIZER)
    other_campaign = CampaignFactory(title="Another campaign")
    CampaignRoleFactory(
        campaign=other_campaign,
        user=UserFactory(email="elsewhere@example.org"),
        role=CampaignRole.Role.LEAD,
    )
    return lead, organizer


@pytest.fixture
def meeting(campaign, official, ana, ben, team):
    CampaignOfficialFactory(campaign=campaign, official=official, stance="leaning_no")
    CampaignScript.objects.create(
        campaign=campaign, stance="undecided", body="Ask them to decide before the hearing."
    )
    CampaignScript.objects.create(
        campaign=campaign,
        stance="leaning_no",
        body="Tell them how the closed votes hurt your town, and ask what would change their mind.",
    )
    return meeting_with(
        campaign,
        official,
        [ana, ben],
        status=Meeting.Status.SCHEDULED,
        scheduled_at=EVENING_IN_LA,
        time_zone="America/Los_Angeles",
        place="District office, 40 Elm Street",
    )


def _calendar(message) -> tuple[str, str]:
    """The attached calendar file, unfolded (RFC 5545 3.1), and its type."""
    (_name, content, mimetype) = next(a for a in message.attachments if name_is_ics(a))
    text = content.decode() if isinstance(content, bytes) else content
    return text.replace("\r\n ", ""), mimetype


def name_is_ics(attachment) -> bool:
    return attachment[0].endswith(".ics")


def _attendee(meeting, email):
    return meeting.attendees.select_related("member__leader", "meeting__official").get(
        member__leader__email=email
    )


def test_the_scheduled_notice_carries_the_script_for_the_officials_current_stance(
    meeting, mailoutbox
):
    send_meeting_notice(attendee=_attendee(meeting, "ana@example.org"), kind="scheduled")

    (message,) = mailoutbox
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "ask what would change their mind" in text
        assert "Ask them to decide before the hearing" not in text


def test_the_time_is_shown_in_the_meetings_own_zone(meeting, mailoutbox):
    send_meeting_notice(attendee=_attendee(meeting, "ana@example.org"), kind="scheduled")

    (message,) = mailoutbox
    assert "Saturday, March 14, 2099, 6:30 PM PDT" in message.body
    assert "Sat, Mar 14, 6:30 PM PDT" in message.subject


def test_the_notice_carries_the_meeting_as_a_calendar_invitation(meeting, mailoutbox):
    send_meeting_notice(attendee=_attendee(meeting, "ana@example.org"), kind="scheduled")

    calendar, mimetype = _calendar(mailoutbox[0])
    assert mimetype == "text/calendar; method=REQUEST"
    assert "METHOD:REQUEST" in calendar
    assert f"UID:meeting-{meeting.pk}@" in calendar
    assert "DTSTART;TZID=America/Los_Angeles:20990314T183000" in calendar
    assert "DTEND;TZID=America/Los_Angeles:20990314T190000" in calendar
    assert "BEGIN:VTIMEZONE" in calendar
    assert "LOCATION:District office\\, 40 Elm Street" in calendar
    assert "STATUS:CONFIRMED" in calendar
    assert "mailto:ana@example.org" in calendar
    assert "ben@example.org" not in calendar  # one file per constituent


def test_a_called_off_meeting_removes_the_calendar_entry(meeting, mailoutbox):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    meeting.refresh_from_db()

    send_meeting_notice(attendee=_attendee(meeting, "ana@example.org"), kind="cancelled")

    calendar, mimetype = _calendar(mailoutbox[0])
    assert mimetype == "text/calendar; method=CANCEL"
    assert "STATUS:CANCELLED" in calendar
    assert f"UID:meeting-{meeting.pk}@" in calendar


def test_a_refused_request_that_never_had_a_time_has_no_calendar_file(
    campaign, official, ana, team, mailoutbox
):
    refused = meeting_with(campaign, official, [ana], status=Meeting.Status.REFUSED)

    send_meeting_notice(attendee=_attendee(refused, "ana@example.org"), kind="cancelled")

    assert mailoutbox[0].attachments == []


def test_answers_go_to_the_campaign_team_leads_first_and_to_nobody_else(meeting, mailoutbox):
    send_meeting_notice(attendee=_attendee(meeting, "ana@example.org"), kind="scheduled")
    send_meeting_reminder(attendee=_attendee(meeting, "ben@example.org"))

    for message in mailoutbox:
        assert message.reply_to == ["lead@example.org", "org@example.org"]
    ana_mail, ben_mail = mailoutbox
    assert ana_mail.to == ["ana@example.org"] and not ana_mail.cc and not ana_mail.bcc
    assert "ben@example.org" not in ana_mail.message().as_string()
    assert "ana@example.org" not in ben_mail.message().as_string()


def test_the_reminder_carries_the_script_and_the_calendar_file_too(meeting, mailoutbox):
    send_meeting_reminder(attendee=_attendee(meeting, "ana@example.org"))

    (message,) = mailoutbox
    assert "ask what would change their mind" in message.body
    calendar, _ = _calendar(message)
    assert "METHOD:REQUEST" in calendar
    assert "6:30 PM PDT" in message.subject
