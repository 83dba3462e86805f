"""events.services.rsvps: seats, the waitlist, promotion and the events that refuse RSVPs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.models import AuditEntry
from events.models import RSVP, Event
from events.services.rsvps import (
    RSVPDetails,
    RSVPError,
    event_capacity_change,
    rsvp_cancel,
    rsvp_respond,
)
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def _respond(event, leader, *, going=True, **kwargs):
    return rsvp_respond(event=event, leader=leader, actor=None, going=going, **kwargs)


def _fill(event, count):
    return [_respond(event, LeaderFactory()) for _ in range(count)]


def _statuses(event):
    return dict(
        RSVP.objects.filter(event=event).values_list("leader_id", "status").order_by("leader_id")
    )


def test_leader_gets_a_seat_when_seats_are_free():
    event = EventFactory(capacity=3)
    rsvp = _respond(event, LeaderFactory())
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.waitlist_position is None
    assert len(rsvp.checkin_code) == 6


def test_an_event_without_a_seat_limit_always_seats():
    event = EventFactory(capacity=None)
    rsvps = _fill(event, 5)
    assert {rsvp.status for rsvp in rsvps} == {RSVP.Status.GOING}


def test_a_full_event_puts_people_on_the_waitlist_in_order():
    event = EventFactory(capacity=2)
    rsvps = _fill(event, 5)
    assert [r.status for r in rsvps] == ["going", "going", "waitlisted", "waitlisted", "waitlisted"]
    assert [r.waitlist_position for r in rsvps[2:]] == [1, 2, 3]


def test_answering_again_updates_the_details_and_keeps_the_seat():
    event = EventFactory(capacity=1)
    leader = LeaderFactory()
    first = _respond(event, leader)
    second = _respond(
        event, leader, details=RSVPDetails(dietary_needs="vegan", accessibility_needs="ramp")
    )
    assert second.pk == first.pk
    assert second.status == RSVP.Status.GOING
    assert (second.dietary_needs, second.accessibility_needs) == ("vegan", "ramp")
    assert RSVP.objects.filter(event=event).count() == 1


def test_answering_again_while_waiting_keeps_the_place_in_line():
    event = EventFactory(capacity=1)
    _fill(event, 2)
    leader = LeaderFactory()
    waiting = _respond(event, leader)
    again = _respond(event, leader, details=RSVPDetails(dietary_needs="halal"))
    assert again.status == RSVP.Status.WAITLISTED
    assert again.waitlist_position == waiting.waitlist_position == 2


def test_declining_a_seat_gives_it_to_the_first_person_waiting():
    event = EventFactory(capacity=1)
    seated, first_waiting, second_waiting = _fill(event, 3)
    _respond(event, seated.leader, going=False)
    statuses = _statuses(event)
    assert statuses[seated.leader_id] == RSVP.Status.DECLINED
    assert statuses[first_waiting.leader_id] == RSVP.Status.GOING
    assert statuses[second_waiting.leader_id] == RSVP.Status.WAITLISTED


def test_cancelling_promotes_the_first_waiting_and_mails_them(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=2)
    seated, _other, first_waiting, second_waiting = _fill(event, 4)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cancelled = rsvp_cancel(rsvp=seated, actor=None)
        # The promotion's mail row is part of the same transaction as the promotion.
        promotion = first_waiting.mails.get(kind="promotion")
        assert promotion.sent_at is None
    assert cancelled.status == RSVP.Status.CANCELLED
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, first_waiting.waitlist_position) == ("going", None)
    assert (second_waiting.status, second_waiting.waitlist_position) == ("waitlisted", 2)
    assert len(callbacks) == 1  # one kick of the delivery loop
    promotion.refresh_from_db()
    assert promotion.sent_at is not None
    assert [message.to for message in mailoutbox] == [[first_waiting.leader.email]]
    assert AuditEntry.objects.filter(action="rsvp.promote", object_id=str(first_waiting.pk))


def test_leaving_the_waitlist_promotes_nobody_and_keeps_the_order():
    event = EventFactory(capacity=1)
    seated, first_waiting, second_waiting = _fill(event, 3)
    rsvp_cancel(rsvp=first_waiting, actor=None)
    statuses = _statuses(event)
    assert statuses == {
        seated.leader_id: "going",
        first_waiting.leader_id: "cancelled",
        second_waiting.leader_id: "waitlisted",
    }
    first_waiting.refresh_from_db()
    assert first_waiting.waitlist_position is None


def test_cancelling_twice_changes_nothing_the_second_time():
    event = EventFactory(capacity=1)
    seated, waiting = _fill(event, 2)
    rsvp_cancel(rsvp=seated, actor=None)
    rsvp_cancel(rsvp=seated, actor=None)
    assert AuditEntry.objects.filter(action="rsvp.cancel", object_id=str(seated.pk)).count() == 1
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.GOING


def test_cancelling_after_the_start_is_refused():
    event = EventFactory(capacity=5)
    rsvp = _respond(event, LeaderFactory())
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    rsvp.event.refresh_from_db()
    with pytest.raises(RSVPError, match="already started"):
        rsvp_cancel(rsvp=rsvp, actor=None)
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_an_invite_only_event_refuses_an_rsvp_without_an_invitation():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY)
    with pytest.raises(RSVPError, match="by invitation only"):
        _respond(event, LeaderFactory())
    assert not RSVP.objects.filter(event=event).exists()


def test_an_invite_only_event_accepts_an_rsvp_with_an_invitation():
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY)
    leader = LeaderFactory()
    invitation = InvitationFactory(event=event, email=leader.email, leader=leader)
    rsvp = _respond(event, leader, invitation=invitation)
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.invitation == invitation


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": Event.Status.CANCELLED}, "has been cancelled"),
        ({"status": Event.Status.DRAFT}, "not open for RSVPs"),
        ({"status": Event.Status.COMPLETED}, "not open for RSVPs"),
        ({"is_template": True}, "event kit"),
        (
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=1),
            },
            "already started",
        ),
    ],
    ids=["cancelled", "draft", "completed", "kit", "past"],
)
def test_events_that_are_not_open_refuse_rsvps_with_a_clear_error(changes, message):
    event = EventFactory(**changes)
    leader = LeaderFactory()
    with pytest.raises(RSVPError, match=message):
        _respond(event, leader)
    assert not RSVP.objects.filter(event=event).exists()


def test_more_seats_promote_the_people_waiting_in_order():
    event = EventFactory(capacity=1)
    _seated, first, second, third = _fill(event, 4)
    event_capacity_change(event=event, capacity=3, actor=None)
    statuses = _statuses(event)
    assert [statuses[r.leader_id] for r in (first, second, third)] == [
        "going",
        "going",
        "waitlisted",
    ]
    third.refresh_from_db()
    assert third.waitlist_position == 3


def test_removing_the_seat_limit_promotes_everyone_waiting():
    event = EventFactory(capacity=1)
    _fill(event, 4)
    event_capacity_change(event=event, capacity=None, actor=None)
    assert set(_statuses(event).values()) == {"going"}


def test_fewer_seats_never_unseat_anyone_going():
    event = EventFactory(capacity=3)
    _fill(event, 4)
    event_capacity_change(event=event, capacity=1, actor=None)
    assert list(_statuses(event).values()).count("going") == 3


def test_every_answer_is_written_to_the_audit_log():
    event = EventFactory(capacity=1)
    rsvp = _respond(event, LeaderFactory())
    entry = AuditEntry.objects.get(action="rsvp.respond", object_id=str(rsvp.pk))
    assert entry.data == {"from": None, "to": "going"}


def test_a_check_in_code_already_taken_at_the_event_is_drawn_again(monkeypatch):
    from events.services import rsvps as rsvp_service

    event = EventFactory()
    taken = _respond(event, LeaderFactory())
    draws = iter([taken.checkin_code, taken.checkin_code, "FRESH2"])
    monkeypatch.setattr(rsvp_service, "new_checkin_code", lambda: next(draws))

    rsvp = _respond(event, LeaderFactory())

    assert rsvp.checkin_code == "FRESH2"
    assert RSVP.objects.filter(event=event).count() == 2
