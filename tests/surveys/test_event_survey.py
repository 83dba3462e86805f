"""An event's team adds a survey to the event at /events/<slug>/survey/; others cannot."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Question, Survey
from tests.actlocal.factories import UserFactory
from tests.events.factories import EventFactory, EventRoleFactory, RSVPFactory

from .factories import PostEventSurveyFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _lead_client(event, role="lead"):
    user = UserFactory(organizer=True)
    EventRoleFactory(event=event, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def _url(event):
    return reverse("event_survey:manage", kwargs={"event_slug": event.slug})


def test_the_lead_creates_a_survey_adds_questions_and_opens_it():
    event = EventFactory()
    client = _lead_client(event)
    assert client.get(_url(event)).status_code == 200
    created = client.post(
        _url(event),
        {
            "action": "settings",
            "title": "How was it?",
            "audience": "event_checked_in",
            "send_after_hours": "3",
            "reminder_after_days": "4",
        },
    )
    assert created.status_code == 302
    survey = Survey.objects.get(event=event)
    assert (survey.status, survey.send_after_hours, survey.audience) == (
        "draft",
        3,
        "event_checked_in",
    )
    refused = client.post(_url(event), {"action": "open"})
    assert refused.status_code == 400 and Survey.objects.get().status == "draft"
    added = client.post(
        _url(event),
        {"action": "question", "kind": "single", "label": "Best part?", "page": "1",
         "choices_text": "Workshops\nNetworking\n"},
    )  # fmt: skip
    assert added.status_code == 302
    question = Question.objects.get(survey=survey)
    assert [c["value"] for c in question.choices] == ["workshops", "networking"]
    assert client.post(_url(event), {"action": "open"}).status_code == 302
    assert Survey.objects.get().status == "open"


def test_a_choice_question_needs_two_choices_and_bad_input_changes_nothing():
    event = EventFactory()
    client = _lead_client(event)
    client.post(_url(event), {"action": "settings", "title": "S", "audience": "event_going",
                              "send_after_hours": "2", "reminder_after_days": "3"})  # fmt: skip
    for data in (
        {"action": "question", "kind": "single", "label": "Q", "page": "1", "choices_text": "A"},
        {"action": "question", "kind": "nonsense", "label": "Q", "page": "1"},
        {"action": "settings", "title": "S", "audience": "leaders", "send_after_hours": "2",
         "reminder_after_days": "3"},
        {"action": "settings", "title": "S", "audience": "event_going", "send_after_hours": "-1",
         "reminder_after_days": "3"},
    ):  # fmt: skip
        assert client.post(_url(event), data).status_code == 400
    assert not Question.objects.exists()
    assert Survey.objects.get().audience == "event_going"


def test_who_may_manage_the_event_survey(
    anon_client, member_client, organizer_client, staff_client
):
    event = EventFactory()
    assert anon_client.get(_url(event)).status_code == 302
    assert member_client.get(_url(event)).status_code == 404  # no survey to answer
    assert organizer_client.get(_url(event)).status_code == 404
    assert _lead_client(event, role="checkin").get(_url(event)).status_code == 404
    assert _lead_client(event, role="co_organizer").get(_url(event)).status_code == 200
    assert staff_client.get(_url(event)).status_code == 200
    assert member_client.post(_url(event), {"action": "settings", "title": "x"}).status_code == 404
    assert not Survey.objects.exists()


def test_an_attendee_is_sent_on_to_answer_an_open_event_survey(member_client, member_user):
    survey = PostEventSurveyFactory()
    QuestionFactory(survey=survey)
    RSVPFactory(event=survey.event, leader=member_user.leader, checked_in_at=timezone.now())
    page = member_client.get(_url(survey.event))
    assert page.status_code == 302
    assert page["Location"] == reverse("surveys:answer", kwargs={"slug": survey.slug})
    assert member_client.get(page["Location"]).status_code == 200


def test_an_event_survey_offers_opening_and_a_kit_survey_does_not():
    """A kit's survey is only a pattern copied into events made from the kit."""
    event = EventFactory()
    kit = EventFactory(is_template=True)
    for owner in (event, kit):
        PostEventSurveyFactory(event=owner, status=Survey.Status.DRAFT)
    event_page = _lead_client(event).get(_url(event)).content.decode()
    kit_page = _lead_client(kit).get(_url(kit)).content.decode()
    assert 'value="open"' in event_page and "See the results" in event_page
    assert 'value="open"' not in kit_page and "See the results" in kit_page
