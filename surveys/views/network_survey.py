"""Network surveys, made by staff: settings, the audience as form fields with a count of the
leaders it selects, and the question editor events and campaigns use."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from actlocal.permissions import is_staff

from ..audiences import audience_count
from ..forms import AudienceForm, NetworkSurveyForm
from ..permissions import survey_get
from .editor import create_for, survey_editor


def _staff_only(request: HttpRequest) -> None:
    if not is_staff(request.user):
        raise PermissionDenied


def _back(survey) -> str:
    return reverse("surveys:manage", kwargs={"slug": survey.slug})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def network_survey_new(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    return survey_editor(
        request,
        survey=None,
        form_class=NetworkSurveyForm,
        initial=None,
        create=create_for()(request.user),
        back_url=_back,
        template="surveys/network_survey_manage.html",
        context={},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def network_survey_manage(request: HttpRequest, slug: str) -> HttpResponse:
    _staff_only(request)
    survey = survey_get(slug)
    if survey.event_id is not None or survey.campaign_id is not None:
        raise Http404  # an event's or campaign's survey is run from its own page
    return survey_editor(
        request,
        survey=survey,
        form_class=NetworkSurveyForm,
        initial=None,
        create=create_for()(request.user),
        back_url=_back,
        template="surveys/network_survey_manage.html",
        context={},
    )


@never_cache
@login_required
@require_GET
def audience_preview(request: HttpRequest) -> HttpResponse:
    """The live count under the audience fields (htmx): how many leaders they select."""
    _staff_only(request)
    form = AudienceForm(request.GET)
    count = audience_count(form.audience_filter()) if form.is_valid() else None
    return render(
        request,
        "surveys/_audience_count.html",
        {"preview_count": count, "audience_form": form},
        status=200 if form.is_valid() else 400,
    )
