"""Journey: the check-in desk checks two people in without reloading and registers a walk-in."""

import re

import pytest
from playwright.sync_api import expect

from events.models import RSVP, EventRole
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory, RSVPFactory


@pytest.fixture
def desk(db):
    event = EventFactory(title="Springfield Convening", slug="springfield-convening", capacity=20)
    volunteer = UserFactory(email="desk@example.org", name="Dana Desk")
    EventRole.objects.create(event=event, user=volunteer, role=EventRole.Role.CHECKIN)
    # Fixed codes, so a code typed at the desk can never also match part of a name.
    people = [("Imani Okafor", "H4XQ7T"), ("Luis Ortega", "K7PM4Q"), ("Grace Imani Lee", "W3RB9Z")]
    imani, luis, _grace = (
        RSVPFactory(event=event, leader=LeaderFactory(name=name), checkin_code=code)
        for name, code in people
    )
    return {"event": event, "volunteer": volunteer, "imani": imani, "luis": luis}


def expect_counts(page, *, going: int, checked_in: int, walk_ins: int) -> None:
    counts = page.locator("#checkin-counts")
    expect(counts.get_by_role("listitem").filter(has_text="going")).to_have_text(f"{going} going")
    expect(counts.get_by_role("listitem").filter(has_text="checked in")).to_have_text(
        f"{checked_in} checked in"
    )
    expect(counts.get_by_role("listitem").filter(has_text="walk-ins")).to_have_text(
        f"{walk_ins} walk-ins"
    )


@pytest.mark.django_db(transaction=True)
def test_checkin_desk_checks_two_people_in_and_registers_a_walk_in(
    page, live_server, assert_accessible, sign_in, desk
):
    event, imani, luis = desk["event"], desk["imani"], desk["luis"]
    sign_in(desk["volunteer"])
    page.goto(live_server.url + f"/events/{event.slug}/checkin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check-in desk")
    expect_counts(page, going=3, checked_in=0, walk_ins=0)
    assert_accessible("check-in desk")
    # Survives only as long as the page does: htmx swaps must not reload it.
    page.evaluate("window.deskMarker = 'same page'")

    # Everyone going is listed at once, before anything is typed.
    expect(page.locator("#checkin-results .checkin-row")).to_have_count(3)

    # Search by name as you type; one tap checks Imani in.
    search = page.get_by_label("Find someone by name or check-in code")
    search.fill("okafor")
    results = page.locator("#checkin-results")
    expect(results.get_by_text("1 match for “okafor”.")).to_be_visible()
    results.get_by_role("button", name="Check in · Imani Okafor").click()
    row = page.locator(f"#checkin-row-{imani.pk}")
    expect(row).to_contain_text(re.compile(r"Checked in at"))
    expect(row.get_by_role("button", name="Undo · Imani Okafor")).to_be_visible()
    expect_counts(page, going=3, checked_in=1, walk_ins=0)
    assert page.evaluate("window.deskMarker") == "same page"
    assert_accessible("desk after the first check-in")

    # The second person reads out the code from their confirmation email.
    search.fill(luis.checkin_code.lower())
    expect(results.get_by_text(re.compile(r"^1 match for"))).to_be_visible()
    # Everyone going is on the page; typing narrows the list in the browser.
    expect(page.locator(f"#checkin-row-{imani.pk}")).to_be_hidden()
    results.get_by_role("button", name="Check in · Luis Ortega").click()
    expect(page.locator(f"#checkin-row-{luis.pk}")).to_contain_text(re.compile(r"Checked in at"))
    expect_counts(page, going=3, checked_in=2, walk_ins=0)
    assert page.evaluate("window.deskMarker") == "same page"

    imani.refresh_from_db()
    luis.refresh_from_db()
    assert imani.checked_in_at is not None and luis.checked_in_at is not None
    assert imani.checked_in_by == desk["volunteer"]

    # Someone not on the list arrives: registered, seated and checked in in one step.
    walk_in = page.get_by_role("region", name="Register a walk-in")
    walk_in.get_by_label("Name", exact=True).fill("Walter Newcomb")
    walk_in.get_by_label(re.compile(r"^Email")).fill("walter@example.org")
    walk_in.get_by_label(re.compile(r"^ZIP code")).fill("02139")
    walk_in.get_by_role("button", name="Register and check in").click()
    page.get_by_text("Walter Newcomb is registered and checked in.").wait_for()
    expect_counts(page, going=4, checked_in=3, walk_ins=1)
    assert_accessible("desk after a walk-in")

    walter = RSVP.objects.select_related("leader").get(event=event, is_walk_in=True)
    assert walter.leader.name == "Walter Newcomb"
    assert walter.leader.email == "walter@example.org"
    assert walter.status == RSVP.Status.GOING
    assert walter.checked_in_at is not None


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_desk_is_the_whole_screen(
    page, live_server, assert_accessible, sign_in, desk
):
    sign_in(desk["volunteer"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/events/{desk['event'].slug}/checkin/")
    expect(page.locator(".site-header")).to_be_hidden()
    search = page.get_by_label("Find someone by name or check-in code")
    # The search box and the first people are on the first screen, not below a site header.
    assert search.bounding_box()["y"] < 300
    expect(page.locator("#checkin-results .checkin-row").first).to_be_in_viewport()
    assert_accessible("check-in desk at 390 px")
