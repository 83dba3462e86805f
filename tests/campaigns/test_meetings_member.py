"""A meeting's page for its constituents and the team: only what each of them needs."""

import pytest
from django.urls import reverse

from campaigns.models import CampaignMember, CampaignOfficial, CampaignScript, Stance

from .factories import CampaignFactory
from .meetings_setup import (
    MEETING_PAGE_STATUS,
    constituent_of,
    meeting_with,
    other_official,
    role_client,
    scheduled,
)

pytestmark = pytest.mark.django_db


def url(meeting) -> str:
    return reverse("campaigns:meeting", kwargs={"slug": meeting.campaign.slug, "pk": meeting.pk})


@pytest.fixture
def connie(campaign, constituent_user):
    return CampaignMember.objects.get(campaign=campaign, leader__user=constituent_user)


@pytest.fixture
def meeting(campaign, district, official, connie):
    ana = constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")
    return scheduled(
        campaign,
        official,
        [connie, ana],
        hours=30,
        time_zone="America/Chicago",
        format="district_office",
        place="Room 4, 12 Main St",
        notes="Ana is nervous; pair her with Connie.",
    )


@pytest.mark.parametrize("role", list(MEETING_PAGE_STATUS))
def test_only_attendees_and_the_team_see_a_meeting(
    request, role, campaign, meeting, constituent_user
):
    other_official(campaign)
    client = role_client(request, role, campaign=campaign, attendee_user=constituent_user)
    response = client.get(url(meeting))
    assert response.status_code == MEETING_PAGE_STATUS[role]
    if response.status_code != 200:
        assert b"Ana" not in response.content


def test_a_constituent_of_the_same_official_not_on_the_team_is_refused(campaign, district, meeting):
    from .meetings_setup import signed_in

    bystander = constituent_of(campaign, district, name="Bo Bystander", email="bo@example.org")
    assert signed_in(bystander.leader.user).get(url(meeting)).status_code == 404


def test_attendees_see_when_where_and_what_to_say_and_first_names_only(
    constituent_client, campaign, official, meeting
):
    CampaignOfficial.objects.create(campaign=campaign, official=official, stance=Stance.UNDECIDED)
    page = constituent_client.get(url(meeting)).content.decode()
    assert "Meeting with Rep. Pat Example" in page
    assert "CST" in page or "CDT" in page  # in the meeting's own zone
    assert "Room 4, 12 Main St" in page and "At the district office" in page
    assert campaign.ask in page
    assert "What questions can we answer to help you decide?" in page  # the undecided script
    assert "Ana" in page and "Ana Alvarez" not in page
    assert "ana@private.example" not in page
    assert "Connie" in page and "(you)" in page
    assert "Ana is nervous" not in page  # the team's notes are the team's


def test_the_campaigns_own_script_is_used_for_the_officials_stance(
    constituent_client, campaign, meeting
):
    CampaignScript.objects.create(campaign=campaign, stance="no_response", body="Our own words.")
    assert "Our own words." in constituent_client.get(url(meeting)).content.decode()


def test_the_team_sees_full_names_and_notes(campaign_team_client, meeting):
    page = campaign_team_client.get(url(meeting)).content.decode()
    assert "Ana Alvarez" in page and "Connie Constituent" in page
    assert "Ana is nervous" in page
    assert reverse("campaigns:meeting_edit", args=[meeting.campaign.slug, meeting.pk]) in page


def test_a_meeting_url_with_another_campaigns_slug_is_not_found(constituent_client, meeting):
    elsewhere = CampaignFactory()
    response = constituent_client.get(
        reverse("campaigns:meeting", kwargs={"slug": elsewhere.slug, "pk": meeting.pk})
    )
    assert response.status_code == 404


def test_a_cancelled_meeting_says_so(constituent_client, campaign, official, connie):
    cancelled = meeting_with(campaign, official, [connie], status="cancelled")
    page = constituent_client.get(url(cancelled)).content.decode()
    assert "This meeting is cancelled." in page
    assert "File the meeting report" not in page


def test_the_page_only_accepts_get(constituent_client, meeting):
    assert constituent_client.post(url(meeting)).status_code == 405
