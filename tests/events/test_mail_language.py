"""Event mail reaches each person in their own language, never in the sender's."""

import pytest
from django.utils import translation

from actlocal.delivery import deliveries_sweep
from directory.models import Leader
from events.emails.nominations import send_nomination_to_team
from events.models import RSVP, EventRole, Nomination, RSVPMail
from events.services.notifications import event_message_create
from events.services.rsvps import rsvp_respond
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, EventRoleFactory, RSVPFactory

pytestmark = pytest.mark.django_db

SPANISH_LINE = "Un mensaje del equipo organizador de"
ENGLISH_LINE = "A message from the organizing team of"


def _attendee(event, *, language: str = "", account: bool = True) -> RSVP:
    user = UserFactory(language=language) if account else None
    leader = LeaderFactory(user=user, email=user.email if user else "walkup@example.org")
    return RSVPFactory(event=event, leader=leader, status=RSVP.Status.GOING)


def _mail_to(mailoutbox, address: str):
    (found,) = [message for message in mailoutbox if address in message.to]
    return found


def test_an_english_organizers_message_reaches_a_spanish_attendee_in_spanish(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Town hall")
    organizer = UserFactory(language="en")
    EventRoleFactory(event=event, user=organizer, role=EventRole.Role.LEAD)
    spanish = _attendee(event, language="es")
    english = _attendee(event, language="en")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        event_message_create(
            event=event, audience="going", subject="Parking", body="Lot B.", actor=organizer
        )

    to_spanish = _mail_to(mailoutbox, spanish.leader.email)
    assert SPANISH_LINE in to_spanish.body
    assert SPANISH_LINE in to_spanish.alternatives[0][0]  # the HTML part too
    assert 'lang="es"' in to_spanish.alternatives[0][0]
    to_english = _mail_to(mailoutbox, english.leader.email)
    assert ENGLISH_LINE in to_english.body and SPANISH_LINE not in to_english.body


def test_a_spanish_organizer_never_decides_the_language_of_someone_without_a_preference(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Town hall")
    organizer = UserFactory(language="es")
    EventRoleFactory(event=event, user=organizer, role=EventRole.Role.LEAD)
    no_preference = _attendee(event, account=False)

    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        event_message_create(
            event=event, audience="going", subject="Parking", body="Lot B.", actor=organizer
        )

    assert ENGLISH_LINE in _mail_to(mailoutbox, no_preference.leader.email).body


def test_someone_answering_in_spanish_gets_their_confirmation_stamped_spanish():
    event = EventFactory()
    leader = LeaderFactory(user=None)
    with translation.override("es"):
        rsvp_respond(event=event, leader=leader, actor=None, going=True)
    assert RSVPMail.objects.get(rsvp__leader=leader).language == "es"


def test_an_organizer_answering_for_someone_stamps_no_language():
    event = EventFactory()
    organizer = UserFactory()
    leader = LeaderFactory(user=UserFactory())
    with translation.override("es"):
        rsvp_respond(event=event, leader=leader, actor=organizer, going=True)
    assert RSVPMail.objects.get(rsvp__leader=leader).language == ""


def test_the_stamped_language_is_used_when_the_recipient_saved_none(mailoutbox):
    event = EventFactory(title="Town hall")
    leader = LeaderFactory(user=None)
    with translation.override("es"):
        rsvp_respond(event=event, leader=leader, actor=None, going=True)
    with translation.override("en"):
        assert deliveries_sweep().sent >= 1
    mail = _mail_to(mailoutbox, leader.email)
    assert 'lang="es"' in mail.alternatives[0][0]


def test_a_nomination_reaches_each_organizer_in_their_own_language(mailoutbox):
    event = EventFactory(title="Town hall")
    spanish = UserFactory(language="es")
    english = UserFactory(language="")
    EventRoleFactory(event=event, user=spanish, role=EventRole.Role.LEAD)
    EventRoleFactory(event=event, user=english, role=EventRole.Role.CO_ORGANIZER)
    nominator = LeaderFactory(visibility=Leader.Visibility.MEMBERS)
    nomination = Nomination.objects.create(
        event=event, nominated_by=nominator, name="Rosa", email="rosa@example.org", reason="Why"
    )

    with translation.override("en"):
        assert send_nomination_to_team(nomination=nomination) == 2

    assert "Por qué esta persona:" in _mail_to(mailoutbox, spanish.email).body
    assert "Why them:" in _mail_to(mailoutbox, english.email).body
