"""An event kit carries its survey: saved with the kit, copied as a draft to events made from it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.services.kits import event_create_from_kit, kit_save_from_event
from surveys.models import Question, Survey
from surveys.services.mailing import survey_mail_sweep
from tests.events.factories import EventFactory, RSVPFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def test_a_kit_carries_the_event_survey_and_hands_it_to_new_events(organizer_user):
    event = EventFactory()
    survey = SurveyFactory(event=event, audience="event_checked_in", send_after_hours=5)
    first = QuestionFactory(survey=survey, kind=Question.Kind.YES_NO, choices=[])
    QuestionFactory(survey=survey, show_if_question=first, show_if_value="yes")

    kit = kit_save_from_event(event=event, title="Kit", actor=organizer_user)
    kit_survey = Survey.objects.get(event=kit)
    assert kit_survey.status == "draft" and kit_survey.send_after_hours == 5

    new = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Convening in Austin",
        starts_at=timezone.now() + timedelta(days=30),
        time_zone="America/Chicago",
        city="Austin",
        state="TX",
    )
    copied = Survey.objects.get(event=new)
    questions = list(copied.questions.order_by("position"))
    assert copied.status == "draft" and len(questions) == 2
    assert questions[1].show_if_question == questions[0]  # skip logic points inside the copy


def test_a_kit_survey_never_mails_even_if_opened_in_the_database():
    kit = EventFactory(is_template=True, status="draft",
                       ends_at=timezone.now() - timedelta(days=1),
                       starts_at=timezone.now() - timedelta(days=1, hours=3))  # fmt: skip
    SurveyFactory(event=kit, audience="event_going")
    RSVPFactory(event=kit)
    assert survey_mail_sweep() == 0
