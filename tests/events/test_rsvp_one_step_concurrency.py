"""One-step RSVPs confirmed at once, racing signed-in RSVPs: never more going than seats."""

import pytest

from events.models import RSVP, Event, LinkAnswer
from events.services.invitations import InvitationError
from events.services.link_answers import link_answer_confirm, link_answer_record
from events.services.rsvps import RSVPDetails
from tests.directory.factories import LeaderFactory

from .factories import EventFactory
from .test_rsvp_concurrency import _in_own_connection, _rsvp, _run_all

pytestmark = pytest.mark.django_db(transaction=True)


@_in_own_connection
def _confirm(answer_pk: int) -> str:
    answer = LinkAnswer.objects.select_related("event").get(pk=answer_pk)
    try:
        return link_answer_confirm(answer=answer, actor=None).rsvp.status
    except InvitationError as exc:
        return f"refused: {exc}"


def _typed(event: Event, n: int) -> LinkAnswer:
    return link_answer_record(
        event=event,
        name=f"Newcomer {n}",
        email=f"new{n}@example.org",
        zip_code="02139",
        details=RSVPDetails(),
    )


def test_confirmations_and_member_rsvps_at_once_fill_10_seats_and_queue_the_rest():
    event = EventFactory(capacity=10, reminders=[])
    answers = [_typed(event, n) for n in range(30)]
    members = LeaderFactory.create_batch(10)

    results = _run_all(
        [(_confirm, answer.pk) for answer in answers]
        + [(_rsvp, event.pk, leader.pk) for leader in members]
    )

    assert results.count("going") == 10
    assert results.count("waitlisted") == 30
    rsvps = RSVP.objects.filter(event=event)
    assert rsvps.filter(status=RSVP.Status.GOING).count() == 10
    positions = sorted(
        rsvps.filter(status="waitlisted").values_list("waitlist_position", flat=True)
    )
    assert positions == list(range(1, 31))


def test_the_same_confirmation_followed_twice_at_once_seats_one_person_once():
    event = EventFactory(capacity=10, reminders=[])
    answer = _typed(event, 1)

    results = _run_all([(_confirm, answer.pk) for _n in range(8)])

    assert results.count("going") == 1
    assert RSVP.objects.filter(event=event).count() == 1
