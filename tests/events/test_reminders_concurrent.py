"""Sweeps running at the same moment, each in its own thread and connection, on PostgreSQL."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from events.emails import reminders as sweep
from events.models import ReminderDelivery
from events.services.reminders import reminders_send_due
from tests.threads import run_in_threads

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_sweeps_at_the_same_moment_send_each_reminder_exactly_once(
    mailoutbox, monkeypatch
):
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=12), ends_at=now + timedelta(hours=18))
    going = [RSVPFactory(event=event, created_at=now - timedelta(days=5)) for _ in range(60)]
    real_send = sweep.send_reminder

    def slow_send(**kwargs):
        time.sleep(0.005)  # widen the window in which the sweeps overlap
        real_send(**kwargs)

    monkeypatch.setattr(sweep, "send_reminder", slow_send)

    sent = run_in_threads(4, lambda: reminders_send_due(now=now, batch_size=5))

    assert sum(sent) == 60
    per_address = Counter(address for message in mailoutbox for address in message.to)
    assert per_address == Counter(r.leader.email for r in going)
    assert set(per_address.values()) == {1}
    assert ReminderDelivery.objects.filter(sent_at__isnull=False).count() == 60
    assert ReminderDelivery.objects.count() == 60


def test_concurrent_takeovers_of_an_expired_claim_send_it_once(mailoutbox):
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=12), ends_at=now + timedelta(hours=18))
    rsvps = [RSVPFactory(event=event, created_at=now - timedelta(days=5)) for _ in range(20)]
    # A worker claimed all of them and died before sending anything.
    ReminderDelivery.objects.bulk_create(
        ReminderDelivery(rsvp=r, hours_before=24, claimed_at=now - timedelta(hours=1))
        for r in rsvps
    )

    sent = run_in_threads(4, lambda: reminders_send_due(now=now, batch_size=3))

    assert sum(sent) == 20
    per_address = Counter(address for message in mailoutbox for address in message.to)
    assert set(per_address.values()) == {1}
    assert len(per_address) == 20
