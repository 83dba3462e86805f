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
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Answer,
    Question,
    Response,
    SegmentCity,
    SegmentCombination,
    Survey,
    SurveyRollup,
)
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


def _grouped_sql(*, answer: str, response: str, column: str) -> str:
    """Cells of a survey per (question, choice, filing) for `column`, combination or city: a
    choice's rows, a question's respondent rows (choice ""), the survey's respondents (key 0).

    The answer rows carry their response's filing (filing.py), so no join: a partial index on
    (question, filing, choice) hands them over in order, and one streaming pass counts each
    choice and, rolled up over the choices, each question's respondents.
    """
    return f"""
        SELECT question_id AS qk, {column} AS filed,
               CASE WHEN GROUPING(choice) = 1 THEN '' ELSE choice END AS choice,
               CASE WHEN GROUPING(choice) = 1 THEN COUNT(*) FILTER (WHERE respondent_row)
                    ELSE COUNT(*) END AS n
          FROM {answer}
         WHERE question_id = ANY(%(questions)s) AND superseded_at IS NULL
           AND combination_id IS NOT NULL
         GROUP BY question_id, {column}, ROLLUP (choice)
        HAVING GROUPING(choice) = 1 OR choice <> ''
        UNION ALL
        SELECT 0, {column}, '', COUNT(*) FROM {response}
         WHERE survey_id = %(survey)s AND submitted_at IS NOT NULL
         GROUP BY {column}
    """


def _cells_sql_postgresql(*, answer: str, response: str, combination: str, city: str) -> str:
    """Every cell of a survey: (qk, choice, kind, value, n).

    Counted per segment combination (a few thousand groups, spread over the "all" row and each
    coarse segment of their combination) and per city (named from its row). Joining every
    answer to its response and hashing 1.7 million keys twice (100,000 responses) took 13 s.
    """
    sets = ", ".join(["(qk, choice)"] + [f"(qk, choice, {column})" for _k, column in COARSE])
    kind_case = " ".join(f"WHEN GROUPING({column}) = 0 THEN '{kind}'" for kind, column in COARSE)
    value_case = " ".join(f"WHEN GROUPING({column}) = 0 THEN {column}" for _kind, column in COARSE)
    by_combination = _grouped_sql(answer=answer, response=response, column="combination_id")
    by_city = _grouped_sql(answer=answer, response=response, column="segment_city_id")
    return f"""
        SELECT qk, choice::text AS choice, 'city'::text AS kind, c.name::text AS value,
               n::integer AS n
          FROM ({by_city}) g JOIN {city} c ON c.id = g.filed
        UNION ALL
        SELECT qk, choice, CASE {kind_case} ELSE 'all' END,
               CASE {value_case} ELSE '' END, SUM(n)::integer
          FROM ({by_combination}) g JOIN {combination} s ON s.id = g.filed
         GROUP BY GROUPING SETS ({sets})
    """


def _blocks_differing_sql(*, table: str, cells: str) -> str:
    """The (question, segment kind) blocks whose rows differ between the survey's rollups and
    its cells, told by a count and a fingerprint (a hash of every row, combined) per block:
    reading both sides once is much cheaper than matching 350,000 rows one by one, or than
    writing them to a table to match them."""
    fingerprint = "COUNT(*) AS rows, BIT_XOR(hashtextextended(concat_ws(chr(31), {}), 0)) AS h"
    return f"""
        WITH cells AS ({cells}),
        old AS (
            SELECT question_key AS qk, segment_kind AS kind,
                   {fingerprint.format("choice, segment_value, count")}
              FROM {table} WHERE survey_id = %(survey)s GROUP BY question_key, segment_kind
        ),
        new AS (
            SELECT qk, kind, {fingerprint.format("choice, value, n")} FROM cells GROUP BY qk, kind
        )
        SELECT COALESCE(old.qk, new.qk), COALESCE(old.kind, new.kind)
          FROM old FULL JOIN new ON old.qk = new.qk AND old.kind = new.kind
         WHERE old.rows IS DISTINCT FROM new.rows OR old.h IS DISTINCT FROM new.h
    """


def _cells_write_postgresql(
    *, table: str, cells: str, params: dict[str, Any], blocks: list[tuple[int, str]]
) -> bool:
    """Make the rollup rows of these blocks equal the survey's cells, writing only the rows
    that differ. True when a row changed."""
    params = {
        **params,
        "block_questions": [qk for qk, _kind in blocks],
        "block_kinds": [kind for _qk, kind in blocks],
    }
    in_blocks = "IN (SELECT * FROM unnest(%(block_questions)s::integer[], %(block_kinds)s::text[]))"
    match = (
        "n.qk = o.question_key AND n.choice = o.choice AND n.kind = o.segment_kind "
        "AND n.value = o.segment_value"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{NEW_CELLS}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {NEW_CELLS} ON COMMIT DROP AS "
            f"SELECT * FROM ({cells}) n WHERE (n.qk, n.kind) {in_blocks}",
            params,
        )
        cursor.execute(
            f"DELETE FROM {table} o WHERE o.survey_id = %(survey)s AND "
            f"(o.question_key, o.segment_kind) {in_blocks} AND NOT EXISTS "
            f"(SELECT 1 FROM {NEW_CELLS} n WHERE {match} AND n.n = o.count)",
            params,
        )
        changed = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {table} "
            "(survey_id, question_key, choice, segment_kind, segment_value, count) "
            f"SELECT %(survey)s, n.qk, n.choice, n.kind, n.value, n.n FROM {NEW_CELLS} n "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} o "
            f"WHERE o.survey_id = %(survey)s AND {match})",
            params,
        )
        return bool(changed or cursor.rowcount)


def _rebuild_postgresql(*, survey_pk: int) -> bool:
    """Recount the survey's cells and compare them with its rollups block by block; only when
    a block differs are its cells counted again, to a table, and the differing rows written
    (a nightly rebuild usually finds every block right). True when a row changed."""
    questions = list(Question.objects.filter(survey_id=survey_pk).values_list("pk", flat=True))
    params: dict[str, Any] = {"survey": survey_pk, "questions": questions}
    table = SurveyRollup._meta.db_table
    cells = _cells_sql_postgresql(
        answer=Answer._meta.db_table,
        response=Response._meta.db_table,
        combination=SegmentCombination._meta.db_table,
        city=SegmentCity._meta.db_table,
    )
    with connection.cursor() as cursor:
        # Room for the hash tables (this transaction only); the plan is too short-lived for
        # JIT compilation to pay off.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")
        # The answers come in index order; nothing of this size is worth sorting on its text,
        # and the planner cannot know how few groups the combinations make.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(_blocks_differing_sql(table=table, cells=cells), params)
        blocks = [(qk, kind) for qk, kind in cursor.fetchall()]
    if not blocks:
        return False
    return _cells_write_postgresql(table=table, cells=cells, params=params, blocks=blocks)


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
