"""The meeting reminder sweep: scheduled meetings in the next 24 hours, once per person and time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal import delivery
from campaigns import emails
from campaigns.deliveries import MEETING_REMINDER
from campaigns.models import Campaign, CampaignMember, CampaignOfficial, Meeting, MeetingReminder
from campaigns.services.meetings import meeting_reminders_send_due
from campaigns.tasks import meeting_reminders_sweep

from .factories import CampaignFactory
from .meetings_setup import constituent_of, meeting_with, scheduled

pytestmark = pytest.mark.django_db

LEASE = delivery.channel_get(MEETING_REMINDER).lease
MAX_ATTEMPTS = delivery.channel_get(MEETING_REMINDER).max_attempts


@pytest.fixture
def connie(campaign, constituent_user):
    return CampaignMember.objects.get(campaign=campaign, leader__user=constituent_user)


@pytest.fixture
def ana(campaign, district):
    return constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")


def test_each_attendee_of_a_meeting_tomorrow_gets_one_reminder(
    mailoutbox, campaign, official, connie, ana
):
    CampaignOfficial.objects.create(campaign=campaign, official=official, stance="supports")
    meeting = scheduled(
        campaign,
        official,
        [connie, ana],
        hours=20,
        time_zone="America/Denver",
        place="Library, room 2",
    )
    assert meeting_reminders_send_due() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@private.example", "constituent@example.org"]
    message = next(m for m in mailoutbox if m.to == ["ana@private.example"])
    local = meeting.scheduled_at.astimezone(meeting_zone_of(meeting))
    assert "Rep. Pat Example" in message.subject
    assert local.strftime("%-I:%M") in message.body
    assert ("MST" in message.body) or ("MDT" in message.body)
    assert "Library, room 2" in message.body
    assert "Thank you for standing with us" in message.body  # the script for supporters
    assert f"/campaigns/{campaign.slug}/meetings/{meeting.pk}/" in message.body
    assert "Hello Ana," in message.body
    assert "Connie" not in message.body  # no one else's name
    html = message.alternatives[0][0]
    assert "Library, room 2" in html
    assert MeetingReminder.objects.filter(sent_at__isnull=False).count() == 2


def meeting_zone_of(meeting):
    from campaigns.services.meetings import meeting_zone

    return meeting_zone(meeting)


def test_running_the_sweep_twice_reminds_once(mailoutbox, campaign, official, connie):
    scheduled(campaign, official, [connie], hours=3)
    assert meeting_reminders_send_due() == 1
    assert meeting_reminders_send_due() == 0
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("status", "hours"),
    [
        ("scheduled", 30),  # not due yet
        ("scheduled", -1),  # already started
        ("requested", 5),
        ("cancelled", 5),
        ("refused", 5),
        ("held", -2),
    ],
)
def test_meetings_not_due_or_not_scheduled_send_nothing(
    mailoutbox, campaign, official, connie, status, hours
):
    meeting_with(
        campaign,
        official,
        [connie],
        status=status,
        scheduled_at=timezone.now() + timedelta(hours=hours),
    )
    assert meeting_reminders_send_due() == 0
    assert mailoutbox == []
    assert not MeetingReminder.objects.exists()


def test_a_meeting_comes_due_when_the_clock_reaches_24_hours_before(
    mailoutbox, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=30)
    assert meeting_reminders_send_due() == 0
    assert meeting_reminders_send_due(now=meeting.scheduled_at - timedelta(hours=23)) == 1


def test_a_meeting_cancelled_after_its_reminders_were_recorded_never_reminds(
    mailoutbox, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=5)
    MeetingReminder.objects.create(
        attendee=meeting.attendees.get(),
        scheduled_for=meeting.scheduled_at,
    )
    meeting.status = "cancelled"
    meeting.save()
    assert meeting_reminders_send_due() == 0
    assert meeting_reminders_send_due(now=timezone.now() + LEASE * 2) == 0
    assert mailoutbox == []


def test_a_meeting_cancelled_between_claim_and_send_is_not_reminded(
    mailoutbox, monkeypatch, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=5)
    real_claim = delivery.claim_batch

    def claim_then_cancel(*args, **kwargs):
        pks = real_claim(*args, **kwargs)
        Meeting.objects.filter(pk=meeting.pk).update(status="cancelled")
        return pks

    monkeypatch.setattr(delivery, "claim_batch", claim_then_cancel)
    assert meeting_reminders_send_due() == 0
    assert mailoutbox == []
    reminder = MeetingReminder.objects.get()
    assert reminder.sent_at is None and reminder.cancelled_at is not None


def test_a_rescheduled_meeting_reminds_again_for_the_new_time(
    mailoutbox, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=5)
    assert meeting_reminders_send_due() == 1
    meeting.scheduled_at = timezone.now() + timedelta(hours=10)
    meeting.save()
    assert meeting_reminders_send_due() == 1
    assert meeting_reminders_send_due() == 0
    assert len(mailoutbox) == 2
    assert MeetingReminder.objects.count() == 2


def test_someone_added_to_the_team_later_is_reminded_too(
    mailoutbox, campaign, official, connie, ana
):
    meeting = scheduled(campaign, official, [connie], hours=5)
    meeting_reminders_send_due()
    meeting.attendees.create(member=ana)
    assert meeting_reminders_send_due() == 1
    assert [m.to for m in mailoutbox] == [["constituent@example.org"], ["ana@private.example"]]


def test_a_failed_send_is_retried_after_the_lease(
    mailoutbox, monkeypatch, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=10)
    real_send = emails.send_meeting_reminder

    def broken(**kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(emails, "send_meeting_reminder", broken)
    assert meeting_reminders_send_due() == 0
    reminder = MeetingReminder.objects.get()
    assert reminder.sent_at is None and reminder.attempts == 1
    monkeypatch.setattr(emails, "send_meeting_reminder", real_send)
    assert meeting_reminders_send_due() == 0  # still claimed: the lease has not expired
    later = timezone.now() + LEASE + timedelta(minutes=1)
    assert later < meeting.scheduled_at
    assert meeting_reminders_send_due(now=later) == 1
    assert len(mailoutbox) == 1
    reminder.refresh_from_db()
    assert reminder.sent_at is not None and reminder.attempts == 2


def test_a_reminder_that_keeps_failing_gives_up(
    monkeypatch, mailoutbox, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=23)

    def broken(**kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(emails, "send_meeting_reminder", broken)
    now = timezone.now()
    for attempt in range(MAX_ATTEMPTS + 2):
        meeting_reminders_send_due(now=now + attempt * (LEASE + timedelta(minutes=1)))
    assert MeetingReminder.objects.get().attempts == MAX_ATTEMPTS
    assert meeting.scheduled_at > now


def test_a_worker_that_died_after_claiming_is_taken_over_after_the_lease(
    mailoutbox, campaign, official, connie
):
    meeting = scheduled(campaign, official, [connie], hours=10)
    attendee = meeting.attendees.get()
    MeetingReminder.objects.create(
        attendee=attendee, scheduled_for=meeting.scheduled_at, claimed_at=timezone.now()
    )
    assert meeting_reminders_send_due() == 0
    assert meeting_reminders_send_due(now=timezone.now() + LEASE + timedelta(minutes=1)) == 1
    assert len(mailoutbox) == 1


def test_attendees_without_an_email_address_are_skipped(mailoutbox, campaign, official, connie):
    connie.leader.email = ""
    connie.leader.save()
    scheduled(campaign, official, [connie], hours=5)
    assert meeting_reminders_send_due() == 0
    assert not MeetingReminder.objects.exists()


def test_meetings_of_draft_campaigns_do_not_remind(mailoutbox, official, district):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    member = constituent_of(draft, district, name="Dee Draft", email="dee@example.org")
    scheduled(draft, official, [member], hours=5)
    assert meeting_reminders_send_due() == 0


def test_the_celery_task_runs_the_sweep(mailoutbox, campaign, official, connie):
    scheduled(campaign, official, [connie], hours=5)
    assert meeting_reminders_sweep.apply().get() == 1
    assert len(mailoutbox) == 1
