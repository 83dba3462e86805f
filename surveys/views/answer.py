"""Answering: a plain, phone-first form, one page at a time, from a personal link or signed in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory.models import Leader

from ..answering import choice_values, is_shown, page_parse
from ..audiences import survey_audience_includes
from ..errors import SurveyError
from ..links import survey_link_read
from ..models import Survey
from ..permissions import can_own, survey_get
from ..selectors import (
    leader_by_pk,
    leader_for_user,
    response_for,
    survey_questions,
    survey_topics,
)
from ..services.responses import response_save_page, saved_values


def _refuse(request: HttpRequest, survey: Survey | None, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "surveys/answer_refused.html",
        {"survey": survey, "message": message},
        status=status,
    )


def _page_number(raw: str | None, pages: list[int]) -> int | None:
    try:
        page = int(raw or pages[0])
    except ValueError:
        return None
    return page if page in pages else None


def _answer(
    request: HttpRequest, survey: Survey, leader: Leader, *, action_url: str
) -> HttpResponse:
    if not survey_audience_includes(survey=survey, leader=leader):
        return _refuse(request, survey, _("This survey is for a different group of people."), 403)
    questions = survey_questions(survey=survey)
    pages = sorted({q.page for q in questions}) or [1]
    response = response_for(survey=survey, leader=leader)
    if not survey.is_open():
        not_yet = survey.status == Survey.Status.DRAFT or (
            survey.status == Survey.Status.OPEN and survey.opens_at > timezone.now()
        )
        message = (
            _("This survey is not open yet.")
            if not_yet
            else _("This survey is closed. Thank you for your interest.")
        )
        return _refuse(
            request, survey, message, 404 if survey.status == Survey.Status.DRAFT else 200
        )
    raw_page = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    page = _page_number(raw_page, pages)
    if page is None:
        return _refuse(request, survey, _("This survey has no such page."), 404)
    topics = survey_topics() if any(q.kind == "needs" for q in questions) else []
    saved = saved_values(response=response)
    errors: dict[int, str] = {}
    form_error = ""
    values = saved
    status = 200
    if request.method == "POST":
        result = page_parse(
            questions=questions, page=page, data=request.POST, saved=saved, topics=topics
        )
        if result.ok:
            is_last = page == pages[-1]
            try:
                response_save_page(
                    survey=survey,
                    leader=leader,
                    questions=questions,
                    page=page,
                    values=result.values,
                    submit=is_last,
                )
            except SurveyError as exc:
                return _refuse(request, survey, str(exc), 400)
            if is_last:
                return render(request, "surveys/answer_done.html", {"survey": survey})
            return redirect(f"{action_url}?page={pages[pages.index(page) + 1]}")
        errors, form_error, status = result.errors, result.form_error, 400
        values = {**saved, **{q.pk: [] for q in questions if q.page == page}, **result.values}
    items = []
    for question in questions:
        if question.page != page:
            continue
        given = values.get(question.pk, [])
        items.append(
            {
                "question": question,
                "options": choice_values(question, topics, for_reader=True),
                "chosen": {v.choice for v in given},
                "other": next((v.text for v in given if v.choice == "other"), ""),
                "text": next((v.text for v in given if v.text and not v.choice), ""),
                "number": next((v.number for v in given if v.number is not None), None),
                "error": errors.get(question.pk, ""),
                "depends_on": question.show_if_question_id,
                "shown": is_shown(question, values),
            }
        )
    return render(
        request,
        "surveys/answer_form.html",
        {
            "survey": survey,
            "items": items,
            "page": page,
            "pages": pages,
            "page_index": pages.index(page) + 1,
            "is_last": page == pages[-1],
            "previous_page": pages[pages.index(page) - 1] if page != pages[0] else None,
            "form_error": form_error,
            "action_url": action_url,
            "submitted": bool(response and response.submitted_at),
            "anonymous": survey.anonymous,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer_link(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Answer from the personal link in the mail: no sign-in needed."""
    survey = survey_get(slug)
    leader_pk = survey_link_read(token=token, survey_pk=survey.pk)
    leader = leader_by_pk(pk=leader_pk) if leader_pk is not None else None
    if leader is None:
        return _refuse(
            request,
            None,
            _("This survey link is not valid. Please use the link from your mail as it is."),
            404,
        )
    return _answer(request, survey, leader, action_url=request.path)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, slug: str) -> HttpResponse:
    """Answer signed in; owners of a draft see a preview refusal, everyone else a plain 404."""
    survey = survey_get(slug)
    if survey.status == Survey.Status.DRAFT and not can_own(request.user, survey):
        return _refuse(request, None, _("There is no such survey."), 404)
    if not request.user.is_authenticated:
        login = reverse("account_login")
        return redirect(f"{login}?next={request.path}")
    leader = leader_for_user(user=request.user)
    if leader is None:
        return _refuse(request, survey, _("This survey is for a different group of people."), 403)
    return _answer(request, survey, leader, action_url=request.path)
