"""Organizers correct the lean a leader's survey answers are filed under (profile gives none)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from actlocal.permissions import is_organizer

from ..forms import LeanOverrideForm
from ..lean_table import SOURCE
from ..segments import leader_segments
from ..selectors import leader_by_slug
from ..services.surveys import lean_override_set


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def lean_override(request: HttpRequest, leader_slug: str) -> HttpResponse:
    if not is_organizer(request.user):
        raise PermissionDenied
    leader = leader_by_slug(slug=leader_slug)
    if leader is None:
        raise Http404
    segments = leader_segments(leader=leader)
    initial = {"area_lean": segments.area_lean if segments.lean_source == "override" else ""}
    form = LeanOverrideForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        lean_override_set(
            leader=leader, area_lean=form.cleaned_data["area_lean"], actor=request.user
        )
        messages.success(request, _("The lean used for this leader's survey answers is saved."))
        return redirect("surveys:lean_override", leader_slug=leader.slug)
    return render(
        request,
        "surveys/lean_override.html",
        {"leader": leader, "segments": segments, "form": form, "source": SOURCE},
        status=400 if request.method == "POST" else 200,
    )
