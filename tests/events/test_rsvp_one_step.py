"""One-step RSVP on a public event's page: typed, mailed, confirmed, seated; no enumeration."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from actlocal.delivery import deliver_claimed
from directory.models import Leader
from events.models import RSVP, Event, LinkAnswer
from events.services.link_answers import CHANNEL
from events.services.removal import event_person_remove
from tests.actlocal.test_cache_outage import DOWN
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, QuestionFactory, RSVPFactory

pytestmark = pytest.mark.django_db

TYPED = {"name": "Nia Newcomer", "email": "nia@example.org", "zip_code": "02139"}
CHECK_MAIL = b"Check your mail"


def _post_url(event) -> str:
    return reverse("events:rsvp_one_step", kwargs={"slug": event.slug})


def _confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/events/invitations/confirm/[^/\s]+/)", message.body)[1]


def _without_csrf(response) -> bytes:
    # The CSRF token is masked afresh on every response; everything else must match.
    return re.sub(rb'"X-CSRFToken": "[^"]+"', b"", response.content)


def _type(client, event, data=TYPED):
    response = client.post(_post_url(event), data)
    deliver_claimed(channel=CHANNEL)
    return response


@pytest.fixture
def public_event(db):
    return EventFactory(title="Riverside Cleanup", capacity=2, reminders=[])


def test_a_visitor_sees_name_email_zip_and_the_questions_on_a_public_event(
    anon_client, public_event
):
    QuestionFactory(event=public_event, label="Which shift suits you?")

    content = anon_client.get(public_event.get_absolute_url()).content.decode()

    assert f'action="{_post_url(public_event)}"' in content
    for field in ("name", "email", "zip_code"):
        assert f'name="{field}"' in content
    assert "Which shift suits you?" in content


def test_an_invite_only_event_offers_no_one_step_form_and_refuses_its_post(anon_client):
    event = EventFactory(visibility=Event.Visibility.INVITE_ONLY)

    assert anon_client.post(_post_url(event), TYPED).status_code == 404
    assert not LinkAnswer.objects.exists()


def test_typing_keeps_the_answer_and_mails_it_touching_no_profile(anon_client, public_event):
    response = _type(anon_client, public_event)

    assert response.status_code == 200
    assert CHECK_MAIL in response.content
    answer = LinkAnswer.objects.get()
    assert (answer.link, answer.email, answer.zip_code) == (None, "nia@example.org", "02139")
    assert not Leader.objects.filter(email="nia@example.org").exists()
    assert not RSVP.objects.exists()
    assert [message.to for message in mail.outbox] == [["nia@example.org"]]
    assert "Someone RSVPed to Riverside Cleanup" in mail.outbox[0].body


def test_the_page_after_typing_is_the_same_for_known_new_and_removed_addresses(
    anon_client, public_event
):
    LeaderFactory(email="known@example.org", name="Kim Known")
    removed = LeaderFactory(email="gone@example.org", name="Gil Gone")
    RSVPFactory(event=public_event, leader=removed, status=RSVP.Status.GOING)
    event_person_remove(event=public_event, leader=removed, email=removed.email, actor=None)

    pages = {
        email: _without_csrf(anon_client.post(_post_url(public_event), {**TYPED, "email": email}))
        for email in ("known@example.org", "new@example.org", "gone@example.org")
    }

    assert len(set(pages.values())) == 1
    assert b"Kim Known" not in pages["known@example.org"]


def test_following_the_mail_creates_an_organizers_only_profile_and_takes_the_seat(
    anon_client, public_event
):
    _type(anon_client, public_event)
    path = _confirm_path(mail.outbox[0])
    assert anon_client.get(path).status_code == 200  # a mail scanner's GET changes nothing
    assert not RSVP.objects.exists()

    response = anon_client.post(path, follow=True)

    leader = Leader.objects.get(email="nia@example.org")
    assert (leader.name, leader.zip_code) == ("Nia Newcomer", "02139")
    assert leader.visibility == Leader.Visibility.ORGANIZERS
    rsvp = RSVP.objects.get(event=public_event, leader=leader)
    assert rsvp.status == RSVP.Status.GOING
    assert b"You have a seat." in response.content
    assert anon_client.post(path).status_code == 410  # the link works once


def test_confirming_an_existing_address_seats_that_profile_unchanged(anon_client, public_event):
    known = LeaderFactory(email="nia@example.org", name="Nia Known", zip_code="10001")
    _type(anon_client, public_event)

    anon_client.post(_confirm_path(mail.outbox[0]))

    known.refresh_from_db()
    assert (known.name, known.zip_code) == ("Nia Known", "10001")
    assert Leader.objects.filter(email="nia@example.org").count() == 1
    assert RSVP.objects.get(event=public_event).leader == known


def test_a_full_event_puts_the_confirmed_answer_on_the_waitlist(anon_client, public_event):
    RSVPFactory.create_batch(2, event=public_event, status=RSVP.Status.GOING)
    _type(anon_client, public_event)

    anon_client.post(_confirm_path(mail.outbox[0]))

    rsvp = RSVP.objects.get(event=public_event, leader__email="nia@example.org")
    assert rsvp.status == RSVP.Status.WAITLISTED


def test_a_removed_person_confirming_is_refused_and_nothing_changes(anon_client, public_event):
    removed = LeaderFactory(email="nia@example.org")
    RSVPFactory(event=public_event, leader=removed, status=RSVP.Status.GOING)
    event_person_remove(event=public_event, leader=removed, email=removed.email, actor=None)
    # The mail goes out as for anyone (the typing page must not tell); the seat does not.
    _type(anon_client, public_event)

    response = anon_client.post(_confirm_path(mail.outbox[0]))

    assert response.status_code == 400
    assert not RSVP.objects.filter(event=public_event, leader=removed, status="going").exists()
    assert LinkAnswer.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", b"Enter a valid email address."),
        ("zip_code", "123", b"Enter a five-digit US ZIP code"),
        ("zip_code", "00000", b"We could not find the ZIP code 00000"),
        ("name", "", b"This field is required."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_kept(
    anon_client, public_event, field, value, message
):
    response = _type(anon_client, public_event, {**TYPED, field: value})

    assert response.status_code == 400
    assert message in response.content
    assert not LinkAnswer.objects.exists()
    assert not mail.outbox


def test_a_required_question_must_be_answered(anon_client, public_event):
    question = QuestionFactory(event=public_event, label="T-shirt size", required=True)

    response = _type(anon_client, public_event)
    assert response.status_code == 400
    assert not LinkAnswer.objects.exists()

    _type(anon_client, public_event, {**TYPED, f"question_{question.pk}": "M"})
    assert LinkAnswer.objects.get().answers == {str(question.pk): "M"}


@override_settings(ONE_STEP_RSVP_RATE="2/h/ip")
def test_too_many_answers_from_one_client_are_refused_without_saying_whose(
    anon_client, public_event
):
    for n in range(2):
        _type(anon_client, public_event, {**TYPED, "email": f"p{n}@example.org"})

    response = _type(anon_client, public_event, {**TYPED, "email": "p3@example.org"})

    assert response.status_code == 429
    assert b"Too many answers" in response.content
    assert LinkAnswer.objects.count() == 2
    assert len(mail.outbox) == 2


@override_settings(ONE_STEP_RSVP_RATE="1/h/ip", CACHES=DOWN)
def test_the_rate_limit_fails_open_when_the_cache_is_down(anon_client, public_event):
    from django.core.cache import cache

    cache.outage.down_until = 0.0
    for n in range(3):
        assert (
            _type(anon_client, public_event, {**TYPED, "email": f"p{n}@example.org"}).status_code
            == 200
        )

    assert LinkAnswer.objects.count() == 3


def test_a_member_says_yes_in_one_click_from_the_event_page(member_client, public_event):
    content = member_client.get(public_event.get_absolute_url()).content.decode()
    assert 'name="going" value="yes"' in content

    response = member_client.post(
        reverse("events:rsvp", kwargs={"slug": public_event.slug}), {"going": "yes"}
    )

    assert response.status_code == 302
    assert RSVP.objects.get(event=public_event, leader__email="member@example.org").status == (
        RSVP.Status.GOING
    )


def test_a_member_posting_the_visitor_form_is_sent_to_their_own_rsvp(member_client, public_event):
    response = member_client.post(_post_url(public_event), TYPED)

    assert response.status_code == 302
    assert response["Location"] == reverse("events:rsvp", kwargs={"slug": public_event.slug})
    assert not LinkAnswer.objects.exists()
