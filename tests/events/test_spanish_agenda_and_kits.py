"""Spanish versions of an event's agenda, RSVP questions, mail texts and kit note: shown to
Spanish readers, mailed to Spanish recipients, and carried by kits to the events made from them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from actlocal.delivery import deliver_claimed, deliveries_sweep
from events.deliveries import RSVP_MAIL
from events.forms.rsvp import RSVPForm
from events.models import RSVP, Event, InvitationDelivery, Question, RSVPMail, Session
from events.services.agenda import SetupError, question_save
from events.services.kits import event_create_from_kit, kit_save_from_event
from events.services.reminders import reminders_send_due
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, InvitationFactory, QuestionFactory, RSVPFactory, SessionFactory
from .test_agenda import agenda_url, session_payload
from .test_setup_event import edit_payload

pytestmark = pytest.mark.django_db


def _page(event, language: str) -> str:
    return Client().get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _spanish_leader(email: str = "ana@example.org"):
    return LeaderFactory(user=None, name="Ana Ruiz", email=email, language="es")


def _english_leader(email: str = "bo@example.org"):
    return LeaderFactory(user=None, name="Bo Lee", email=email, language="en")


# --- agenda -------------------------------------------------------------------------------------


def test_spanish_readers_see_the_agenda_in_spanish_and_others_the_original():
    event = EventFactory(visibility=Event.Visibility.PUBLIC)
    SessionFactory(
        event=event,
        title="Power mapping",
        title_es="Mapa de poder",
        description="Who decides.",
        description_es="Quién decide.",
    )
    SessionFactory(event=event, title="Lunch", description="Tacos.")

    # English first: the page and its fragments are cached per language, so the Spanish
    # reader after an English one never gets the English rendering (nor the reverse).
    english, spanish, english_again = _page(event, "en"), _page(event, "es"), _page(event, "en")

    assert "<h3>Power mapping</h3>" in english_again and "Mapa de poder" not in english_again
    assert "<h3>Mapa de poder</h3>" in spanish and "Quién decide." in spanish
    assert "Who decides." not in spanish
    assert "<h3>Lunch</h3>" in spanish and "Tacos." in spanish  # no Spanish version: original
    assert "<h3>Power mapping</h3>" in english and "Who decides." in english
    assert "Mapa de poder" not in english and "Quién decide." not in english


def test_the_team_writes_a_sessions_spanish_texts_on_the_agenda_page(team_client, event):
    page = team_client.get(agenda_url(event)).content.decode()
    assert 'name="title_es"' in page and 'name="description_es"' in page

    payload = session_payload(event, title_es="Mapa de poder", description_es="Quién decide.")
    assert team_client.post(agenda_url(event), payload).status_code == 302

    session = Session.objects.get(event=event)
    assert (session.title_es, session.description_es) == ("Mapa de poder", "Quién decide.")


# --- RSVP questions -----------------------------------------------------------------------------


def _track_question(event, **overrides) -> Question:
    values = {
        "label": "Which track?",
        "label_es": "¿Qué programa?",
        "kind": Question.Kind.CHOICE,
        "choices": "Housing\nHealth\nSchools",
        "choices_es": "Vivienda\nSalud",
    }
    return QuestionFactory(event=event, **{**values, **overrides})


def test_the_rsvp_form_asks_spanish_readers_in_spanish_and_keeps_the_original_values():
    event = EventFactory(visibility=Event.Visibility.PUBLIC)
    question = _track_question(event)
    name = RSVPForm.question_field_name(question)

    with translation.override("es"):
        spanish = RSVPForm(event=event).fields[name]
    with translation.override("en"):
        english = RSVPForm(event=event).fields[name]

    assert spanish.label == "¿Qué programa?"
    # Values stay the original choices; "Schools" has no Spanish line and shows as it is.
    assert spanish.choices[1:] == [
        ("Housing", "Vivienda"),
        ("Health", "Salud"),
        ("Schools", "Schools"),
    ]
    assert english.label == "Which track?"
    assert english.choices[1:] == [
        ("Housing", "Housing"),
        ("Health", "Health"),
        ("Schools", "Schools"),
    ]


def test_an_answer_given_in_spanish_is_stored_as_the_original_choice():
    event = EventFactory(visibility=Event.Visibility.PUBLIC)
    question = _track_question(event)
    name = RSVPForm.question_field_name(question)
    with translation.override("es"):
        form = RSVPForm({"going": "yes", name: "Health"}, event=event)
        assert form.is_valid(), form.errors
    assert form.details().answers == {question.answer_key: "Health"}


def test_the_team_writes_a_questions_spanish_texts_and_repeats_drop_with_their_line(
    team_client, event
):
    url = reverse("events:questions", kwargs={"slug": event.slug})
    assert 'name="choices_es"' in team_client.get(url).content.decode()

    payload = {
        "action": "save",
        "label": "Which track?",
        "label_es": "¿Qué programa?",
        "kind": "choice",
        "choices": "Housing\nHealth\nHousing\nSchools",
        "choices_es": "Vivienda\nSalud\nVivienda otra vez\nEscuelas",
    }
    assert team_client.post(url, payload).status_code == 302

    question = Question.objects.get(event=event)
    assert question.label_es == "¿Qué programa?"
    assert question.choices.splitlines() == ["Housing", "Health", "Schools"]
    assert question.choices_es.splitlines() == ["Vivienda", "Salud", "Escuelas"]


def test_more_spanish_choices_than_choices_are_refused_and_nothing_is_saved(team_client, event):
    url = reverse("events:questions", kwargs={"slug": event.slug})
    payload = {
        "action": "save",
        "label": "Which track?",
        "kind": "choice",
        "choices": "Housing\nHealth",
        "choices_es": "Vivienda\nSalud\nEscuelas",
    }
    response = team_client.post(url, payload)
    assert response.status_code == 400
    assert "one Spanish line per choice" in response.content.decode()
    assert not Question.objects.exists()
    with pytest.raises(SetupError):
        question_save(event=event, actor=None, data={**payload_fields(payload)})
    assert not Question.objects.exists()


def payload_fields(payload: dict) -> dict:
    return {key: value for key, value in payload.items() if key != "action"}


# --- mail texts ---------------------------------------------------------------------------------


def _confirm(rsvp) -> None:
    RSVPMail.objects.create(rsvp_id=rsvp.pk, kind=RSVPMail.Kind.CONFIRMATION)
    deliver_claimed(channel=RSVP_MAIL)


def test_the_confirmation_mail_carries_the_text_in_the_recipients_language(mailoutbox):
    event = EventFactory(
        confirmation_text="Bring a water bottle.", confirmation_text_es="Traiga una botella."
    )
    spanish = RSVPFactory(event=event, leader=_spanish_leader(), status=RSVP.Status.GOING)
    english = RSVPFactory(event=event, leader=_english_leader(), status=RSVP.Status.GOING)

    with translation.override("en"):  # the sender's language never decides
        _confirm(spanish)
        _confirm(english)

    by_address = {m.to[0]: m for m in mailoutbox}
    to_ana, to_bo = by_address["ana@example.org"], by_address["bo@example.org"]
    assert "Traiga una botella." in to_ana.body and "Bring a water bottle." not in to_ana.body
    assert "Traiga una botella." in to_ana.alternatives[0][0]
    assert "Bring a water bottle." in to_bo.body and "Traiga" not in to_bo.body


def test_without_a_spanish_confirmation_text_spanish_recipients_get_the_original(mailoutbox):
    event = EventFactory(confirmation_text="Bring a water bottle.")
    _confirm(RSVPFactory(event=event, leader=_spanish_leader(), status=RSVP.Status.GOING))
    (message,) = mailoutbox
    assert "Bring a water bottle." in message.body


def test_the_invitation_mail_carries_the_spanish_invitation_text(mailoutbox):
    event = EventFactory(
        invitation_text="Come plan with us.", invitation_text_es="Venga a planear."
    )
    for leader in (_spanish_leader(), _english_leader()):
        invitation = InvitationFactory(event=event, email=leader.email, leader=leader, name="")
        InvitationDelivery.objects.create(invitation=invitation)

    deliveries_sweep()

    by_address = {m.to[0]: m.body for m in mailoutbox}
    assert "Venga a planear." in by_address["ana@example.org"]
    assert "Come plan with us." in by_address["bo@example.org"]
    assert "Venga" not in by_address["bo@example.org"]


def test_the_invitation_page_shows_the_spanish_invitation_text(invitee_user, event):
    event.invitation_text, event.invitation_text_es = "Come plan with us.", "Venga a planear."
    event.title_es = "Encuentro de Springfield"
    event.save()
    invitation = event.invitations.get(email=invitee_user.email)
    url = invitation.get_absolute_url()
    spanish = Client().get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Venga a planear." in spanish and "<h1>Encuentro de Springfield</h1>" in spanish
    assert "Come plan with us." in english and "Venga" not in english


def test_the_reminder_carries_the_spanish_reminder_text(mailoutbox):
    now = timezone.now()
    event = EventFactory(
        starts_at=now + timedelta(hours=10),
        ends_at=now + timedelta(hours=13),
        reminder_text="Doors open at 8:30.",
        reminder_text_es="Las puertas abren a las 8:30.",
        reminders=[24],
    )
    for leader in (_spanish_leader(), _english_leader()):
        RSVPFactory(event=event, leader=leader, created_at=now - timedelta(days=3))

    assert reminders_send_due(now=now) == 2
    deliveries_sweep()

    by_address = {m.to[0]: m.body for m in mailoutbox}
    assert "Las puertas abren a las 8:30." in by_address["ana@example.org"]
    assert "Doors open at 8:30." in by_address["bo@example.org"]


def test_a_message_to_attendees_goes_out_in_each_recipients_language(team_client, event):
    for leader in (_spanish_leader(), _english_leader()):
        RSVPFactory(event=event, leader=leader, status=RSVP.Status.GOING)
    url = reverse("events:message", kwargs={"slug": event.slug})
    assert 'name="body_es"' in team_client.get(url).content.decode()

    response = team_client.post(
        url,
        {
            "audience": "going",
            "subject": "Parking",
            "body": "Use lot B.",
            "subject_es": "Estacionamiento",
            "body_es": "Use el lote B.",
        },
    )
    assert response.status_code == 302
    deliveries_sweep()

    by_address = {m.to[0]: m for m in mail.outbox}
    to_ana, to_bo = by_address["ana@example.org"], by_address["bo@example.org"]
    assert "Estacionamiento" in to_ana.subject and "Use el lote B." in to_ana.body
    assert "Use the lot B." not in to_ana.body and "Use lot B." not in to_ana.body
    assert "Use el lote B." in to_ana.alternatives[0][0]
    assert "Parking" in to_bo.subject and "Use lot B." in to_bo.body
    assert "lote" not in to_bo.body


# --- kits ---------------------------------------------------------------------------------------


@pytest.fixture
def spanish_source(organizer_user):
    event = EventFactory(
        title="Brooklyn Convening",
        description="A day together.",
        description_es="Un día juntos.",
        invitation_text="Join us.",
        invitation_text_es="Acompáñenos.",
        confirmation_text="See you there.",
        confirmation_text_es="Nos vemos allí.",
        reminder_text="Coming up soon.",
        reminder_text_es="Ya falta poco.",
    )
    SessionFactory(
        event=event,
        title="Power mapping",
        title_es="Mapa de poder",
        description="Who decides.",
        description_es="Quién decide.",
    )
    _track_question(event)
    EventFactory(
        parent=event,
        title="Dinner",
        title_es="Cena",
        kind=Event.Kind.DINNER,
        starts_at=event.starts_at + timedelta(hours=8),
        ends_at=event.starts_at + timedelta(hours=10),
    )
    return event


SPANISH_TEXTS = ("description_es", "invitation_text_es", "confirmation_text_es", "reminder_text_es")


def test_a_kit_carries_every_spanish_version_into_the_events_made_from_it(
    spanish_source, organizer_user
):
    kit = kit_save_from_event(
        event=spanish_source,
        title="Convening kit",
        contents="The whole day.",
        contents_es="El día completo.",
        actor=organizer_user,
    )
    assert kit.kit_contents_es == "El día completo."
    event = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Dayton Convening",
        starts_at=timezone.now() + timedelta(days=30),
        time_zone="America/Chicago",
        city="Dayton",
        state="OH",
    )

    for name in SPANISH_TEXTS:
        assert getattr(event, name) == getattr(spanish_source, name), name
    assert event.kit_contents_es == ""  # the kit's note never reaches its events
    (session,) = event.sessions.all()
    assert (session.title_es, session.description_es) == ("Mapa de poder", "Quién decide.")
    (question,) = event.questions.all()
    assert (question.label_es, question.choices_es) == ("¿Qué programa?", "Vivienda\nSalud")
    (dinner,) = event.followups.all()
    assert (dinner.title, dinner.title_es) == ("Dinner", "Cena")
    assert event.title_es == ""  # a new title, typed for the new event


def test_the_kit_list_shows_the_kits_note_in_the_readers_language(
    organizer_client, spanish_source, organizer_user
):
    kit_save_from_event(
        event=spanish_source,
        title="Convening kit",
        contents="The whole day.",
        contents_es="El día completo.",
        actor=organizer_user,
    )
    url = reverse("events:kit_list")
    spanish = organizer_client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "El día completo." in spanish and "The whole day." not in spanish
    english = organizer_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The whole day." in english and "El día completo." not in english


def test_the_kit_pages_take_the_spanish_note(team_client, event):
    team_client.post(
        reverse("events:kit_save", kwargs={"slug": event.slug}),
        {"title": "City kit", "contents": "The whole day.", "contents_es": " El día completo. "},
    )
    kit = Event.objects.get(is_template=True, title="City kit")
    assert kit.kit_contents_es == "El día completo."
    edit = reverse("events:edit", kwargs={"slug": kit.slug})
    page = team_client.get(edit).content.decode()
    assert 'name="kit_contents_es"' in page and 'name="invitation_text_es"' in page

    payload = edit_payload(
        kit,
        kit_contents="Agenda and dinner.",
        kit_contents_es="Agenda y cena.",
        invitation_text_es="Acompáñenos.",
    )
    assert team_client.post(edit, payload).status_code == 302
    kit.refresh_from_db()
    assert (kit.kit_contents, kit.kit_contents_es) == ("Agenda and dinner.", "Agenda y cena.")
    assert kit.invitation_text_es == "Acompáñenos."
