"""The reminder sweep: what is due, once only, and what happens when a worker dies mid-batch."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.delivery import channel_get
from events.deliveries import REMINDER
from events.emails import reminders as sweep
from events.models import RSVP, Event, ReminderDelivery
from events.services.reminders import reminders_send_due
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory
from .icalparse import parse

pytestmark = pytest.mark.django_db

LEASE = channel_get(REMINDER).lease
MAX_ATTEMPTS = channel_get(REMINDER).max_attempts


class WorkerKilled(BaseException):
    """Stands in for the process dying: not an Exception, so nothing in the sweep catches it."""


def event_starting_in(hours: float, **kwargs):
    now = timezone.now()
    return EventFactory(
        starts_at=now + timedelta(hours=hours),
        ends_at=now + timedelta(hours=hours + 6),
        **kwargs,
    )


def attendees(event, count: int, *, days_ago: int = 10, **kwargs) -> list[RSVP]:
    """People who RSVP'd well before any reminder moment."""
    created = timezone.now() - timedelta(days=days_ago)
    return [RSVPFactory(event=event, created_at=created, **kwargs) for _ in range(count)]


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


def test_the_one_day_reminder_goes_to_everyone_going_with_ics_link_and_reminder_text(
    mailoutbox,
):
    event = event_starting_in(12, reminder_text="Doors open at 8:30.")
    going = attendees(event, 3)

    assert reminders_send_due() == 3

    assert recipients(mailoutbox) == sorted(r.leader.email for r in going)
    message = mailoutbox[0]
    assert "starts in 1 day" in message.subject
    assert "Doors open at 8:30." in message.body
    assert "/rsvp/" in message.body
    attachment, qr = message.attachments
    assert "method=REQUEST" in attachment.mimetype
    assert (qr.filename, qr.mimetype) == ("check-in-code.png", "image/png")
    parse(attachment.content.encode())
    assert ReminderDelivery.objects.filter(hours_before=24, sent_at__isnull=False).count() == 3
    assert not ReminderDelivery.objects.filter(hours_before=168).exists()


def test_nothing_is_due_before_the_first_reminder_moment(mailoutbox):
    event = event_starting_in(24 * 8)
    attendees(event, 2)

    assert reminders_send_due() == 0
    assert mailoutbox == []
    assert not ReminderDelivery.objects.exists()


def test_the_seven_day_reminder_goes_out_when_its_moment_has_passed(mailoutbox):
    event = event_starting_in(24 * 7 - 1)
    attendees(event, 2)

    assert reminders_send_due() == 2
    assert "in 7 days" in mailoutbox[0].subject
    assert set(ReminderDelivery.objects.values_list("hours_before", flat=True)) == {168}


def test_a_reminder_more_than_two_days_late_is_dropped(mailoutbox):
    event = event_starting_in(30)  # 168h moment was 138h ago; 24h moment still ahead
    attendees(event, 2)

    assert reminders_send_due() == 0
    assert mailoutbox == []


def test_running_the_sweep_twice_sends_each_reminder_once(mailoutbox):
    event = event_starting_in(12)
    attendees(event, 4)

    assert reminders_send_due() == 4
    assert reminders_send_due() == 0
    assert reminders_send_due(now=timezone.now() + LEASE * 3) == 0

    assert len(mailoutbox) == 4
    assert ReminderDelivery.objects.count() == 4


def test_each_offset_is_its_own_reminder(mailoutbox):
    event = event_starting_in(24 * 7 - 1)
    attendees(event, 1)
    now = timezone.now()

    assert reminders_send_due(now=now) == 1
    assert reminders_send_due(now=now + timedelta(days=6, hours=1)) == 1
    assert reminders_send_due(now=now + timedelta(days=6, hours=2)) == 0

    assert [m.subject.split("starts ")[1] for m in mailoutbox] == ["in 7 days", "in 1 day"]


