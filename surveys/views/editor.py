"""The survey editor shared by event and campaign teams: settings, questions, open and close.

The owning page (an event's or a campaign's) says which settings form it uses, how a new survey
is created and where to go back to; everything else is the same for both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..audiences import audience_count
from ..errors import SurveyError
from ..forms import QuestionForm
from ..models import Survey
from ..selectors import survey_questions
from ..services.surveys import question_add, survey_create, survey_status_set, survey_update


def survey_editor(
    request: HttpRequest,
    *,
    survey: Survey | None,
    form_class: type[ModelForm],
    initial: dict[str, Any] | None,
    create: Callable[..., Survey],
    back_url: Callable[[Survey], str],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET shows the editor; POST `action` = settings, question, open, close, or preview (the
    audience count of a network survey's form).

    `create(title=..., **fields)` makes the survey when there is none yet; `back_url(survey)`
    is where each successful change returns to.
    """
    action = request.POST.get("action", "") if request.method == "POST" else ""
    settings_form = form_class(
        request.POST if action in ("settings", "preview") else None,
        instance=survey,
        initial=None if survey else initial,
    )
    question_form = (
        QuestionForm(request.POST if action == "question" else None, survey=survey)
        if survey
        else None
    )
    status = 200
    preview_count = None
    try:
        if action == "preview":
            # "Preview" without JavaScript: count the audience asked for, save nothing.
            if settings_form.is_valid():
                preview_count = audience_count(settings_form.audience_filter())
            else:
                status = 400
        elif action == "settings" and settings_form.is_valid():
            fields = _survey_fields(settings_form)
            if survey is None:
                survey = create(title=fields.pop("title"), **fields)
                messages.success(request, _("The survey is created as a draft: add questions."))
            else:
                survey_update(survey=survey, actor=request.user, fields=fields)
                messages.success(request, _("The survey settings are saved."))
            return redirect(back_url(survey))
        if action == "question" and question_form is not None and question_form.is_valid():
            data = dict(question_form.cleaned_data)
            question_add(
                survey=survey,
                actor=request.user,
                kind=data.pop("kind"),
                label=data.pop("label"),
                choices_text=data.pop("choices_text"),
                **data,
            )
            messages.success(request, _("The question is added."))
            return redirect(back_url(survey))
        if action in ("open", "close") and survey is not None:
            status_value = Survey.Status.OPEN if action == "open" else Survey.Status.CLOSED
            survey_status_set(survey=survey, actor=request.user, status=status_value)
            messages.success(
                request,
                _("The survey is open.") if action == "open" else _("The survey is closed."),
            )
            return redirect(back_url(survey))
    except SurveyError as exc:
        messages.error(request, str(exc))
        status = 400
    if request.method == "POST" and status == 200 and action != "preview":
        status = 400  # an invalid form, shown again with its errors
    return render(
        request,
        template,
        {
            **context,
            "survey": survey,
            "settings_form": settings_form,
            "question_form": question_form,
            "questions": survey_questions(survey=survey) if survey else [],
            "preview_count": preview_count,
        },
        status=status,
    )


def _survey_fields(form: ModelForm) -> dict[str, Any]:
    """The fields a settings form saves: its own say (a network survey's audience filter), or
    every field it has."""
    if hasattr(form, "survey_fields"):
        return form.survey_fields()
    return {name: form.cleaned_data[name] for name in form.fields}


def create_for(**owner: Any) -> Callable[..., Callable[..., Survey]]:
    """A `create` for survey_editor: the survey belongs to `owner` (event= or campaign=)."""

    def bind(actor: Any) -> Callable[..., Survey]:
        return lambda *, title, **fields: survey_create(title=title, actor=actor, **owner, **fields)

    return bind
