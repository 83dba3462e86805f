"""A team role never widens the directory: the invite picker, its POST and the invitation list
show each role only what that person may see (one test per role)."""

import pytest
from django.test import Client
from django.urls import reverse

from events.models import RSVP, Event, EventRole, Invitation
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, EventRoleFactory, InvitationFactory, RSVPFactory
from .setup_roles import co_organizer


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(db):
    return {
        visibility: LeaderFactory(
            name=f"Vera {visibility.title()}",
            email=f"{visibility}@private.example.org",
            visibility=visibility,
        )
        for visibility in ("public", "members", "organizers")
    }


@pytest.fixture
def co_client(event) -> Client:
    """A plain member (not a network organizer) who is co-organizer of this event."""
    return _client(co_organizer(event))


@pytest.fixture
def other_event_team_client(db) -> Client:
    """A plain member with a team role on another event only."""
    user = UserFactory(email="elsewhere@example.org")
    EventRoleFactory(user=user, role=EventRole.Role.LEAD)
    return _client(user)


@pytest.fixture
def unrelated_organizer_client(organizer_user) -> Client:
    return _client(organizer_user)


def _picker(event) -> str:
    return reverse("events:invite_leaders", args=[event.slug])


def _names(response) -> set[str]:
    text = response.content.decode()
    return {name for name in ("Vera Public", "Vera Members", "Vera Organizers") if name in text}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("client_fixture", "status"),
    [
        ("anon_client", 302),
        ("member_client", 404),
        ("other_event_team_client", 404),
        ("unrelated_organizer_client", 404),
    ],
)
def test_people_outside_the_team_neither_see_nor_invite_anyone(
    request, event, people, client_fixture, status
):
    client = request.getfixturevalue(client_fixture)
    assert client.get(_picker(event)).status_code == status
    response = client.post(_picker(event), {"people": [people["organizers"].pk]})
    assert response.status_code == status
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_plain_member_on_the_team_sees_public_and_members_profiles_only(event, people, co_client):
    response = co_client.get(_picker(event))
    assert response.status_code == 200
    assert _names(response) == {"Vera Public", "Vera Members"}
    assert b"private.example.org" not in response.content


@pytest.mark.django_db
def test_a_plain_member_on_the_team_cannot_post_an_organizers_only_id(event, people, co_client):
    response = co_client.post(
        _picker(event), {"people": [people["members"].pk, people["organizers"].pk]}
    )
    assert response.status_code == 400
    assert b"not on this list" in response.content
    assert not Invitation.objects.exists()
    response = co_client.post(_picker(event), {"people": [people["members"].pk]})
    assert response.status_code == 302
    assert Invitation.objects.get().leader == people["members"]


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["team_client", "staff_client"])
def test_network_organizers_and_staff_on_the_team_see_everyone(
    request, event, people, client_fixture
):
    client = request.getfixturevalue(client_fixture)
    response = client.get(_picker(event))
    assert _names(response) == {"Vera Public", "Vera Members", "Vera Organizers"}
    response = client.post(_picker(event), {"people": [people["organizers"].pk]})
    assert response.status_code == 302
    assert Invitation.objects.get().leader == people["organizers"]


@pytest.mark.django_db
def test_a_follow_ups_plain_member_team_sees_only_the_parents_visible_guests(
    event, people, lead_user
):
    dinner = EventFactory(parent=event, visibility=Event.Visibility.INVITE_ONLY)
    for leader in people.values():
        RSVPFactory(event=event, leader=leader, status=RSVP.Status.GOING)
    client = _client(co_organizer(dinner, email="dinner-co@example.org"))
    url = reverse("events:invite_parent_attendees", args=[dinner.slug])
    assert _names(client.get(url)) == {"Vera Public", "Vera Members"}
    response = client.post(url, {"people": [people["organizers"].pk]})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


# --- Emails in the invitation list -----------------------------------------------------------


@pytest.fixture
def invitations(event, people, lead_user):
    co_user = co_organizer(event)
    return co_user, {
        "typed_by_co": InvitationFactory(
            event=event, email="typed@example.org", invited_by=co_user, address_typed=True
        ),
        "picked_by_co": InvitationFactory(
            event=event,
            email=people["members"].email,
            leader=people["members"],
            invited_by=co_user,
        ),
        "typed_by_lead": InvitationFactory(
            event=event, email="lead-typed@example.org", invited_by=lead_user, address_typed=True
        ),
        "from_a_link": InvitationFactory(
            event=event, email="linked@example.org", status="accepted", invited_by=lead_user
        ),
    }


