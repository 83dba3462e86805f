"""Journey: a leader opens the link in their invitation email and RSVPs, with a dietary need."""

import re

import pytest
from playwright.sync_api import expect

from events.models import RSVP, Event, EventRole, Invitation
from events.services.invitations import invitations_create
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory

INVITATION_PATH = re.compile(r"https?://[^/\s]+(/events/invitations/[^/\s]+/)")


@pytest.fixture
def invited_event(db):
    event = EventFactory(
        title="Lakeshore Leaders Convening",
        visibility=Event.Visibility.INVITE_ONLY,
        venue="Union Hall",
        address="12 Main Street",
        city="Toledo",
        state="OH",
        zip_code="43604",
    )
    lead = UserFactory(email="lead@example.org", name="Lee Lead", organizer=True)
    EventRole.objects.create(event=event, user=lead, role=EventRole.Role.LEAD)
    # In the directory, without an account of her own yet.
    leader = LeaderFactory(name="Renata Lakeshore", email="renata@example.org", city="Toledo")
    return {"event": event, "lead": lead, "leader": leader}


@pytest.mark.django_db(transaction=True)
def test_leader_accepts_from_the_email_link_and_rsvps_going_with_a_dietary_need(
    page, live_server, mailoutbox, assert_accessible, invited_event
):
    event, leader = invited_event["event"], invited_event["leader"]
    # The team invites her; the invitation task runs at once in tests and mails the link.
    invitations_create(
        event=event,
        recipients=[(leader.email, leader.name, leader)],
        actor=invited_event["lead"],
    )
    assert [message.to for message in mailoutbox] == [["renata@example.org"]]
    invitation_mail = mailoutbox[0]
    assert event.title in invitation_mail.subject
    path = INVITATION_PATH.search(invitation_mail.body).group(1)

    # She opens it in a browser where nobody is signed in.
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(page.get_by_text("You are invited to")).to_be_visible()
    # Invite-only: the street address is for people going.
    assert "12 Main Street" not in page.content()
    expect(
        page.get_by_text("The exact address is shared with people who are going")
    ).to_be_visible()
    assert_accessible("invitation")

    page.get_by_label(re.compile(r"^Yes")).check()
    page.get_by_label(re.compile(r"^Dietary needs")).fill("Vegetarian, no nuts")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Send my answer").click()
    # A browser sends the form with its real Origin header (the test client does not): a
    # page policy that hides it would make Django's CSRF check refuse every answer.
    assert answer.value.status < 400, f"answering was refused: HTTP {answer.value.status}"

    # The confirmation: she is going, and the page now shows where.
    page.get_by_text("You’re going! A confirmation is on its way to your inbox.").wait_for()
    expect(page.get_by_text("You have a seat.")).to_be_visible()
    expect(page.get_by_text("12 Main Street").first).to_be_visible()
    assert_accessible("event page after accepting")

    rsvp = RSVP.objects.get(event=event, leader=leader)
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.dietary_needs == "Vegetarian, no nuts"
    assert Invitation.objects.get(event=event, email=leader.email).status == "accepted"

    # The confirmation email carries her check-in code and her change/cancel link.
    confirmation = mailoutbox[-1]
    assert len(mailoutbox) == 2
    assert confirmation.to == ["renata@example.org"]
    assert "You're going" in confirmation.subject
    assert rsvp.checkin_code in confirmation.body
    assert f"/events/{event.slug}/rsvp/" in confirmation.body
