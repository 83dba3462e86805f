"""Odd numbers in a campaign page's query string are ignored, never a 500."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_an_odd_official_number_on_the_meeting_form_is_ignored(campaign_team_client, campaign):
    response = campaign_team_client.get(
        reverse("campaigns:meeting_create", args=[campaign.slug]), {"official": "²"}
    )
    assert response.status_code == 200
