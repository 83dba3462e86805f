"""Journey: a full event waitlists the next leader; a cancellation promotes them by email."""

import re

import pytest
from playwright.sync_api import expect

from events.models import RSVP
from events.services.rsvps import rsvp_respond
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory

MANAGE_PATH = re.compile(r"https?://[^/\s]+(/events/[\w-]+/rsvp/[^/\s]+/)")


@pytest.fixture
def full_event(db):
    event = EventFactory(title="Dinner of Twelve Tables", slug="dinner-of-tables", capacity=1)
    ada = LeaderFactory(name="Ada Early", email="ada@example.org")
    user = UserFactory(email="ben@example.org", name="Ben Second")
    ben = LeaderFactory(user=user, name="Ben Second", email=user.email, visibility="members")
    return {"event": event, "ada": ada, "ben": ben, "ben_user": user}


@pytest.mark.django_db(transaction=True)
def test_full_event_waitlists_the_next_leader_and_a_cancellation_promotes_them_by_email(
    page, live_server, mailoutbox, assert_accessible, sign_in, full_event
):
    event, ada, ben = full_event["event"], full_event["ada"], full_event["ben"]
    # Ada takes the only seat; her confirmation mail carries her change/cancel link.
    rsvp_respond(event=event, leader=ada, actor=None, going=True)
    ada_mail = next(message for message in mailoutbox if message.to == [ada.email])
    ada_link = MANAGE_PATH.search(ada_mail.body).group(1)

    # Ben finds the event full and RSVPs anyway: he joins the waitlist with his place.
    sign_in(full_event["ben_user"])
    page.goto(live_server.url + event.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(page.get_by_text(re.compile(r"Full: new RSVPs join the waitlist"))).to_be_visible()
    assert_accessible("full event page")
    # A member may say yes in one click; Ben opens the full form to add his needs.
    expect(page.get_by_role("button", name="RSVP: I’ll be there")).to_be_visible()
    page.get_by_role("link", name="Add accessibility or dietary needs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"RSVP to {event.title}")
    assert_accessible("RSVP form")
    page.get_by_label(re.compile(r"^Yes")).check()
    page.get_by_role("button", name="Send my RSVP").click()
    page.get_by_text(f"{event.title} is full, so you are number 1 on the waitlist.").wait_for()
    panel = page.get_by_role("region", name="Your RSVP")
    expect(panel).to_contain_text("On the waitlist")
    expect(panel).to_contain_text("You are number 1 on the waitlist.")
    assert_accessible("event page while waitlisted")
    ben_rsvp = RSVP.objects.get(event=event, leader=ben)
    assert ben_rsvp.status == RSVP.Status.WAITLISTED
    assert ben_rsvp.waitlist_position is not None

    page.goto(live_server.url + "/me/")
    expect(page.get_by_text("Waitlist: number 1")).to_be_visible()

    # Ada cancels from the link in her email, without signing in.
    page.context.clear_cookies()
    page.goto(live_server.url + ada_link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your RSVP to {event.title}")
    expect(page.get_by_role("region", name="Your RSVP now")).to_contain_text("You have a seat.")
    assert_accessible("RSVP link page")
    page.get_by_role("button", name="Cancel my RSVP").click()
    page.get_by_text(re.compile(r"^Your RSVP is cancelled")).wait_for()
    expect(page.get_by_role("region", name="Your RSVP now")).to_contain_text(
        "You cancelled your RSVP."
    )
    assert_accessible("RSVP link page after cancelling")

    # Ben moved up: he is going, /me/ says so, and the promotion mail is in his inbox.
    assert RSVP.objects.get(pk=ben_rsvp.pk).status == RSVP.Status.GOING
    assert RSVP.objects.get(event=event, leader=ada).status == RSVP.Status.CANCELLED
    promotion = [
        message
        for message in mailoutbox
        if message.to == [ben.email] and "A seat opened up" in message.subject
    ]
    assert len(promotion) == 1
    assert event.title in promotion[0].subject

    sign_in(full_event["ben_user"])
    page.goto(live_server.url + "/me/")
    my_events = page.get_by_role("region", name="My events")
    expect(my_events.get_by_role("listitem").filter(has_text=event.title)).to_contain_text("Going")
    assert_accessible("my profile after promotion")
