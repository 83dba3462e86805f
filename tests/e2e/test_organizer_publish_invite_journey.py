"""Journey: an organizer signs in, finds a draft in My organizing, publishes it and invites.

Run at desktop width and on a 390 px phone, with axe on every page visited.
"""

import re

import pytest
from playwright.sync_api import expect

from events.models import Event, EventRole, Invitation
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.django_db(transaction=True)
def test_organizer_finds_a_draft_in_my_organizing_publishes_it_and_invites(
    page, live_server, sign_in, assert_accessible, viewport
):
    page.set_viewport_size(VIEWPORTS[viewport])
    lead = UserFactory(email="lead@example.org", name="Lee Lead", organizer=True)
    draft = EventFactory(
        title="Harbor Leaders Retreat",
        status=Event.Status.DRAFT,
        visibility=Event.Visibility.INVITE_ONLY,
    )
    EventRole.objects.create(event=draft, user=lead, role=EventRole.Role.LEAD)
    guest = LeaderFactory(name="Gwen Harbor", email="gwen@example.org", state="MA")
    sign_in(lead)

    page.goto(live_server.url + "/")
    if viewport == "phone":
        page.get_by_role("button", name="Menu").click()  # on a phone the header folds its links
    page.get_by_role("navigation", name="Account").get_by_role("link", name="My organizing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My organizing")
    drafts = page.get_by_role("heading", name="Drafts")
    expect(drafts).to_be_visible()
    expect(page.get_by_role("link", name="Harbor Leaders Retreat")).to_be_visible()
    assert_accessible("My organizing")

    page.get_by_role("link", name="Review and publish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Harbor Leaders Retreat")
    expect(page.get_by_text("Before you publish")).to_be_visible()
    assert_accessible("publish checklist")
    page.get_by_role("button", name="Publish the event").click()
    page.get_by_text("is published: it takes RSVPs now.").wait_for()
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED
    assert_accessible("dashboard after publishing")

    page.goto(live_server.url + f"/events/{draft.slug}/manage/invite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite leaders from the directory")
    expect(page.get_by_text("Publish before inviting")).to_have_count(0)
    page.get_by_label(guest.name, exact=True).check()
    page.get_by_role("button", name="Invite selected").click()
    page.get_by_text(re.compile(r"1 invitation created")).wait_for()
    assert_accessible("invite page after inviting")
    assert Invitation.objects.filter(event=draft, leader=guest).exists()
