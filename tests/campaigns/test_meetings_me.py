"""/me/ lists the signed-in leader's constituent meetings ("My meetings")."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, CampaignMember

from .factories import CampaignFactory
from .meetings_setup import constituent_of, meeting_with, scheduled

pytestmark = pytest.mark.django_db


@pytest.fixture
def connie(campaign, constituent_user):
    return CampaignMember.objects.get(campaign=campaign, leader__user=constituent_user)


def test_my_meetings_shows_upcoming_and_past_meetings(
    constituent_client, campaign, official, connie
):
    soon = scheduled(campaign, official, [connie], hours=30)
    requested = meeting_with(campaign, official, [connie])
    held = meeting_with(
        campaign, official, [connie], status="held", scheduled_at=timezone.now() - timedelta(days=3)
    )
    page = constituent_client.get(reverse("me")).content.decode()
    assert "My meetings" in page
    coming, past = page.split("Coming up</h3>")[-1].split("Past meetings")
    for meeting in (soon, requested):
        assert reverse("campaigns:meeting", args=[campaign.slug, meeting.pk]) in coming
    assert reverse("campaigns:meeting", args=[campaign.slug, held.pk]) in past


def test_other_peoples_and_draft_campaigns_meetings_are_not_listed(
    constituent_client, campaign, district, official, connie
):
    ana = constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")
    theirs = scheduled(campaign, official, [ana])
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    me_in_draft = CampaignMember.objects.create(campaign=draft, leader=connie.leader)
    hidden = scheduled(draft, official, [me_in_draft])
    page = constituent_client.get(reverse("me")).content.decode()
    assert f"/meetings/{theirs.pk}/" not in page
    assert f"/meetings/{hidden.pk}/" not in page
    assert "My meetings" not in page


def test_a_leader_with_no_meetings_sees_no_section(member_client):
    assert "My meetings" not in member_client.get(reverse("me")).content.decode()
