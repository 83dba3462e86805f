"""Surveys' part of a person's data download and account deletion."""

from __future__ import annotations

from typing import Any

from actlocal.persondata import PersonDataPart

from .models import Answer, LeanOverride, Response


def _leader(user):
    return getattr(user, "leader", None) if hasattr(user, "leader") else None


def export(user) -> dict[str, Any]:
    leader = _leader(user)
    if leader is None:
        return {}
    responses = Response.objects.filter(leader=leader).select_related("survey")
    answers = Answer.objects.filter(response__leader=leader, superseded_at=None).select_related(
        "question"
    )
    by_response: dict[int, list[dict[str, Any]]] = {}
    for answer in answers.order_by("question__page", "question__position", "pk"):
        by_response.setdefault(answer.response_id, []).append(
            {
                "question": answer.question.label,
                "choice": answer.choice,
                "number": answer.number,
                "text": answer.text,
            }
        )
    data = {
        "survey_responses": [
            {
                "survey": response.survey.title,
                "submitted_at": response.submitted_at,
                "segments": {
                    "area_type": response.area_type,
                    "area_lean": response.area_lean,
                    "state": response.state,
                    "city": response.city,
                    "role": response.role,
                },
                "answers": by_response.get(response.pk, []),
            }
            for response in responses.order_by("created_at")
        ]
    }
    override = LeanOverride.objects.filter(leader=leader).first()
    if override is not None:
        data["lean_set_by_organizers"] = override.area_lean
    return data


def delete(user) -> dict[str, Any]:
    """Remove the person's survey rows and recount the surveys they had answered.

    The directory's part runs first and deletes the leader profile, which takes the responses
    with it (cascade); so here the surveys whose counted respondents no longer match their
    rollups are rebuilt at once: no rollup keeps counting a deleted person.
    """
    from .services.rollups import rollups_recount_where_responses_vanished

    leader = _leader(user)
    removed = 0
    if leader is not None:
        removed, _detail = Response.objects.filter(leader=leader).delete()
        LeanOverride.objects.filter(leader=leader).delete()
    recounted = rollups_recount_where_responses_vanished()
    # Only what happened goes into the anonymous audit entry.
    summary = {"survey_rows": removed, "surveys_recounted": recounted}
    return {key: count for key, count in summary.items() if count}


PERSON_DATA_PART = PersonDataPart(name="surveys", export=export, delete=delete)
