"""The lobby-meeting brief: one printable page for a meeting's attendees and team."""

import pytest
from django.urls import reverse

from campaigns.models import (
    CampaignMember,
    CampaignOfficial,
    CampaignScript,
    MeetingRoles,
    Stance,
)
from campaigns.models_documents import CampaignDocument
from tests.toolkits.factories import DocumentFactory, ToolkitFactory

from .meetings_setup import (
    MEETING_PAGE_STATUS,
    constituent_of,
    other_official,
    role_client,
    scheduled,
)

pytestmark = pytest.mark.django_db


def url(meeting) -> str:
    return reverse("campaigns:meeting_brief", args=[meeting.campaign.slug, meeting.pk])


@pytest.fixture
def connie(campaign, constituent_user):
    return CampaignMember.objects.get(campaign=campaign, leader__user=constituent_user)


@pytest.fixture
def ana(campaign, district):
    return constituent_of(campaign, district, name="Ana Alvarez", email="ana@private.example")


@pytest.fixture
def meeting(campaign, official, connie, ana):
    return scheduled(campaign, official, [connie, ana], place="Room 4, 12 Main St")


@pytest.mark.parametrize("role", list(MEETING_PAGE_STATUS))
def test_only_attendees_and_the_team_see_the_brief(
    request, role, campaign, meeting, constituent_user
):
    other_official(campaign)
    client = role_client(request, role, campaign=campaign, attendee_user=constituent_user)
    response = client.get(url(meeting))
    assert response.status_code == MEETING_PAGE_STATUS[role]
    if response.status_code != 200:
        assert b"Ana" not in response.content


def test_the_brief_has_the_official_ask_script_documents_and_report_link(
    constituent_client, campaign, official, meeting
):
    CampaignOfficial.objects.create(campaign=campaign, official=official, stance=Stance.UNDECIDED)
    CampaignScript.objects.create(
        campaign=campaign, stance=Stance.UNDECIDED, body="Undecided script here."
    )
    guide = DocumentFactory(toolkit=ToolkitFactory(status="published"), title="Lobby training")
    hidden = DocumentFactory(
        toolkit=ToolkitFactory(status="published", visibility="organizers"), title="Secret plan"
    )
    CampaignDocument.objects.create(campaign=campaign, document=guide, position=0)
    CampaignDocument.objects.create(campaign=campaign, document=hidden, position=1)
    page = constituent_client.get(url(meeting)).content.decode()
    assert "Rep. Pat Example" in page and "7th Hampden" in page
    assert campaign.ask in page and "Undecided script here." in page
    assert "Current stance: Undecided" in page
    assert "Lobby training" in page and "Secret plan" not in page
    assert reverse("campaigns:meeting_report", args=[campaign.slug, meeting.pk]) in page
    assert "Not yet decided" in page


def test_the_team_assigns_roles_attendees_see_first_names(
    campaign_team_client, constituent_client, meeting, connie, ana
):
    attendees = {a.member_id: a.pk for a in meeting.attendees.all()}
    response = campaign_team_client.post(
        url(meeting),
        {"opener": attendees[connie.pk], "asker": attendees[ana.pk], "notetaker": ""},
    )
    assert response.status_code == 302
    roles = MeetingRoles.objects.get(meeting=meeting)
    assert roles.opener.member == connie and roles.asker.member == ana
    page = constituent_client.get(url(meeting)).content.decode()
    assert "Ana" in page and "Alvarez" not in page
    assert "Save the roles" not in page  # attendees read the roles, the team sets them


def test_a_role_for_someone_not_in_the_meeting_is_refused(
    campaign, official, campaign_team_client, meeting, district
):
    elsewhere = scheduled(
        campaign,
        official,
        [constituent_of(campaign, district, name="Bo Other", email="bo@example.org")],
    )
    outsider = elsewhere.attendees.get()
    response = campaign_team_client.post(url(meeting), {"opener": outsider.pk})
    assert response.status_code == 400
    assert "Choose one of this meeting" in response.content.decode()
    assert not MeetingRoles.objects.exists()


def test_attendees_may_not_set_roles(constituent_client, meeting, connie):
    attendee = meeting.attendees.get(member=connie)
    assert constituent_client.post(url(meeting), {"opener": attendee.pk}).status_code == 403
    assert not MeetingRoles.objects.exists()


def test_the_meeting_page_links_the_brief(constituent_client, meeting):
    page = constituent_client.get(
        reverse("campaigns:meeting", args=[meeting.campaign.slug, meeting.pk])
    )
    assert url(meeting) in page.content.decode()


def test_the_brief_offers_the_chosen_thank_you_note_filled_in(
    campaign_team_client, campaign, official, meeting
):
    note = DocumentFactory(
        toolkit=ToolkitFactory(status="published"),
        title="Thank-you note",
        template_for="thank_you",
        body="Dear {{ official.name }}, thanks for {{ campaign.title }}. {{ leader.email }}",
    )
    CampaignDocument.objects.create(campaign=campaign, document=note, position=0)
    page = campaign_team_client.get(url(meeting)).content.decode()
    assert f"Dear Rep. Pat Example, thanks for {campaign.title}." in page
    assert "[____ leader.email ____]" in page  # not a thank-you field: a blank, never data
