"""The survey exports: suppressed aggregates for everyone allowed to see results, and raw
responses for staff (spreadsheet-safe; no identities for anonymous surveys)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from actlocal.text import spreadsheet_safe

from .models import Answer, Response, Survey
from .results import survey_results
from .segments import SPLIT_KINDS
from .selectors import survey_questions

SUPPRESSED = "suppressed"


def aggregate_rows(*, survey: Survey) -> Iterator[list]:
    """question, segment kind, segment value, choice, count, share; hidden numbers say so."""
    yield ["question", "segment_kind", "segment_value", "choice", "respondents", "count", "share"]
    for by in SPLIT_KINDS:
        results = survey_results(survey=survey, by=by)
        for result in results.questions:
            if not result.is_choice:
                continue
            label = spreadsheet_safe(result.question.label)
            if by == "area_type":  # the overall rows once
                for cell in result.overall:
                    yield [
                        label, "all", "", spreadsheet_safe(cell.label),
                        result.n if result.n is not None else SUPPRESSED,
                        cell.count if cell.count is not None else SUPPRESSED,
                        cell.share if cell.share is not None else SUPPRESSED,
                    ]  # fmt: skip
            for row in result.by_segment:
                for cell in row.cells:
                    yield [
                        label, by, spreadsheet_safe(row.value), spreadsheet_safe(cell.label),
                        row.total if row.total is not None else SUPPRESSED,
                        cell.count if cell.count is not None else SUPPRESSED,
                        cell.share if cell.share is not None else SUPPRESSED,
                    ]  # fmt: skip


def raw_rows(*, survey: Survey) -> list[list]:
    """One row per response, one column per question (choices joined by "; ")."""
    questions = survey_questions(survey=survey)
    head = ["response", "submitted_at", "area_type", "lean", "state", "city", "role"]
    if not survey.anonymous:
        head = ["response", "name", "email", *head[1:]]
    rows: list[list] = [head + [q.label for q in questions]]
    by_response: dict[int, dict[int, list[str]]] = {}
    answers = Answer.objects.filter(response__survey=survey, superseded_at=None).order_by("pk")
    for response_pk, question_pk, choice, number, text in answers.values_list(
        "response_id", "question_id", "choice", "number", "text"
    ):
        parts = by_response.setdefault(response_pk, {}).setdefault(question_pk, [])
        value = choice or (str(number) if number is not None else "")
        if text:
            value = f"{value}: {text}" if value else text
        parts.append(value)
    responses = Response.objects.filter(survey=survey).select_related("leader").order_by("pk")
    for number, response in enumerate(responses, start=1):
        ident = [number]
        if not survey.anonymous:
            ident += [response.leader.name, response.leader.email]
        row = [
            *ident,
            response.submitted_at.isoformat() if response.submitted_at else _("not sent"),
            response.area_type, response.area_lean, response.state, response.city, response.role,
        ]  # fmt: skip
        row += ["; ".join(by_response.get(response.pk, {}).get(q.pk, [])) for q in questions]
        rows.append([spreadsheet_safe(value) for value in row])
    return rows


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("responses")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
