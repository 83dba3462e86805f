"""Role fixtures for campaigns: constituent (joined), this campaign's team, another's team."""

import pytest
from django.test import Client

from campaigns.models import CampaignRole
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import (
    CampaignFactory,
    CampaignMemberFactory,
    CampaignRoleFactory,
    DistrictFactory,
    OfficialFactory,
)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def campaign(db):
    """An active legislative campaign targeting the MA House."""
    return CampaignFactory(title="Open Committee Votes")


@pytest.fixture
def district(campaign):
    return DistrictFactory(body=campaign.target_body, name="7th Hampden")


@pytest.fixture
def official(district):
    return OfficialFactory(district=district, name="Rep. Pat Example")


@pytest.fixture
def campaign_lead_user(campaign):
    user = UserFactory(email="campaign-lead@example.org", name="Cam Lead", organizer=True)
    CampaignRoleFactory(campaign=campaign, user=user, role=CampaignRole.Role.LEAD)
    return user


@pytest.fixture
def campaign_team_client(campaign_lead_user) -> Client:
    return _client_for(campaign_lead_user)


@pytest.fixture
def other_campaign_team_client(db) -> Client:
    user = UserFactory(email="other-campaign@example.org", name="Oz Other", organizer=True)
    CampaignRoleFactory(user=user, role=CampaignRole.Role.LEAD)
    return _client_for(user)


@pytest.fixture
def constituent_user(campaign, district):
    user = UserFactory(email="constituent@example.org", name="Connie Constituent")
    leader = LeaderFactory(user=user, name="Connie Constituent", email=user.email)
    CampaignMemberFactory(campaign=campaign, leader=leader, districts=[district])
    return user


@pytest.fixture
def constituent_client(constituent_user) -> Client:
    return _client_for(constituent_user)
