"""Role fixtures for events: invitee, attendee, this event's team, another event's team."""

import pytest
from django.test import Client

from events.models import Event, EventRole
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, EventRoleFactory, InvitationFactory, RSVPFactory


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def event(db):
    """A published invite-only convening two weeks out with 50 seats."""
    return EventFactory(visibility=Event.Visibility.INVITE_ONLY, title="Springfield Convening")


@pytest.fixture
def lead_user(event):
    user = UserFactory(email="lead@example.org", name="Lee Lead", organizer=True)
    EventRoleFactory(event=event, user=user, role=EventRole.Role.LEAD)
    return user


@pytest.fixture
def team_client(lead_user) -> Client:
    return _client_for(lead_user)


@pytest.fixture
def checkin_volunteer_client(event) -> Client:
    user = UserFactory(email="desk@example.org", name="Dana Desk")
    EventRoleFactory(event=event, user=user, role=EventRole.Role.CHECKIN)
    return _client_for(user)


@pytest.fixture
def other_team_client(db) -> Client:
    """Lead organizer of a different event: no rights on `event`."""
    user = UserFactory(email="other-lead@example.org", name="Otto Other", organizer=True)
    EventRoleFactory(user=user, role=EventRole.Role.LEAD)
    return _client_for(user)


@pytest.fixture
def invitee_user(event):
    user = UserFactory(email="invitee@example.org", name="Ines Invitee")
    LeaderFactory(user=user, name="Ines Invitee", email=user.email, visibility="members")
    InvitationFactory(event=event, email=user.email, leader=user.leader)
    return user


@pytest.fixture
def invitee_client(invitee_user) -> Client:
    return _client_for(invitee_user)


@pytest.fixture
def attendee_user(event):
    user = UserFactory(email="attendee@example.org", name="Ada Attendee")
    leader = LeaderFactory(user=user, name="Ada Attendee", email=user.email, visibility="members")
    invitation = InvitationFactory(event=event, email=user.email, leader=leader, status="accepted")
    RSVPFactory(event=event, leader=leader, invitation=invitation)
    return user


@pytest.fixture
def attendee_client(attendee_user) -> Client:
    return _client_for(attendee_user)
