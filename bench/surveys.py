"""`make bench`, surveys: a 12-question survey with 100,000 responses. Times the rebuild of all
its rollups (target: 2 s), serves its public report and its owners' results page (signed in as
the owner) with every segment next to the trivial view (bench/run.py measures the pages;
queries must not depend on the number of segments), and sends 200 answers at once through
personal links to check none is lost or counted twice.

The respondents are invented leaders (slug prefix "bench-survey-"); bench/run.py seeds them after
every other measure and removes them again (surveys_remove), so the directory is measured on the
same network every run. The 200 parallel answers go to a second survey.
"""

from __future__ import annotations

import random
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from bench.events import _post
from bench.load import HOST

SURVEY_SLUG = "bench-priorities"
PARALLEL_SLUG = "bench-parallel-answers"
TARGET_SECONDS = 2.0
SLUG_PREFIX = "bench-survey-"
STATES = ("MA", "TX", "GA", "OH", "CA", "PA", "MI", "NC", "AZ", "WI", "FL", "NY", "WY", "AK")
CHOICES = [{"value": f"c{n}", "label": f"Choice {n}"} for n in range(1, 6)]
REPORT_PATHS = (
    ("Survey report (by area type)", f"/surveys/reports/{SURVEY_SLUG}/"),
    ("Survey report (by state)", f"/surveys/reports/{SURVEY_SLUG}/?by=state"),
    ("Survey report (by city)", f"/surveys/reports/{SURVEY_SLUG}/?by=city"),
    ("Survey report (one city)", f"/surveys/reports/{SURVEY_SLUG}/?segment=city:Town%207,%20MA"),
)
# The same splits on the owners' results page, signed in as the survey's owner (staff: a network
# survey has no event or campaign team). Never cached whole: measured against the uncached target.
OWNER_PATHS = (
    ("Owners' results (by area type)", f"/surveys/{SURVEY_SLUG}/results/"),
    ("Owners' results (by state)", f"/surveys/{SURVEY_SLUG}/results/?by=state"),
    ("Owners' results (by city)", f"/surveys/{SURVEY_SLUG}/results/?by=city"),
    ("Owners' results (one city)", f"/surveys/{SURVEY_SLUG}/results/?segment=city:Town%207,%20MA"),
)
OWNER_EMAIL = "bench-survey-owner@bench.invalid"


@dataclass
class SurveyOutcome:
    responses: int = 0
    questions: int = 0
    cells: int = 0
    rebuild_seconds: float | None = None
    first_rebuild_seconds: float | None = None
    parallel_sent: int = 0
    parallel_statuses: dict[int, int] = field(default_factory=dict)
    parallel_seconds: float = 0.0
    parallel_responses: int = 0
    parallel_counted: int = 0
    parallel_agree: bool = False
    notes: list[str] = field(default_factory=list)


def _questions(survey) -> list:
    from surveys.models import Question

    kinds = ["single"] * 4 + ["multiple"] * 2 + ["scale"] * 2 + ["yes_no", "number"]
    kinds += ["long_text", "needs"]
    return [
        Question.objects.create(
            survey=survey,
            position=n,
            kind=kind,
            label=f"Bench question {n + 1}",
            choices=CHOICES if kind in ("single", "multiple") else [],
            page=1 + n // 6,
        )
        for n, kind in enumerate(kinds)
    ]


def _respondents(count: int) -> list[int]:
    from directory.models import Leader

    have = Leader.objects.filter(slug__startswith=SLUG_PREFIX).count()
    rng = random.Random(have)
    Leader.objects.bulk_create(
        [
            Leader(
                name=f"Bench respondent {n}",
                slug=f"{SLUG_PREFIX}{n}",
                state=rng.choice(STATES),
                city=f"Town {rng.randint(1, 400)}",
                area_type=rng.choice(["urban", "suburban", "rural"]),
                area_lean=rng.choice(["blue", "red", "purple", ""]),
                visibility=Leader.Visibility.ORGANIZERS,
            )
            for n in range(have, count)
        ],
        batch_size=5000,
    )
    return list(
        Leader.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )[:count]


