"""RSVP mail: confirmation, waitlist notice, cancellation and promotion, each with its .ics."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import resolve

from actlocal.delivery import deliver_claimed
from events.deliveries import RSVP_MAIL
from events.models import RSVP, Event, RSVPMail
from events.services.rsvps import rsvp_cancel
from events.tokens import rsvp_from_link_token
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory
from .icalparse import parse

pytestmark = pytest.mark.django_db


def send_rsvp_confirmation(*, rsvp_pk: int) -> None:
    """Queue the confirmation as the RSVP service does and run the delivery loop."""
    RSVPMail.objects.create(rsvp_id=rsvp_pk, kind=RSVPMail.Kind.CONFIRMATION)
    deliver_claimed(channel=RSVP_MAIL)


def send_waitlist_promotion(*, rsvp_pk: int) -> None:
    RSVPMail.objects.create(rsvp_id=rsvp_pk, kind=RSVPMail.Kind.PROMOTION)
    deliver_claimed(channel=RSVP_MAIL)


def calendar_of(message):
    """The parsed .ics attachment of a mail and its declared content type."""
    (attachment,) = [a for a in message.attachments if a.filename.endswith(".ics")]
    content = attachment.content
    data = content.encode() if isinstance(content, str) else content
    return parse(data), attachment.mimetype


def manage_link_in(body: str) -> str:
    for word in body.split():
        if word.startswith(settings.SITE_URL) and "/rsvp/" in word:
            return word
    raise AssertionError("no change/cancel link in the mail")


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def la_event():
    return EventFactory(
        title="Westside Convening",
        time_zone="America/Los_Angeles",
        starts_at=datetime(2030, 7, 10, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 7, 11, 0, 0, tzinfo=UTC),
        visibility=Event.Visibility.INVITE_ONLY,
        address="500 Sunset Blvd",
        confirmation_text="Bring a water bottle; lunch is provided.",
        capacity=1,
    )


def test_going_confirmation_has_local_time_address_code_text_link_and_an_accepted_ics(
    la_event, mailoutbox
):
    leader = LeaderFactory(name="Rosa Ruiz", email="rosa@example.org")
    rsvp = RSVPFactory(event=la_event, leader=leader, status=RSVP.Status.GOING)

    send_rsvp_confirmation(rsvp_pk=rsvp.pk)

    (message,) = mailoutbox
    assert message.to == ["rosa@example.org"]
    assert "Westside Convening" in message.subject
    assert "Wednesday, July 10, 2030, 10:00 AM" in message.body  # Los Angeles time, not UTC
    assert "PDT" in message.body
    assert "500 Sunset Blvd" in message.body
    assert rsvp.checkin_code in message.body
    assert "Bring a water bottle; lunch is provided." in message.body
    link = manage_link_in(message.body)
    match = resolve(urlsplit(link).path)
    assert match.url_name == "rsvp_link"
    assert rsvp_from_link_token(match.kwargs["token"]) == rsvp
    assert link in html_of(message)
    calendar, mimetype = calendar_of(message)
    assert mimetype.startswith("text/calendar")
    assert "method=REQUEST" in mimetype
    assert calendar.value("METHOD") == "REQUEST"
    (vevent,) = calendar.find("VEVENT")
    assert vevent.get("ATTENDEE").params["PARTSTAT"] == "ACCEPTED"
    assert "500 Sunset Blvd" in vevent.text("LOCATION")


def test_waitlist_notice_gives_the_place_in_line_a_tentative_ics_and_no_private_address(
    la_event, mailoutbox
):
    RSVPFactory(event=la_event, status=RSVP.Status.GOING)
    RSVPFactory(event=la_event, status=RSVP.Status.CANCELLED)
    RSVPFactory(event=la_event, status=RSVP.Status.WAITLISTED, waitlist_position=3)
    second = RSVPFactory(event=la_event, status=RSVP.Status.WAITLISTED, waitlist_position=7)

    send_rsvp_confirmation(rsvp_pk=second.pk)

    (message,) = mailoutbox
    assert "waitlist" in message.subject
    assert "position 2" in message.body
    assert "500 Sunset Blvd" not in message.body
    assert "500 Sunset Blvd" not in html_of(message)
    assert rsvp_from_link_token(manage_link_in(message.body).rstrip("/").split("/")[-1]) == second
    calendar, mimetype = calendar_of(message)
    assert "method=REQUEST" in mimetype
    (vevent,) = calendar.find("VEVENT")
    assert vevent.value("STATUS") == "TENTATIVE"
    assert vevent.get("ATTENDEE").params["PARTSTAT"] == "TENTATIVE"
    assert vevent.all("LOCATION") == []


@pytest.mark.parametrize("status", [RSVP.Status.CANCELLED, RSVP.Status.DECLINED])
def test_a_cancelled_or_declined_rsvp_gets_a_cancellation_ics(la_event, mailoutbox, status):
    rsvp = RSVPFactory(event=la_event, status=status)

    send_rsvp_confirmation(rsvp_pk=rsvp.pk)

    (message,) = mailoutbox
    calendar, mimetype = calendar_of(message)
    assert "method=CANCEL" in mimetype
    assert calendar.value("METHOD") == "CANCEL"
    (vevent,) = calendar.find("VEVENT")
    assert vevent.value("STATUS") == "CANCELLED"
    assert vevent.get("ATTENDEE").params["PARTSTAT"] == "DECLINED"
    assert "500 Sunset Blvd" not in message.body


def test_cancelling_a_seat_promotes_the_next_person_and_mails_them_their_seat(
    la_event, mailoutbox, django_capture_on_commit_callbacks
):
    seated = RSVPFactory(event=la_event, status=RSVP.Status.GOING)
    waiting = RSVPFactory(
        event=la_event,
        status=RSVP.Status.WAITLISTED,
        waitlist_position=1,
        leader=LeaderFactory(email="next@example.org"),
    )

    with django_capture_on_commit_callbacks(execute=True):
        rsvp_cancel(rsvp=seated, actor=None)

    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.GOING
    (message,) = mailoutbox
    assert message.to == ["next@example.org"]
    assert "seat opened up" in message.subject
    assert waiting.checkin_code in message.body
    assert "500 Sunset Blvd" in message.body  # going now, so the address is theirs to see
    assert rsvp_from_link_token(manage_link_in(message.body).rstrip("/").split("/")[-1])
    calendar, _mimetype = calendar_of(message)
    (vevent,) = calendar.find("VEVENT")
    assert vevent.value("STATUS") == "CONFIRMED"
    assert vevent.get("ATTENDEE").params["PARTSTAT"] == "ACCEPTED"


def test_no_promotion_mail_when_the_person_is_no_longer_going(la_event, mailoutbox):
    rsvp = RSVPFactory(event=la_event, status=RSVP.Status.CANCELLED)

    send_waitlist_promotion(rsvp_pk=rsvp.pk)

    assert mailoutbox == []
    assert RSVPMail.objects.get().last_error == "no longer going"


def test_no_mail_for_a_leader_without_an_email_address(la_event, mailoutbox):
    rsvp = RSVPFactory(event=la_event, leader=LeaderFactory(email=""))

    send_rsvp_confirmation(rsvp_pk=rsvp.pk)

    assert mailoutbox == []
    assert RSVPMail.objects.get().cancelled_at is not None


def test_team_texts_are_escaped_in_the_html_part(mailoutbox):
    event = EventFactory(confirmation_text="<script>alert(1)</script> & see you")
    rsvp = RSVPFactory(event=event)

    send_rsvp_confirmation(rsvp_pk=rsvp.pk)

    (message,) = mailoutbox
    assert "<script>" not in html_of(message)
    assert "&lt;script&gt;" in html_of(message)
    assert "<script>alert(1)</script> & see you" in message.body  # plain text stays plain


def test_an_event_spanning_two_days_shows_both_dates(mailoutbox):
    start = datetime(2030, 3, 1, 23, 0, tzinfo=UTC)
    event = EventFactory(
        time_zone="America/New_York", starts_at=start, ends_at=start + timedelta(days=1)
    )

    send_rsvp_confirmation(rsvp_pk=RSVPFactory(event=event).pk)

    (message,) = mailoutbox
    assert "Friday, March 1, 2030, 6:00 PM" in message.body
    assert "Saturday, March 2, 2030, 6:00 PM" in message.body
    assert "EST" in message.body
