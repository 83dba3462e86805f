"""Rollups: counts per survey × question × choice × segment, kept two ways that always agree.

The cells. For each submitted response, its *keys* are (question, choice) for every live choice
answer, (question, "") once per question it answered (the question's respondents, the
denominator of its shares) and (0, "") for the response itself (the survey's respondents).
Each key is counted once in the "all" segment and once under each of the response's segment
values (area type, lean, state, city, role; "" when not known). Free-text is never a key.

The incremental path (`response_rollup_apply`, a task after each save) compares what the
rollups already hold for the response (answers and the response marked `counted`) with what
it should hold now (its live answers if submitted), adds +1 / -1 for the difference, marks the
live answers counted and deletes superseded ones. Running it twice changes nothing the second
time.

The rebuild (`survey_rollups_rebuild`, nightly and on demand) recounts every cell from the
live answers in set-based SQL, brings the survey's rows in line and marks the answers the same
way.

Both take the survey's row lock (SELECT ... FOR UPDATE), so a rebuild never interleaves with
an incremental update and the marks always describe exactly what the counts include: that is
why the two agree (tests/surveys/test_rollup_agreement.py checks it on random data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Answer, Question, Response, Survey, SurveyRollup
from ..report_cache import report_cache_bump

SEGMENT_COLUMNS = {
    "area_type": "area_type",
    "lean": "area_lean",
    "state": "state",
    "city": "city",
    "role": "role",
}

Key = tuple[int, str]
Cell = tuple[int, str, str, str]  # question_key, choice, segment kind, segment value


def results_version_bump(*, survey_pk: int) -> None:
    """Say that what the survey's results show has changed (the report cache key moves on)."""
    Survey.objects.filter(pk=survey_pk).update(results_version=F("results_version") + 1)
    report_cache_bump(survey_pk=survey_pk)


def survey_lock(*, survey_pk: int, shared: bool) -> bool:
    """Lock the survey row until the transaction ends; False if it does not exist.

    Saving answers takes it shared (saves run side by side); counting takes it exclusive, so a
    count never sees half of a save and the `counted` marks match what was counted.
    """
    if shared and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {Survey._meta.db_table} WHERE id = %s FOR SHARE", [survey_pk]
            )
            return cursor.fetchone() is not None
    locked = Survey.objects.select_for_update().filter(pk=survey_pk).values_list("pk", flat=True)
    return bool(list(locked))


def _response_cells(response: Response, keys: Iterable[Key]) -> Counter[Cell]:
    cells: Counter[Cell] = Counter()
    for question_key, choice in keys:
        cells[(question_key, choice, "all", "")] += 1
        for kind, column in SEGMENT_COLUMNS.items():
            cells[(question_key, choice, kind, getattr(response, column))] += 1
    return cells


def _keys(answers: Iterable[tuple[int, str]], *, respondent: bool) -> set[Key]:
    keys: set[Key] = set()
    for question_pk, choice in answers:
        keys.add((question_pk, ""))
        if choice:
            keys.add((question_pk, choice))
    if respondent:
        keys.add((0, ""))
    return keys


def _upsert(*, survey_pk: int, cells: Counter[Cell]) -> None:
    """Add each delta to its cell (creating it), in one statement per chunk, in a fixed order."""
    table = SurveyRollup._meta.db_table
    rows = sorted((cell, delta) for cell, delta in cells.items() if delta)
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
        params: list = []
        for (question_key, choice, kind, value), delta in chunk:
            params += [survey_pk, question_key, choice, kind, value, delta]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} "
                "(survey_id, question_key, choice, segment_kind, segment_value, count) "
                f"VALUES {placeholders} "
                "ON CONFLICT (survey_id, question_key, choice, segment_kind, segment_value) "
                f"DO UPDATE SET count = {table}.count + excluded.count",
                params,
            )


