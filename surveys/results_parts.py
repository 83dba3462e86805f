"""Rendered parts of the owners' results page kept in the cache: the head (respondents, the
split form) and each question's charts and tables, as one entry per split and filter.

They are most of the page's cost (every table read from the rollups, suppressed and drawn)
and never depend on who is looking: each is keyed by the survey, its `results_version`
(bumped by every change the results show), the language, the split and the filter, so a part
of older counts is never shown. What does depend on the viewer, the trends of the same
question in other surveys (those this owner may see), is rendered for every request beside
the cached parts, and the page's sections are joined around them in Python (no template per
question). Suppression is applied before a part is rendered: a cached part holds nothing a
fresh one would not. Without a cache everything is rendered, and nothing fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from actlocal.cached_parts import cache_get_many, cache_set_many, part_key

from .models import Survey
from .results import SurveyResults

HEAD_TEMPLATE = "surveys/_results_head.html"
QUESTION_TEMPLATE = "surveys/_question_result_main.html"
TREND_TEMPLATE = "surveys/_question_trend.html"


@dataclass(frozen=True)
class QuestionPart:
    question_pk: int
    html: SafeString
    shows_trend: bool  # a choice question with enough answers to show: trends go below it
    trend_key: str  # the question's, for the trends of other surveys reusing it


def _key(survey: Survey, by: str, segment: str, part: str) -> str:
    segment_hex = segment.encode("utf-8", "surrogateescape").hex()
    return part_key(
        "surveys", "owner-part", survey.results_version, survey.pk, by, segment_hex, part
    )


def results_parts(
    request: HttpRequest,
    survey: Survey,
    *,
    by: str,
    segment: tuple[str, str] | None,
    compute: Callable[[], SurveyResults],
) -> tuple[SafeString, list[QuestionPart]]:
    """The head and every question's part, stored together (with each question's key and
    trend key) so a visit reads neither questions nor results; `compute()` reads the results
    only when they are missing. The questions change only with `results_version`, which keys
    the entry. `by` and `segment` as `survey_results` normalises them (they are part of the
    key)."""
    key = _key(survey, by, ":".join(segment) if segment else "", "page")
    found = cache_get_many([key]).get(key)
    if not (isinstance(found, tuple) and len(found) == 2):
        results = compute()
        context = {"survey": survey, "results": results, "by_label": results.by_label}
        context |= {"public": False}
        head = get_template(HEAD_TEMPLATE).render(context, request)
        template = get_template(QUESTION_TEMPLATE)
        rows = [
            (
                result.question.pk,
                template.render({**context, "result": result}, request),
                result.is_choice and result.n is not None,
                result.question.trend_key,
            )
            for result in results.questions
        ]
        found = (head, rows)
        cache_set_many({key: found})
    head, rows = found
    # Rendered by our templates with autoescaping on, here or before they were cached.
    parts = [QuestionPart(pk, mark_safe(html), shows, trend) for pk, html, shows, trend in rows]  # noqa: S308
    return mark_safe(head), parts  # noqa: S308


def results_sections(parts: list[QuestionPart], trends: dict[int, list]) -> SafeString:
    """The questions' sections: each cached part, and below it the trend this viewer may see
    (`trends` by question), joined in Python: a page of many questions renders no template
    per question when nothing shows a trend."""
    trend_template = get_template(TREND_TEMPLATE)
    pieces = []
    for part in parts:
        trend = trends.get(part.question_pk, []) if part.shows_trend else []
        pieces += [
            f'<section class="survey-result" aria-labelledby="result-{int(part.question_pk)}">\n',
            part.html,
            trend_template.render({"trend": trend}) if trend else "",
            "\n</section>\n",
        ]
    # The parts and the trend tables were rendered by our templates with autoescaping on.
    return mark_safe("".join(pieces))  # noqa: S308
