"""The organizing team page: leads add, re-role and remove members; others only look."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from events.models import EventRole
from tests.actlocal.factories import UserFactory

from .factories import EventRoleFactory
from .setup_roles import co_organizer, role_client


def team_url(event) -> str:
    return reverse("events:team", kwargs={"slug": event.slug})


def test_lead_sees_the_team_with_emails(team_client, event, lead_user):
    co_organizer(event)
    response = team_client.get(team_url(event))
    assert response.status_code == 200
    page = response.content.decode()
    assert "co@example.org" in page and "Co-organizer" in page
    assert "Add to the team" in page


def test_lead_adds_an_existing_account_by_email(team_client, event):
    newcomer = UserFactory(email="newcomer@example.org")
    response = team_client.post(
        team_url(event), {"action": "add", "email": "NewComer@example.org", "role": "checkin"}
    )
    assert response.status_code == 302
    assert EventRole.objects.get(event=event, user=newcomer).role == EventRole.Role.CHECKIN


def test_a_verified_second_address_finds_the_account(team_client, event):
    person = UserFactory(email="main@example.org")
    EmailAddress.objects.create(user=person, email="other@example.org", verified=True)
    team_client.post(
        team_url(event), {"action": "add", "email": "other@example.org", "role": "co_organizer"}
    )
    assert EventRole.objects.filter(event=event, user=person).exists()


def test_unknown_email_is_explained_and_nothing_changes(team_client, event):
    response = team_client.post(
        team_url(event), {"action": "add", "email": "nobody@example.org", "role": "checkin"}
    )
    assert response.status_code == 400
    assert "No account uses nobody@example.org" in response.content.decode()
    assert EventRole.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "add", "email": "not-an-email", "role": "checkin"},
        {"action": "add", "email": "x@example.org", "role": "emperor"},
        {"action": "dance"},
    ],
)
def test_malformed_team_requests_are_refused(team_client, event, payload):
    UserFactory(email="x@example.org")
    response = team_client.post(team_url(event), payload)
    assert response.status_code == 400
    assert EventRole.objects.filter(event=event).count() == 1


def test_adding_someone_twice_is_refused(team_client, event):
    co_organizer(event)
    response = team_client.post(
        team_url(event), {"action": "add", "email": "co@example.org", "role": "checkin"}
    )
    assert response.status_code == 400
    assert "already on the team" in response.content.decode()
    assert EventRole.objects.get(event=event, user__email="co@example.org").role == "co_organizer"


def test_lead_changes_a_role_and_removes_a_member(team_client, event):
    member = EventRole.objects.get(user=co_organizer(event))
    response = team_client.post(
        team_url(event), {"action": "role", "pk": member.pk, "role": "lead"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == EventRole.Role.LEAD
    response = team_client.post(team_url(event), {"action": "remove", "pk": member.pk})
    assert response.status_code == 302
    assert not EventRole.objects.filter(pk=member.pk).exists()


def test_the_last_lead_can_be_neither_removed_nor_demoted(team_client, event, lead_user):
    lead = EventRole.objects.get(user=lead_user)
    response = team_client.post(team_url(event), {"action": "remove", "pk": lead.pk})
    assert response.status_code == 400
    assert "only lead organizer" in response.content.decode()
    response = team_client.post(
        team_url(event), {"action": "role", "pk": lead.pk, "role": "checkin"}
    )
    assert response.status_code == 400
    lead.refresh_from_db()
    assert lead.role == EventRole.Role.LEAD


def test_a_lead_may_step_down_when_another_lead_remains(team_client, event, lead_user):
    EventRoleFactory(event=event, role=EventRole.Role.LEAD)
    lead = EventRole.objects.get(user=lead_user)
    response = team_client.post(team_url(event), {"action": "remove", "pk": lead.pk})
    assert response.status_code == 302
    assert not EventRole.objects.filter(pk=lead.pk).exists()


def test_a_member_of_another_event_cannot_be_touched_from_here(team_client, event):
    elsewhere = EventRoleFactory(role=EventRole.Role.CO_ORGANIZER)
    response = team_client.post(team_url(event), {"action": "remove", "pk": elsewhere.pk})
    assert response.status_code == 404
    assert EventRole.objects.filter(pk=elsewhere.pk).exists()


def test_co_organizers_see_the_team_but_cannot_change_it(client, event):
    client.force_login(co_organizer(event))
    page = client.get(team_url(event))
    assert page.status_code == 200
    assert "Only lead organizers can change the team" in page.content.decode()
    UserFactory(email="friend@example.org")
    response = client.post(
        team_url(event), {"action": "add", "email": "friend@example.org", "role": "lead"}
    )
    assert response.status_code == 403
    assert not EventRole.objects.filter(user__email="friend@example.org").exists()


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
def test_people_off_the_team_cannot_change_it(request, event, role, status):
    UserFactory(email="friend@example.org")
    client = role_client(request, role, event)
    response = client.post(
        team_url(event), {"action": "add", "email": "friend@example.org", "role": "lead"}
    )
    assert response.status_code == status
    assert not EventRole.objects.filter(user__email="friend@example.org").exists()


def test_staff_change_any_team(staff_client, event):
    UserFactory(email="friend@example.org")
    response = staff_client.post(
        team_url(event), {"action": "add", "email": "friend@example.org", "role": "lead"}
    )
    assert response.status_code == 302
    assert EventRole.objects.filter(event=event, user__email="friend@example.org").exists()
