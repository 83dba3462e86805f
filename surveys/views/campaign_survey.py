"""/campaigns/<slug>/surveys/: a campaign's team creates and runs surveys of its members, with
the same editor as an event's survey."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaigns.permissions import access_campaign

from ..forms import CampaignSurveyForm
from ..selectors import survey_for_campaign
from .editor import create_for, survey_editor


def _back(campaign_slug: str):
    return lambda survey: reverse(
        "campaign_survey:manage", kwargs={"campaign_slug": campaign_slug, "slug": survey.slug}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def campaign_survey_new(request: HttpRequest, campaign_slug: str) -> HttpResponse:
    campaign = access_campaign(request.user, campaign_slug, manage=True)
    return survey_editor(
        request,
        survey=None,
        form_class=CampaignSurveyForm,
        initial=None,
        create=create_for(campaign=campaign)(request.user),
        back_url=_back(campaign.slug),
        template="surveys/campaign_survey_manage.html",
        context={"campaign": campaign},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def campaign_survey_manage(request: HttpRequest, campaign_slug: str, slug: str) -> HttpResponse:
    campaign = access_campaign(request.user, campaign_slug, manage=True)
    survey = survey_for_campaign(campaign_pk=campaign.pk, slug=slug)
    if survey is None:
        raise Http404
    return survey_editor(
        request,
        survey=survey,
        form_class=CampaignSurveyForm,
        initial=None,
        create=create_for(campaign=campaign)(request.user),
        back_url=_back(campaign.slug),
        template="surveys/campaign_survey_manage.html",
        context={"campaign": campaign},
    )
