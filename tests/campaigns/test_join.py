"""Joining a campaign: the place decides the member's own officials; re-joining moves them."""

import pytest
from django.urls import reverse

from actlocal.models import AuditEntry
from campaigns.models import Campaign, CampaignMember, CampaignOfficial, CampaignScript, Stance
from tests.actlocal.factories import UserFactory

from .factories import CampaignFactory, CampaignOfficialFactory, OfficialFactory
from .meetings_setup import meeting_with, signed_in, springfield

pytestmark = pytest.mark.django_db


def join_url(campaign) -> str:
    return reverse("campaigns:join", kwargs={"slug": campaign.slug})


@pytest.fixture
def places(campaign, district):
    return springfield(campaign, district)


def member_of(campaign, user):
    return CampaignMember.objects.filter(campaign=campaign, leader__user=user).first()


def test_anonymous_visitors_are_sent_to_sign_in(anon_client, campaign):
    response = anon_client.get(join_url(campaign))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = anon_client.post(join_url(campaign), {"municipality": "Ludlow"})
    assert response.status_code == 302
    assert not CampaignMember.objects.exists()


def test_member_sees_the_join_form_with_known_towns(member_client, campaign, places):
    response = member_client.get(join_url(campaign))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Join Open Committee Votes" in page
    assert '<option value="Springfield">' in page and '<option value="Ludlow">' in page


def test_joining_from_a_whole_town_matches_the_official_and_shows_the_script(
    member_client, member_user, campaign, district, official, places
):
    response = member_client.post(join_url(campaign), {"municipality": "ludlow"})
    assert response.status_code == 302
    member = member_of(campaign, member_user)
    assert member.municipality == "Ludlow"
    _eighth, senate_district = places
    assert set(member.districts.all()) == {district, senate_district}
    assert CampaignOfficial.objects.filter(campaign=campaign, official=official).exists()
    assert AuditEntry.objects.filter(action="campaign.join", object_id=str(member.pk)).exists()
    page = member_client.get(join_url(campaign)).content.decode()
    assert "Rep. Pat Example" in page
    assert "have not yet heard where you stand" in page  # the no-response default script
    assert campaign.ask in page


