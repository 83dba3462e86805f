"""The team's constituents page: members grouped per official, and forming meeting teams."""

import pytest
from django.urls import reverse

from actlocal.models import AuditEntry
from campaigns.models import Campaign, Meeting, MeetingAttendee
from tests.directory.factories import LeaderFactory

from .factories import CampaignFactory, CampaignMemberFactory, DistrictFactory, OfficialFactory
from .meetings_setup import (
    TEAM_PAGE_STATUS,
    constituent_of,
    meeting_with,
    other_official,
    role_client,
)

pytestmark = pytest.mark.django_db


def url(campaign) -> str:
    return reverse("campaigns:constituents", kwargs={"slug": campaign.slug})


@pytest.fixture
def people(campaign, district, official):
    """Two constituents of Rep. Example, one of Rep. Other, one with no official."""
    other = other_official(campaign)
    ana = constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")
    ben = constituent_of(campaign, district, name="Ben Brown", email="ben@private.example")
    otto = constituent_of(campaign, other.district, name="Otto Ortiz", email="otto@private.example")
    vacant = DistrictFactory(body=campaign.target_body, name="9th Hampden")
    val = constituent_of(campaign, vacant, name="Val Vacant", email="val@private.example")
    return {"ana": ana, "ben": ben, "otto": otto, "val": val, "other": other}


@pytest.mark.parametrize("role", list(TEAM_PAGE_STATUS))
def test_only_the_team_and_staff_see_constituents(
    request, role, campaign, official, constituent_user, people
):
    client = role_client(request, role, campaign=campaign, attendee_user=constituent_user)
    response = client.get(url(campaign))
    assert response.status_code == TEAM_PAGE_STATUS[role]
    if response.status_code != 200:
        assert b"Ana Alvarez" not in response.content


def test_draft_campaigns_are_hidden_from_everyone_but_the_team(member_client):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    assert member_client.get(url(draft)).status_code == 404


def test_constituents_are_grouped_under_their_official_with_counts(
    campaign_team_client, campaign, official, constituent_user, people
):
    response = campaign_team_client.get(url(campaign))
    assert response.status_code == 200
    page = response.content.decode()
    example = page.index("Rep. Pat Example")
    other = page.index("Rep. Olive Other")
    assert page.index("Ana Alvarez") > example and page.index("Ben Brown") > example
    assert page.index("Otto Ortiz") > other
    assert "(3 constituents)" in page  # Ana, Ben and Connie (the fixture's constituent)
    assert "(1 constituent)" in page
    assert "ana@private.example" in page  # the team may write to them
    unmatched = page.index("Members with no matched official")
    assert page.index("Val Vacant") > unmatched
    assert "<strong>5</strong> members" in page


def test_the_team_forms_a_meeting_team_for_an_official(
    campaign_team_client, campaign, official, people
):
    response = campaign_team_client.post(
        url(campaign),
        {"official": official.pk, "members": [people["ana"].pk, people["ben"].pk]},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "campaigns:meeting_edit", args=[campaign.slug, meeting.pk]
    )
    assert meeting.status == Meeting.Status.REQUESTED
    assert meeting.official == official
    assert set(meeting.constituents.all()) == {people["ana"], people["ben"]}
    assert AuditEntry.objects.filter(action="meeting.create", object_id=str(meeting.pk)).exists()


def test_members_already_on_an_open_team_are_marked(
    campaign_team_client, campaign, official, people
):
    meeting_with(campaign, official, [people["ana"]])
    page = campaign_team_client.get(url(campaign)).content.decode()
    assert "On an open meeting team" in page
    assert "Meetings held: 0, open: 1" in page


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("other_district", "Only constituents of this official can be on the team."),
        ("nobody", "Select at least one constituent for the meeting team."),
        ("bad_official", "Choose one of the campaign"),
        ("garbage", "Only constituents of this official can be on the team."),
    ],
)
def test_bad_meeting_teams_are_refused_and_nothing_is_created(
    campaign_team_client, campaign, official, people, payload, message
):
    data = {
        "other_district": {
            "official": official.pk,
            "members": [people["ana"].pk, people["otto"].pk],
        },
        "nobody": {"official": official.pk},
        "bad_official": {"official": "999999", "members": [people["ana"].pk]},
        "garbage": {"official": official.pk, "members": ["x"]},
    }[payload]
    response = campaign_team_client.post(url(campaign), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_official_of_another_body_cannot_get_a_meeting_team(
    campaign_team_client, campaign, people
):
    stranger = OfficialFactory(district__body__slug="ma-senate", district__body__kind="state_upper")
    response = campaign_team_client.post(
        url(campaign), {"official": stranger.pk, "members": [people["ana"].pk]}
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_another_campaigns_member_cannot_be_put_on_a_team(
    campaign_team_client, campaign, district, official, people
):
    elsewhere = CampaignMemberFactory(
        campaign=CampaignFactory(), leader=LeaderFactory(), districts=[district]
    )
    response = campaign_team_client.post(
        url(campaign), {"official": official.pk, "members": [elsewhere.pk]}
    )
    assert response.status_code == 400
    assert not MeetingAttendee.objects.exists()


def test_the_page_costs_the_same_queries_for_few_and_many_constituents(
    campaign_team_client, campaign, district, official, people, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert campaign_team_client.get(url(campaign)).status_code == 200
    for n in range(20):
        member = constituent_of(
            campaign, district, name=f"Many {n}", email=f"many{n}@private.example"
        )
        meeting_with(campaign, official, [member])
        extra = OfficialFactory(district=DistrictFactory(body=campaign.target_body))
        constituent_of(campaign, extra.district, name=f"Far {n}", email=f"far{n}@private.example")
    with CaptureQueriesContext(connection) as many:
        assert campaign_team_client.get(url(campaign)).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries), [
        q["sql"] for q in many.captured_queries
    ]


def test_a_plain_member_on_the_team_sees_names_and_places_but_no_addresses(
    campaign, official, people
):
    from campaigns.models import CampaignRole
    from tests.actlocal.factories import UserFactory

    from .factories import CampaignRoleFactory
    from .meetings_setup import signed_in

    user = UserFactory(email="plain-team@example.org")
    CampaignRoleFactory(campaign=campaign, user=user, role=CampaignRole.Role.ORGANIZER)
    page = signed_in(user).get(url(campaign)).content.decode()
    assert "Ana Alvarez" in page
    assert "ana@private.example" not in page


def test_staff_see_constituents_addresses(staff_client, campaign, official, people):
    assert "ana@private.example" in staff_client.get(url(campaign)).content.decode()
