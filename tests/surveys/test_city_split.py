"""Cities as a segment: a response is filed under the respondent's city when first given, and
results can be split and filtered by city with small cities suppressed (and complemented)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.answering import Value
from surveys.models import Response, Survey
from surveys.results import question_table, rollup_cells, survey_results
from surveys.services.responses import response_save_page
from surveys.services.rollups import survey_rollups_rebuild
from surveys.suppression import OVERALL
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

# Boston 12, Worcester 6, Lowell 3 (too small: hidden; Worcester then hides with it).
PLAN = [("Boston", "housing")] * 8 + [("Boston", "health")] * 4
PLAN += [("Worcester", "housing")] * 3 + [("Worcester", "voting")] * 3
PLAN += [("Lowell", "voting")] * 3


@pytest.fixture
def by_city():
    survey = SurveyFactory(published_at=timezone.now())
    question = QuestionFactory(survey=survey, label="Top priority?")
    for city, choice in PLAN:
        leader = LeaderFactory(city=city, state="MA")
        response_save_page(
            survey=survey, leader=leader, questions=[question], page=1,
            values={question.pk: [Value(choice=choice)]}, submit=True,
        )  # fmt: skip
    survey_rollups_rebuild(survey_pk=survey.pk)
    return survey, question


def test_a_response_keeps_the_city_the_respondent_had_when_first_answering():
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey)
    leader = LeaderFactory(city="Salem", state="MA")
    save = {"survey": survey, "leader": leader, "questions": [question], "page": 1}
    response_save_page(**save, values={question.pk: [Value(choice="housing")]}, submit=False)
    leader.city = "Boston"
    leader.save(update_fields=["city"])
    response_save_page(**save, values={question.pk: [Value(choice="health")]}, submit=True)
    assert Response.objects.get(survey=survey, leader=leader).city == "Salem, MA"


def test_the_city_split_shows_large_cities_and_never_names_a_small_one(by_city, staff_client):
    survey, question = by_city
    results = survey_results(survey=survey, by="city")
    result = results.questions[0]
    assert [row.value for row in result.by_segment] == ["Boston, MA"]
    assert result.by_segment[0].total == 12
    # Lowell (3) is hidden; Worcester is hidden with it, or Lowell = 21 - 12 - Worcester.
    assert result.rows_not_listed == 2
    page = staff_client.get(
        reverse("surveys:results", kwargs={"slug": survey.slug}), {"by": "city"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "By City" in html
    assert "Boston, MA" in html and "Lowell" not in html and "Worcester" not in html
    assert "2 more groups are not listed" in html


def test_complementary_suppression_holds_across_the_city_table(by_city):
    survey, question = by_city
    cells = rollup_cells(survey, kinds={"city"})
    table = question_table(cells, question, "city", ["housing", "health", "voting"])
    rows = [r for r in table.totals if r != OVERALL]
    hidden_totals = [r for r in rows if table.totals[r] is None]
    assert set(hidden_totals) == {"Lowell, MA", "Worcester, MA"}
    for choice in table.choices:
        hidden = [r for r in rows if table.counts[r][choice] is None]
        assert len(hidden) != 1, choice  # one hidden cell in a column could be worked out
        for row in rows:
            count = table.counts[row][choice]
            assert count is None or count == 0 or count >= 5


def test_filtering_by_city_applies_the_same_suppression(by_city, anon_client):
    survey, _question = by_city
    url = reverse("surveys:report", kwargs={"slug": survey.slug})
    boston = anon_client.get(url, {"segment": "city:Boston, MA"}).content.decode()
    assert "Showing only respondents with city = Boston, MA." in boston
    assert "66.7% (8)" in boston or "66.7%" in boston  # 8 of Boston's 12 chose housing
    for small in ("city:Lowell, MA", "city:Worcester, MA"):
        page = anon_client.get(url, {"segment": small})
        assert page.status_code == 200
        assert "Not shown: fewer than 5 people answered" in page.content.decode()


def test_the_public_report_split_by_city_never_names_a_small_city(by_city, anon_client):
    survey, _question = by_city
    Survey.objects.filter(pk=survey.pk).update(published_at=timezone.now())
    url = reverse("surveys:report", kwargs={"slug": survey.slug})
    html = anon_client.get(url, {"by": "city"}).content.decode()
    assert "Boston, MA" in html and "Lowell" not in html
    csv_body = anon_client.get(
        reverse("surveys:results_csv", kwargs={"slug": survey.slug})
    ).content.decode()
    assert "Boston, MA" in csv_body and "Lowell" not in csv_body
