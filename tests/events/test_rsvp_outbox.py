"""An RSVP and its confirmation are one transaction (the outbox): the POST's query budget, and
what happens while the broker is down."""

import time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actlocal.delivery import deliveries_sweep
from events.models import RSVP, RSVPMail

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def rsvp_url(event) -> str:
    return reverse("events:rsvp", kwargs={"slug": event.slug})


YES = {"going": "yes", "accessibility_needs": "", "dietary_needs": ""}


def test_an_rsvp_post_with_its_confirmation_row_stays_within_fifteen_queries(
    member_client, member_user, broker_down, django_capture_on_commit_callbacks
):
    event = EventFactory()
    member_client.get(rsvp_url(event))  # the session and the profile exist, as in real use

    with (
        django_capture_on_commit_callbacks(execute=False),
        CaptureQueriesContext(connection) as captured,
    ):
        response = member_client.post(rsvp_url(event), YES)

    assert response.status_code == 302
    queries = "\n".join(q["sql"] for q in captured.captured_queries)
    # The budget is 15 with the confirmation row and the check that the team has not removed
    # this person; exact, so no saving is lost unnoticed. Two of them are the savepoint of the
    # service's transaction, which a test's own transaction adds (12 in production).
    assert len(captured) == 14, f"{len(captured)} queries:\n{queries}"
    assert RSVPMail.objects.filter(rsvp__event=event, sent_at=None).count() == 1


def test_with_the_broker_down_an_rsvp_answers_normally_and_the_sweep_confirms_once(
    member_client, member_user, broker_down, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    other = EventFactory()

    with django_capture_on_commit_callbacks(execute=True):
        first = member_client.post(rsvp_url(event), YES)
        second = member_client.post(rsvp_url(other), YES)

    assert first.status_code == second.status_code == 302
    assert RSVP.objects.filter(leader__user=member_user, status="going").count() == 2
    assert mail.outbox == []
    assert deliveries_sweep().sent == 2
    assert deliveries_sweep().sent == 0
    assert [m.to for m in mail.outbox] == [[member_user.email]] * 2


def test_a_confirmation_is_never_sent_for_an_rsvp_that_was_rolled_back(
    member_client, member_user, broker_down
):
    event = EventFactory(status="cancelled")

    response = member_client.post(rsvp_url(event), YES)

    assert response.status_code == 400
    assert not RSVPMail.objects.exists()
    assert deliveries_sweep().sent == 0


def test_with_the_broker_down_the_kick_gives_up_at_once_instead_of_holding_the_request(
    member_client, member_user, broker_down, django_capture_on_commit_callbacks
):
    event = EventFactory()
    member_client.post(rsvp_url(EventFactory()), YES)  # the first publish sets the pools up

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        member_client.post(rsvp_url(event), YES)
    started = time.perf_counter()
    for callback in callbacks:
        callback()

    # Kombu's default retries a dead broker for about six seconds on every publish.
    assert time.perf_counter() - started < 2
    assert RSVPMail.objects.filter(rsvp__event=event, sent_at=None).count() == 1


def test_with_the_broker_down_a_first_rsvp_that_creates_the_profile_answers_normally(
    client, broker_down, django_capture_on_commit_callbacks
):
    from directory.models import Leader
    from tests.actlocal.factories import UserFactory

    event = EventFactory()
    user = UserFactory(email="newcomer@example.org", name="Nia Newcomer")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(rsvp_url(event), YES)

    assert response.status_code == 302
    leader = Leader.objects.get(user=user)  # the duplicate check waits for the nightly scan
    assert RSVP.objects.get(event=event).leader == leader
    assert deliveries_sweep().sent == 1
