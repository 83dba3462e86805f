"""Results of a survey read from its rollups: per question the overall shares, a suppressed
table per segment kind, chart geometry and the headline statement a person would write.

Everything here is aggregates after suppression (suppression.py); free-text answers never
reach this module. Reading is a constant number of queries whatever the number of segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .answering import choice_values
from .models import Question, Survey, SurveyRollup
from .segments import LISTED_KINDS, SEGMENT_KINDS, SPLIT_KINDS, segment_label
from .selectors import QuestionKey, survey_questions, survey_topics
from .suppression import OVERALL, Table, suppress

SINGLE_ANSWER = (Question.Kind.SINGLE, Question.Kind.SCALE, Question.Kind.YES_NO)
CHOICE_KINDS = (*SINGLE_ANSWER, Question.Kind.MULTIPLE, Question.Kind.NEEDS)
HEADLINE_KINDS = ("area_type", "lean")
# A split by city lists this many of the largest cities that can be shown; the rest are counted.
LISTED_ROWS = 50
BAR_WIDTH = 300
PATTERNS = 6


@dataclass
class Cell:
    choice: str
    label: str
    count: int | None
    share: float | None  # 0..100, None when hidden

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass
class Row:
    value: str
    label: str
    total: int | None
    cells: list[Cell]
    pieces: list[dict] = field(default_factory=list)  # stacked bar geometry

    @property
    def hidden(self) -> bool:
        return self.total is None


@dataclass
class QuestionResult:
    question: Question
    n: int | None
    overall: list[Cell]
    by_segment: list[Row]
    headline: str
    is_choice: bool
    trend: list = field(default_factory=list)  # TrendPoints of surveys reusing the question
    rows_not_listed: int = 0  # groups of a city split left out (hidden, or past the largest)

    @property
    def bars(self) -> list[dict]:
        return [
            {
                "cell": cell,
                "y": 8 + index * 34,
                "width": round((cell.share or 0) * BAR_WIDTH / 100, 1),
                "pattern": index % PATTERNS,
                "text_x": 8 + round((cell.share or 0) * BAR_WIDTH / 100, 1),
            }
            for index, cell in enumerate(self.overall)
        ]

    @property
    def bars_height(self) -> int:
        return 16 + 34 * len(self.overall)

    @property
    def stacked_height(self) -> int:
        return 16 + 34 * len(self.by_segment)


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int | None
    by: str
    by_label: str
    segment_filter: tuple[str, str] | None
    questions: list[QuestionResult]
    computed_at: object
    segment_kinds: dict[str, str]


Cells = dict[tuple[int, str], dict[tuple[str, str], int]]


def rollup_cells(survey: Survey, *, kinds: set[str]) -> Cells:
    """The survey's cells of these segment kinds ("all" is always read), by (question, kind):
    {(choice, segment value): count}. A city split of a big survey is hundreds of thousands of
    cells, read only when asked for, and each question's table only walks its own."""
    rows = SurveyRollup.objects.filter(
        survey=survey, segment_kind__in=sorted(kinds | {"all"})
    ).values_list("question_key", "choice", "segment_kind", "segment_value", "count")
    cells: Cells = {}
    for q, c, k, v, n in rows:
        cells.setdefault((q, k), {})[(c, v)] = n
    return cells


def _count(cells: Cells, question_key: int, choice: str = "") -> int:
    return cells.get((question_key, "all"), {}).get((choice, ""), 0)


def _share(count: int | None, total: int | None) -> float | None:
    if count is None or not total:
        return None
    return round(100 * count / total, 1)


def question_table(cells, question: Question, kind: str, choices: list[str]) -> Table:
    qk = question.pk
    totals = {OVERALL: _count(cells, qk)}
    counts = {OVERALL: {c: _count(cells, qk, c) for c in choices}}
    for (choice, value), number in cells.get((qk, kind), {}).items():
        if choice == "":
            totals[value] = number
        elif choice in choices:
            counts.setdefault(value, {})[choice] = number
    for value in counts:
        totals.setdefault(value, 0)
    return suppress(
        totals=totals, counts=counts, choices=choices, single_answer=question.kind in SINGLE_ANSWER
    )


def _row(table: Table, key: str, kind: str, labels: dict[str, str]) -> Row:
    total = table.totals[key]
    cells = [
        Cell(c, labels[c], table.counts[key][c], _share(table.counts[key][c], total))
        for c in table.choices
    ]
    row = Row(value=key, label=segment_label(kind, key), total=total, cells=cells)
    x = 0.0
    for index, cell in enumerate(cells):
        width = round((cell.share or 0) * BAR_WIDTH / 100, 1)
        row.pieces.append({"x": round(x, 1), "width": width, "pattern": index % PATTERNS})
        x += width
    return row


def _headline(result_cells: list[Cell], n: int | None, tables: dict[str, Table], labels) -> str:
    shown = [cell for cell in result_cells if cell.count is not None and cell.share is not None]
    if not shown or n is None:
        return ""
    top = max(shown, key=lambda cell: (cell.count, cell.label))
    shares, incomplete = [], False
    for kind in HEADLINE_KINDS:
        table = tables[kind]
        for key in table.totals:
            if key in (OVERALL, ""):
                continue
            share = _share(table.counts[key][top.choice], table.totals[key])
            if share is None:
                incomplete = True
            else:
                shares.append(share)
    text = _("%(share)s%% of respondents (n = %(n)s) chose “%(label)s”.") % {
        # Formatted for the reader's language (12,345 in English, 12.345 in Spanish).
        "share": number_format(round(top.share)),
        "n": number_format(n, force_grouping=True),
        "label": top.label,
    }
    if len(shares) >= 2:
        where = (
            _("in every area type and lean with enough respondents to show")
            if incomplete
            else _("in every area type and lean")
        )
        text += " " + _("%(where)s the share is between %(low)s%% and %(high)s%%.") % {
            "where": where[0].upper() + where[1:],
            "low": f"{min(shares):.0f}",
            "high": f"{max(shares):.0f}",
        }
    return text


