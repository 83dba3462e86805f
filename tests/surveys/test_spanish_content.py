"""A survey's texts may carry a Spanish version; the answers stay the same values."""

import pytest
from django.test import Client
from django.utils import timezone

from surveys.errors import SurveyError
from surveys.links import survey_link_path
from surveys.services.surveys import question_add
from tests.events.factories import RSVPFactory

from .factories import PostEventSurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return PostEventSurveyFactory(
        title="How was it?", title_es="¿Qué le pareció?", intro="Thanks!", intro_es="¡Gracias!"
    )


def _link(survey, leader):
    return survey_link_path(survey_slug=survey.slug, survey_pk=survey.pk, leader_pk=leader.pk)


def test_a_choice_question_takes_spanish_labels_in_the_same_order(survey):
    question = question_add(
        survey=survey,
        actor=None,
        kind="single",
        label="Top priority?",
        label_es="¿Prioridad principal?",
        choices_text="Housing\nHealth care",
        choices_text_es="Vivienda\nAtención médica",
    )
    assert question.choices == [
        {"value": "housing", "label": "Housing", "label_es": "Vivienda"},
        {"value": "health-care", "label": "Health care", "label_es": "Atención médica"},
    ]


def test_spanish_labels_that_do_not_match_the_choices_are_refused(survey):
    with pytest.raises(SurveyError):
        question_add(
            survey=survey,
            actor=None,
            kind="single",
            label="Top priority?",
            choices_text="Housing\nHealth care\nVoting",
            choices_text_es="Vivienda\nAtención médica",
        )
    assert not survey.questions.exists()


def test_a_spanish_reader_answers_in_spanish_and_the_answer_is_the_same_value(survey):
    question = question_add(
        survey=survey,
        actor=None,
        kind="single",
        label="Top priority?",
        label_es="¿Prioridad principal?",
        choices_text="Housing\nHealth care",
        choices_text_es="Vivienda\nAtención médica",
    )
    leader = RSVPFactory(event=survey.event, checked_in_at=timezone.now()).leader
    client = Client()
    page = client.get(_link(survey, leader), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for text in ("¿Qué le pareció?", "¡Gracias!", "¿Prioridad principal?", "Vivienda"):
        assert text in page
    assert "Housing" not in page and "Top priority?" not in page

    english = Client().get(_link(survey, leader), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Top priority?" in english and "Housing" in english and "Vivienda" not in english

    done = client.post(
        _link(survey, leader),
        {"page": "1", f"q{question.pk}": "housing"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert done.status_code == 200
    assert list(survey.responses.get().answers.values_list("choice", flat=True)) == ["housing"]


def test_the_team_writes_spanish_texts_through_the_survey_page():
    from django.urls import reverse

    from surveys.models import Question, Survey
    from tests.events.factories import EventFactory

    from .test_event_survey import _lead_client

    event = EventFactory()
    client = _lead_client(event)
    url = reverse("event_survey:manage", kwargs={"event_slug": event.slug})
    created = client.post(
        url,
        {
            "action": "settings",
            "title": "How was it?",
            "title_es": "¿Qué le pareció?",
            "intro_es": "Gracias por venir.",
            "audience": "event_checked_in",
            "send_after_hours": "3",
            "reminder_after_days": "4",
        },
    )
    assert created.status_code == 302
    assert Survey.objects.get(event=event).title_es == "¿Qué le pareció?"
    added = client.post(
        url,
        {
            "action": "question",
            "kind": "multiple",
            "label": "Best part?",
            "label_es": "¿Lo mejor?",
            "page": "1",
            "choices_text": "Workshops\nNetworking",
            "choices_text_es": "Talleres\nContactos",
        },
    )
    assert added.status_code == 302
    question = Question.objects.get(survey__event=event)
    assert question.label_es == "¿Lo mejor?"
    assert [c["label_es"] for c in question.choices] == ["Talleres", "Contactos"]
