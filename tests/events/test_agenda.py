"""The agenda page: sessions with local times on the event's day(s) and directory facilitators."""

from datetime import timedelta

import pytest
from django.urls import reverse

from directory.models import Leader
from events.models import Session
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, SessionFactory
from .setup_roles import co_organizer, role_client

LOCAL = "%Y-%m-%dT%H:%M"


def agenda_url(event) -> str:
    return reverse("events:agenda", kwargs={"slug": event.slug})


def session_payload(event, **overrides) -> dict:
    start = event.local_start + timedelta(hours=1)
    data = {
        "action": "save",
        "kind": "workshop",
        "title": "Power mapping",
        "description": "Who decides, and who moves them.",
        "starts_local": start.strftime(LOCAL),
        "ends_local": (start + timedelta(hours=1)).strftime(LOCAL),
        "room": "Room B",
        "capacity": "20",
    }
    data.update(overrides)
    return data


def test_lead_adds_a_session_in_local_time_with_facilitators(team_client, event):
    facilitator = LeaderFactory(name="Fatima Facilitator", state=event.state)
    payload = session_payload(event, facilitators=[facilitator.pk], signup_required="on")
    response = team_client.post(agenda_url(event), payload)
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert session.starts_at == event.starts_at.replace(second=0) + timedelta(hours=1)
    assert list(session.facilitators.all()) == [facilitator]
    assert session.signup_required and session.capacity == 20
    page = team_client.get(agenda_url(event)).content.decode()
    assert "Power mapping" in page and "Fatima Facilitator" in page


def test_lead_edits_and_deletes_a_session(team_client, event):
    session = SessionFactory(event=event, title="Old title")
    page = team_client.get(agenda_url(event), {"edit": session.pk})
    assert page.status_code == 200 and "Old title" in page.content.decode()
    response = team_client.post(
        agenda_url(event), session_payload(event, pk=session.pk, title="New title")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "New title"
    assert Session.objects.filter(event=event).count() == 1
    team_client.post(agenda_url(event), {"action": "delete", "pk": session.pk})
    assert not Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        ({"end_hours": 0.5, "start_hours": 1}, "end must come after the start"),
        ({"start_hours": -48, "end_hours": -47}, "Sessions must take place"),
        ({"start_hours": 72, "end_hours": 73}, "Sessions must take place"),
    ],
)
def test_sessions_outside_the_event_or_ending_first_are_refused(team_client, event, shift, message):
    start = event.local_start + timedelta(hours=shift["start_hours"])
    end = event.local_start + timedelta(hours=shift["end_hours"])
    response = team_client.post(
        agenda_url(event),
        session_payload(event, starts_local=start.strftime(LOCAL), ends_local=end.strftime(LOCAL)),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Session.objects.filter(event=event).exists()


def test_negative_session_capacity_is_refused(team_client, event):
    response = team_client.post(agenda_url(event), session_payload(event, capacity="-3"))
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_a_session_of_another_event_cannot_be_changed_here(team_client, event):
    elsewhere = SessionFactory(event=EventFactory(), title="Not yours")
    response = team_client.post(agenda_url(event), {"action": "delete", "pk": elsewhere.pk})
    assert response.status_code == 404
    response = team_client.post(agenda_url(event), session_payload(event, pk=elsewhere.pk))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.title == "Not yours"


def test_facilitator_list_shows_the_state_and_search_finds_others(team_client, event):
    LeaderFactory(name="Local Lou", state=event.state)
    LeaderFactory(name="Faraway Fay", state="CA", city="Oakland", zip_code="94612")
    page = team_client.get(agenda_url(event)).content.decode()
    assert "Local Lou" in page and "Faraway Fay" not in page
    page = team_client.get(agenda_url(event), {"find": "faraway"}).content.decode()
    assert "Faraway Fay" in page


def test_a_facilitator_found_by_search_can_be_saved(team_client, event):
    far = LeaderFactory(name="Faraway Fay", state="CA", city="Oakland", zip_code="94612")
    response = team_client.post(agenda_url(event), session_payload(event, facilitators=[far.pk]))
    assert response.status_code == 302
    assert list(Session.objects.get().facilitators.all()) == [far]


def test_co_organizers_cannot_pick_leaders_hidden_from_them(client, event):
    client.force_login(co_organizer(event))
    hidden = LeaderFactory(name="Private Pat", visibility=Leader.Visibility.ORGANIZERS)
    assert "Private Pat" not in client.get(agenda_url(event)).content.decode()
    response = client.post(agenda_url(event), session_payload(event, facilitators=[hidden.pk]))
    assert response.status_code == 400
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("member", 404),
        ("invitee", 403),
        ("attendee", 403),
        ("other_team", 404),
        ("checkin", 403),
    ],
)
def test_people_off_the_team_cannot_change_the_agenda(request, event, role, status):
    session = SessionFactory(event=event)
    client = role_client(request, role, event)
    assert client.post(agenda_url(event), session_payload(event)).status_code == status
    response = client.post(agenda_url(event), {"action": "delete", "pk": session.pk})
    assert response.status_code == status
    assert list(Session.objects.all()) == [session]


def test_staff_add_sessions_to_any_event(staff_client, event):
    assert staff_client.post(agenda_url(event), session_payload(event)).status_code == 302
    assert Session.objects.filter(event=event).exists()
