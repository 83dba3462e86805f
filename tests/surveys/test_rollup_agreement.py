"""The incremental rollups and the nightly rebuild always agree, and both match a recount from
the responses: checked on random answers, edits, drafts and repeated or late tasks, for both
rebuild paths (the set-based PostgreSQL one and the portable one `make run` uses on SQLite)."""

import random
from collections import Counter

import pytest
from django.db import connection

from actlocal.models import Topic
from directory.models import LeaderRole
from surveys.answering import Value
from surveys.models import Answer, Question, Response, SurveyRollup
from surveys.services import rollups
from surveys.services.responses import response_save_page
from surveys.services.rollups import response_rollup_apply, survey_rollups_rebuild
from tests.directory.factories import LeaderFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

SEGMENTS = {"area_type": "area_type", "lean": "area_lean", "state": "state", "city": "city"}


def _survey():
    survey = SurveyFactory(audience="leaders")
    QuestionFactory(survey=survey, kind=Question.Kind.SINGLE, allow_other=True)
    QuestionFactory(survey=survey, kind=Question.Kind.MULTIPLE)
    QuestionFactory(survey=survey, kind=Question.Kind.MULTIPLE, allow_other=True)
    QuestionFactory(survey=survey, kind=Question.Kind.SCALE, choices=[])
    QuestionFactory(survey=survey, kind=Question.Kind.YES_NO, choices=[], page=2)
    QuestionFactory(survey=survey, kind=Question.Kind.NUMBER, choices=[], page=2)
    QuestionFactory(survey=survey, kind=Question.Kind.LONG_TEXT, choices=[], page=2)
    QuestionFactory(survey=survey, kind=Question.Kind.NEEDS, choices=[], page=2)
    return survey, list(survey.questions.order_by("page", "position"))


def _random_values(rng, question, topics):
    kind = question.kind
    if rng.random() < 0.15:
        return []
    if kind == Question.Kind.SINGLE:
        value = rng.choice(["housing", "health", "voting", "other"])
        return [Value(choice=value, text="something" if value == "other" else "")]
    if kind in (Question.Kind.MULTIPLE, Question.Kind.NEEDS):
        options = ["housing", "health", "voting"] if kind == "multiple" else topics
        options = options + (["other"] if question.allow_other else [])
        chosen = rng.sample(options, rng.randint(1, len(options)))
        return [Value(choice=c, text="a plan" if c == "other" else "") for c in chosen]
    if kind == Question.Kind.SCALE:
        return [Value(choice=rng.choice("12345"))]
    if kind == Question.Kind.YES_NO:
        return [Value(choice=rng.choice(["yes", "no"]))]
    if kind == Question.Kind.NUMBER:
        return [Value(number=rng.randint(0, 50))]
    return [Value(text=rng.choice(["fine", "more trainings", "x"]))]


def _rollups():
    return Counter(
        {
            (q, c, k, v): n
            for q, c, k, v, n in SurveyRollup.objects.values_list(
                "question_key", "choice", "segment_kind", "segment_value", "count"
            )
            if n
        }
    )


def _portable_rebuild(survey):
    """The rebuild `make run` uses on SQLite, run here on PostgreSQL: standard SQL either way."""
    SurveyRollup.objects.filter(survey=survey).delete()
    sql = rollups._rebuild_sql_portable(
        table=SurveyRollup._meta.db_table,
        answer=Answer._meta.db_table,
        response=Response._meta.db_table,
        question=Question._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"survey": survey.pk})


