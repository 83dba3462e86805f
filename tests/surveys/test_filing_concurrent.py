"""Filing across transactions: a combination seen for the first time by two saves at once is
created once, and the migration files the responses and answers that existed before it."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from surveys.models import Answer, Response, SegmentCity, SegmentCombination
from surveys.services.filing import filing_fields
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db(transaction=True)

SEGMENTS = {
    "area_type": "rural",
    "area_lean": "purple",
    "state": "WI",
    "role": "",
    "city": "Ely, WI",
}


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def test_a_new_combination_filed_by_two_saves_at_once_is_created_once():
    created = threading.Event()
    release = threading.Event()
    results = {}

    def first():
        try:
            with transaction.atomic():
                results["first"] = filing_fields(segments=SEGMENTS)
                created.set()
                release.wait(10)  # not committed yet while the second one files
        finally:
            connections.close_all()

    def second():
        try:
            with transaction.atomic():
                results["second"] = filing_fields(segments=SEGMENTS)
        finally:
            connections.close_all()

    one = threading.Thread(target=first)
    one.start()
    assert created.wait(10)
    two = threading.Thread(target=second)
    two.start()
    deadline = time.monotonic() + 10
    while not _waiting_on_a_lock() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _waiting_on_a_lock()  # the second insert waits on the first one's unique key
    release.set()
    one.join(10)
    two.join(10)
    assert results["first"] == results["second"]
    assert SegmentCombination.objects.count() == 1
    assert SegmentCity.objects.count() == 1


def test_the_migration_files_existing_responses_and_their_answers():
    before = ("surveys", "0005_segment_combinations")
    survey = SurveyFactory()
    single = QuestionFactory(survey=survey)
    several = QuestionFactory(survey=survey, kind="multiple")
    leaders = [LeaderFactory() for _ in range(3)]
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        apps = executor.loader.project_state([before]).apps
        OldResponse, OldAnswer = (
            apps.get_model("surveys", "Response"),
            apps.get_model("surveys", "Answer"),
        )
        in_boston = ("urban", "blue", "MA", "Boston, MA", True)
        rows = [in_boston, in_boston, ("rural", "red", "TX", "", False)]
        responses = [
            OldResponse.objects.create(
                survey_id=survey.pk,
                leader_id=leader.pk,
                area_type=area,
                area_lean=lean,
                state=state,
                city=city,
                submitted_at=timezone.now() if submitted else None,
            )  # fmt: skip
            for leader, (area, lean, state, city, submitted) in zip(leaders, rows, strict=True)
        ]
        for response in responses:
            OldAnswer.objects.create(
                response_id=response.pk, question_id=single.pk, choice="housing"
            )
            for choice in ("housing", "health"):
                OldAnswer.objects.create(
                    response_id=response.pk, question_id=several.pk, choice=choice
                )
            OldAnswer.objects.create(response_id=response.pk, question_id=several.pk,
                                     choice="voting", superseded_at=timezone.now())  # fmt: skip
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    boston, boston_too, texas = (Response.objects.get(pk=r.pk) for r in responses)
    assert boston.combination_id == boston_too.combination_id != texas.combination_id
    combination = SegmentCombination.objects.get(pk=texas.combination_id)
    assert (combination.area_type, combination.area_lean, combination.state) == (
        "rural",
        "red",
        "TX",
    )
    assert SegmentCity.objects.get(pk=texas.segment_city_id).name == ""
    assert SegmentCity.objects.get(pk=boston.segment_city_id).name == "Boston, MA"
    for response in (boston, boston_too):
        answers = Answer.objects.filter(response=response)
        assert set(answers.values_list("combination_id", "segment_city_id")) == {
            (response.combination_id, response.segment_city_id)
        }
        live = answers.filter(superseded_at=None)
        assert sorted(live.filter(respondent_row=True).values_list("question_id", flat=True)) == [
            single.pk, several.pk,
        ]  # fmt: skip
    # A draft is filed, but its answers are not counted: they carry no filing yet.
    assert set(Answer.objects.filter(response=texas).values_list("combination_id", flat=True)) == {
        None
    }
