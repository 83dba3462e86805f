"""Capacity under real concurrency: threads, each on its own PostgreSQL connection."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from directory.models import Leader
from events.models import RSVP, Event
from events.services.rsvps import rsvp_cancel, rsvp_respond
from tests.directory.factories import LeaderFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 20


def _in_own_connection(work):
    """Run `work` in this thread's own database connection, closed at the end."""

    def run(*args):
        try:
            return work(*args)
        finally:
            connections.close_all()

    return run


@_in_own_connection
def _rsvp(event_pk: int, leader_pk: int) -> str:
    event = Event.objects.get(pk=event_pk)
    leader = Leader.objects.get(pk=leader_pk)
    return rsvp_respond(event=event, leader=leader, actor=None, going=True).status


@_in_own_connection
def _cancel(rsvp_pk: int) -> str:
    rsvp = RSVP.objects.select_related("event").get(pk=rsvp_pk)
    return rsvp_cancel(rsvp=rsvp, actor=None).status


def _run_all(calls):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(fn, *args) for fn, *args in calls]
        return [future.result() for future in futures]  # re-raises any error


def test_200_parallel_rsvps_for_50_seats_give_50_going_and_150_waiting_in_line():
    event = EventFactory(capacity=50, reminders=[])
    leaders = LeaderFactory.create_batch(200)

    results = _run_all([(_rsvp, event.pk, leader.pk) for leader in leaders])

    assert results.count("going") == 50
    assert results.count("waitlisted") == 150
    rsvps = RSVP.objects.filter(event=event)
    assert rsvps.filter(status=RSVP.Status.GOING).count() == 50
    positions = sorted(
        rsvps.filter(status=RSVP.Status.WAITLISTED).values_list("waitlist_position", flat=True)
    )
    assert positions == list(range(1, 151))
    assert rsvps.values("checkin_code").distinct().count() == 200


def test_parallel_cancellations_and_new_rsvps_never_exceed_capacity():
    event = EventFactory(capacity=20, reminders=[])
    initial = [
        rsvp_respond(event=event, leader=leader, actor=None, going=True)
        for leader in LeaderFactory.create_batch(30)
    ]
    going = [rsvp for rsvp in initial if rsvp.status == RSVP.Status.GOING]
    waiting = [rsvp for rsvp in initial if rsvp.status == RSVP.Status.WAITLISTED]
    assert (len(going), len(waiting)) == (20, 10)
    newcomers = LeaderFactory.create_batch(40)

    # Interleave: seats freed, places left, and new people arriving, all at once.
    calls = [(_cancel, rsvp.pk) for rsvp in going[:12]]
    calls += [(_cancel, rsvp.pk) for rsvp in waiting[:3]]
    calls += [(_rsvp, event.pk, leader.pk) for leader in newcomers]
    calls.sort(key=lambda call: hash((call[0].__name__, call[-1])))
    _run_all(calls)

    rsvps = RSVP.objects.filter(event=event)
    active = rsvps.filter(status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED]).count()
    assert active == 30 - 15 + 40
    # Someone is still waiting, so every seat is taken, and never one more.
    assert rsvps.filter(status=RSVP.Status.GOING).count() == 20
    positions = list(
        rsvps.filter(status=RSVP.Status.WAITLISTED).values_list("waitlist_position", flat=True)
    )
    assert len(positions) == active - 20
    assert len(set(positions)) == len(positions)
    # The people who were already waiting (and stayed) were seated before any newcomer waits.
    stayed = [rsvp.pk for rsvp in waiting[3:]]
    assert set(rsvps.filter(pk__in=stayed).values_list("status", flat=True)) == {"going"}
