"""The organizer dashboard of a campaign."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..dashboard import dashboard_get
from ..dashboard_links import dashboard_links
from ..permissions import access_campaign, can_lead


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access_campaign(request.user, slug, manage=True)
    context = {
        "campaign": campaign,
        "can_lead": can_lead(request.user, campaign),
        "data": dashboard_get(campaign=campaign),
        "more_links": dashboard_links(campaign=campaign, user=request.user),
    }
    return render(request, "campaigns/manage_dashboard.html", context)