def response_rollup_apply(*, response_pk: int) -> bool:
    """Bring the rollups in line with one response; False when nothing had to change."""
    with transaction.atomic():
        survey_pk = Response.objects.filter(pk=response_pk).values_list("survey_id", flat=True)
        survey_pk_value = survey_pk.first()
        if survey_pk_value is None:
            return False  # deleted since; the rebuild has nothing of it either
        survey_lock(survey_pk=survey_pk_value, shared=False)
        response = Response.objects.get(pk=response_pk)
        rows = list(
            Answer.objects.filter(response=response).values_list(
                "question_id", "choice", "counted", "superseded_at"
            )
        )
        submitted = response.submitted_at is not None
        before = _keys(
            ((q, c) for q, c, counted, _s in rows if counted), respondent=response.counted
        )
        after = _keys(
            ((q, c) for q, c, _c, gone in rows if gone is None and submitted), respondent=submitted
        )
        marks_right = response.counted == submitted and all(
            gone is None and counted == submitted for _q, _c, counted, gone in rows
        )
        if before == after and marks_right:
            return False
        cells = _response_cells(response, after)
        cells.subtract(_response_cells(response, before))
        _upsert(survey_pk=response.survey_id, cells=cells)
        Answer.objects.filter(response=response, superseded_at__isnull=False).delete()
        Answer.objects.filter(response=response).update(counted=submitted)
        Response.objects.filter(pk=response.pk).update(counted=submitted)
        if any(cells.values()):
            results_version_bump(survey_pk=response.survey_id)
    return True


# Questions a respondent may answer with several rows (one per option): their respondents are
# counted once per response; every other kind has at most one live row per response and question.
SEVERAL_ROWS = ("multiple", "needs")
SEGMENTS_SQL = "r.area_type AS area_type, r.area_lean AS area_lean, r.state AS state, " + (
    "r.city AS city, r.role AS role"
)
# Segment kinds other than city: few values each, so their combinations per cell are few too.
COARSE = [(kind, column) for kind, column in SEGMENT_COLUMNS.items() if kind != "city"]
NEW_CELLS = "surveys_rollup_new"


def _rebuild_sql_portable(*, table: str, answer: str, response: str, question: str) -> str:
    """One INSERT ... SELECT that recounts every cell of a survey (SQLite, `make run`)."""
    live = (
        f"FROM {answer} a JOIN {response} r ON r.id = a.response_id "
        f"JOIN {question} q ON q.id = a.question_id "
        "WHERE r.survey_id = %(survey)s AND r.submitted_at IS NOT NULL "
        "AND a.superseded_at IS NULL"
    )
    several = ", ".join(f"'{kind}'" for kind in SEVERAL_ROWS)
    keys = f"""
        SELECT a.question_id AS qk, a.choice AS choice, {SEGMENTS_SQL} {live} AND a.choice <> ''
        UNION ALL
        SELECT a.question_id, '', {SEGMENTS_SQL} {live} AND q.kind NOT IN ({several})
        UNION ALL
        SELECT qk, '', area_type, area_lean, state, city, role FROM (
            SELECT DISTINCT a.response_id, a.question_id AS qk, {SEGMENTS_SQL}
            {live} AND q.kind IN ({several})
        ) several_rows
        UNION ALL
        SELECT 0, '', {SEGMENTS_SQL} FROM {response} r
         WHERE r.survey_id = %(survey)s AND r.submitted_at IS NOT NULL
    """
    columns = "(survey_id, question_key, choice, segment_kind, segment_value, count)"
    groups = [
        "SELECT qk, choice, 'all' AS kind, '' AS value, COUNT(*) AS n FROM k GROUP BY qk, choice"
    ]
    for kind, column in SEGMENT_COLUMNS.items():
        groups.append(
            f"SELECT qk, choice, '{kind}', {column}, COUNT(*) FROM k GROUP BY qk, choice, {column}"
        )
    return (
        f"WITH k AS ({keys}) INSERT INTO {table} {columns} "
        f"SELECT %(survey)s, qk, choice, kind, value, n FROM ({' UNION ALL '.join(groups)}) g"
    )


