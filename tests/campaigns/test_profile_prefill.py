"""The town and ZIP already on a member's profile fill find-my-legislator and joining."""

import pytest
from django.urls import reverse

from directory.models import Leader
from tests.campaigns.meetings_setup import springfield
from tests.campaigns.test_join import join_url

pytestmark = pytest.mark.django_db

FIND = reverse("campaigns:find_my_legislator")


@pytest.fixture
def places(campaign, district):
    return springfield(campaign, district)


@pytest.fixture
def placed_member(member_user):
    Leader.objects.filter(user=member_user).update(city="Springfield", state="MA", zip_code="01103")
    return member_user


def _value(content: str, name: str) -> str:
    start = content.index(f'name="{name}"')
    tag = content[content.rindex("<", 0, start) : content.index(">", start)]
    return tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""


def test_find_my_legislator_starts_from_the_profiles_town_and_zip(
    member_client, placed_member, places
):
    content = member_client.get(FIND).content.decode()

    assert _value(content, "municipality") == "Springfield"
    assert _value(content, "zip") == "01103"


def test_anonymous_visitors_get_an_empty_form(anon_client, places):
    content = anon_client.get(FIND).content.decode()

    assert _value(content, "municipality") == ""


def test_joining_starts_from_the_profiles_town_and_zip(
    member_client, placed_member, campaign, places
):
    content = member_client.get(join_url(campaign)).content.decode()

    assert _value(content, "municipality") == "Springfield"
    assert _value(content, "zip_code") == "01103"


def test_me_lists_the_campaigns_one_joined_and_nobody_elses(member_client, member_user, campaign):
    from tests.campaigns.factories import CampaignFactory, CampaignMemberFactory

    mine = CampaignMemberFactory(campaign=campaign, leader=member_user.leader)
    CampaignMemberFactory(campaign=CampaignFactory(title="Someone Else's Campaign"))

    content = member_client.get(reverse("me")).content.decode()

    assert "My campaigns" in content
    assert mine.campaign.title in content
    assert "Someone Else's Campaign" not in content
    assert f'href="{join_url(campaign)}"' in content