def test_a_split_town_asks_for_ward_and_precinct_and_creates_nothing(
    member_client, campaign, places
):
    response = member_client.post(join_url(campaign), {"municipality": "Springfield"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Springfield is split between districts. Choose your ward and precinct." in page
    assert '<option value="2A">' in page
    assert not CampaignMember.objects.exists()
    assert not CampaignOfficial.objects.exists()


def test_ward_and_precinct_pick_the_district_of_a_split_town(
    member_client, member_user, campaign, official, places
):
    eighth, _senate = places
    theirs = OfficialFactory(district=eighth, name="Rep. Eighth")
    response = member_client.post(
        join_url(campaign), {"municipality": "Springfield", "ward": "2", "precinct": "2a"}
    )
    assert response.status_code == 302
    member = member_of(campaign, member_user)
    assert (member.ward, member.precinct) == ("2", "2A")
    assert eighth in member.districts.all()
    assert list(CampaignOfficial.objects.values_list("official", flat=True)) == [theirs.pk]


def test_a_zip_code_settles_a_split_town(member_client, member_user, campaign, places):
    eighth, _senate = places
    response = member_client.post(
        join_url(campaign), {"municipality": "Springfield", "zip_code": "01109"}
    )
    assert response.status_code == 302
    assert eighth in member_of(campaign, member_user).districts.all()


def test_a_zip_code_alone_is_the_fallback(member_client, member_user, campaign, places):
    eighth, _senate = places
    assert member_client.post(join_url(campaign), {"zip_code": "01109"}).status_code == 302
    assert list(member_of(campaign, member_user).districts.all()) == [eighth]


def test_a_split_zip_code_asks_for_the_town_and_precinct(member_client, campaign, places):
    response = member_client.post(join_url(campaign), {"zip_code": "01104"})
    assert response.status_code == 200
    assert "ZIP code 01104 is split between districts" in response.content.decode()
    assert not CampaignMember.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"municipality": "Atlantis"}, "We have no precinct data for “Atlantis”"),
        (
            {"municipality": "Springfield", "ward": "9", "precinct": "9"},
            "Springfield has no precinct 9 in ward 9.",
        ),
        ({}, "Enter your city or town, or your ZIP code."),
        ({"zip_code": "12"}, "Enter a five-digit ZIP code"),
        ({"zip_code": "90210"}, "We have no district of the Massachusetts House"),
        ({"ward": "1", "precinct": "1"}, "Say which city or town the precinct is in."),
        ({"municipality": "x" * 101}, "Ensure this value has at most 100 characters"),
    ],
)
def test_bad_places_are_refused_with_a_message_and_nothing_is_created(
    member_client, campaign, places, data, message
):
    response = member_client.post(join_url(campaign), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CampaignMember.objects.exists()
    assert not CampaignOfficial.objects.exists()


def test_a_place_outside_every_district_of_the_target_body_is_refused(
    member_client, campaign, places
):
    # Only Senate rows know Chicopee: it lies in no House district we have.
    from .factories import DistrictAreaFactory

    _eighth, senate_district = places
    DistrictAreaFactory(district=senate_district, municipality="Chicopee", ward="", precinct="1")
    response = member_client.post(join_url(campaign), {"municipality": "Chicopee"})
    assert response.status_code == 400
    assert "Chicopee is not in any district of the Massachusetts House" in (
        response.content.decode()
    )
    assert not CampaignMember.objects.exists()


def test_rejoining_moves_the_member_and_leaves_the_old_officials_open_meetings(
    member_client, member_user, campaign, district, official, places
):
    eighth, _senate = places
    OfficialFactory(district=eighth, name="Rep. Eighth")
    member_client.post(join_url(campaign), {"municipality": "Ludlow"})
    member = member_of(campaign, member_user)
    open_meeting = meeting_with(campaign, official, [member])
    held = meeting_with(campaign, official, [member], status="held")
    response = member_client.post(
        join_url(campaign), {"municipality": "Springfield", "ward": "2", "precinct": "1"}
    )
    assert response.status_code == 302
    assert CampaignMember.objects.filter(campaign=campaign).count() == 1
    member.refresh_from_db()
    assert (member.municipality, member.ward, member.precinct) == ("Springfield", "2", "1")
    assert eighth in member.districts.all() and district not in member.districts.all()
    assert not open_meeting.attendees.exists()
    assert held.attendees.filter(member=member).exists()  # history stays
    assert AuditEntry.objects.filter(action="campaign.move").exists()


def test_the_script_follows_the_officials_current_stance(member_client, campaign, official, places):
    CampaignOfficialFactory(campaign=campaign, official=official, stance=Stance.SUPPORTS)
    member_client.post(join_url(campaign), {"municipality": "Ludlow"})
    page = member_client.get(join_url(campaign)).content.decode()
    assert "Thank you for standing with us" in page
    assert "Supports" in page
    CampaignScript.objects.create(
        campaign=campaign, stance=Stance.SUPPORTS, body="Thanks, truly: keep it up."
    )
    assert "Thanks, truly: keep it up." in member_client.get(join_url(campaign)).content.decode()


def test_opposing_officials_get_the_persuasion_script(member_client, campaign, official, places):
    CampaignOfficialFactory(campaign=campaign, official=official, stance=Stance.OPPOSES)
    member_client.post(join_url(campaign), {"municipality": "Ludlow"})
    assert (
        "we disagree with your position" in member_client.get(join_url(campaign)).content.decode()
    )


def test_a_campaign_that_is_not_active_takes_no_members(member_client, places):
    won = CampaignFactory(status=Campaign.Status.WON, target_body__slug="ma-house")
    assert "not taking new members" in member_client.get(join_url(won)).content.decode()
    response = member_client.post(join_url(won), {"municipality": "Ludlow"})
    assert response.status_code == 400
    assert "not taking new members" in response.content.decode()
    assert not CampaignMember.objects.exists()


def test_a_draft_campaign_cannot_be_found(member_client, places):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    assert member_client.get(join_url(draft)).status_code == 404
    assert member_client.post(join_url(draft), {"municipality": "Ludlow"}).status_code == 404


def test_an_unverified_account_is_asked_to_confirm_its_email(campaign, places):
    client = signed_in(UserFactory(email="new@example.org", verified=False))
    response = client.post(join_url(campaign), {"municipality": "Ludlow"})
    assert response.status_code == 400
    assert "Confirm your email address first" in response.content.decode()
    assert not CampaignMember.objects.exists()


def test_an_account_without_a_profile_gets_one_when_joining(campaign, places):
    user = UserFactory(email="fresh@example.org", name="Fresh Face")
    assert signed_in(user).post(join_url(campaign), {"municipality": "Ludlow"}).status_code == 302
    assert member_of(campaign, user).leader.email == "fresh@example.org"


def test_the_join_page_lists_the_members_meetings(
    constituent_client, constituent_user, campaign, official
):
    meeting = meeting_with(campaign, official, [member_of(campaign, constituent_user)])
    page = constituent_client.get(join_url(campaign)).content.decode()
    assert reverse("campaigns:meeting", args=[campaign.slug, meeting.pk]) in page
    assert "Leave this campaign" in page


# --- Leaving ---------------------------------------------------------------------------------


def leave_url(campaign) -> str:
    return reverse("campaigns:leave", kwargs={"slug": campaign.slug})


def test_a_member_leaves_and_their_meeting_places_go(
    constituent_client, constituent_user, campaign, official
):
    meeting = meeting_with(campaign, official, [member_of(campaign, constituent_user)])
    response = constituent_client.post(leave_url(campaign))
    assert response.status_code == 302
    assert member_of(campaign, constituent_user) is None
    assert not meeting.attendees.exists()
    assert AuditEntry.objects.filter(action="campaign.leave").exists()


def test_leaving_needs_a_post(constituent_client, constituent_user, campaign):
    assert constituent_client.get(leave_url(campaign)).status_code == 405
    assert member_of(campaign, constituent_user) is not None


def test_leaving_a_campaign_you_did_not_join_changes_nothing(member_client, campaign):
    response = member_client.post(leave_url(campaign), follow=True)
    assert "You are not a member of this campaign." in response.content.decode()


def test_anonymous_visitors_cannot_leave(anon_client, constituent_user, campaign):
    assert anon_client.post(leave_url(campaign)).status_code == 302
    assert member_of(campaign, constituent_user) is not None
