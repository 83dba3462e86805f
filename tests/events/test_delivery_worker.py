"""RSVP confirmations sent by a real Celery worker through the Redis broker, racing the sweep."""

from collections import Counter

import pytest
from celery.signals import task_postrun

from actlocal.delivery import deliveries_sweep
from actlocal.tasks import deliveries_send
from events.models import RSVPMail
from events.services.rsvps import rsvp_respond
from tests.directory.factories import LeaderFactory
from tests.directory.test_duplicate_worker import redis_worker, wait_for  # noqa: F401

from .factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_kick_and_a_sweep_at_the_same_time_send_each_confirmation_once(
    redis_worker,  # noqa: F811
    mailoutbox,
):
    event = EventFactory(capacity=5)
    leaders = [LeaderFactory() for _ in range(8)]
    finished = []

    def count_runs(sender=None, retval=None, **kwargs):
        if sender is not None and sender.name == deliveries_send.name:
            finished.append(retval)

    task_postrun.connect(count_runs, weak=False)
    try:
        for leader in leaders:  # each commits and kicks the worker through the broker
            rsvp_respond(event=event, leader=leader, actor=None, going=True)
        swept = deliveries_sweep().sent  # racing the worker's tasks
        assert wait_for(lambda: len(finished) == len(leaders))
    finally:
        task_postrun.disconnect(count_runs)

    assert swept + sum(finished) == len(leaders)
    assert RSVPMail.objects.filter(sent_at__isnull=False).count() == len(leaders)
    per_address = Counter(address for message in mailoutbox for address in message.to)
    assert per_address == Counter(leader.email for leader in leaders)
    assert deliveries_sweep().sent == 0
