"""Filing: each response points at the segment combination and city it was filed under, its
answers carry them once it is submitted, and one live row per question is its respondent row:
what the rebuild counts from (services/filing.py). Concurrent and migration cases are in
test_filing_concurrent.py."""

import pytest

from directory.models import LeaderRole
from surveys.answering import Value
from surveys.models import Answer, Question, Response, SegmentCity, SegmentCombination
from surveys.services.responses import response_save_page
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def _save(survey, leader, questions, values, *, page=1, submit=False):
    return response_save_page(
        survey=survey, leader=leader, questions=questions, page=page, values=values,
        submit=submit,
    )  # fmt: skip


def _filed(response):
    response = Response.objects.get(pk=response.pk)
    combination = SegmentCombination.objects.get(pk=response.combination_id)
    city = SegmentCity.objects.get(pk=response.segment_city_id)
    return (combination.area_type, combination.area_lean, combination.state, combination.role,
            city.name)  # fmt: skip


def test_a_response_is_filed_under_the_respondents_combination_and_city():
    role = LeaderRole.objects.get_or_create(slug="pastor", defaults={"name": "Pastor"})[0]
    # No lean in the profile: the state table's (Texas: red) is filed, as on the columns.
    leader = LeaderFactory(area_type="rural", area_lean="", state="TX", city="Marfa", roles=[role])
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey)
    response = _save(survey, leader, [question], {question.pk: [Value(choice="housing")]})
    response.refresh_from_db()
    assert _filed(response) == ("rural", response.area_lean, "TX", "pastor", "Marfa, TX")
    assert response.area_lean == "red"
    # Someone else with the same segments is filed under the same rows, not new ones.
    other = LeaderFactory(
        area_type="rural", area_lean="red", state="TX", city="Marfa", roles=[role]
    )
    second = _save(survey, other, [question], {question.pk: [Value(choice="health")]})
    assert _filed(second) == _filed(response)
    assert Response.objects.get(pk=second.pk).combination_id == response.combination_id
    assert SegmentCombination.objects.count() == 1 and SegmentCity.objects.count() == 1


def test_a_correction_of_the_profile_files_the_next_response_and_keeps_the_given_one():
    leader = LeaderFactory(area_type="urban", area_lean="blue", state="MA", city="Salem")
    first_survey, second_survey = SurveyFactory(), SurveyFactory()
    q1, q2 = QuestionFactory(survey=first_survey), QuestionFactory(survey=second_survey)
    first = _save(first_survey, leader, [q1], {q1.pk: [Value(choice="housing")]})
    leader.area_type, leader.city = "suburban", "Lynn"
    leader.save(update_fields=["area_type", "city"])
    # The first response keeps its filing, even when answered again after the correction.
    _save(first_survey, leader, [q1], {q1.pk: [Value(choice="voting")]}, submit=True)
    second = _save(second_survey, leader, [q2], {q2.pk: [Value(choice="voting")]})
    assert _filed(first) == ("urban", "blue", "MA", "", "Salem, MA")
    assert _filed(second) == ("suburban", "blue", "MA", "", "Lynn, MA")
    filed = Answer.objects.filter(response=first, superseded_at=None).values_list(
        "combination_id", flat=True
    )
    assert list(filed) == [Response.objects.get(pk=first.pk).combination_id]


def test_answers_carry_the_filing_once_submitted_with_one_respondent_row_per_question():
    survey = SurveyFactory()
    single = QuestionFactory(survey=survey, kind=Question.Kind.SINGLE)
    several = QuestionFactory(survey=survey, kind=Question.Kind.MULTIPLE)
    later = QuestionFactory(survey=survey, kind=Question.Kind.NUMBER, choices=[], page=2)
    questions = [single, several, later]
    leader = LeaderFactory()
    values = {
        single.pk: [Value(choice="housing")],
        several.pk: [Value(choice="housing"), Value(choice="health"), Value(choice="voting")],
    }
    response = _save(survey, leader, questions, values)
    rows = Answer.objects.filter(response=response)
    assert set(rows.values_list("combination_id", "segment_city_id")) == {(None, None)}
    assert sorted(rows.filter(respondent_row=True).values_list("question_id", flat=True)) == [
        single.pk,
        several.pk,
    ]
    # The respondent row of the multiple-choice question is dropped: another live row takes over.
    first_row = rows.get(question=several, respondent_row=True)
    kept = [Value(choice=c) for c in ("housing", "health", "voting") if c != first_row.choice]
    _save(survey, leader, questions, {single.pk: values[single.pk], several.pk: kept})
    _save(survey, leader, questions, {later.pk: [Value(number=12)]}, page=2, submit=True)
    _save(survey, leader, questions, {later.pk: [Value(number=13)]}, page=2)

    response = Response.objects.get(pk=response.pk)
    live = Answer.objects.filter(response=response, superseded_at=None)
    assert live.count() == 4
    assert set(live.values_list("combination_id", "segment_city_id")) == {
        (response.combination_id, response.segment_city_id)
    }
    flagged = sorted(live.filter(respondent_row=True).values_list("question_id", flat=True))
    assert flagged == [single.pk, several.pk, later.pk]
