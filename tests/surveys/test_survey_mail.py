"""Post-event survey mail: one invitation after the event, one reminder later, each once, only
to the audience, through the outbox."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actlocal import delivery
from surveys.models import Response, Survey, SurveyDelivery
from surveys.segments import leader_segments
from surveys.services.filing import filing_fields
from surveys.services.mailing import CHANNEL, survey_mail_schedule, survey_mail_sweep
from tests.events.factories import RSVPFactory

from .factories import PostEventSurveyFactory

pytestmark = pytest.mark.django_db


def _attendees(survey, n=3, checked_in=True):
    return [
        RSVPFactory(event=survey.event, checked_in_at=timezone.now() if checked_in else None)
        for _ in range(n)
    ]


def test_the_invitation_goes_once_to_each_checked_in_attendee_after_the_event():
    survey = PostEventSurveyFactory()
    came = _attendees(survey, 3)
    _attendees(survey, 2, checked_in=False)  # going, never checked in
    RSVPFactory(event=survey.event, status="cancelled", checked_in_at=timezone.now())

    assert survey_mail_sweep() == 3
    assert survey_mail_sweep() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.leader.email for r in came)
    body = mail.outbox[0].body
    assert f"/surveys/{survey.slug}/answer/" in body


def test_nothing_goes_before_the_set_time_after_the_event():
    survey = PostEventSurveyFactory(send_after_hours=48)  # the event ended 24 hours ago
    _attendees(survey, 2)
    assert survey_mail_sweep() == 0
    later = timezone.now() + timedelta(days=1, minutes=1)
    assert survey_mail_sweep(now=later) == 2


def test_a_draft_or_closed_survey_and_a_kit_send_nothing():
    draft = PostEventSurveyFactory(status=Survey.Status.DRAFT)
    closed = PostEventSurveyFactory(closes_at=timezone.now() - timedelta(minutes=1))
    kit = PostEventSurveyFactory(event__is_template=True)
    for survey in (draft, closed, kit):
        _attendees(survey, 1)
    assert survey_mail_sweep() == 0
    assert not SurveyDelivery.objects.exists()


def test_one_reminder_goes_days_later_only_to_those_who_have_not_answered():
    survey = PostEventSurveyFactory(reminder_after_days=3)
    answered, silent = _attendees(survey, 2)
    assert survey_mail_sweep() == 2
    segments = leader_segments(leader=answered.leader).as_fields()
    Response.objects.create(
        survey=survey,
        leader=answered.leader,
        submitted_at=timezone.now(),
        **segments,
        **filing_fields(segments=segments),
    )

    assert survey_mail_sweep(now=timezone.now() + timedelta(days=1)) == 0
    later = timezone.now() + timedelta(days=3)
    assert survey_mail_sweep(now=later) == 1
    assert survey_mail_sweep(now=later + timedelta(days=1)) == 0
    reminders = [m for m in mail.outbox if "reminder" in m.subject.lower()]
    assert [m.to[0] for m in reminders] == [silent.leader.email]
    assert SurveyDelivery.objects.filter(kind="reminder").count() == 1


def test_someone_no_longer_in_the_audience_when_it_is_sent_gets_nothing():
    survey = PostEventSurveyFactory()
    rsvp = _attendees(survey, 1)[0]
    survey_mail_schedule()
    rsvp.status = "cancelled"
    rsvp.save(update_fields=["status"])
    result = delivery.deliver_claimed(channel=CHANNEL)
    assert result.sent == 0 and result.cancelled == 1
    assert mail.outbox == []


def test_with_the_broker_down_the_sweep_still_sends(broker_down):
    survey = PostEventSurveyFactory()
    _attendees(survey, 2)
    assert survey_mail_sweep() == 2


def test_a_worker_that_died_after_claiming_is_taken_over_after_the_lease_once():
    survey = PostEventSurveyFactory()
    _attendees(survey, 4)
    survey_mail_schedule()
    # A worker claimed every row and died before sending any.
    SurveyDelivery.objects.update(claimed_at=timezone.now(), attempts=1)
    assert survey_mail_sweep() == 0
    lease = delivery.channel_get(CHANNEL).lease
    later = timezone.now() + lease + timedelta(seconds=1)
    assert survey_mail_sweep(now=later) == 4
    assert survey_mail_sweep(now=later + lease * 2) == 0
    assert set(Counter(m.to[0] for m in mail.outbox).values()) == {1}


def test_a_worker_dying_mid_batch_leaves_the_rest_to_the_next_sweep(monkeypatch):
    from surveys.services import mailing

    survey = PostEventSurveyFactory()
    _attendees(survey, 5)
    real = mailing._send
    calls = {"n": 0}

    class WorkerDied(BaseException):
        pass

    def dies_on_third(row, connection):
        calls["n"] += 1
        if calls["n"] == 3:
            raise WorkerDied  # not an Exception: the loop does not catch it, like a kill
        real(row, connection)

    monkeypatch.setitem(
        delivery._channels,
        CHANNEL,
        delivery.Channel(name=CHANNEL, model=SurveyDelivery, send=dies_on_third),
    )
    with pytest.raises(WorkerDied):
        survey_mail_sweep()
    assert len(mail.outbox) == 2
    monkeypatch.setitem(
        delivery._channels,
        CHANNEL,
        delivery.Channel(
            name=CHANNEL, model=SurveyDelivery, send=real, select_related=("survey", "leader")
        ),
    )
    lease = delivery.channel_get(CHANNEL).lease
    assert survey_mail_sweep(now=timezone.now() + lease + timedelta(seconds=1)) == 3
    per_address = Counter(m.to[0] for m in mail.outbox)
    assert len(per_address) == 5 and set(per_address.values()) == {1}
