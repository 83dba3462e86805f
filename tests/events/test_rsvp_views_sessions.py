"""Agenda session sign-up: only people going, never beyond a session's capacity."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from events.models import RSVP, SessionSignup
from events.services.sessions import SessionError, session_signup
from events.tokens import rsvp_link_token

from .factories import EventFactory, RSVPFactory, SessionFactory

pytestmark = pytest.mark.django_db


def signup_url(session) -> str:
    return reverse("events:session_signup", kwargs={"slug": session.event.slug, "pk": session.pk})


@pytest.fixture
def workshop(event):
    return SessionFactory(event=event, title="Power Mapping", signup_required=True, capacity=2)


def signed_up(session) -> int:
    return SessionSignup.objects.filter(session=session).count()


def test_attendee_signs_up_and_withdraws(attendee_client, attendee_user, workshop):
    response = attendee_client.post(signup_url(workshop), {"action": "signup"}, follow=True)

    assert signed_up(workshop) == 1
    content = response.content.decode()
    assert "You are signed up for “Power Mapping”." in content
    assert "Withdraw" in content

    attendee_client.post(signup_url(workshop), {"action": "withdraw"})

    assert signed_up(workshop) == 0


def test_signing_up_twice_keeps_one_seat(attendee_client, workshop):
    attendee_client.post(signup_url(workshop), {"action": "signup"})
    attendee_client.post(signup_url(workshop), {"action": "signup"})

    assert signed_up(workshop) == 1


def test_full_session_is_refused_with_400_and_nothing_changes(attendee_client, event, workshop):
    for _n in range(2):
        SessionSignup.objects.create(session=workshop, rsvp=RSVPFactory(event=event))

    response = attendee_client.post(signup_url(workshop), {"action": "signup"})

    assert response.status_code == 400
    assert "This session is full." in response.content.decode()
    assert signed_up(workshop) == 2


def test_seats_of_cancelled_rsvps_are_free_again(attendee_client, event, workshop):
    for _n in range(2):
        rsvp = RSVPFactory(event=event, status=RSVP.Status.CANCELLED)
        SessionSignup.objects.create(session=workshop, rsvp=rsvp)

    response = attendee_client.post(signup_url(workshop), {"action": "signup"})

    assert response.status_code == 302


def test_invitee_not_going_cannot_sign_up(invitee_client, workshop):
    response = invitee_client.post(signup_url(workshop), {"action": "signup"})

    assert response.status_code == 400
    assert "Only people going" in response.content.decode()
    assert signed_up(workshop) == 0


def test_waitlisted_person_cannot_sign_up(attendee_client, attendee_user, workshop):
    RSVP.objects.filter(leader__user=attendee_user).update(
        status=RSVP.Status.WAITLISTED, waitlist_position=1
    )

    response = attendee_client.post(signup_url(workshop), {"action": "signup"})

    assert response.status_code == 400
    assert signed_up(workshop) == 0


def test_anonymous_visitor_is_sent_to_sign_in(anon_client, workshop):
    response = anon_client.post(signup_url(workshop), {"action": "signup"})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert signed_up(workshop) == 0


@pytest.mark.parametrize("role", ["member_client", "other_team_client"])
def test_people_who_may_not_see_the_event_get_404(request, workshop, role):
    client = request.getfixturevalue(role)

    assert client.post(signup_url(workshop), {"action": "signup"}).status_code == 404


def test_get_is_not_allowed(attendee_client, workshop):
    assert attendee_client.get(signup_url(workshop)).status_code == 405


def test_session_of_another_event_is_404(attendee_client, event):
    elsewhere = SessionFactory(signup_required=True)
    url = reverse("events:session_signup", kwargs={"slug": event.slug, "pk": elsewhere.pk})

    assert attendee_client.post(url, {"action": "signup"}).status_code == 404


def test_session_without_sign_up_refuses_with_400(attendee_client, event):
    plenary = SessionFactory(event=event, signup_required=False)

    response = attendee_client.post(signup_url(plenary), {"action": "signup"})

    assert response.status_code == 400
    assert "needs no sign-up" in response.content.decode()


def test_unknown_action_is_400(attendee_client, workshop):
    response = attendee_client.post(signup_url(workshop), {"action": "teleport"})

    assert response.status_code == 400
    assert signed_up(workshop) == 0


def test_overlapping_session_is_refused(attendee_client, event, workshop):
    clash = SessionFactory(
        event=event,
        title="Story Circle",
        signup_required=True,
        starts_at=workshop.starts_at + timedelta(minutes=30),
        ends_at=workshop.ends_at + timedelta(minutes=30),
    )
    attendee_client.post(signup_url(workshop), {"action": "signup"})

    response = attendee_client.post(signup_url(clash), {"action": "signup"})

    assert response.status_code == 400
    assert "already signed up for “Power Mapping” at the same time" in response.content.decode()
    assert signed_up(clash) == 0


def test_sign_up_through_the_signed_link_without_signing_in(anon_client, event, workshop):
    rsvp = RSVPFactory(event=event)
    token = rsvp_link_token(rsvp)

    response = anon_client.post(signup_url(workshop), {"action": "signup", "token": token})

    assert response.status_code == 302
    assert token in response["Location"]
    assert SessionSignup.objects.filter(session=workshop, rsvp=rsvp).exists()


def test_full_session_through_the_link_is_400(anon_client, event, workshop):
    for _n in range(2):
        SessionSignup.objects.create(session=workshop, rsvp=RSVPFactory(event=event))
    rsvp = RSVPFactory(event=event)

    response = anon_client.post(
        signup_url(workshop), {"action": "signup", "token": rsvp_link_token(rsvp)}
    )

    assert response.status_code == 400
    assert "This session is full." in response.content.decode()


def test_forged_token_is_404(anon_client, workshop):
    response = anon_client.post(signup_url(workshop), {"action": "signup", "token": "forged"})

    assert response.status_code == 404


def test_event_page_shows_places_left_and_the_sign_up_button(attendee_client, event, workshop):
    SessionSignup.objects.create(session=workshop, rsvp=RSVPFactory(event=event))

    content = attendee_client.get(event.get_absolute_url()).content.decode()

    assert "1 place left." in content
    assert signup_url(workshop) in content


def _signup_in_own_connection(session, rsvp) -> str:
    try:
        session_signup(session=session, rsvp=rsvp, actor=None)
        return "ok"
    except SessionError:
        return "full"
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_never_exceed_the_session_capacity():
    event = EventFactory(capacity=None)
    session = SessionFactory(event=event, signup_required=True, capacity=3)
    rsvps = [RSVPFactory(event=event) for _n in range(12)]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda r: _signup_in_own_connection(session, r), rsvps))

    assert results.count("ok") == 3
    assert results.count("full") == 9
    assert SessionSignup.objects.filter(session=session).count() == 3


def test_cancelled_event_refuses_session_sign_up(attendee_client, event, workshop):
    event.status = "cancelled"
    event.save()

    response = attendee_client.post(signup_url(workshop), {"action": "signup"})

    assert response.status_code == 400
    assert "not open for sign-ups" in response.content.decode()
    assert signed_up(workshop) == 0