def survey_results(
    *, survey: Survey, by: str = "area_type", segment: tuple[str, str] | None = None
) -> SurveyResults:
    """Every question's suppressed aggregates, split by segment kind `by`, or for one segment."""
    by = by if by in SPLIT_KINDS else "area_type"
    if segment is not None and segment[0] == by:
        segment = None  # one group split by its own kind is that group again
    cells = rollup_cells(survey, kinds={by, *HEADLINE_KINDS} | ({segment[0]} if segment else set()))
    questions = survey_questions(survey=survey)
    topics = survey_topics() if any(q.kind == Question.Kind.NEEDS for q in questions) else []
    results = []
    for question in questions:
        if question.is_text or question.kind == Question.Kind.NUMBER:
            n_table = suppress(
                totals={OVERALL: _count(cells, question.pk)},
                counts={OVERALL: {}},
                choices=[],
                single_answer=False,
            )
            results.append(
                QuestionResult(question, n_table.totals[OVERALL], [], [], "", is_choice=False)
            )
            continue
        options = choice_values(question, topics)
        labels = dict(options)
        choices = [value for value, _label in options]
        kinds = {by, *HEADLINE_KINDS} | ({segment[0]} if segment else set())
        tables = {kind: question_table(cells, question, kind, choices) for kind in kinds}
        main = tables[by]
        if segment is not None:
            table = tables[segment[0]]
            key = segment[1] if segment[1] in table.totals else None
            overall_row = _row(table, key, segment[0], labels) if key is not None else None
            n = overall_row.total if overall_row else None
            overall = overall_row.cells if overall_row else []
        else:
            overall = _row(main, OVERALL, by, labels).cells
            n = main.totals[OVERALL]
        keys = sorted((k for k in main.totals if k != OVERALL), key=lambda k: (k == "", k))
        not_listed = 0
        if by in LISTED_KINDS:
            # Thousands of cities: list the largest that can be shown, never a hidden one (its
            # name alone would say someone from a tiny place answered).
            shown = [k for k in keys if main.totals[k] is not None and k != ""]
            shown.sort(key=lambda k: (-(main.totals[k] or 0), k))
            not_listed = len(keys) - min(len(shown), LISTED_ROWS)
            keys = shown[:LISTED_ROWS]
        rows = [_row(main, key, by, labels) for key in keys]
        headline = "" if segment else _headline(overall, n, tables, labels)
        results.append(
            QuestionResult(
                question, n, overall, rows, headline, is_choice=True, rows_not_listed=not_listed
            )
        )
    respondents_table = suppress(
        totals={OVERALL: _count(cells, 0)},
        counts={OVERALL: {}},
        choices=[],
        single_answer=False,
    )
    return SurveyResults(
        survey=survey,
        respondents=respondents_table.totals[OVERALL],
        by=by,
        by_label=str(SEGMENT_KINDS[by]),
        segment_filter=segment,
        questions=results,
        computed_at=survey.rollups_computed_at,
        segment_kinds={k: str(SEGMENT_KINDS[k]) for k in SPLIT_KINDS},
    )


@dataclass
class TrendPoint:
    survey: Survey
    n: int | None
    cells: list[Cell]


def question_trends(
    *, survey: Survey, user_can_own, questions: Sequence[Question | QuestionKey] | None = None
) -> dict[int, list[TrendPoint]]:
    """For each question of `survey` with a trend key: the same question's overall results in
    every survey reusing it that is published (or owned by the viewer), oldest first.
    `questions`: the survey's, when the caller has read them already."""
    if questions is None:
        questions = survey_questions(survey=survey)
    keyed = {q.trend_key: q for q in questions if q.trend_key}
    if not keyed:
        return {}
    others = list(
        Question.objects.filter(trend_key__in=list(keyed))
        .select_related("survey", "survey__event", "survey__campaign")
        .order_by("survey__opens_at", "pk")
    )
    visible = [
        q
        for q in others
        if q.survey_id == survey.pk or q.survey.published_at or user_can_own(q.survey)
    ]
    rows = SurveyRollup.objects.filter(
        question_key__in=[q.pk for q in visible], segment_kind="all"
    ).values_list("question_key", "choice", "count")
    counts: dict[int, dict[str, int]] = {}
    for question_key, choice, count in rows:
        counts.setdefault(question_key, {})[choice] = count
    trends: dict[int, list[TrendPoint]] = {}
    for question in visible:
        options = choice_values(question)
        choices = [value for value, _label in options]
        own = counts.get(question.pk, {})
        table = suppress(
            totals={OVERALL: own.get("", 0)},
            counts={OVERALL: {c: own.get(c, 0) for c in choices}},
            choices=choices,
            single_answer=question.kind in SINGLE_ANSWER,
        )
        total = table.totals[OVERALL]
        cells = [
            Cell(c, label, table.counts[OVERALL][c], _share(table.counts[OVERALL][c], total))
            for c, label in options
        ]
        trends.setdefault(keyed[question.trend_key].pk, []).append(
            TrendPoint(question.survey, total, cells)
        )
    return {pk: points for pk, points in trends.items() if len(points) > 1}
