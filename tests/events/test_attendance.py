"""Final attendance (the sweep after an event) and a leader's events in the directory."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from events import tasks
from events.models import RSVP, Event
from events.services.checkin import events_finalize_ended
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def _ended(hours_ago: float, **kwargs) -> Event:
    end = timezone.now() - timedelta(hours=hours_ago)
    return EventFactory(starts_at=end - timedelta(hours=6), ends_at=end, **kwargs)


def test_finalizing_marks_who_came_and_who_did_not():
    event = _ended(4)
    came = RSVPFactory(event=event, checked_in_at=timezone.now() - timedelta(hours=8))
    walked_in = RSVPFactory(event=event, checked_in_at=timezone.now(), is_walk_in=True)
    missed = RSVPFactory(event=event)
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    declined = RSVPFactory(event=event, status=RSVP.Status.DECLINED)

    assert events_finalize_ended() == 1

    attendance = dict(RSVP.objects.filter(event=event).values_list("pk", "attendance"))
    assert attendance == {
        came.pk: "attended",
        walked_in.pk: "attended",
        missed.pk: "no_show",
        waiting.pk: "",
        declined.pk: "",
    }
    event.refresh_from_db()
    assert event.status == Event.Status.COMPLETED
    assert event.finalized_at is not None
    entry = AuditEntry.objects.get(action="event.finalize", object_id=str(event.pk))
    assert entry.data == {"attended": 2, "no_show": 1}


def test_events_are_finalized_only_three_hours_after_they_end():
    recent = _ended(2)
    RSVPFactory(event=recent)
    running = EventFactory(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    assert events_finalize_ended() == 0
    assert events_finalize_ended(now=timezone.now() + timedelta(hours=1, minutes=1)) == 1
    recent.refresh_from_db()
    running.refresh_from_db()
    assert recent.finalized_at is not None and running.finalized_at is None


@pytest.mark.parametrize(
    "changes",
    [{"status": Event.Status.DRAFT}, {"status": Event.Status.CANCELLED}, {"is_template": True}],
    ids=["draft", "cancelled", "kit"],
)
def test_only_published_events_are_finalized(changes):
    event = _ended(5, **changes)
    rsvp = RSVPFactory(event=event)
    assert events_finalize_ended() == 0
    rsvp.refresh_from_db()
    assert rsvp.attendance == ""


def test_finalizing_runs_once_per_event():
    event = _ended(5)
    rsvp = RSVPFactory(event=event)
    assert events_finalize_ended() == 1
    # A late check-in forced into the data afterwards is not turned into attendance by a rerun.
    RSVP.objects.filter(pk=rsvp.pk).update(checked_in_at=timezone.now())
    assert events_finalize_ended() == 0
    rsvp.refresh_from_db()
    assert rsvp.attendance == RSVP.Attendance.NO_SHOW
    assert AuditEntry.objects.filter(action="event.finalize").count() == 1


def test_the_beat_task_calls_the_sweep():
    _ended(5)
    assert tasks.events_finalize_sweep.apply().get() == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_finalize_each_event_once():
    events = [_ended(5, reminders=[]) for _ in range(6)]
    for event in events:
        RSVPFactory(event=event)

    def sweep(_n):
        try:
            return events_finalize_ended()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(sweep, range(4)))
    assert sum(results) == 6
    assert AuditEntry.objects.filter(action="event.finalize").count() == 6


# --- A leader's events in the directory ---------------------------------------------------------


@pytest.fixture
def attended_leader(db):
    user = UserFactory(email="went@example.org")
    leader = LeaderFactory(user=user, name="Wen Went", visibility="public")
    event = _ended(5, title="Worcester Convening")
    RSVPFactory(event=event, leader=leader, checked_in_at=timezone.now() - timedelta(hours=7))
    missed = _ended(5, title="Missed Meetup")
    RSVPFactory(event=missed, leader=leader)
    events_finalize_ended()
    return leader


def _leader_url(leader):
    return reverse("directory:leader_detail", kwargs={"slug": leader.slug})


def test_the_leader_sees_the_events_they_attended(client, attended_leader):
    client.force_login(attended_leader.user)
    html = client.get(_leader_url(attended_leader)).content.decode()
    assert "Events attended" in html
    assert "Worcester Convening" in html
    assert "Missed Meetup" not in html


@pytest.mark.parametrize("client_name", ["organizer_client", "staff_client"])
def test_organizers_and_staff_see_a_leaders_events(request, attended_leader, client_name):
    html = request.getfixturevalue(client_name).get(_leader_url(attended_leader)).content.decode()
    assert "Worcester Convening" in html


@pytest.mark.parametrize("client_name", ["anon_client", "member_client"])
def test_the_public_and_other_members_never_see_a_leaders_attendance(
    request, attended_leader, client_name
):
    response = request.getfixturevalue(client_name).get(_leader_url(attended_leader))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Events attended" not in html
    assert "Worcester Convening" not in html


def test_a_leader_who_attended_nothing_sees_an_empty_list(client):
    user = UserFactory(email="new@example.org")
    leader = LeaderFactory(user=user, visibility="members")
    client.force_login(user)
    html = client.get(_leader_url(leader)).content.decode()
    assert "No events attended yet." in html
