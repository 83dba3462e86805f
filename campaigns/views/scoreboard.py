"""The public scoreboard as a page, JSON, CSV and an SVG bar; the same filters for all four.

Public for every campaign but drafts (their team and staff only). The votes count, the state
view and "last updated" always cover the whole body; the stance filter, party and region narrow
the officials listed, the stance distribution and the exports, so a shared URL shows the same.
Nothing here names a constituent.
"""

from __future__ import annotations

import csv
import io

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from actlocal.text import spreadsheet_safe

from ..models import Campaign
from ..permissions import access_campaign
from ..public_filters import ScoreboardFilterForm
from ..scoreboard import (
    STANCE_ORDER,
    Row,
    Scoreboard,
    bar_segments,
    filter_rows,
    region_table,
    scoreboard_get,
    stance_counts,
    stance_groups,
    votes_marker_x,
)

PUBLIC_MAX_AGE = 60


def _load(request: HttpRequest, slug: str):
    """(campaign, board, form, rows shown); rows is None when a filter value is invalid."""
    campaign = access_campaign(request.user, slug)
    board = scoreboard_get(campaign=campaign)
    form = ScoreboardFilterForm(request.GET or None, board=board)
    if request.GET and not form.is_valid():
        return campaign, board, form, None
    selection = form.selection() if request.GET else {}
    return campaign, board, form, filter_rows(board.rows, **selection)


def _cache_headers(response: HttpResponse, campaign: Campaign) -> HttpResponse:
    if campaign.is_public:
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def _bar_context(campaign: Campaign, board: Scoreboard, rows: list[Row], *, filtered: bool):
    counts = stance_counts(rows)
    total = len(rows)
    return {
        "campaign": campaign,
        "counts": counts,
        "total": total,
        "segments": bar_segments(counts),
        "marker_x": None
        if filtered
        else votes_marker_x(votes_needed=board.votes_needed, total=total),
        "votes_needed": board.votes_needed,
        "summary": ", ".join(f"{label}: {count}" for _s, label, count in counts),
    }


def _text_error(lines: list[str]) -> HttpResponse:
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


@require_safe
def scoreboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Officials grouped by stance, the votes count, districts, the state view and the bar."""
    campaign, board, form, rows = _load(request, slug)
    context = {"campaign": campaign, "board": board, "form": form, "filter_errors": []}
    if rows is None:
        context["filter_errors"] = form.error_lines()
        response = render(request, "campaigns/scoreboard.html", context, status=400)
        response["Cache-Control"] = "private, no-store"
        return response
    filtered = bool(form.is_bound and form.selection())
    query = request.GET.urlencode() if filtered else ""
    context.update(
        rows=rows,
        filtered=filtered,
        filter_summary=form.summary() if filtered else [],
        query=f"?{query}" if query else "",
        groups=stance_groups(rows),
        regions=region_table(board.rows),
        all_counts=stance_counts(board.rows),
        stance_order=STANCE_ORDER,
        bar=_bar_context(campaign, board, rows, filtered=filtered),
        share_url=request.build_absolute_uri(),
    )
    response = render(request, "campaigns/scoreboard.html", context)
    if not campaign.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def _json_payload(request, campaign: Campaign, board: Scoreboard, rows: list[Row], form) -> dict:
    return {
        "campaign": {
            "title": campaign.title,
            "slug": campaign.slug,
            "url": request.build_absolute_uri(campaign.get_absolute_url()),
            "ask": campaign.ask,
            "reference": campaign.reference,
            "status": campaign.status,
            "target_body": campaign.target_body.name,
            "scope": board.scope,
        },
        "updated_at": board.updated_at,
        "votes_needed": board.votes_needed,
        "supports": board.supports,
        "officials_total": len(board.rows),
        "meetings_held": board.meetings_held,
        "meeting_goal": board.meeting_goal,
        "filters": form.selection() if form.is_bound else {},
        "counts": {stance: count for stance, _label, count in stance_counts(rows)},
        "officials": [
            {
                "name": row.name,
                "slug": row.slug,
                "party": row.party,
                "district": row.district,
                "region": row.region,
                "stance": row.stance,
                "stance_changed_at": row.stance_changed_at,
                "meetings_held": row.meetings_held,
                "actions": row.actions,
                "url": reverse("campaigns:official", args=[campaign.slug, row.slug]),
            }
            for row in rows
        ],
    }


@require_safe
def scoreboard_json(request: HttpRequest, slug: str) -> JsonResponse:
    campaign, board, form, rows = _load(request, slug)
    if rows is None:
        response = JsonResponse({"errors": form.error_lines()}, status=400)
        response["Cache-Control"] = "private, no-store"
        return response
    payload = _json_payload(request, campaign, board, rows, form)
    response = JsonResponse(payload, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 1})
    return _cache_headers(response, campaign)


CSV_HEADER = (
    "district",
    "region",
    "official",
    "party",
    "stance",
    "stance_since",
    "meetings_held",
    "pressure_actions",
)


@require_safe
def scoreboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The district table as CSV; every text cell is neutralised against formula injection."""
    campaign, board, form, rows = _load(request, slug)
    if rows is None:
        return _text_error(form.error_lines())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in rows:
        since = row.stance_changed_at.date().isoformat() if row.stance_changed_at else ""
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    row.district,
                    row.region,
                    row.name,
                    row.party,
                    row.stance_label,
                    since,
                    row.meetings_held,
                    row.actions,
                )
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-scoreboard.csv"'
    return _cache_headers(response, campaign)


@require_safe
def scoreboard_svg(request: HttpRequest, slug: str) -> HttpResponse:
    """The stance distribution bar as a standalone SVG image (same markup as in the page)."""
    campaign, board, form, rows = _load(request, slug)
    if rows is None:
        return _text_error(form.error_lines())
    filtered = bool(form.is_bound and form.selection())
    context = _bar_context(campaign, board, rows, filtered=filtered)
    # No request: the image needs no context processors (and so never reads the viewer).
    body = render_to_string("campaigns/_scoreboard_bar.html", {**context, "standalone": True})
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body.strip() + "\n",
        content_type="image/svg+xml; charset=utf-8",
    )
    return _cache_headers(response, campaign)
