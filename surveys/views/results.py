"""Results for the survey's owners, the public report, and the CSV/XLSX exports."""

from __future__ import annotations

import csv
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from actlocal.permissions import is_staff
from directory.cache import cache_public_page, public_csrf_context

from ..errors import SurveyError
from ..exports import aggregate_rows, raw_rows, xlsx_bytes
from ..models import Survey
from ..needs import needs_map
from ..permissions import (
    access_survey_owner,
    can_own,
    published_report_stamp,
    published_survey_get,
    survey_get,
)
from ..report_cache import (
    BODY_MARK,
    NEXT_MARK,
    accepts_gzip,
    report_gzip_response,
    report_is_shared,
    report_parts,
    report_scopes,
)
from ..results import question_trends, survey_results
from ..results_parts import results_parts, results_sections
from ..segments import SEGMENT_KINDS, SPLIT_KINDS
from ..selectors import QuestionKey
from ..services.surveys import survey_publish


def _segment_param(raw: str) -> tuple[str, str] | None:
    kind, sep, value = (raw or "").partition(":")
    if not sep or kind not in SEGMENT_KINDS or len(value) > 110:
        return None
    return kind, value


def _results_context(request: HttpRequest, survey: Survey, *, public: bool) -> dict:
    results = survey_results(
        survey=survey,
        by=request.GET.get("by", "area_type"),
        segment=_segment_param(request.GET.get("segment", "")),
    )
    owns = (lambda other: False) if public else (lambda other: can_own(request.user, other))
    trends = question_trends(survey=survey, user_can_own=owns)
    for result in results.questions:
        result.trend = trends.get(result.question.pk, [])
    return {"survey": survey, "results": results, "by_label": results.by_label, "public": public}


def results_page(request: HttpRequest, survey: Survey, *, template: str, public: bool):
    """The owners' results page: the charts and tables from their cached parts (keyed by the
    results version, language, split and filter), the trends this viewer may see beside them."""
    by = request.GET.get("by", "area_type")
    by = by if by in SPLIT_KINDS else "area_type"
    segment = _segment_param(request.GET.get("segment", ""))
    if segment is not None and segment[0] == by:
        segment = None  # as survey_results reads it: one group split by its own kind
    head, parts = results_parts(
        request,
        survey,
        by=by,
        segment=segment,
        compute=lambda: survey_results(survey=survey, by=by, segment=segment),
    )
    owns = (lambda other: False) if public else (lambda other: can_own(request.user, other))
    keys = [QuestionKey(part.question_pk, part.trend_key) for part in parts]
    trends = question_trends(survey=survey, user_can_own=owns, questions=keys)
    sections = results_sections(parts, trends)
    context = {"survey": survey, "results_head": head, "sections": sections, "public": public}
    return render(request, template, context)


@never_cache
@login_required
@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    survey = access_survey_owner(request.user, slug)
    return results_page(request, survey, template="surveys/results.html", public=False)


@require_GET
@cache_public_page(gzip=True, scopes=report_scopes, gzip_signed_in=False)
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """The published report: aggregates only, suppression applied, for anyone.

    Anonymous visitors get it from the site's page cache (a hit is no query; see
    surveys.report_cache): the page holds no secret and nothing personal, so it is stored
    gzip-compressed and served as stored. A URL new to that cache is put together from the
    cached shell and results: one query, for the results version they are keyed by.
    """
    # A shared page embeds no one's CSRF token (base.html puts it in hx-headers); the report
    # has no form that posts.
    shared = public_csrf_context(request)
    if not report_is_shared(request):
        survey = published_survey_get(slug)
        context = {**_results_context(request, survey, public=True), **shared}
        body = render_to_string("surveys/_results_body.html", context, request=request)
        return render(request, "surveys/report.html", {"survey": survey, "results_body": body})
    # Read before any count: the cached parts are keyed by it.
    stamp = published_report_stamp(slug)

    @functools.cache
    def survey() -> Survey:  # the whole row, read only to render
        return published_survey_get(slug)

    def shell() -> str:
        context = {"survey": survey(), "results_body": BODY_MARK, "next_path": NEXT_MARK}
        return render_to_string("surveys/report.html", {**context, **shared}, request=request)

    def body() -> str:
        context = {**_results_context(request, survey(), public=True), **shared}
        return render_to_string("surveys/_results_body.html", context, request=request)

    # The key names what is shown, so any spelling of the same view shares one entry.
    by = request.GET.get("by", "")
    segment = _segment_param(request.GET.get("segment", ""))
    head, results_body, tail = report_parts(
        request,
        stamp,
        by=by if by in SPLIT_KINDS else "area_type",
        segment=":".join(segment) if segment else "",
        render_shell=shell,
        render_body=body,
        compressed=accepts_gzip(request),
    )
    if isinstance(results_body, str):
        return HttpResponse(head + results_body + tail)
    return report_gzip_response(head, results_body, tail)


@require_GET
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The suppressed aggregates as CSV: for the owners, and for everyone once published."""
    survey = survey_get(slug)
    if survey.published_at is None and not can_own(request.user, survey):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-aggregates.csv"'
    writer = csv.writer(response)
    for row in aggregate_rows(survey=survey):
        writer.writerow(row)
    return response


@never_cache
@login_required
@require_GET
def responses_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Raw responses for staff only (formula-escaped; anonymous surveys without identities)."""
    survey = survey_get(slug)
    if not is_staff(request.user):
        raise PermissionDenied
    rows = raw_rows(survey=survey)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            xlsx_bytes(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}-responses.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-responses.csv"'
    writer = csv.writer(response)
    for row in rows:
        writer.writerow(row)
    return response


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    survey = access_survey_owner(request.user, slug)
    want = request.POST.get("publish") == "1"
    try:
        survey_publish(survey=survey, actor=request.user, publish=want)
    except SurveyError as exc:
        messages.error(request, str(exc))
        return redirect("surveys:results", slug=survey.slug)
    messages.success(
        request, _("The report is public.") if want else _("The report is no longer public.")
    )
    return redirect("surveys:results", slug=survey.slug)


@never_cache
@login_required
@require_GET
def needs(request: HttpRequest, slug: str) -> HttpResponse:
    """The needs map of a survey for its owners: asked-for topics beside the directory's."""
    survey = access_survey_owner(request.user, slug)
    rows = needs_map(survey=survey)
    return render(
        request,
        "surveys/needs_map.html",
        {"survey": survey, "rows": rows, "gaps": sum(1 for row in rows if row.gap)},
    )


@require_GET
def report_chart(request: HttpRequest, slug: str, question_pk: int) -> HttpResponse:
    """One question's bar chart of a published report as an SVG file, for embedding."""
    survey = published_survey_get(slug)
    results = survey_results(survey=survey)
    result = next((r for r in results.questions if r.question.pk == question_pk), None)
    if result is None or not result.is_choice or result.n is None:
        raise Http404
    response = render(
        request, "surveys/_bars.svg", {"result": result}, content_type="image/svg+xml"
    )
    # Embedded on other sites: may be framed and cached like any image.
    response["Cache-Control"] = "public, max-age=300"
    return response
