"""The home page: upcoming public events and a way into the directory."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from directory.selectors import directory_counts, featured_topics
from events.selectors import events_upcoming_public


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "counts": directory_counts(),
            "featured_topics": featured_topics(),
            "upcoming_events": events_upcoming_public(limit=3),
        },
    )