def _recount(survey):
    """Cells counted in Python straight from the live answers of submitted responses."""
    cells = Counter()
    for response in Response.objects.filter(survey=survey, submitted_at__isnull=False):
        keys = {(0, "")}
        for q, c in Answer.objects.filter(response=response, superseded_at=None).values_list(
            "question_id", "choice"
        ):
            keys.add((q, ""))
            if c:
                keys.add((q, c))
        segments = [("all", ""), ("role", response.role)] + [
            (kind, getattr(response, column)) for kind, column in SEGMENTS.items()
        ]
        for q, c in keys:
            for kind, value in segments:
                cells[(q, c, kind, value)] += 1
    return cells


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_rollups_agree_with_the_rebuild_and_a_recount(seed):
    rng = random.Random(seed)
    survey, questions = _survey()
    topics = list(Topic.objects.values_list("slug", flat=True)[:4]) or ["housing"]
    roles = [LeaderRole.objects.get_or_create(slug=s, defaults={"name": s})[0] for s in "ab"]
    leaders = [
        LeaderFactory(
            area_type=rng.choice(["urban", "suburban", "rural", ""]),
            area_lean=rng.choice(["blue", "red", "purple", ""]),
            state=rng.choice(["MA", "TX", "GA", "OH"]),
            city=rng.choice(["Springfield", "Salem", ""]),
            roles=rng.sample(roles, rng.randint(0, 2)),
        )
        for _ in range(25)
    ]
    pending = []
    for _step in range(120):
        leader = rng.choice(leaders)
        page = rng.choice([1, 2])
        values = {
            q.pk: vals
            for q in questions
            if q.page == page and (vals := _random_values(rng, q, topics))
        }
        response = response_save_page(
            survey=survey,
            leader=leader,
            questions=questions,
            page=page,
            values=values,
            submit=rng.random() < 0.6,
        )
        pending.append(response.pk)
        # Tasks run late, out of order, some twice.
        while pending and rng.random() < 0.5:
            response_rollup_apply(response_pk=pending.pop(rng.randrange(len(pending))))
        if rng.random() < 0.1:
            response_rollup_apply(response_pk=response.pk)
    for pk in pending:
        response_rollup_apply(response_pk=pk)

    incremental = _rollups()
    assert incremental == _recount(survey)
    # Every segment kind and every question kind is exercised, "other" of multiple choice too.
    assert {kind for _q, _c, kind, _v in incremental} >= {"all", *SEGMENTS, "role"}
    assert any(c == "other" and q == questions[2].pk for q, c, _k, _v in incremental)
    survey_rollups_rebuild(survey_pk=survey.pk)
    assert _rollups() == incremental
    _portable_rebuild(survey)
    assert _rollups() == incremental
    # Counts left wrong (a lost task, a manual edit) are put right by the rebuild.
    SurveyRollup.objects.filter(survey=survey, segment_kind="city").update(count=99)
    SurveyRollup.objects.filter(survey=survey, segment_kind="state").delete()
    SurveyRollup.objects.create(
        survey=survey, question_key=questions[0].pk, choice="ghost", segment_kind="all", count=3
    )
    survey_rollups_rebuild(survey_pk=survey.pk)
    assert _rollups() == incremental
    # Two counts of one block swapped: the same rows and the same total, told by the block's
    # fingerprint (the PostgreSQL rebuild compares blocks before it looks at rows).
    cities = SurveyRollup.objects.filter(survey=survey, question_key=0, segment_kind="city")
    low, high = cities.order_by("count", "segment_value")[0], cities.order_by("-count")[0]
    assert low.count != high.count
    SurveyRollup.objects.filter(pk=low.pk).update(count=high.count)
    SurveyRollup.objects.filter(pk=high.pk).update(count=low.count)
    survey_rollups_rebuild(survey_pk=survey.pk)
    assert _rollups() == incremental
    # Nothing is left for a late task to change after the rebuild either.
    assert not any(response_rollup_apply(response_pk=pk) for pk in set(pending))
    assert _rollups() == incremental


def test_free_text_never_becomes_a_rollup_choice():
    survey, questions = _survey()
    text_q = next(q for q in questions if q.kind == Question.Kind.LONG_TEXT)
    leader = LeaderFactory()
    response = response_save_page(
        survey=survey,
        leader=leader,
        questions=questions,
        page=2,
        values={text_q.pk: [Value(text="my secret plan")]},
        submit=True,
    )
    response_rollup_apply(response_pk=response.pk)
    choices = set(
        SurveyRollup.objects.filter(question_key=text_q.pk).values_list("choice", flat=True)
    )
    assert choices == {""}
    assert not SurveyRollup.objects.filter(choice__icontains="secret").exists()
