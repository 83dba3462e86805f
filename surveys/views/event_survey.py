"""/events/<slug>/survey/: the event team sets up the event's survey; attendees are sent on to
answer it. /events/<slug>/survey/results/ is its results page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events.permissions import access_event, can_manage

from ..forms import EventSurveyForm
from ..models import Survey
from ..selectors import survey_for_event
from .editor import create_for, survey_editor
from .results import results_page


def _manage(request: HttpRequest, event, survey: Survey | None) -> HttpResponse:
    return survey_editor(
        request,
        survey=survey,
        form_class=EventSurveyForm,
        initial={"title": _("How was %(title)s?") % {"title": event.title}},
        create=create_for(event=event)(request.user),
        back_url=lambda _survey: reverse("event_survey:manage", kwargs={"event_slug": event.slug}),
        template="surveys/event_survey_manage.html",
        context={"event": event},
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
