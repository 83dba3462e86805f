"""Journey: staff publish a network survey's report; a visitor reads it without small groups."""

import pytest
from playwright.sync_api import expect

from surveys.answering import Value
from surveys.models import Survey
from surveys.services.responses import response_save_page
from surveys.services.rollups import survey_rollups_rebuild
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory
from tests.surveys.factories import QuestionFactory, SurveyFactory


@pytest.fixture
def network_survey(db):
    survey = SurveyFactory(title="Network priorities", slug="network-priorities")
    question = QuestionFactory(survey=survey, label="What is your top priority this year?")
    plan = [("urban", "housing")] * 7 + [("rural", "housing")] * 6 + [("suburban", "voting")] * 2
    for area, choice in plan:
        response_save_page(survey=survey, leader=LeaderFactory(area_type=area),
                           questions=[question], page=1,
                           values={question.pk: [Value(choice=choice)]}, submit=True)  # fmt: skip
    survey_rollups_rebuild(survey_pk=survey.pk)
    return survey


@pytest.mark.django_db(transaction=True)
def test_staff_publish_a_network_report_that_shows_no_small_group(
    page, live_server, assert_accessible, sign_in, network_survey
):
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    sign_in(staff)
    page.goto(live_server.url + "/surveys/network-priorities/results/")
    assert_accessible("results")
    page.get_by_role("button", name="Publish a public report").click()
    expect(page.get_by_text("The report is public.")).to_be_visible()
    assert Survey.objects.get(pk=network_survey.pk).published_at is not None

    page.context.clear_cookies()
    page.goto(live_server.url + "/surveys/reports/network-priorities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Network priorities")
    expect(page.get_by_text("87% of respondents (n = 15) chose “Housing”.")).to_be_visible()
    expect(page.get_by_text("not shown: fewer than 5 respondents").first).to_be_visible()
    assert_accessible("public report")
