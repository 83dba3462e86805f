"""Journey: an organizer starts an invite-only event from a kit and invites three leaders."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, Invitation
from tests.actlocal.factories import TopicFactory, UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory, SessionFactory


@pytest.fixture
def kit_and_leaders(db):
    voting = TopicFactory(slug="voting-elections", name="Voting and elections")
    housing = TopicFactory(slug="housing", name="Housing")
    kit = EventFactory(
        title="Kit: Voter Protection Convening",
        slug="kit-voter-protection",
        is_template=True,
        status=Event.Status.DRAFT,
        visibility=Event.Visibility.INVITE_ONLY,
        venue="",
        address="",
        city="",
        state="",
        zip_code="",
        capacity=40,
    )
    SessionFactory(event=kit, title="Poll worker training")
    chosen = [
        LeaderFactory(name=name, city="Toledo", state="OH", zip_code="43604", topics=[voting])
        for name in ("Renata Lakeshore", "Marcus Bellweather", "Priya Shahani")
    ]
    # Not matched by the filters: another state, another topic.
    LeaderFactory(name="Wanda Madison", city="Madison", state="WI", topics=[voting])
    LeaderFactory(name="Oscar Housing", city="Toledo", state="OH", topics=[housing])
    organizer = UserFactory(email="olu@example.org", name="Olu Organizer", organizer=True)
    return {"kit": kit, "leaders": chosen, "organizer": organizer}


@pytest.mark.django_db(transaction=True)
def test_organizer_creates_an_invite_only_event_from_a_kit_and_invites_three_leaders(
    page, live_server, mailoutbox, assert_accessible, sign_in, kit_and_leaders
):
    sign_in(kit_and_leaders["organizer"])
    page.goto(live_server.url + "/events/kits/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Event kits")
    assert_accessible("kit list")

    page.get_by_role("link", name=re.compile(r"Use this kit.*Voter Protection")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voter Protection Convening")
    assert_accessible("new event from a kit")

    day = (timezone.localdate() + timedelta(days=21)).isoformat()
    page.get_by_label("Title of the new event").fill("Toledo Voter Protection Convening")
    page.get_by_label("Date", exact=True).fill(day)
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("Venue").fill("Lucas County Library")
    page.get_by_label("Street address").fill("325 Michigan Street")
    page.get_by_label("City", exact=True).fill("Toledo")
    page.get_by_label("State", exact=True).select_option("OH")
    page.get_by_label("ZIP code").fill("43604")
    page.get_by_role("button", name="Create the event").click()

    # The new event is a draft on the organizer's dashboard; it keeps the kit's invite-only.
    page.get_by_text("The event is created from the kit as a draft").wait_for()
    event = Event.objects.get(title="Toledo Voter Protection Convening")
    assert event.visibility == Event.Visibility.INVITE_ONLY
    assert event.status == Event.Status.DRAFT
    assert event.sessions.filter(title="Poll worker training").exists()
    expect(page).to_have_url(re.compile(rf"/events/{event.slug}/manage/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    assert_accessible("dashboard of the new draft")

    # Invitations go out at once, so the team publishes first.
    page.get_by_role("navigation", name="Event tools").get_by_role("link", name="Details").click()
    expect(page.get_by_role("button", name="Save and publish")).to_be_visible()
    assert_accessible("event details")
    page.get_by_role("button", name="Save and publish").click()
    page.get_by_text("Saved.").wait_for()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    tabs = page.get_by_role("navigation", name="Event tools")
    tabs.get_by_role("link", name="Invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations")
    page.get_by_role("navigation", name="Ways to invite").get_by_role(
        "link", name="From the directory"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite leaders from the directory")

    # Filter the directory by place and topic: just the three Toledo voting organizers remain.
    filters = page.get_by_role("search", name="Filter")
    filters.get_by_label(re.compile(r"^State")).select_option("OH")
    filters.get_by_label(re.compile(r"^Topic")).select_option("voting-elections")
    filters.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="3 leaders")).to_be_visible()
    expect(page.get_by_text("Wanda Madison")).to_have_count(0)
    expect(page.get_by_text("Oscar Housing")).to_have_count(0)
    assert_accessible("directory filtered for inviting")

    for leader in kit_and_leaders["leaders"]:
        page.get_by_label(leader.name, exact=True).check()
    page.get_by_role("button", name="Invite selected").click()
    page.get_by_text("3 invitations created; they are being sent.").wait_for()
    for leader in kit_and_leaders["leaders"]:
        row = page.get_by_role("row", name=re.compile(leader.name))
        expect(row).to_contain_text("Already invited (Sent)")
    assert_accessible("directory after inviting")

    # The invitation list shows all three as sent; each went out as an email.
    page.get_by_role("navigation", name="Ways to invite").get_by_role(
        "link", name="All invitations"
    ).click()
    table = page.get_by_role("table", name="Invitations")
    for leader in kit_and_leaders["leaders"]:
        expect(table.get_by_role("row", name=re.compile(leader.name))).to_contain_text("Sent")
    assert_accessible("invitation list")

    invited = {leader.email for leader in kit_and_leaders["leaders"]}
    assert (
        set(
            Invitation.objects.filter(event=event, status=Invitation.Status.SENT).values_list(
                "email", flat=True
            )
        )
        == invited
    )
    assert {message.to[0] for message in mailoutbox} == invited
    assert all(event.title in message.subject for message in mailoutbox)
