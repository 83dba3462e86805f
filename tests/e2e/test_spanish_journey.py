"""Journey in Spanish: a visitor switches the language, searches the directory, RSVPs to a public
event in one step and gets the confirmation mail in Spanish; an organizer whose saved language is
Spanish opens the event's dashboard. axe runs on every page.

The expected words come from the Spanish catalog itself (not typed here), and each is checked to
differ from its English msgid, so the journey fails if the catalog or the switch stops working.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from events.models import RSVP, EventRole
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory

CONFIRM_PATH = re.compile(r"https?://[^/\s]+(/events/invitations/confirm/[^/\s]+/)")


def es(msgid: str) -> str:
    with translation.override("es"):
        text = translation.gettext(msgid)
    assert text != msgid, f"not translated into Spanish: {msgid!r}"
    return text


@pytest.mark.django_db(transaction=True)
def test_a_visitor_switches_to_spanish_searches_and_rsvps_and_an_organizer_works_in_spanish(
    page, live_server, mailoutbox, assert_accessible
):
    LeaderFactory(name="Rosa Riverside", city="Lowell", state="MA", visibility="public")
    event = EventFactory(title="Riverside Cleanup Day", capacity=20, reminders=[])

    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("banner").get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(live_server.url + "/")  # the switch keeps the page
    assert_accessible("home in Spanish")

    page.goto(live_server.url + "/directory/")
    page.get_by_label(es("Search leaders, organizations and resources")).fill("riverside")
    page.get_by_role("button", name=es("Search"), exact=True).click()
    expect(page.get_by_role("link", name="Rosa Riverside")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible("directory search in Spanish")

    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_label(es("Your name")).fill("Nia Newcomer")
    page.get_by_label(es("Your email")).fill("nia@example.org")
    page.get_by_label(es("Your ZIP code")).fill("02139")
    assert_accessible("event page in Spanish")
    page.get_by_role("button", name=es("RSVP"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(es("Check your mail"))

    [mail] = mailoutbox
    assert mail.to == ["nia@example.org"]
    assert mail.body.startswith(es("Hello,"))
    assert es("Confirm my answer") in mail.alternatives[0][0]
    assert "Confirm my answer" not in mail.body
    assert "Someone RSVPed" not in mail.body

    page.goto(live_server.url + CONFIRM_PATH.search(mail.body).group(1))
    page.get_by_role("button", name=es("Confirm my answer")).click()
    expect(page.get_by_text(es("You have a seat."))).to_be_visible()
    assert_accessible("the seat, in Spanish")
    assert RSVP.objects.get(event=event, leader__email="nia@example.org").status == "going"

    organizer = UserFactory(email="lead@example.org", name="Lía Lead", organizer=True)
    organizer.language = "es"
    organizer.save(update_fields=["language"])
    EventRole.objects.create(event=event, user=organizer, role=EventRole.Role.LEAD)
    # A fresh browser in English: signing in applies the organizer's saved language.
    page.context.clear_cookies()
    page.goto(live_server.url + f"/accounts/login/?next=/events/{event.slug}/manage/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Email").fill("lead@example.org")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/events/{event.slug}/manage/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("link", name=es("Dashboard")).first).to_be_visible()
    assert "Dashboard" not in page.title()
    assert_accessible("organizer dashboard in Spanish")
