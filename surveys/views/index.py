"""/surveys/: the surveys a signed-in person can answer, and those they run."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..selectors import leader_for_user, surveys_open_for, surveys_owned


@never_cache
@login_required
@require_GET
def survey_index(request: HttpRequest) -> HttpResponse:
    leader = leader_for_user(user=request.user)
    return render(
        request,
        "surveys/survey_index.html",
        {
            "to_answer": surveys_open_for(leader=leader),
            "owned": list(surveys_owned(user=request.user)[:100]),
        },
    )
