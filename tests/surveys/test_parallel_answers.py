"""Answers arriving at once (double clicks, many people): none lost, nobody counted twice."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from surveys.answering import Value
from surveys.models import Answer, Response, SurveyRollup
from surveys.services.responses import response_save_page
from surveys.services.rollups import response_rollup_apply, survey_rollups_rebuild
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_submissions_are_each_counted_once():
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey)
    questions = [question]
    leaders = [LeaderFactory(area_type=("urban", "rural")[n % 2]) for n in range(30)]
    # Every person submits twice at the same moment (a double click), with the same answer.
    jobs = [(leader.pk, ("housing", "health")[n % 2]) for n, leader in enumerate(leaders)] * 2

    def submit(job):
        leader_pk, choice = job
        try:
            from directory.models import Leader

            leader = Leader.objects.get(pk=leader_pk)
            response = response_save_page(
                survey=survey,
                leader=leader,
                questions=questions,
                page=1,
                values={question.pk: [Value(choice=choice)]},
                submit=True,
            )
            response_rollup_apply(response_pk=response.pk)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(submit, jobs))

    assert Response.objects.filter(survey=survey).count() == 30
    assert Answer.objects.filter(superseded_at=None).count() == 30
    cells = dict(
        SurveyRollup.objects.filter(segment_kind="all")
        .values_list("choice", "count")
        .filter(question_key=question.pk)
    )
    assert cells == {"": 30, "housing": 15, "health": 15}
    before = sorted(SurveyRollup.objects.filter(count__gt=0).values_list(
        "question_key", "choice", "segment_kind", "segment_value", "count"))  # fmt: skip
    survey_rollups_rebuild(survey_pk=survey.pk)
    after = sorted(SurveyRollup.objects.filter(count__gt=0).values_list(
        "question_key", "choice", "segment_kind", "segment_value", "count"))  # fmt: skip
    assert before == after
