"""Campaign scripts with merge fields: filled per official, unknown fields refused, no escapes."""

import pytest
from django.urls import reverse

from campaigns.models import CampaignOfficial, CampaignScript, Stance
from campaigns.scripts import script_for

from .meetings_setup import scheduled

pytestmark = pytest.mark.django_db


def test_a_script_is_filled_for_the_official(campaign, official):
    CampaignScript.objects.create(
        campaign=campaign,
        stance=Stance.UNDECIDED,
        body="{{ official.name }} ({{ official.title }}), we ask: {{ campaign.ask }}",
    )
    text = script_for(campaign=campaign, stance=Stance.UNDECIDED, official=official)
    assert text == (
        f"Rep. Pat Example ({campaign.target_body.name}, 7th Hampden), we ask: {campaign.ask}"
    )
    # Without an official (nowhere to take them from) the fields are visible blanks.
    assert "[____ official.name ____]" in script_for(campaign=campaign, stance=Stance.UNDECIDED)


def test_a_stored_script_cannot_reach_other_data(campaign, official):
    CampaignScript.objects.create(
        campaign=campaign,
        stance=Stance.UNDECIDED,
        body="{{ official.email }} {{ official.body.officials }} {% load x %}",
    )
    text = script_for(campaign=campaign, stance=Stance.UNDECIDED, official=official)
    assert official.email not in text
    assert "[____ official.email ____]" in text and "{% load x %}" in text


def test_the_member_and_meeting_pages_show_the_filled_script(
    constituent_client, campaign, official, constituent_user
):
    from campaigns.models import CampaignMember

    CampaignOfficial.objects.create(campaign=campaign, official=official, stance=Stance.UNDECIDED)
    CampaignScript.objects.create(
        campaign=campaign, stance=Stance.UNDECIDED, body="Dear {{ official.name }}, please."
    )
    connie = CampaignMember.objects.get(campaign=campaign, leader__user=constituent_user)
    meeting = scheduled(campaign, official, [connie])
    join_page = constituent_client.get(reverse("campaigns:join", args=[campaign.slug]))
    assert "Dear Rep. Pat Example, please." in join_page.content.decode()
    meeting_page = constituent_client.get(
        reverse("campaigns:meeting", args=[campaign.slug, meeting.pk])
    )
    assert "Dear Rep. Pat Example, please." in meeting_page.content.decode()


def test_the_team_may_not_save_an_unknown_field(campaign_team_client, campaign):
    response = campaign_team_client.post(
        reverse("campaigns:scripts", args=[campaign.slug]),
        {Stance.UNDECIDED: "Hi {{ leader.email }}"},
    )
    assert response.status_code == 400
    assert "leader.email" in response.content.decode()
    assert not CampaignScript.objects.exists()
