"""events.services.checkin: check-in, undo and walk-ins, with their refusals."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.utils import timezone

from actlocal.models import AuditEntry
from directory.models import Leader
from events.models import RSVP, Event
from events.services.checkin import (
    CheckInError,
    rsvp_check_in,
    rsvp_check_in_undo,
    walk_in_register,
)
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_user(db):
    return UserFactory(email="desk-service@example.org")


def _walk_in(event, actor, *, name="Wanda Walker", email="", zip_code=""):
    return walk_in_register(event=event, name=name, email=email, zip_code=zip_code, actor=actor)


def test_checking_in_someone_going_stamps_the_time_and_who(desk_user):
    rsvp = RSVPFactory()
    checked = rsvp_check_in(rsvp=rsvp, actor=desk_user)
    assert checked.checked_in_at is not None
    assert checked.checked_in_by == desk_user
    assert AuditEntry.objects.filter(action="rsvp.check_in", object_id=str(rsvp.pk)).count() == 1


def test_checking_in_twice_keeps_the_first_time(desk_user):
    rsvp = rsvp_check_in(rsvp=RSVPFactory(), actor=desk_user)
    again = rsvp_check_in(rsvp=rsvp, actor=desk_user)
    assert again.checked_in_at == rsvp.checked_in_at
    assert AuditEntry.objects.filter(action="rsvp.check_in").count() == 1


def test_undo_clears_the_check_in(desk_user):
    rsvp = rsvp_check_in(rsvp=RSVPFactory(), actor=desk_user)
    undone = rsvp_check_in_undo(rsvp=rsvp, actor=desk_user)
    assert (undone.checked_in_at, undone.checked_in_by) == (None, None)
    assert AuditEntry.objects.filter(action="rsvp.check_in_undo").count() == 1
    rsvp_check_in_undo(rsvp=rsvp, actor=desk_user)
    assert AuditEntry.objects.filter(action="rsvp.check_in_undo").count() == 1


@pytest.mark.parametrize(
    "status", [RSVP.Status.WAITLISTED, RSVP.Status.DECLINED, RSVP.Status.CANCELLED]
)
def test_only_people_going_can_be_checked_in(desk_user, status):
    rsvp = RSVPFactory(
        status=status, waitlist_position=1 if status == RSVP.Status.WAITLISTED else None
    )
    with pytest.raises(CheckInError, match="not on the list of people going"):
        rsvp_check_in(rsvp=rsvp, actor=desk_user)
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"finalized_at": timezone.now(), "status": Event.Status.COMPLETED}, "final"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
        ({"status": Event.Status.DRAFT}, "published"),
    ],
    ids=["finalized", "cancelled", "draft"],
)
def test_the_desk_changes_nothing_on_a_closed_event(desk_user, changes, message):
    event = EventFactory(**changes)
    going = RSVPFactory(event=event)
    arrived = RSVPFactory(event=event, checked_in_at=timezone.now())
    with pytest.raises(CheckInError, match=message):
        rsvp_check_in(rsvp=going, actor=desk_user)
    with pytest.raises(CheckInError, match=message):
        rsvp_check_in_undo(rsvp=arrived, actor=desk_user)
    with pytest.raises(CheckInError, match=message):
        _walk_in(event, desk_user)
    going.refresh_from_db()
    arrived.refresh_from_db()
    assert going.checked_in_at is None and arrived.checked_in_at is not None
    assert RSVP.objects.filter(event=event).count() == 2


def test_a_walk_in_without_email_gets_a_new_profile_only_organizers_see(desk_user):
    event = EventFactory(capacity=10)
    rsvp = _walk_in(event, desk_user, name=" Wanda Walker ", zip_code="02139-1234")
    leader = rsvp.leader
    assert leader.name == "Wanda Walker"
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    assert leader.email == ""
    assert leader.zip_code == "02139"
    assert (rsvp.status, rsvp.is_walk_in) == (RSVP.Status.GOING, True)
    assert rsvp.checked_in_at is not None and rsvp.checked_in_by == desk_user
    assert len(rsvp.checkin_code) == 6
    assert AuditEntry.objects.filter(action="rsvp.walk_in", object_id=str(rsvp.pk)).exists()


def test_two_walk_ins_without_email_are_two_people(desk_user):
    event = EventFactory(capacity=10)
    first = _walk_in(event, desk_user, name="Sam Same")
    second = _walk_in(event, desk_user, name="Sam Same")
    assert first.leader_id != second.leader_id


def test_a_walk_in_with_a_known_email_reuses_that_leader(desk_user):
    event = EventFactory(capacity=10)
    known = LeaderFactory(name="Kim Known", email="kim@example.org", visibility="public")
    rsvp = _walk_in(event, desk_user, name="Kimberly K", email="  KIM@Example.org ")
    assert rsvp.leader_id == known.pk
    assert Leader.objects.filter(email="kim@example.org").count() == 1
    known.refresh_from_db()
    assert (known.name, known.visibility) == ("Kim Known", "public")


def test_a_walk_in_with_a_new_email_creates_one_profile_and_reuses_it_next_time(desk_user):
    first_event, second_event = EventFactory(capacity=10), EventFactory(capacity=10)
    first = _walk_in(first_event, desk_user, email="new@example.org")
    second = _walk_in(second_event, desk_user, email="new@example.org")
    assert first.leader_id == second.leader_id
    assert Leader.objects.filter(email="new@example.org").count() == 1


def test_a_walk_in_who_already_has_a_seat_is_simply_checked_in(desk_user):
    event = EventFactory(capacity=1)
    leader = LeaderFactory(email="seated@example.org")
    seated = RSVPFactory(event=event, leader=leader)
    rsvp = _walk_in(event, desk_user, email="seated@example.org")
    assert rsvp.pk == seated.pk
    assert rsvp.checked_in_at is not None
    assert rsvp.is_walk_in is False


def test_a_walk_in_who_had_cancelled_gets_the_free_seat_back(desk_user):
    event = EventFactory(capacity=1)
    leader = LeaderFactory(email="back@example.org")
    cancelled = RSVPFactory(event=event, leader=leader, status=RSVP.Status.CANCELLED)
    rsvp = _walk_in(event, desk_user, email="back@example.org")
    assert rsvp.pk == cancelled.pk
    assert (rsvp.status, rsvp.is_walk_in, rsvp.waitlist_position) == ("going", True, None)


def test_a_full_event_refuses_walk_ins_and_changes_nothing(desk_user):
    event = EventFactory(capacity=1)
    RSVPFactory(event=event)
    waiting_leader = LeaderFactory(email="waiting@example.org")
    waiting = RSVPFactory(
        event=event, leader=waiting_leader, status=RSVP.Status.WAITLISTED, waitlist_position=1
    )
    leaders_before = Leader.objects.count()
    with pytest.raises(CheckInError, match="full"):
        _walk_in(event, desk_user, email="brand-new@example.org")
    with pytest.raises(CheckInError, match="full"):
        _walk_in(event, desk_user, email="waiting@example.org")
    assert Leader.objects.count() == leaders_before
    assert RSVP.objects.filter(event=event, status=RSVP.Status.GOING).count() == 1
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.WAITLISTED


def test_an_event_without_a_seat_limit_takes_every_walk_in(desk_user):
    event = EventFactory(capacity=None)
    for n in range(3):
        _walk_in(event, desk_user, name=f"Walker {n}")
    assert RSVP.objects.filter(event=event, is_walk_in=True).count() == 3


@pytest.mark.django_db(transaction=True)
def test_parallel_walk_ins_never_exceed_capacity():
    event = EventFactory(capacity=5, reminders=[])
    RSVPFactory.create_batch(3, event=event)

    def register(n):
        try:
            return _walk_in(
                Event.objects.get(pk=event.pk), None, name=f"Walker {n}", email=f"w{n}@example.org"
            )
        except CheckInError:
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(register, range(12)))
    assert sum(1 for result in results if result is not None) == 2
    assert RSVP.objects.filter(event=event, status=RSVP.Status.GOING).count() == 5
