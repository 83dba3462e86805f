"""The reminder sweep run by a real Celery worker through the Redis broker."""

from datetime import timedelta

import pytest
from celery.result import EagerResult
from celery.signals import task_postrun
from django.utils import timezone

from events.models import ReminderDelivery
from events.tasks import reminders_sweep
from tests.directory.test_duplicate_worker import redis_worker, wait_for  # noqa: F401

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_sends_due_reminders_once_even_when_the_sweep_is_queued_twice(
    redis_worker,  # noqa: F811
    mailoutbox,
):
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=10), ends_at=now + timedelta(hours=16))
    going = [RSVPFactory(event=event, created_at=now - timedelta(days=3)) for _ in range(5)]

    finished = []

    def count_runs(sender=None, retval=None, **kwargs):
        if sender is not None and sender.name == reminders_sweep.name:
            finished.append(retval)

    task_postrun.connect(count_runs, weak=False)
    try:
        first = reminders_sweep.delay()
        second = reminders_sweep.delay()
        assert not isinstance(first, EagerResult), "the task must go through the broker"
        assert not isinstance(second, EagerResult)
        assert wait_for(lambda: len(finished) == 2)
    finally:
        task_postrun.disconnect(count_runs)

    assert sorted(finished) == [0, 5]  # the second run found everything already sent
    assert ReminderDelivery.objects.filter(sent_at__isnull=False).count() == 5
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(r.leader.email for r in going)
    assert all("starts in 1 day" in message.subject for message in mailoutbox)