def _list(client, event) -> str:
    response = client.get(reverse("events:invitation_list", args=[event.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_plain_member_on_the_team_sees_only_addresses_they_typed(event, invitations):
    co_user, rows = invitations
    page = _list(_client(co_user), event)
    assert "typed@example.org" in page
    for hidden in ("members@private.example.org", "lead-typed@example.org", "linked@example.org"):
        assert hidden not in page
    assert "Vera Members" in page  # named, as the picker showed them


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["team_client", "staff_client"])
def test_network_organizers_and_staff_see_every_address(
    request, event, invitations, client_fixture
):
    page = _list(request.getfixturevalue(client_fixture), event)
    for email in ("typed@example.org", "members@private.example.org", "linked@example.org"):
        assert email in page


@pytest.mark.django_db
def test_typed_addresses_are_marked_as_typed_and_picked_ones_are_not(event, people, co_client):
    co_client.post(
        reverse("events:invite_emails", args=[event.slug]), {"addresses": "new@example.org"}
    )
    co_client.post(_picker(event), {"people": [people["public"].pk]})
    assert Invitation.objects.get(email="new@example.org").address_typed
    assert not Invitation.objects.get(leader=people["public"]).address_typed


@pytest.mark.django_db
def test_revoking_names_the_invitee_without_their_address(event, invitations):
    co_user, rows = invitations
    invitation = rows["picked_by_co"]
    response = _client(co_user).post(
        reverse("events:invitation_action", args=[event.slug, invitation.pk, "revoke"]),
        follow=True,
    )
    assert "members@private.example.org" not in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED


@pytest.mark.django_db
def test_the_revoke_button_shows_for_accepted_invitations(team_client, event, invitations):
    accepted = invitations[1]["from_a_link"]
    page = _list(team_client, event)
    assert reverse("events:invitation_action", args=[event.slug, accepted.pk, "revoke"]) in page


@pytest.mark.django_db
def test_someone_removed_can_be_ticked_again_in_the_picker(event, people, team_client):
    InvitationFactory(
        event=event, email=people["public"].email, leader=people["public"], status="revoked"
    )
    response = team_client.get(_picker(event))
    assert f'value="{people["public"].pk}"' in response.content.decode()


# --- Contact details on the dashboard and in the attendee export ----------------------------


@pytest.fixture
def going_guest(event):
    guest = LeaderFactory(name="Gus Going", email="gus@private.example.org", phone="617-555-0199")
    return RSVPFactory(event=event, leader=guest)


@pytest.mark.django_db
def test_a_plain_member_on_the_team_gets_names_without_contact_details(
    event, going_guest, co_client
):
    dashboard = co_client.get(reverse("events:manage", args=[event.slug])).content.decode()
    export = b"".join(
        co_client.get(reverse("events:attendees_csv", args=[event.slug])).streaming_content
    ).decode()
    for page in (dashboard, export):
        assert "Gus Going" in page
        assert "gus@private.example.org" not in page and "617-555-0199" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["team_client", "staff_client"])
def test_network_organizers_and_staff_get_contact_details(
    request, event, going_guest, client_fixture
):
    client = request.getfixturevalue(client_fixture)
    dashboard = client.get(reverse("events:manage", args=[event.slug])).content.decode()
    export = b"".join(
        client.get(reverse("events:attendees_csv", args=[event.slug])).streaming_content
    ).decode()
    assert "gus@private.example.org" in dashboard
    assert "gus@private.example.org" in export and "617-555-0199" in export


@pytest.mark.django_db
def test_typing_an_address_never_reveals_whose_profile_it_is(event, people, co_client):
    co_client.post(
        reverse("events:invite_emails", args=[event.slug]),
        {"addresses": people["organizers"].email},
    )
    invitation = Invitation.objects.get()
    assert invitation.leader == people["organizers"]  # matched for the team's own good
    page = _list(co_client, event)
    assert people["organizers"].email in page  # they typed it
    assert "Vera Organizers" not in page


@pytest.mark.django_db
def test_a_profile_name_picked_by_an_organizer_stays_hidden_from_a_plain_member(
    event, people, team_client, co_client
):
    team_client.post(_picker(event), {"people": [people["organizers"].pk]})
    assert "Vera Organizers" in _list(team_client, event)
    page = _list(co_client, event)
    assert "Vera Organizers" not in page
    assert "organizers@private.example.org" not in page
