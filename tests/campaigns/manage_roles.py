"""Role clients for the campaign set-up, dashboard and ordinance page tests (helper C4's pages).

A test parametrized over ROLES asks `role_client(request, role, campaign)` for a client signed in
as that role with respect to `campaign`.
"""

import itertools

from django.test import Client

from campaigns.models import Campaign, CampaignRole
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import (
    BodyFactory,
    CampaignFactory,
    CampaignMemberFactory,
    CampaignRoleFactory,
    DistrictFactory,
    OfficialFactory,
)

ROLES = [
    "anonymous",
    "member",
    "constituent",
    "other_team",
    "network_organizer",
    "team_organizer",
    "lead",
    "staff",
]
# A GET of a team page of a public (active) campaign: anonymous people are sent to sign in,
# everyone who sees the campaign but is not on its team is refused, the team and staff get in.
MANAGE_STATUS = {
    "anonymous": 302,
    "member": 403,
    "constituent": 403,
    "other_team": 403,
    "network_organizer": 403,
    "team_organizer": 200,
    "lead": 200,
    "staff": 200,
}
FIXTURES = {
    "anonymous": "anon_client",
    "member": "member_client",
    "other_team": "other_campaign_team_client",
    "network_organizer": "organizer_client",
    "staff": "staff_client",
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def team_user(campaign: Campaign, role: str = CampaignRole.Role.ORGANIZER, *, name: str = ""):
    user = UserFactory(
        email=f"{role}-{campaign.pk}@example.org", name=name or f"{role.title()} Person"
    )
    CampaignRoleFactory(campaign=campaign, user=user, role=role)
    return user


def constituent(campaign: Campaign):
    user = UserFactory(email=f"constituent-{campaign.pk}@example.org", name="Cody Constituent")
    leader = LeaderFactory(user=user, name="Cody Constituent", email=user.email)
    CampaignMemberFactory(campaign=campaign, leader=leader)
    return user


def role_client(request, role: str, campaign: Campaign) -> Client:
    if role in FIXTURES:
        return request.getfixturevalue(FIXTURES[role])
    if role == "constituent":
        return signed_in(constituent(campaign))
    if role == "lead":
        return signed_in(team_user(campaign, CampaignRole.Role.LEAD))
    return signed_in(team_user(campaign, CampaignRole.Role.ORGANIZER))


def local_body(**overrides):
    values = {
        "name": "Northampton City Council",
        "slug": "northampton-city-council",
        "kind": "city_council",
        "state": "MA",
        "municipality": "Northampton",
        "form_of_government": "mayor_council",
    }
    values.update(overrides)
    return BodyFactory(**values)


def ordinance_campaign(**overrides):
    values = {
        "kind": Campaign.Kind.ORDINANCE,
        "title": "Surveillance Oversight Ordinance",
        "target_body": local_body(),
        "ask": "Will you vote for community control over police surveillance?",
        "votes_needed": 5,
        "meeting_goal": 9,
    }
    values.update(overrides)
    return CampaignFactory(**values)


_seats = itertools.count(1)


def seat_official(body, **overrides):
    """An official of `body` in a district of their own (names that never collide with the
    conftest's "7th Hampden")."""
    district = DistrictFactory(body=body, name=f"Seat {next(_seats)} of {body.slug}")
    return OfficialFactory(district=district, **overrides)
