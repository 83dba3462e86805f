"""The public scoreboard as a page, JSON, CSV and an SVG bar; the same filters for all four.

Public for every campaign but drafts (their team and staff only). The votes count, the state
view and "last updated" always cover the whole body; the stance filter, party and region narrow
the officials listed, the stance distribution and the exports, so a shared URL shows the same.
Nothing here names a constituent.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from actlocal.cached_parts import cache_get_many, cache_set_many
from actlocal.languages import cache_language
from actlocal.text import spreadsheet_safe
from actlocal.widgets import use_fast_selects
from directory.cache import public_csrf_context, request_scope_versions

from ..models import Campaign
from ..page_cache import PAGE_CACHE, SCOPE
from ..permissions import access_campaign
from ..public_filters import ScoreboardFilterForm
from ..scoreboard import (
    Row,
    Scoreboard,
    bar_segments,
    filter_rows,
    region_table,
    scoreboard_get,
    stance_counts,
    votes_marker_x,
)

PUBLIC_MAX_AGE = 60
# Officials per page of the table: a 160-seat chamber is four short pages, not one tall one.
PAGE_SIZE = 50


def _cache_key(board: Scoreboard, name: str, selection: dict, *extra: str) -> str:
    """Where a rendering of this board is kept: the board's own token (new whenever the board
    is computed again, so a verified stance shows at once), the language, the filters."""
    parts = [cache_language(), *extra, *(f"{k}={v}" for k, v in sorted(selection.items()))]
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()
    return f"campaigns:scoreboard:render:{name}:{board.token}:{digest}"


def _renderings(
    board: Scoreboard, selection: dict, builders: dict[str, Callable[[], str]], *extra: str
) -> dict[str, str]:
    """What `builders` render, from the cache (one round trip) or rendered and stored.

    Only for what every viewer sees alike: the builders never get the request. A board
    without a token (never computed by scoreboard_compute) is rendered every time.
    """
    if not board.token:
        return {name: build() for name, build in builders.items()}
    keys = {name: _cache_key(board, name, selection, *extra) for name in builders}
    # Through the request's batch: what is rendered here is stored with the page itself.
    found = cache_get_many(keys.values())
    result, missing = {}, {}
    for name, key in keys.items():
        if isinstance(found.get(key), str):
            result[name] = found[key]
        else:
            result[name] = missing[key] = builders[name]()
    cache_set_many(missing)
    return result


def _official_base(campaign: Campaign) -> str:
    """The officials' page URL up to their slug: reversed once, not once per row."""
    url = reverse("campaigns:official", args=[campaign.slug, "x"])
    return url[: -len("x/")]


