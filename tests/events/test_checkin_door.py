"""The check-in desk as a tool for the door: everyone going listed at once (narrowed in the
browser), the whole phone screen, and check-in codes as QR codes in mail and on /me/."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from PIL import Image

from actlocal.delivery import deliver_claimed
from events.deliveries import RSVP_MAIL
from events.models import RSVP, RSVPMail
from events.qr import checkin_qr_png, checkin_qr_svg
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _desk(event):
    return reverse("events:checkin", kwargs={"slug": event.slug})


def _row_names(content: str) -> list[str]:
    return re.findall(r'class="checkin-row[^"]*" data-checkin-match="([^"]*)"', content)


def test_the_desk_lists_everyone_going_at_once_without_typing(checkin_volunteer_client, event):
    RSVPFactory(event=event, leader=LeaderFactory(name="Bea Brown"), checkin_code="BBBBBB")
    RSVPFactory(event=event, leader=LeaderFactory(name="Al Adams"), checkin_code="AAAAAA")
    RSVPFactory(
        event=event,
        leader=LeaderFactory(name="Wes Waiting"),
        status=RSVP.Status.WAITLISTED,
        waitlist_position=1,
    )
    RSVPFactory(event=event, leader=LeaderFactory(name="Dee Declined"), status="declined")

    content = checkin_volunteer_client.get(_desk(event)).content.decode()

    assert _row_names(content)[:2] == ["al adams aaaaaa", "bea brown bbbbbb"]
    assert "wes waiting" in _row_names(content)[-1]
    assert "Dee Declined" not in content
    assert "data-checkin-roster" in content
    assert "3 people on the list." in content
    # The browser narrows the complete list itself: the search box asks the server nothing.
    assert 'hx-get="' + reverse("events:checkin_search", kwargs={"slug": event.slug}) not in content
    assert "js/checkin.js" in content


def test_a_list_too_long_for_the_page_falls_back_to_searching_the_server(
    checkin_volunteer_client, event, monkeypatch
):
    monkeypatch.setattr("events.dashboard.ROSTER_LIMIT", 2)
    for name in ["Al Adams", "Bea Brown", "Cy Cole"]:
        RSVPFactory(event=event, leader=LeaderFactory(name=name))

    content = checkin_volunteer_client.get(_desk(event)).content.decode()

    assert len(_row_names(content)) == 2
    assert "data-checkin-roster" not in content
    assert "search to find the others" in content
    assert 'hx-get="' + reverse("events:checkin_search", kwargs={"slug": event.slug}) in content


def test_clearing_the_htmx_search_shows_the_whole_list_again(team_client, event):
    RSVPFactory(event=event, leader=LeaderFactory(name="Al Adams"))
    url = reverse("events:checkin_search", kwargs={"slug": event.slug})

    content = team_client.get(url, {"q": ""}, **HTMX).content.decode()

    assert "al adams" in content
    assert "1 person on the list." in content


def test_the_desk_takes_the_whole_phone_screen(checkin_volunteer_client, event):
    content = checkin_volunteer_client.get(_desk(event)).content.decode()
    css = (settings.BASE_DIR / "static" / "css" / "actlocal.css").read_text()

    assert '<body class="desk-mode"' in content
    assert re.search(
        r"@media \(max-width: 40rem\) \{\s*\.desk-mode \.site-header, \.desk-mode \.site-footer",
        css,
    )
    assert "Leave the desk" in content


def test_the_scanner_is_offered_only_while_the_desk_is_open(team_client, event):
    assert "data-checkin-scan" in team_client.get(_desk(event)).content.decode()
    event.status = "cancelled"
    event.save(update_fields=["status"])
    assert "data-checkin-scan" not in team_client.get(_desk(event)).content.decode()


@pytest.mark.parametrize("going", [1, 30])
def test_the_desk_list_costs_the_same_queries_for_1_or_30_people(
    checkin_volunteer_client, event, going, django_assert_max_num_queries
):
    RSVPFactory.create_batch(going, event=event)
    checkin_volunteer_client.get(_desk(event))  # warm the session and permission caches
    with django_assert_max_num_queries(9):
        response = checkin_volunteer_client.get(_desk(event))
    assert len(_row_names(response.content.decode())) == going


def test_the_qr_code_holds_only_the_check_in_code():
    png = checkin_qr_png(code="K7PQ2M")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size[0] >= 200
    svg = checkin_qr_svg(code="K7PQ2M", title="Check-in code K7PQ2M")
    assert svg.startswith("<svg") and 'class="checkin-qr"' in svg
    assert "style=" not in svg


def test_the_confirmation_mail_carries_the_qr_code_of_the_seat():
    rsvp = RSVPFactory(event=EventFactory(), checkin_code="K7PQ2M")
    RSVPMail.objects.create(rsvp=rsvp, kind=RSVPMail.Kind.CONFIRMATION)
    deliver_claimed(channel=RSVP_MAIL)

    (message,) = mail.outbox
    (qr,) = [a for a in message.attachments if a.filename == "check-in-code.png"]
    assert qr.mimetype == "image/png"
    assert qr.content == checkin_qr_png(code="K7PQ2M")
    assert "K7PQ2M" in message.body


def test_a_waitlist_mail_has_no_qr_code_to_get_in_with():
    event = EventFactory(capacity=1)
    RSVPFactory(event=event)
    rsvp = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    RSVPMail.objects.create(rsvp=rsvp, kind=RSVPMail.Kind.CONFIRMATION)
    deliver_claimed(channel=RSVP_MAIL)

    (message,) = mail.outbox
    assert not [a for a in message.attachments if a.filename == "check-in-code.png"]


def test_me_shows_my_check_in_code_as_a_qr_code_for_seats_only(member_client, member_user):
    going = EventFactory(title="Spring Convening")
    RSVPFactory(event=going, leader=member_user.leader, checkin_code="K7PQ2M")
    full = EventFactory(title="Small Dinner", capacity=1)
    RSVPFactory(event=full)
    RSVPFactory(
        event=full,
        leader=member_user.leader,
        status=RSVP.Status.WAITLISTED,
        waitlist_position=2,
        checkin_code="W4W4W4",
    )

    content = member_client.get(reverse("me")).content.decode()

    assert content.count('class="checkin-qr"') == 1
    assert "K7PQ2M" in content
    assert "W4W4W4" not in content
