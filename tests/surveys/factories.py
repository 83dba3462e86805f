from datetime import timedelta

import factory
from django.utils import timezone

from surveys.models import Question, Survey
from tests.events.factories import EventFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Priorities survey {n}")
    slug = factory.Sequence(lambda n: f"survey-{n}")
    intro = "A few questions about your work this year."
    audience = Survey.Audience.LEADERS
    status = Survey.Status.OPEN
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class PostEventSurveyFactory(SurveyFactory):
    """A survey of an event that ended yesterday, for those who checked in."""

    audience = Survey.Audience.EVENT_CHECKED_IN
    event = factory.SubFactory(
        EventFactory,
        starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1, hours=8)),
        ends_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
    )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    kind = Question.Kind.SINGLE
    label = factory.Sequence(lambda n: f"Question {n}?")
    position = factory.Sequence(lambda n: n)
    choices = factory.LazyFunction(
        lambda: [
            {"value": "housing", "label": "Housing"},
            {"value": "health", "label": "Health care"},
            {"value": "voting", "label": "Voting rights"},
        ]
    )