def _load(request: HttpRequest, slug: str):
    """(campaign, board, form, rows shown); rows is None when a filter value is invalid."""
    versions = request_scope_versions(request, (SCOPE,))  # before the first row
    campaign = access_campaign(request.user, slug)
    board = scoreboard_get(campaign=campaign, versions=versions)
    form = ScoreboardFilterForm(request.GET or None, board=board)
    # Same HTML as Django's Select, without a template per <option> (a region list is long).
    use_fast_selects(form.fields)
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
@PAGE_CACHE
def scoreboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Officials grouped by stance, the votes count, districts, the state view and the bar."""
    campaign, board, form, rows = _load(request, slug)
    context = {
        **public_csrf_context(request),
        "campaign": campaign,
        "board": board,
        "form": form,
        "filter_errors": [],
    }
    if rows is None:
        context["filter_errors"] = form.error_lines()
        response = render(request, "campaigns/scoreboard.html", context, status=400)
        response["Cache-Control"] = "private, no-store"
        return response
    selection = form.selection() if form.is_bound else {}
    filtered = bool(selection)
    query = request.GET.urlencode() if filtered else ""
    bar = _bar_context(campaign, board, rows, filtered=filtered)
    # One table lists each official once; the counts by stance sit beside the bar.
    paginator = Paginator(rows, PAGE_SIZE)
    page_obj = paginator.get_page(form.cleaned_data.get("page") if form.is_bound else 1)
    # The heavy parts (a link per official, the tables) are the same for every viewer:
    # rendered without the request and kept with the board; the header and menu are not.
    # Their context is cheap to build and stays in the page's context too.
    parts = {
        "campaign": campaign,
        "board": board,
        "rows": rows,
        "page_rows": page_obj.object_list,
        "bar": bar,
        "regions": region_table(board.rows),
        "all_counts": stance_counts(board.rows),
        "official_base": _official_base(campaign),
    }
    rendered = _renderings(
        board,
        selection,
        {
            "distribution": lambda: render_to_string(
                "campaigns/_scoreboard_distribution.html", parts
            ),
            "districts": lambda: render_to_string("campaigns/_scoreboard_districts.html", parts),
            "state": lambda: render_to_string("campaigns/_scoreboard_state.html", parts),
            # The filters as chosen (valid ones only reach here): the same for every viewer.
            "filters": lambda: render_to_string(
                "campaigns/_scoreboard_filters.html", {"campaign": campaign, "form": form}
            ),
        },
        f"page={page_obj.number}",
    )
    context.update(
        parts,
        filtered=filtered,
        filter_summary=form.summary() if filtered else [],
        query=f"?{query}" if query else "",
        distribution_html=mark_safe(rendered["distribution"]),  # noqa: S308 (our templates)
        districts_html=mark_safe(rendered["districts"]),  # noqa: S308 (our templates)
        state_html=mark_safe(rendered["state"]),  # noqa: S308 (our templates)
        paginator=paginator,
        page_obj=page_obj,
        page_range=paginator.get_elided_page_range(page_obj.number),
        filters_html=mark_safe(rendered["filters"]),  # noqa: S308 (our templates)
        share_url=request.build_absolute_uri(),
    )
    response = render(request, "campaigns/scoreboard.html", context)
    if not campaign.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def _json_payload(
    campaign: Campaign, board: Scoreboard, rows: list[Row], selection: dict, *, url: str
) -> dict:
    official_base = _official_base(campaign)
    return {
        "campaign": {
            "title": campaign.title,
            "slug": campaign.slug,
            "url": url,
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
        "filters": selection,
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
                "url": f"{official_base}{row.slug}/",
            }
            for row in rows
        ],
    }


@require_safe
@PAGE_CACHE
def scoreboard_json(request: HttpRequest, slug: str) -> HttpResponse:
    campaign, board, form, rows = _load(request, slug)
    if rows is None:
        response = JsonResponse({"errors": form.error_lines()}, status=400)
        response["Cache-Control"] = "private, no-store"
        return response
    selection = form.selection() if form.is_bound else {}
    url = request.build_absolute_uri(campaign.get_absolute_url())

    def body() -> str:
        # Compact: with `indent` the json module falls back from its C encoder to pure Python,
        # which took longer than everything else in this view.
        payload = _json_payload(campaign, board, rows, selection, url=url)
        return json.dumps(payload, cls=DjangoJSONEncoder)

    rendered = _renderings(board, selection, {"json": body}, url)
    response = HttpResponse(rendered["json"], content_type="application/json")
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


def _csv_body(rows: list[Row]) -> str:
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
    return buffer.getvalue()


@require_safe
def scoreboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The district table as CSV; every text cell is neutralised against formula injection."""
    campaign, board, form, rows = _load(request, slug)
    if rows is None:
        return _text_error(form.error_lines())
    selection = form.selection() if form.is_bound else {}
    rendered = _renderings(board, selection, {"csv": lambda: _csv_body(rows)})
    response = HttpResponse(rendered["csv"], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-scoreboard.csv"'
    return _cache_headers(response, campaign)


@require_safe
def scoreboard_svg(request: HttpRequest, slug: str) -> HttpResponse:
    """The stance distribution bar as a standalone SVG image (same markup as in the page)."""
    campaign, board, form, rows = _load(request, slug)
    if rows is None:
        return _text_error(form.error_lines())
    selection = form.selection() if form.is_bound else {}

    def image() -> str:
        context = _bar_context(campaign, board, rows, filtered=bool(selection))
        # No request: the image needs no context processors (and so never reads the viewer).
        return render_to_string("campaigns/_scoreboard_bar.html", {**context, "standalone": True})

    body = _renderings(board, selection, {"svg": image})["svg"]
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body.strip() + "\n",
        content_type="image/svg+xml; charset=utf-8",
    )
    return _cache_headers(response, campaign)
