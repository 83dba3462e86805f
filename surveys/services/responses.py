"""Saving answers: one response per person per survey, page by page, editable until it closes.

One response per person is the unique (survey, leader) row, taken under a row lock: two tabs
or a double-click land on the same response. Changed answers supersede the old rows rather
than editing them, so the rollup task can subtract exactly what it had counted (rollups.py).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import Leader

from ..answering import Value
from ..audiences import survey_audience_includes
from ..errors import SurveyError
from ..models import Answer, Question, Response, Survey
from ..segments import leader_segments
from .filing import answers_file, filing_fields
from .rollups import survey_lock

logger = logging.getLogger(__name__)

AnswerKey = tuple[int, str, int | None, str]  # question pk, choice, number, text


def response_rollup_enqueue(*, response_pk: int) -> None:
    """After commit, have the rollups count this response; if the broker is down the nightly
    rebuild counts it (the enqueue never fails the answer)."""

    def enqueue() -> None:
        from .. import tasks

        try:
            tasks.response_rollup.apply_async(args=(response_pk,), retry=False)
        except Exception as exc:
            logger.warning("Could not queue the rollup of response %s: %s", response_pk, exc)

    transaction.on_commit(enqueue)


def _response_locked(*, survey: Survey, leader: Leader) -> Response:
    existing = Response.objects.select_for_update().filter(survey=survey, leader=leader).first()
    if existing is not None:
        return existing
    try:
        segments = leader_segments(leader=leader).as_fields()
        with transaction.atomic():
            return Response.objects.create(
                survey=survey, leader=leader, **segments, **filing_fields(segments=segments)
            )
    except IntegrityError:
        # Someone (another tab) created it in the meantime: use theirs.
        return Response.objects.select_for_update().get(survey=survey, leader=leader)


def saved_values(*, response: Response | None) -> dict[int, list[Value]]:
    """The live answers of a response, by question pk."""
    values: dict[int, list[Value]] = {}
    if response is None or response.pk is None:
        return values
    rows = response.answers.filter(superseded_at=None).order_by("pk")
    for row in rows:
        values.setdefault(row.question_id, []).append(
            Value(choice=row.choice, number=row.number, text=row.text)
        )
    return values


def _answers_replace(
    *, response: Response, live: dict[AnswerKey, Answer], wanted: set[AnswerKey], now: datetime
) -> None:
    """Supersede the live rows no longer wanted and add the new ones, keeping one respondent
    row per question (filing.py): a kept row that is one, else the first kept row, else the
    first new row. A submitted response's new rows carry its filing."""
    stale = [a.pk for key, a in live.items() if key not in wanted]
    Answer.objects.filter(pk__in=stale).update(superseded_at=now)
    kept = sorted((a for key, a in live.items() if key in wanted), key=lambda a: a.pk)
    respondent = {a.question_id for a in kept if a.respondent_row}
    flag = []
    for answer in kept:
        if answer.question_id not in respondent:
            respondent.add(answer.question_id)
            flag.append(answer.pk)
    Answer.objects.filter(pk__in=flag).update(respondent_row=True)
    filed = {}
    if response.submitted_at is not None:
        filed = {
            "combination_id": response.combination_id,
            "segment_city_id": response.segment_city_id,
        }
    rows = []
    for q, c, n, t in sorted(wanted - set(live), key=lambda k: (k[0], k[1])):
        rows.append(
            Answer(
                response=response,
                question_id=q,
                choice=c,
                number=n,
                text=t,
                respondent_row=q not in respondent,
                **filed,
            )  # fmt: skip
        )
        respondent.add(q)
    Answer.objects.bulk_create(rows)


def response_save_page(
    *,
    survey: Survey,
    leader: Leader,
    questions: list[Question],
    page: int,
    values: Mapping[int, list[Value]],
    submit: bool,
) -> Response:
    """Save one page's answers (questions of the page not in `values` become unanswered) and,
    with `submit`, count the response. Refused when closed or the leader is not asked."""
    with transaction.atomic():
        survey_lock(survey_pk=survey.pk, shared=True)  # see rollups.py
        survey = Survey.objects.get(pk=survey.pk)  # its status now, not when the page was read
        if not survey.is_open():
            raise SurveyError(_("This survey is closed; answers can no longer be changed."))
        if not survey_audience_includes(survey=survey, leader=leader):
            raise SurveyError(_("This survey is for a different group of people."))
        response = _response_locked(survey=survey, leader=leader)
        now = timezone.now()
        page_pks = [q.pk for q in questions if q.page == page]
        live = {
            (a.question_id, a.choice, a.number, a.text): a
            for a in response.answers.filter(superseded_at=None, question_id__in=page_pks)
        }
        wanted: set[AnswerKey] = {
            (pk, v.choice, v.number, v.text) for pk, vals in values.items() for v in vals
        }
        was_submitted = response.submitted_at is not None
        _answers_replace(response=response, live=live, wanted=wanted, now=now)
        fields = ["updated_at", "last_page"]
        response.updated_at, response.last_page = now, max(response.last_page, page)
        if submit and response.submitted_at is None:
            response.submitted_at = now
            fields.append("submitted_at")
        response.save(update_fields=fields)
        if response.submitted_at is not None and not was_submitted:
            answers_file(response=response)
        if response.submitted_at is not None:
            response_rollup_enqueue(response_pk=response.pk)
    return response
