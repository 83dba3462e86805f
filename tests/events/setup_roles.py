"""Role clients for the set-up page tests, by name, so a test can be parametrized over roles."""

from django.test import Client

from events.models import EventRole
from tests.actlocal.factories import UserFactory

from .factories import EventRoleFactory

FIXTURE_FOR_ROLE = {
    "anonymous": "anon_client",
    "member": "member_client",
    "invitee": "invitee_client",
    "attendee": "attendee_client",
    "other_team": "other_team_client",
    "checkin": "checkin_volunteer_client",
    "lead": "team_client",
    "staff": "staff_client",
}
ALL_ROLES = [*FIXTURE_FOR_ROLE, "co_organizer"]
# Expected answer to a GET of a team page (invite-only `event`): anonymous people are sent to
# sign in, people who may not see the event get 404, people who see it but do not run it 403.
MANAGE_PAGE_STATUS = {
    "anonymous": 302,
    "member": 404,
    "invitee": 403,
    "attendee": 403,
    "other_team": 404,
    "checkin": 403,
    "co_organizer": 200,
    "lead": 200,
    "staff": 200,
}


def co_organizer(event, email: str = "co@example.org"):
    user = UserFactory(email=email, name="Cora Co")
    EventRoleFactory(event=event, user=user, role=EventRole.Role.CO_ORGANIZER)
    return user


def role_client(request, role: str, event) -> Client:
    """A client signed in as `role` with respect to `event` (the conftest's event)."""
    if role == "co_organizer":
        client = Client()
        client.force_login(co_organizer(event))
        return client
    return request.getfixturevalue(FIXTURE_FOR_ROLE[role])
