"""The results page reads the rollups in a constant number of queries, whatever the number of
respondents and segment values."""

import pytest
from django.urls import reverse

from surveys.answering import Value
from surveys.services.responses import response_save_page
from surveys.services.rollups import results_version_bump, survey_rollups_rebuild
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

STATES = ["MA", "TX", "GA", "OH", "CA", "PA", "MI", "NC", "AZ", "WI"]


def _answer(survey, questions, n):
    leader = LeaderFactory(state=STATES[n % len(STATES)], city=f"Town {n}")
    values = {q.pk: [Value(choice="housing")] for q in questions}
    response_save_page(
        survey=survey, leader=leader, questions=questions, page=1, values=values, submit=True
    )


@pytest.mark.parametrize("by", ["area_type", "state", "role"])
def test_the_results_page_queries_do_not_grow_with_segments(
    staff_client, django_assert_max_num_queries, by
):
    survey = SurveyFactory()
    questions = [QuestionFactory(survey=survey) for _ in range(3)]
    _answer(survey, questions, 0)
    survey_rollups_rebuild(survey_pk=survey.pk)
    url = reverse("surveys:results", kwargs={"slug": survey.slug})
    staff_client.get(url, {"by": by})
    results_version_bump(survey_pk=survey.pk)  # the parts are rendered again
    with django_assert_max_num_queries(12) as rendered:
        staff_client.get(url, {"by": by})
    with django_assert_max_num_queries(len(rendered) - 1) as cached:
        staff_client.get(url, {"by": by})
    for n in range(1, 50):
        _answer(survey, questions, n)
    survey_rollups_rebuild(survey_pk=survey.pk)
    with django_assert_max_num_queries(len(rendered)):
        page = staff_client.get(url, {"by": by})
    assert page.status_code == 200
    with django_assert_max_num_queries(len(cached)):
        page = staff_client.get(url, {"by": by})
    assert page.status_code == 200 and "50 respondents." in page.content.decode()
