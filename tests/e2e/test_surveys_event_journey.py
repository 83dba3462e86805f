"""Journey: an organizer adds a survey to a past event, an attendee answers from the mail on a
phone-size screen, and the organizer reads the results by area type."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventRole
from surveys.answering import Value
from surveys.models import Response, Survey
from surveys.services.mailing import survey_mail_sweep
from surveys.services.responses import response_save_page
from surveys.services.rollups import survey_rollups_rebuild
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.events.factories import EventFactory, RSVPFactory


@pytest.fixture
def past_event(db):
    ended = timezone.now() - timedelta(days=1)
    event = EventFactory(
        title="Springfield Convening",
        slug="springfield-convening",
        starts_at=ended - timedelta(hours=7),
        ends_at=ended,
    )
    organizer = UserFactory(email="lead@example.org", name="Lee Lead", organizer=True)
    EventRole.objects.create(event=event, user=organizer, role=EventRole.Role.LEAD)
    attendee = RSVPFactory(
        event=event,
        leader=LeaderFactory(name="Ana Attendee", area_type="rural"),
        checked_in_at=ended - timedelta(hours=6),
    ).leader
    return {"event": event, "organizer": organizer, "attendee": attendee}


@pytest.mark.django_db(transaction=True)
def test_organizer_adds_a_survey_attendee_answers_on_a_phone_organizer_reads_results(
    page, live_server, assert_accessible, sign_in, past_event, settings
):
    settings.SITE_URL = live_server.url
    event, organizer = past_event["event"], past_event["organizer"]
    sign_in(organizer)
    page.goto(live_server.url + f"/events/{event.slug}/survey/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Survey after")
    assert_accessible("event survey set-up")
    page.get_by_label("Title", exact=True).fill("How was the Springfield Convening?")
    page.get_by_role("button", name="Create the survey").click()
    expect(page.get_by_text("The survey is created as a draft")).to_be_visible()

    page.get_by_label("Question", exact=True).fill("Which part helped you most?")
    page.get_by_label("Choices").first.fill("Workshops\nTrainings\nMeeting other leaders")
    page.get_by_label("Answer required").check()
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("The question is added.")).to_be_visible()
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open.")).to_be_visible()
    assert_accessible("event survey with a question")
    survey = Survey.objects.get(event=event)

    # The sweep mails the attendee (the event ended a day ago); she opens it on her phone.
    assert survey_mail_sweep() == 1
    link = re.search(r"https?://\S+/answer/\S+/", mail.outbox[0].body).group(0)
    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    assert_accessible("answering on a phone")
    page.get_by_label("Meeting other leaders").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert Response.objects.get(survey=survey).submitted_at is not None

    # More attendees answer, so groups of five or more can be shown.
    question = survey.questions.get()
    for n in range(9):
        leader = LeaderFactory(area_type=("urban", "rural")[n % 2])
        RSVPFactory(event=event, leader=leader, checked_in_at=timezone.now())
        values = {question.pk: [Value(choice="workshops")]}
        response_save_page(
            survey=survey, leader=leader, questions=[question], page=1, values=values, submit=True
        )
    survey_rollups_rebuild(survey_pk=survey.pk)

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(organizer)
    page.goto(live_server.url + f"/events/{event.slug}/survey/results/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    expect(page.get_by_text("10 respondents.")).to_be_visible()
    by_area = page.get_by_role("table").filter(has_text="By Area type")
    expect(by_area.get_by_role("row", name=re.compile("^Rural"))).to_be_visible()
    expect(page.locator("svg.survey-chart").first).to_be_visible()
    assert_accessible("results by area type")
