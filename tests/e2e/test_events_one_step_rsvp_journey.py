"""Journey: a newcomer RSVPs to a public event in one step, confirms from the mail and sees
the seat. Run at desktop width and on a 390 px phone, with axe on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from directory.models import Leader
from events.models import RSVP
from tests.events.factories import EventFactory

CONFIRM_PATH = re.compile(r"https?://[^/\s]+(/events/invitations/confirm/[^/\s]+/)")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.django_db(transaction=True)
def test_newcomer_rsvps_in_one_step_confirms_from_the_mail_and_sees_the_seat(
    page, live_server, mailoutbox, assert_accessible, viewport
):
    page.set_viewport_size(VIEWPORTS[viewport])
    event = EventFactory(title="Riverside Cleanup Day", capacity=20, reminders=[])

    page.goto(live_server.url + event.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Cleanup Day")
    assert_accessible("public event page")
    page.get_by_label("Your name").fill("Nia Newcomer")
    page.get_by_label("Your email").fill("nia@example.org")
    page.get_by_label("Your ZIP code").fill("02139")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="RSVP", exact=True).click()
    assert answer.value.status < 400, f"the RSVP was refused: HTTP {answer.value.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mail")
    assert_accessible("check your mail")
    assert not RSVP.objects.exists()

    assert [message.to for message in mailoutbox] == [["nia@example.org"]]
    path = CONFIRM_PATH.search(mailoutbox[0].body).group(1)
    page.goto(live_server.url + path)
    assert_accessible("confirm")
    page.get_by_role("button", name="Confirm my answer").click()

    page.get_by_text("You’re going!").wait_for()
    expect(page.get_by_text("You have a seat.")).to_be_visible()
    assert_accessible("the seat")
    leader = Leader.objects.get(email="nia@example.org")
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    assert RSVP.objects.get(event=event, leader=leader).status == RSVP.Status.GOING
