"""Follow-up gatherings: a dinner after the convening, with its own seats, host and team."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import Event, EventRole
from tests.directory.factories import OrganizationFactory

from .factories import EventFactory
from .setup_roles import co_organizer, role_client

LOCAL = "%Y-%m-%dT%H:%M"


def followups_url(event) -> str:
    return reverse("events:followup_create", kwargs={"slug": event.slug})


def dinner_payload(event, **overrides) -> dict:
    start = event.local_end + timedelta(hours=1)
    data = {
        "kind": "dinner",
        "title": "Dinner after the convening",
        "description": "",
        "starts_local": start.strftime(LOCAL),
        "ends_local": (start + timedelta(hours=2)).strftime(LOCAL),
        "venue": "Casa Maria",
        "address": "5 Elm St",
        "capacity": "12",
        "invite_only": "on",
        "action": "draft",
    }
    data.update(overrides)
    return data


def test_the_form_proposes_a_dinner_hosted_by_the_event_host(team_client, event):
    host = OrganizationFactory(name="Host Org")
    event.host_organization = host
    event.save()
    form = team_client.get(followups_url(event)).context["form"]
    assert form.initial["kind"] == Event.Kind.DINNER
    assert form.initial["host_organization"] == host.pk


def test_lead_creates_an_invite_only_dinner_linked_to_the_event(team_client, event, lead_user):
    host = OrganizationFactory()
    response = team_client.post(
        followups_url(event), dinner_payload(event, host_organization=host.pk)
    )
    assert response.status_code == 302
    dinner = Event.objects.get(parent=event)
    assert dinner.kind == Event.Kind.DINNER
    assert dinner.visibility == Event.Visibility.INVITE_ONLY
    assert dinner.status == Event.Status.DRAFT
    assert dinner.capacity == 12
    assert dinner.host_organization == host
    assert dinner.time_zone == event.time_zone
    assert (dinner.city, dinner.state) == (event.city, event.state)
    assert dinner.starts_at == event.ends_at.replace(second=0) + timedelta(hours=1)
    assert not dinner.is_template
    assert EventRole.objects.get(event=dinner).user == lead_user
    assert EventRole.objects.get(event=dinner).role == EventRole.Role.LEAD
    page = team_client.get(followups_url(event)).content.decode()
    assert "Dinner after the convening" in page
    assert reverse("events:invite_parent_attendees", kwargs={"slug": dinner.slug}) in page


def test_create_and_publish_a_public_follow_up(team_client, event):
    team_client.post(followups_url(event), dinner_payload(event, invite_only="", action="publish"))
    dinner = Event.objects.get(parent=event)
    assert dinner.visibility == Event.Visibility.PUBLIC
    assert dinner.status == Event.Status.PUBLISHED


def test_co_organizer_who_plans_the_dinner_leads_it(client, event):
    user = co_organizer(event)
    client.force_login(user)
    assert client.post(followups_url(event), dinner_payload(event)).status_code == 302
    dinner = Event.objects.get(parent=event)
    assert EventRole.objects.get(event=dinner, user=user).role == EventRole.Role.LEAD


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_local": "2000-01-01T00:00"},
        {"capacity": "-2"},
        {"title": ""},
        {"starts_local": "yesterday"},
    ],
)
def test_bad_follow_up_input_creates_nothing(team_client, event, overrides):
    response = team_client.post(followups_url(event), dinner_payload(event, **overrides))
    assert response.status_code == 400
    assert not Event.objects.filter(parent=event).exists()


def test_a_follow_up_added_to_a_kit_is_part_of_the_kit(client, lead_user):
    kit = EventFactory(is_template=True, status=Event.Status.DRAFT)
    EventRole.objects.create(event=kit, user=lead_user, role=EventRole.Role.LEAD)
    client.force_login(lead_user)
    client.post(followups_url(kit), dinner_payload(kit, action="publish"))
    dinner = Event.objects.get(parent=kit)
    assert dinner.is_template
    assert dinner.status == Event.Status.DRAFT


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
def test_people_off_the_team_cannot_create_follow_ups(request, event, role, status):
    client = role_client(request, role, event)
    assert client.post(followups_url(event), dinner_payload(event)).status_code == status
    assert not Event.objects.filter(parent=event).exists()


def test_staff_create_follow_ups(staff_client, event):
    assert staff_client.post(followups_url(event), dinner_payload(event)).status_code == 302
    assert Event.objects.filter(parent=event).exists()
