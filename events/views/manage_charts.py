"""Small charts on the organizer dashboard, served as images so the dashboard's own queries do
not grow: RSVPs per day as a sparkline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actlocal.sparkline import sparkline_svg

from ..dashboard import SPARKLINE_DAYS, rsvp_daily_counts
from ..permissions import access_event


@login_required
@require_GET
def rsvp_sparkline(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    values = rsvp_daily_counts(event=event)
    title = _("RSVPs per day over the last %(days)d days: %(values)s") % {
        "days": SPARKLINE_DAYS,
        "values": ", ".join(str(value) for value in values),
    }
    response = HttpResponse(sparkline_svg(values=values, title=title), content_type="image/svg+xml")
    # The numbers are the team's: never in a shared cache.
    patch_cache_control(response, private=True, max_age=60)
    response["X-Content-Type-Options"] = "nosniff"
    return response