def _cells_sql_postgresql(*, answer: str, response: str) -> str:
    """A temporary table of every cell of a survey, counted in one pass over its answers.

    Each live answer of a submitted response is one row, and so is each response (its
    respondent key) and each (response, question) of a question answered with several rows.
    Each response's segments are numbered first: one number for its combination of the coarse
    segments (area type, lean, state, role: a few hundred combinations), one for its city. The
    rows are then grouped twice, as hash tables on those numbers: by (question, choice) and
    coarse combination, and by (question, choice) and city. A question's respondents are sums
    over those groups (a question answered with one row has as many respondents as rows), and
    the "all" row and each coarse kind sums over the small first result. Grouping the 2.4
    million keys of 100,000 responses once per kind, sorted on their text, took half a minute.
    """
    coarse = ", ".join(column for _kind, column in COARSE)
    in_c = ", ".join(f'{column} COLLATE "C"' for _kind, column in COARSE)
    sets = ", ".join(["(qk, choice)"] + [f"(qk, choice, {column})" for _k, column in COARSE])
    kind_case = " ".join(f"WHEN GROUPING({column}) = 0 THEN '{kind}'" for kind, column in COARSE)
    value_case = " ".join(f"WHEN GROUPING({column}) = 0 THEN {column}" for _kind, column in COARSE)
    # Rows of a question's respondents: every group of a one-row question, the "" groups (one
    # per response) of a several-row one.
    respondent = "(choice = '' OR NOT qk = ANY(%(several)s))"
    return f"""
        CREATE TEMPORARY TABLE {NEW_CELLS} ON COMMIT DROP AS
        WITH r AS MATERIALIZED (
            SELECT id, {coarse}, city,
                   DENSE_RANK() OVER (ORDER BY {in_c}) AS combo,
                   DENSE_RANK() OVER (ORDER BY city COLLATE "C") AS town
              FROM {response} WHERE survey_id = %(survey)s AND submitted_at IS NOT NULL
        ),
        live AS MATERIALIZED (
            SELECT a.response_id, a.question_id AS qk, a.choice FROM {answer} a
              JOIN r ON r.id = a.response_id
             WHERE a.question_id = ANY(%(questions)s) AND a.superseded_at IS NULL
        ),
        keys AS MATERIALIZED (
            SELECT k.qk, k.choice, r.combo, r.town
              FROM (
                SELECT response_id, qk, choice FROM live
                UNION ALL
                SELECT response_id, qk, '' FROM live WHERE qk = ANY(%(several)s)
                 GROUP BY response_id, qk
                UNION ALL
                SELECT id, 0, '' FROM r
              ) k JOIN r ON r.id = k.response_id
        ),
        by_combo AS (SELECT qk, choice, combo, COUNT(*) AS n FROM keys GROUP BY qk, choice, combo),
        by_town AS (SELECT qk, choice, town, COUNT(*) AS n FROM keys GROUP BY qk, choice, town),
        combos AS (SELECT DISTINCT combo, {coarse} FROM r),
        towns AS (SELECT DISTINCT town, city FROM r),
        coarse_cells AS (
            SELECT qk, choice, combo, n FROM by_combo WHERE choice <> ''
            UNION ALL
            SELECT qk, '', combo, SUM(n) FROM by_combo WHERE {respondent} GROUP BY qk, combo
        ),
        town_cells AS (
            SELECT qk, choice, town, n FROM by_town WHERE choice <> ''
            UNION ALL
            SELECT qk, '', town, SUM(n) FROM by_town WHERE {respondent} GROUP BY qk, town
        )
        SELECT qk, choice, 'city'::text AS kind, towns.city::text AS value, n::integer AS n
          FROM town_cells JOIN towns USING (town)
        UNION ALL
        SELECT qk, choice, CASE {kind_case} ELSE 'all' END,
               CASE {value_case} ELSE '' END, SUM(n)::integer
          FROM coarse_cells JOIN combos USING (combo) GROUP BY GROUPING SETS ({sets})
    """


