"""Journeys where toolkits meet the work: a leader's letter to the editor, an organizer's printed
lobby-meeting brief, and a new event from a kit showing the kit's documents to its team."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import CampaignRole, Letter, PressureAction
from campaigns.models_documents import CampaignDocument
from events.models import Event, EventDocument, EventRole
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignMemberFactory,
    CampaignRoleFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
)
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory
from tests.toolkits.factories import DocumentFactory, ToolkitFactory

HOOK = "Last week the committee met behind closed doors again."


@pytest.fixture
def campaign_story(db):
    campaign = CampaignFactory(title="Open Committee Votes", slug="open-votes")
    district = DistrictFactory(body=campaign.target_body, name="7th Hampden")
    rep = OfficialFactory(district=district, name="Rosa Delgado", slug="rosa-delgado")
    constituent = UserFactory(email="connie@example.org", name="Connie Alvarez")
    leader = LeaderFactory(user=constituent, name="Connie Alvarez", email=constituent.email)
    member = CampaignMemberFactory(campaign=campaign, leader=leader, districts=[district])
    organizer = UserFactory(email="olu@example.org", name="Olu Organizer", organizer=True)
    CampaignRoleFactory(campaign=campaign, user=organizer, role=CampaignRole.Role.LEAD)
    guide = DocumentFactory(
        toolkit=ToolkitFactory(status="published", title="Action kit"),
        title="Lobby-meeting training",
    )
    CampaignDocument.objects.create(campaign=campaign, document=guide, position=0)
    return {
        "campaign": campaign,
        "rep": rep,
        "constituent": constituent,
        "member": member,
        "organizer": organizer,
    }


@pytest.mark.django_db(transaction=True)
def test_leader_drafts_a_letter_to_the_editor_and_marks_it_published(
    page, live_server, assert_accessible, sign_in, campaign_story
):
    campaign = campaign_story["campaign"]
    sign_in(campaign_story["constituent"])
    page.goto(live_server.url + campaign.get_absolute_url())
    page.get_by_role("link", name="Write a letter to the editor or an op-ed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters to the editor and op-eds")
    assert_accessible("letter builder")
    page.get_by_label("Working title").fill("Open the votes")
    page.get_by_label(re.compile(r"^The official it names")).select_option("rosa-delgado")
    page.get_by_label("The hook").fill(HOOK)
    page.get_by_label("The ask").fill("Rep. Delgado should vote to open every committee vote.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft saved.")
    expect(page.locator("[data-letter-count]")).to_contain_text("words: short")
    expect(page.get_by_label(re.compile(r"^The whole piece"))).to_have_value(re.compile(HOOK))
    assert_accessible("letter draft")

    page.get_by_label("Where it stands").select_option("published")
    page.get_by_label("Outlet", exact=True).fill("The Springfield Republican")
    page.get_by_label("Link to the published piece").fill("https://news.example.org/open-votes")
    page.get_by_role("button", name="Save where it stands").click()
    expect(page.get_by_role("status").first).to_contain_text("Marked published")
    letter = Letter.objects.get()
    assert letter.status == Letter.Status.PUBLISHED
    action = PressureAction.objects.get()
    assert action.official == campaign_story["rep"] and action.kind == "letter"


@pytest.mark.django_db(transaction=True)
def test_organizer_prints_a_lobby_meeting_brief(
    page, live_server, assert_accessible, sign_in, campaign_story
):
    campaign, rep = campaign_story["campaign"], campaign_story["rep"]
    meeting = MeetingFactory(
        campaign=campaign,
        official=rep,
        status="scheduled",
        scheduled_at=timezone.now() + dt.timedelta(days=5),
    )
    meeting.attendees.create(member=campaign_story["member"])
    sign_in(campaign_story["organizer"])
    page.goto(live_server.url + f"/campaigns/{campaign.slug}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="The printable meeting brief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Brief: meeting with {rep.name}")
    page.get_by_label("Makes the ask").select_option(label="Connie Alvarez")
    page.get_by_role("button", name="Save the roles").click()
    expect(page.get_by_role("status").first).to_contain_text("The meeting roles are saved.")
    assert_accessible("lobby-meeting brief")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Roles in the meeting")).to_be_visible()
    expect(page.get_by_role("link", name="Lobby-meeting training")).to_be_visible()
    expect(page.get_by_role("button", name="Save the roles")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    assert page.pdf()[:5] == b"%PDF-"


@pytest.mark.django_db(transaction=True)
def test_a_new_event_from_a_kit_shows_its_documents(page, live_server, assert_accessible, sign_in):
    organizer = UserFactory(email="eve@example.org", name="Eve Organizer", organizer=True)
    kit = EventFactory(title="Convening kit", is_template=True, status=Event.Status.DRAFT)
    EventRole.objects.create(event=kit, user=organizer, role=EventRole.Role.LEAD)
    agenda = DocumentFactory(
        toolkit=ToolkitFactory(status="published", kind="event_kit", title="Organizer's toolkit"),
        title="Agenda template",
    )
    EventDocument.objects.create(event=kit, document=agenda, position=0)
    sign_in(organizer)
    page.goto(live_server.url + f"/events/kits/{kit.slug}/use/")
    day = (timezone.localdate() + dt.timedelta(days=21)).isoformat()
    page.get_by_label("Title of the new event").fill("Worcester Convening")
    page.get_by_label("Date", exact=True).fill(day)
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("City", exact=True).fill("Worcester")
    page.get_by_label("State", exact=True).select_option("MA")
    page.get_by_role("button", name="Create the event").click()
    page.get_by_text("The event is created from the kit as a draft").wait_for()
    new = Event.objects.get(title="Worcester Convening")
    expect(page).to_have_url(re.compile(rf"/events/{new.slug}/manage/$"))
    page.get_by_role("navigation", name="Event tools").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents from the toolkits")
    expect(page.get_by_role("link", name="Agenda template")).to_be_visible()
    assert_accessible("event documents")