def test_no_reminder_for_waitlisted_declined_or_cancelled_rsvps(mailoutbox):
    event = event_starting_in(12)
    attendees(event, 1, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    attendees(event, 1, status=RSVP.Status.DECLINED)
    attendees(event, 1, status=RSVP.Status.CANCELLED)
    (going,) = attendees(event, 1)

    assert reminders_send_due() == 1
    assert recipients(mailoutbox) == [going.leader.email]


@pytest.mark.parametrize(
    "status", [Event.Status.CANCELLED, Event.Status.DRAFT, Event.Status.COMPLETED]
)
def test_no_reminder_for_an_event_that_is_not_published(mailoutbox, status):
    event = event_starting_in(12, status=status)
    attendees(event, 2)

    assert reminders_send_due() == 0
    assert mailoutbox == []


def test_no_reminder_once_the_event_has_started(mailoutbox):
    event = event_starting_in(-1)
    attendees(event, 2)

    assert reminders_send_due() == 0


def test_people_who_rsvpd_after_the_reminder_moment_get_no_late_reminder(mailoutbox):
    event = event_starting_in(12)
    (early,) = attendees(event, 1, days_ago=3)
    attendees(event, 1, days_ago=0)  # RSVP'd just now: the confirmation was their reminder

    assert reminders_send_due() == 1
    assert recipients(mailoutbox) == [early.leader.email]


def test_people_without_an_email_address_are_skipped(mailoutbox):
    event = event_starting_in(12)
    RSVPFactory(
        event=event, leader=LeaderFactory(email=""), created_at=timezone.now() - timedelta(days=5)
    )

    assert reminders_send_due() == 0
    assert not ReminderDelivery.objects.exists()


def test_an_rsvp_cancelled_after_its_row_was_recorded_is_not_reminded(mailoutbox, monkeypatch):
    event = event_starting_in(12)
    first, second = attendees(event, 2)
    real_send = sweep.send_reminder

    def cancel_second_then_send(*, rsvp, **kwargs):
        RSVP.objects.filter(pk=second.pk).update(status=RSVP.Status.CANCELLED)
        real_send(rsvp=rsvp, **kwargs)

    monkeypatch.setattr(sweep, "send_reminder", cancel_second_then_send)
    # The first batch claims only the first row; the second is still unclaimed when cancelled.
    assert reminders_send_due(batch_size=1) == 1

    assert recipients(mailoutbox) == [first.leader.email]


def test_a_worker_that_dies_between_claim_and_send_is_retried_after_the_lease_once(
    mailoutbox, monkeypatch
):
    event = event_starting_in(12)
    going = attendees(event, 3)
    real_send = sweep.send_reminder
    calls = []

    def dies_on_the_second_mail(**kwargs):
        calls.append(kwargs["rsvp"].pk)
        if len(calls) == 2:
            raise WorkerKilled
        real_send(**kwargs)

    monkeypatch.setattr(sweep, "send_reminder", dies_on_the_second_mail)
    now = timezone.now()

    with pytest.raises(WorkerKilled):
        reminders_send_due(now=now)
    assert len(mailoutbox) == 1
    claimed_unsent = ReminderDelivery.objects.filter(sent_at=None, claimed_at__gte=now)
    assert claimed_unsent.count() == 2

    # Another sweep inside the lease leaves the dead worker's claims alone.
    assert reminders_send_due(now=now + timedelta(minutes=5)) == 0
    assert len(mailoutbox) == 1

    # After the lease, a later sweep takes them over and sends each exactly once.
    assert reminders_send_due(now=now + LEASE + timedelta(minutes=1)) == 2
    assert recipients(mailoutbox) == sorted(r.leader.email for r in going)
    assert reminders_send_due(now=now + LEASE * 3) == 0
    assert len(mailoutbox) == 3
    assert sorted(ReminderDelivery.objects.values_list("attempts", flat=True)) == [1, 2, 2]
    assert ReminderDelivery.objects.filter(sent_at=None).count() == 0


def test_a_failed_mail_keeps_its_claim_records_the_error_and_is_retried_after_the_lease(
    mailoutbox, monkeypatch
):
    event = event_starting_in(12)
    unlucky, lucky = attendees(event, 2)
    real_send = sweep.send_reminder

    def refuses_unlucky(*, rsvp, **kwargs):
        if rsvp.pk == unlucky.pk:
            raise ConnectionRefusedError("mail server said no")
        real_send(rsvp=rsvp, **kwargs)

    monkeypatch.setattr(sweep, "send_reminder", refuses_unlucky)
    now = timezone.now()

    assert reminders_send_due(now=now) == 1
    failed = ReminderDelivery.objects.get(rsvp=unlucky)
    assert failed.sent_at is None
    assert "mail server said no" in failed.last_error

    monkeypatch.setattr(sweep, "send_reminder", real_send)
    assert reminders_send_due(now=now + timedelta(minutes=5)) == 0
    assert reminders_send_due(now=now + LEASE + timedelta(minutes=1)) == 1
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert failed.attempts == 2
    assert failed.last_error == ""
    assert sorted(recipients(mailoutbox)) == sorted([unlucky.leader.email, lucky.leader.email])


def test_a_row_that_keeps_failing_is_given_up_after_max_attempts(mailoutbox, monkeypatch):
    event = event_starting_in(12)
    attendees(event, 1)

    def always_fails(**kwargs):
        raise ConnectionRefusedError("down")

    monkeypatch.setattr(sweep, "send_reminder", always_fails)
    now = timezone.now()
    for attempt in range(MAX_ATTEMPTS + 2):
        reminders_send_due(now=now + attempt * (LEASE + timedelta(minutes=1)))

    assert ReminderDelivery.objects.get().attempts == MAX_ATTEMPTS


def test_the_sweep_costs_about_one_query_per_mail_not_more(
    mailoutbox, django_assert_max_num_queries
):
    event = event_starting_in(12)
    attendees(event, 60)
    other = event_starting_in(20)
    attendees(other, 5)

    # Per mail: one UPDATE stamping sent_at. Everything else is per batch of 25 (claim select
    # and update with their savepoints, load, insert) or per event: 6 batches stay under 35.
    with django_assert_max_num_queries(65 + 35):
        assert reminders_send_due(batch_size=25) == 65