def _cells_write_postgresql(*, table: str, survey_pk: int) -> bool:
    """Make the survey's rollup rows equal the new cells, writing only the ones that differ:
    a nightly rebuild that finds the counts right (the usual case) rewrites nothing. True when
    a row changed."""
    match = (
        "n.qk = o.question_key AND n.choice = o.choice AND n.kind = o.segment_kind "
        "AND n.value = o.segment_value"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} o WHERE o.survey_id = %s AND NOT EXISTS "
            f"(SELECT 1 FROM {NEW_CELLS} n WHERE {match} AND n.n = o.count)",
            [survey_pk],
        )
        changed = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {table} "
            "(survey_id, question_key, choice, segment_kind, segment_value, count) "
            f"SELECT %s, n.qk, n.choice, n.kind, n.value, n.n FROM {NEW_CELLS} n "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} o WHERE o.survey_id = %s AND {match})",
            [survey_pk, survey_pk],
        )
        return bool(changed or cursor.rowcount)


def _rebuild_postgresql(*, survey_pk: int) -> bool:
    kinds = dict(Question.objects.filter(survey_id=survey_pk).values_list("pk", "kind"))
    with connection.cursor() as cursor:
        # Room for the hash tables (this transaction only); the plan is too short-lived for
        # JIT compilation to pay off.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")
        # The planner cannot know how few groups the hash tables get (a few hundred
        # combinations, a few thousand cities) and would sort millions of rows on their text.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{NEW_CELLS}")
        cursor.execute(
            _cells_sql_postgresql(answer=Answer._meta.db_table, response=Response._meta.db_table),
            {
                "survey": survey_pk,
                "questions": list(kinds),
                "several": [pk for pk, kind in kinds.items() if kind in SEVERAL_ROWS],
            },
        )
    return _cells_write_postgresql(table=SurveyRollup._meta.db_table, survey_pk=survey_pk)


def survey_rollups_rebuild(*, survey_pk: int) -> None:
    """Recount every cell of a survey from its live answers and mark what is counted."""
    with transaction.atomic():
        if not survey_lock(survey_pk=survey_pk, shared=False):
            return
        changed = True
        if connection.vendor == "postgresql":
            changed = _rebuild_postgresql(survey_pk=survey_pk)
        else:
            SurveyRollup.objects.filter(survey_id=survey_pk).delete()
            sql = _rebuild_sql_portable(
                table=SurveyRollup._meta.db_table,
                answer=Answer._meta.db_table,
                response=Response._meta.db_table,
                question=Question._meta.db_table,
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, {"survey": survey_pk})
        responses = Response.objects.filter(survey_id=survey_pk)
        Answer.objects.filter(response__survey_id=survey_pk, superseded_at__isnull=False).delete()
        submitted = responses.filter(submitted_at__isnull=False)
        Answer.objects.filter(response__in=submitted, counted=False).update(counted=True)
        Answer.objects.filter(response__survey_id=survey_pk, response__submitted_at=None).filter(
            counted=True
        ).update(counted=False)
        submitted.filter(counted=False).update(counted=True)
        responses.filter(submitted_at=None, counted=True).update(counted=False)
        Survey.objects.filter(pk=survey_pk).update(rollups_computed_at=timezone.now())
        if changed:
            results_version_bump(survey_pk=survey_pk)


def rollups_rebuild_all() -> int:
    """Rebuild the rollups of every survey that has responses (the nightly sweep)."""
    pks = list(Survey.objects.exclude(status=Survey.Status.DRAFT).values_list("pk", flat=True))
    for pk in pks:
        survey_rollups_rebuild(survey_pk=pk)
    return len(pks)


def rollups_recount_where_responses_vanished() -> int:
    """Rebuild the surveys whose counted respondents differ from their rollup (deleted people)."""
    counted = (
        Response.objects.filter(survey=OuterRef("pk"), counted=True)
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rolled = SurveyRollup.objects.filter(
        survey=OuterRef("pk"), question_key=0, choice="", segment_kind="all"
    ).values("count")
    pks = list(
        Survey.objects.annotate(
            counted_n=Coalesce(Subquery(counted), 0), rolled_n=Coalesce(Subquery(rolled), 0)
        )
        .exclude(counted_n=F("rolled_n"))
        .values_list("pk", flat=True)
    )
    for pk in pks:
        survey_rollups_rebuild(survey_pk=pk)
    return len(pks)