def _answers_copy(survey, questions, leader_pks: list[int]) -> None:
    """Responses and answers written with COPY: a realistic table without a day of saves."""
    from django.db import connection
    from django.utils import timezone

    from actlocal.models import Topic
    from directory.models import Leader
    from surveys.lean_table import state_lean
    from surveys.models import Answer, Response
    from surveys.services.filing import filings_bulk

    rng = random.Random(7)
    now = timezone.now()
    # Read before COPY starts: the connection can run nothing else until the COPY ends.
    wanted = set(leader_pks)
    profiles = [
        row
        for row in Leader.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "pk", "area_type", "area_lean", "state", "city"
        )
        if row[0] in wanted
    ]
    segments = [
        {"area_type": area, "area_lean": lean or state_lean(state), "state": state,
         "city": f"{city}, {state}", "role": ""}
        for _pk, area, lean, state, city in profiles
    ]  # fmt: skip
    filings = filings_bulk(segments)
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {Response._meta.db_table} (survey_id, leader_id, area_type, area_lean, state, "
            "city, role, combination_id, segment_city_id, last_page, submitted_at, created_at, "
            "updated_at, counted) FROM STDIN"
        ) as copy,
    ):
        for (pk, *_profile), fields, filed in zip(profiles, segments, filings, strict=True):
            copy.write_row((survey.pk, pk, fields["area_type"], fields["area_lean"],
                            fields["state"], fields["city"], "", filed["combination_id"],
                            filed["segment_city_id"], 2, now, now, now, False))  # fmt: skip
    responses = list(
        Response.objects.filter(survey=survey).values_list(
            "pk", "combination_id", "segment_city_id"
        )
    )
    topics = list(Topic.objects.values_list("slug", flat=True)) or ["housing"]
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {Answer._meta.db_table} (response_id, question_id, choice, number, text, "
            "counted, combination_id, segment_city_id, respondent_row) FROM STDIN"
        ) as copy,
    ):
        for response_pk, combination_pk, city_pk in responses:
            for question in questions:
                rows = _random_answer(rng, question.kind, topics)
                for n, (choice, number, text) in enumerate(rows):
                    copy.write_row((response_pk, question.pk, choice, number, text, False,
                                    combination_pk, city_pk, n == 0))  # fmt: skip
    _vacuum()


def _vacuum() -> None:
    """What autovacuum does to freshly written tables: statistics for the planner, and the
    visibility map that lets the rebuild count answers from its indexes alone."""
    from django.db import connection

    from surveys.models import Answer, Response

    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Response._meta.db_table}")
        cursor.execute(f"VACUUM ANALYZE {Answer._meta.db_table}")


def _random_answer(rng: random.Random, kind: str, topics: list[str]) -> list[tuple]:
    """(choice, number, text) rows of one random answer to a question of `kind`."""
    if kind == "single":
        return [(rng.choice(CHOICES)["value"], None, "")]
    if kind == "multiple":
        return [(c["value"], None, "") for c in rng.sample(CHOICES, rng.randint(1, 3))]
    if kind == "scale":
        return [(str(rng.randint(1, 5)), None, "")]
    if kind == "yes_no":
        return [(rng.choice(["yes", "no"]), None, "")]
    if kind == "number":
        return [("", rng.randint(0, 500), "")]
    if kind == "needs":
        return [(rng.choice(topics), None, "")]
    return [("", None, "Some thoughts.")] if rng.random() < 0.2 else []


def surveys_prepare(*, responses: int) -> str:
    """The benchmark survey with `responses` answers (made once), published."""
    from django.utils import timezone

    from surveys.models import Response, Survey

    survey = Survey.objects.filter(slug=SURVEY_SLUG).first()
    if survey is None or Response.objects.filter(survey=survey).count() != responses:
        if survey is not None:
            survey.delete()
        survey = Survey.objects.create(
            title="Bench priorities", slug=SURVEY_SLUG, status=Survey.Status.CLOSED,
            opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now(),
            published_at=timezone.now(),
        )  # fmt: skip
        questions = _questions(survey)
        _answers_copy(survey, questions, _respondents(responses))
    return f"survey of {survey.questions.count()} questions, {responses:,} responses"


def rebuild_measure() -> SurveyOutcome:
    """Time one rebuild of every rollup of the benchmark survey (after a warm-up run that
    writes the cells and marks, and a vacuum; the timed run recounts everything and finds them
    right, as the nightly rebuild usually does). The first run is reported too."""
    from surveys.models import Response, Survey, SurveyRollup
    from surveys.services.rollups import survey_rollups_rebuild

    survey = Survey.objects.get(slug=SURVEY_SLUG)
    outcome = SurveyOutcome(
        responses=Response.objects.filter(survey=survey).count(),
        questions=survey.questions.count(),
    )
    SurveyRollup.objects.filter(survey=survey).delete()
    started = time.perf_counter()
    survey_rollups_rebuild(survey_pk=survey.pk)  # from nothing: every cell written
    outcome.first_rebuild_seconds = time.perf_counter() - started
    # The first rebuild marked every answer counted (new row versions); by the next night
    # autovacuum has been through them.
    _vacuum()
    started = time.perf_counter()
    survey_rollups_rebuild(survey_pk=survey.pk)
    outcome.rebuild_seconds = time.perf_counter() - started
    outcome.cells = SurveyRollup.objects.filter(survey=survey).count()
    return outcome


