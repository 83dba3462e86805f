"""People without an account get their mail in the language they answered in (kept on their
profile); an account's saved language always wins."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from actlocal.delivery import deliver_claimed, deliveries_sweep
from directory.models import Leader
from events.services.link_answers import CHANNEL
from events.services.notifications import event_message_create
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db

SPANISH_LINE = "Un mensaje del equipo organizador de"
ENGLISH_LINE = "A message from the organizing team of"
TYPED = {"name": "Nia Newcomer", "email": "nia@example.org", "zip_code": "02139"}


def _confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/events/invitations/confirm/[^/\s]+/)", message.body)[1]


def _message_everyone_going(event, organizer):
    with translation.override("en"):
        event_message_create(
            event=event, audience="going", subject="Parking", body="Lot B.", actor=organizer
        )
    deliveries_sweep()


def test_a_newcomer_who_rsvped_on_the_spanish_page_gets_later_mail_in_spanish(anon_client):
    event = EventFactory(capacity=5, reminders=[])
    url = reverse("events:rsvp_one_step", kwargs={"slug": event.slug})
    anon_client.post(url, TYPED, HTTP_ACCEPT_LANGUAGE="es")
    deliver_claimed(channel=CHANNEL)
    anon_client.post(_confirm_path(mail.outbox[0]), HTTP_ACCEPT_LANGUAGE="es")
    leader = Leader.objects.get(email="nia@example.org")
    assert leader.user is None and leader.language == "es"

    mail.outbox.clear()
    _message_everyone_going(event, UserFactory(language="en", is_staff=True))

    to_nia = [m for m in mail.outbox if "nia@example.org" in m.to]
    (message,) = [m for m in to_nia if "Parking" in m.subject]
    assert SPANISH_LINE in message.body


def test_a_profile_language_set_by_staff_decides_mail_without_an_account():
    event = EventFactory()
    spanish = LeaderFactory(user=None, email="ana@example.org", language="es")
    RSVPFactory(event=event, leader=spanish)
    RSVPFactory(event=event, leader=LeaderFactory(user=None, email="bo@example.org"))

    _message_everyone_going(event, UserFactory(language="en", is_staff=True))

    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert SPANISH_LINE in by_address["ana@example.org"]
    assert ENGLISH_LINE in by_address["bo@example.org"]


def test_the_accounts_saved_language_wins_over_the_profiles():
    event = EventFactory()
    user = UserFactory(language="en", email="cy@example.org")
    RSVPFactory(event=event, leader=LeaderFactory(user=user, email=user.email, language="es"))

    _message_everyone_going(event, UserFactory(language="es", is_staff=True))

    (message,) = mail.outbox
    assert ENGLISH_LINE in message.body
