"""The nightly duplicate scan run by a real Celery worker through the Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from celery.signals import task_postrun
from django.conf import settings
from django.db import connections

from actlocal.celery import app
from directory.models import DuplicateCandidate
from directory.tasks import duplicates_scan_all
from tests.directory.factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _close_worker_connections(**kwargs):
    # The worker runs in its own thread with its own database connection; closing it after
    # each task lets the test database be flushed and dropped afterwards.
    connections.close_all()


@pytest.fixture
def redis_worker():
    """A worker thread consuming this test run's Redis broker, with eager mode switched off."""
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "set REDIS_URL to run this test"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with app.connection_for_write() as connection:
        # Leftovers of an interrupted run must not be mistaken for this test's work.
        connection.default_channel.queue_purge(app.conf.task_default_queue)
    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=20, loglevel="WARNING"
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(_close_worker_connections)
        app.conf.task_always_eager = eager


def wait_for(condition, *, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_worker_runs_the_nightly_scan_and_flags_the_pairs(redis_worker):
    first = LeaderFactory(name="Gabriela Mendoza", phone="", state="AZ")
    second = LeaderFactory(name="Gabriella Mendoza", phone="", state="AZ")
    LeaderFactory(name="Unrelated Person", phone="", state="AZ")
    org_a = OrganizationFactory(name="Desert Water Alliance", website_domain="dwa.example.org")
    org_b = OrganizationFactory(name="DWA Tucson", website_domain="dwa.example.org", state="AZ")

    result = duplicates_scan_all.delay()

    assert not isinstance(result, EagerResult), "the task must go through the broker"
    assert wait_for(lambda: DuplicateCandidate.objects.count() >= 2)
    leader_pair = DuplicateCandidate.objects.get(kind="leader")
    assert (leader_pair.leader_a_id, leader_pair.leader_b_id) == (first.pk, second.pk)
    organization_pair = DuplicateCandidate.objects.get(kind="organization")
    assert (organization_pair.organization_a_id, organization_pair.organization_b_id) == (
        org_a.pk,
        org_b.pk,
    )
    assert organization_pair.status == DuplicateCandidate.Status.OPEN