def _parallel_survey_reset(people: int):
    from django.utils import timezone

    from surveys.models import Question, Survey

    Survey.objects.filter(slug=PARALLEL_SLUG).delete()
    survey = Survey.objects.create(
        title="Bench parallel answers", slug=PARALLEL_SLUG, status=Survey.Status.OPEN,
        opens_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    question = Question.objects.create(
        survey=survey, kind="single", label="Bench", choices=CHOICES, required=True
    )
    return survey, question, _respondents(max(people, 200))[:people]


def parallel_answers(*, port: int, outcome: SurveyOutcome, people: int = 200) -> None:
    """`people` answer at once through their personal links; then apply the rollup tasks (no
    worker runs in the benchmark) and compare with a rebuild."""
    from django.conf import settings

    from surveys.links import survey_link_path
    from surveys.models import Response, SurveyRollup
    from surveys.services.rollups import response_rollup_apply, survey_rollups_rebuild

    survey, question, leader_pks = _parallel_survey_reset(people)
    jobs = []
    for n, leader_pk in enumerate(leader_pks):
        path = survey_link_path(survey_slug=survey.slug, survey_pk=survey.pk, leader_pk=leader_pk)
        jobs.append((path, CHOICES[n % 5]["value"], secrets.token_hex(16)))
    lock = threading.Lock()
    statuses: dict[int, int] = {}
    barrier = threading.Barrier(len(jobs))

    def answer(job) -> None:
        path, choice, csrf = job
        body = urlencode({"page": "1", f"q{question.pk}": choice, "csrfmiddlewaretoken": csrf})
        headers = {
            "Host": f"{HOST}:{port}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{settings.CSRF_COOKIE_NAME}={csrf}",
        }
        barrier.wait()
        status = _post(port, path, body, headers)
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=answer, args=(job,), daemon=True) for job in jobs]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.parallel_seconds = time.perf_counter() - started
    outcome.parallel_sent = len(jobs)
    outcome.parallel_statuses = statuses
    responses = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    outcome.parallel_responses = responses.count()
    for pk in responses.values_list("pk", flat=True):
        response_rollup_apply(response_pk=pk)
    rows = SurveyRollup.objects.filter(survey=survey, count__gt=0)
    cells = sorted(
        rows.values_list("question_key", "choice", "segment_kind", "segment_value", "count")
    )
    counted = rows.filter(question_key=0, segment_kind="all").values_list("count", flat=True)
    outcome.parallel_counted = counted.first() or 0
    survey_rollups_rebuild(survey_pk=survey.pk)
    again = sorted(
        rows.values_list("question_key", "choice", "segment_kind", "segment_value", "count")
    )
    outcome.parallel_agree = cells == again


def report_lines(outcome: SurveyOutcome | None) -> list[str]:
    if outcome is None:
        return []
    lines = ["", "Surveys"]
    if outcome.rebuild_seconds is not None:
        verdict = "PASS" if outcome.rebuild_seconds <= TARGET_SECONDS else "FAIL"
        lines.append(
            f"  rollup rebuild: {outcome.responses:,} responses × {outcome.questions} questions "
            f"→ {outcome.cells:,} cells in {outcome.rebuild_seconds:.2f} s "
            f"(target ≤ {TARGET_SECONDS:.0f} s) {verdict}"
        )
        if outcome.first_rebuild_seconds is not None:
            lines.append(
                f"  first rebuild (no rollup rows yet: every cell written): "
                f"{outcome.first_rebuild_seconds:.2f} s"
            )
    if outcome.parallel_sent:
        ok = (
            outcome.parallel_responses == outcome.parallel_sent
            and outcome.parallel_counted == outcome.parallel_sent
            and outcome.parallel_agree
        )
        lines.append(
            f"  {outcome.parallel_sent} answers at once through personal links in "
            f"{outcome.parallel_seconds:.1f} s: statuses {outcome.parallel_statuses}; "
            f"{outcome.parallel_responses} responses saved, {outcome.parallel_counted} counted, "
            f"rollups {'agree' if outcome.parallel_agree else 'DISAGREE'} with a rebuild "
            f"{'PASS' if ok else 'FAIL'}"
        )
    lines += [f"  note: {note}" for note in outcome.notes]
    return lines


def owner_session_cookie() -> str:
    """The Cookie header of the survey's owner, signed in with a real session (a staff member:
    staff own every network survey)."""
    from django.conf import settings

    from actlocal.models import User
    from bench.events import session_key_for

    user = User.objects.filter(email=OWNER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=OWNER_EMAIL, password=None, is_staff=True)
    return f"{settings.SESSION_COOKIE_NAME}={session_key_for(user)}"


def surveys_remove() -> None:
    """Delete the bench surveys, their invented respondents (and so their responses) and their
    owner."""
    from actlocal.models import User
    from directory.models import Leader
    from surveys.models import Survey

    Survey.objects.filter(slug__in=[SURVEY_SLUG, PARALLEL_SLUG]).delete()
    Leader.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    User.objects.filter(email=OWNER_EMAIL).delete()
