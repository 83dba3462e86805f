"""Constituents are told when their meeting is set, moved or called off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.delivery import deliver_claimed, deliveries_sweep
from campaigns.deliveries import MEETING_NOTICE
from campaigns.models import Meeting, MeetingNotice
from campaigns.services.meeting_notices import meeting_notice_record
from campaigns.services.meetings import MeetingDetails, meeting_create, meeting_update

from .meetings_setup import constituent_of, meeting_with


@pytest.fixture
def ana(campaign, district):
    return constituent_of(campaign, district, name="Ana Alvarez", email="ana@example.org")


@pytest.fixture
def ben(campaign, district):
    return constituent_of(campaign, district, name="Ben Brooks", email="ben@example.org")


def _details(**values) -> MeetingDetails:
    values.setdefault("status", Meeting.Status.SCHEDULED)
    values.setdefault("scheduled_at", (timezone.now() + timedelta(days=5)).replace(microsecond=0))
    values.setdefault("place", "District office, 12 Main Street")
    return MeetingDetails(**values)


def _update(meeting, members, capture, **values):
    with capture(execute=True):
        return meeting_update(
            meeting=meeting, actor=None, details=_details(**values), members=members
        )


@pytest.mark.django_db
def test_scheduling_a_meeting_tells_each_constituent_when_and_where(
    campaign, official, ana, ben, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = meeting_with(campaign, official, [ana, ben])

    _update(meeting, [ana, ben], django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.org", "ben@example.org"]
    mail = next(m for m in mailoutbox if m.to == ["ana@example.org"])
    assert official.name in mail.subject
    assert "District office, 12 Main Street" in mail.body
    assert campaign.ask in mail.body
    assert "Ben" not in mail.body  # nobody else's name or address


@pytest.mark.django_db
def test_a_note_for_the_team_sends_nothing_but_a_new_time_does(
    campaign, official, ana, mailoutbox, django_capture_on_commit_callbacks
):
    when = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    meeting = meeting_with(
        campaign,
        official,
        [ana],
        status=Meeting.Status.SCHEDULED,
        scheduled_at=when,
        place="District office, 12 Main Street",
    )

    _update(
        meeting, [ana], django_capture_on_commit_callbacks, scheduled_at=when, notes="Bring flyers"
    )
    assert mailoutbox == []

    _update(
        meeting, [ana], django_capture_on_commit_callbacks, scheduled_at=when + timedelta(hours=2)
    )
    assert [m.to for m in mailoutbox] == [["ana@example.org"]]


@pytest.mark.django_db
def test_someone_added_to_a_scheduled_meeting_alone_is_told(
    campaign, official, ana, ben, mailoutbox, django_capture_on_commit_callbacks
):
    when = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    meeting = meeting_with(
        campaign,
        official,
        [ana],
        status=Meeting.Status.SCHEDULED,
        scheduled_at=when,
        place="District office, 12 Main Street",
    )

    _update(meeting, [ana, ben], django_capture_on_commit_callbacks, scheduled_at=when)

    assert [m.to for m in mailoutbox] == [["ben@example.org"]]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Meeting.Status.CANCELLED, Meeting.Status.REFUSED])
def test_calling_a_meeting_off_tells_the_constituents(
    campaign, official, ana, status, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = meeting_with(
        campaign,
        official,
        [ana],
        status=Meeting.Status.SCHEDULED,
        scheduled_at=timezone.now() + timedelta(days=5),
    )

    _update(meeting, [ana], django_capture_on_commit_callbacks, status=status, scheduled_at=None)

    assert [m.to for m in mailoutbox] == [["ana@example.org"]]
    assert official.name in mailoutbox[0].subject


@pytest.mark.django_db
def test_a_meeting_created_already_scheduled_tells_its_team(
    campaign, official, ana, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_create(
            campaign=campaign, official=official, actor=None, members=[ana], details=_details()
        )

    assert [m.to for m in mailoutbox] == [["ana@example.org"]]


@pytest.mark.django_db
def test_a_notice_overtaken_by_a_cancellation_is_dropped(campaign, official, ana, mailoutbox):
    meeting = meeting_with(campaign, official, [ana], status=Meeting.Status.SCHEDULED)
    meeting_notice_record(meeting=meeting, kind="scheduled", member_pks=[ana.pk])
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)

    result = deliver_claimed(channel=MEETING_NOTICE)

    assert (result.sent, result.cancelled) == (0, 1)
    assert mailoutbox == []


@pytest.mark.django_db
def test_moving_a_meeting_twice_before_the_mail_goes_tells_the_latest_news_once(
    campaign, official, ana, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    meeting = meeting_with(campaign, official, [ana])
    when = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    _update(meeting, [ana], django_capture_on_commit_callbacks, scheduled_at=when)
    _update(meeting, [ana], django_capture_on_commit_callbacks, scheduled_at=when + timedelta(1))

    assert MeetingNotice.objects.count() == 2
    assert deliveries_sweep().sent == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_with_the_broker_down_scheduling_works_and_the_sweep_tells_each_once(
    campaign, official, ana, ben, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    meeting = meeting_with(campaign, official, [ana, ben])

    _update(meeting, [ana, ben], django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert MeetingNotice.objects.filter(sent_at=None).count() == 2
    assert deliveries_sweep().sent == 2
    assert deliveries_sweep().sent == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.org", "ben@example.org"]


@pytest.mark.django_db
def test_someone_removed_from_the_team_before_the_mail_goes_is_not_told(
    campaign, official, ana, ben, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    meeting = meeting_with(campaign, official, [ana, ben])
    when = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    _update(meeting, [ana, ben], django_capture_on_commit_callbacks, scheduled_at=when)
    _update(meeting, [ana], django_capture_on_commit_callbacks, scheduled_at=when)

    assert deliveries_sweep().sent == 1
    assert [m.to for m in mailoutbox] == [["ana@example.org"]]


@pytest.mark.django_db
def test_a_draft_campaign_sends_no_meeting_notices(
    campaign, official, ana, mailoutbox, django_capture_on_commit_callbacks
):
    campaign.status = campaign.Status.DRAFT
    campaign.save(update_fields=["status"])
    meeting = meeting_with(campaign, official, [ana])

    _update(meeting, [ana], django_capture_on_commit_callbacks)

    assert mailoutbox == []
