"""My organizing: everything a person runs (events, kits, campaigns, and whatever other apps
register in actlocal.organizing), each with its next action, and the buttons to start more."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from actlocal.organizing import (
    CURRENT,
    DRAFT,
    PAST,
    SESSION_KEY,
    organizing_has_role,
    organizing_sources,
)


def remember_team_role(sender, request, user, **kwargs) -> None:
    """On sign-in: whether the header should offer "My organizing" for this session."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = organizing_has_role(user)


@never_cache
@login_required
@require_safe
def my_organizing(request: HttpRequest) -> HttpResponse:
    """Drafts, what is on now or coming, and what is over, per source; with "new" buttons."""
    user = request.user
    sections = []
    for source in organizing_sources():
        items = source.items(user)
        new_actions = source.new_actions(user)
        if not items and not new_actions:
            continue
        sections.append(
            {
                "key": source.key,
                "heading": source.heading,
                "drafts": [item for item in items if item.group == DRAFT],
                "current": [item for item in items if item.group == CURRENT],
                "past": [item for item in items if item.group == PAST],
                "new_actions": new_actions,
            }
        )
    # Seeing the page refreshes what the header knows (a team role given since sign-in).
    has_role = any(
        section["drafts"] or section["current"] or section["past"] for section in sections
    )
    if request.session.get(SESSION_KEY) != has_role:  # an unchanged session is not written
        request.session[SESSION_KEY] = has_role
    return render(request, "portal/my_organizing.html", {"sections": sections})
