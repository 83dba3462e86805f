"""/events/<slug>/survey/: the event team sets up the event's survey; attendees are sent on to
answer it. /events/<slug>/survey/results/ is its results page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events.permissions import access_event, can_manage

from ..errors import SurveyError
from ..forms import EventSurveyForm, QuestionForm
from ..models import Survey
from ..selectors import survey_for_event, survey_questions
from ..services.surveys import question_add, survey_create, survey_status_set, survey_update
from .results import results_page


def _manage(request: HttpRequest, event, survey: Survey | None) -> HttpResponse:
    action = request.POST.get("action", "") if request.method == "POST" else ""
    settings_form = EventSurveyForm(
        request.POST if action == "settings" else None,
        instance=survey,
        initial=None if survey else {"title": _("How was %(title)s?") % {"title": event.title}},
    )
    question_form = (
        QuestionForm(request.POST if action == "question" else None, survey=survey)
        if survey
        else None
    )
    status = 200
    try:
        if action == "settings" and settings_form.is_valid():
            fields = {name: settings_form.cleaned_data[name] for name in settings_form.fields}
            if survey is None:
                title = fields.pop("title")
                survey_create(title=title, actor=request.user, event=event, **fields)
                messages.success(request, _("The survey is created as a draft: add questions."))
            else:
                survey_update(survey=survey, actor=request.user, fields=fields)
                messages.success(request, _("The survey settings are saved."))
            return redirect("event_survey:manage", event_slug=event.slug)
        if action == "question" and question_form is not None and question_form.is_valid():
            data = dict(question_form.cleaned_data)
            question_add(
                survey=survey,
                actor=request.user,
                kind=data.pop("kind"),
                label=data.pop("label"),
                choices_text=data.pop("choices_text"),
                choices_text_es=data.pop("choices_text_es"),
                **data,
            )
            messages.success(request, _("The question is added."))
            return redirect("event_survey:manage", event_slug=event.slug)
        if action in ("open", "close") and survey is not None:
            status_value = Survey.Status.OPEN if action == "open" else Survey.Status.CLOSED
            survey_status_set(survey=survey, actor=request.user, status=status_value)
            messages.success(
                request,
                _("The survey is open.") if action == "open" else _("The survey is closed."),
            )
            return redirect("event_survey:manage", event_slug=event.slug)
    except SurveyError as exc:
        messages.error(request, str(exc))
        status = 400
    if request.method == "POST" and status == 200:
        status = 400  # an invalid form, shown again with its errors
    return render(
        request,
        "surveys/event_survey_manage.html",
        {
            "event": event,
            "survey": survey,
            "settings_form": settings_form,
            "question_form": question_form,
            "questions": survey_questions(survey=survey) if survey else [],
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def event_survey(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = access_event(request.user, event_slug)
    survey = survey_for_event(event_pk=event.pk)
    if can_manage(request.user, event):
        return _manage(request, event, survey)
    if survey is None or survey.status == Survey.Status.DRAFT or request.method != "GET":
        raise Http404
    return redirect("surveys:answer", slug=survey.slug)


@never_cache
@login_required
@require_GET
def event_survey_results(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = access_event(request.user, event_slug, manage=True)
    survey = survey_for_event(event_pk=event.pk)
    if survey is None:
        raise Http404
    return results_page(request, survey, template="surveys/results.html", public=False)
