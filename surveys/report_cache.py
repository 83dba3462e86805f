"""The public report, cached for anonymous visitors under the survey's results version.

Two layers, both keyed by the survey, its `results_version` (bumped by every change the
results show: counts, questions, settings, publishing), the language and the host:

- the whole page, for an anonymous visitor asking for the same URL again (gzip-compressed for
  clients that accept it, stored once per encoding);
- the rendered results (charts and tables), by the split and filter asked for, whatever else
  the URL carries. It is the expensive part: every table read from the rollups and suppressed.

The version is read (with nothing else of the survey: a cached page costs that one query)
before any count, so counts that change meanwhile are
stored under the older version at worst, and the next request renders them again. Only the
public report is cached: it shows nothing that depends on the viewer. Owners' results pages
(trends of the surveys each owner runs, the publish form) are never cached. Trends of other
published surveys are not part of the version: they may be up to PUBLIC_CACHE_SECONDS old.

An accelerator, never a dependency: with the cache unreachable or disabled the report renders
in full.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

from actlocal.languages import cache_language

from .selectors import ReportStamp

logger = logging.getLogger(__name__)

CACHE_HIT_HEADER = "X-Survey-Report-Cache"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# A shared page holds no secret (no CSRF token, nothing personal), so compressing it is safe
# (BREACH needs a secret in the body); a few hundred kilobytes of tables shrink about tenfold.
_GZIP = GZipMiddleware(lambda request: HttpResponse())


def _key(kind: str, survey: ReportStamp, request: HttpRequest, detail: str) -> str:
    digest = hashlib.sha256(detail.encode("utf-8", "surrogateescape")).hexdigest()
    return (
        f"surveys:{kind}:{survey.pk}:{survey.results_version}:{cache_language()}:"
        f"{request.get_host()}:{digest}"
    )


def _get(key: str):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Survey report cache unavailable", exc_info=True)
        return None


def _set(key: str, value) -> None:
    try:
        cache.set(key, value, settings.PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store a survey report", exc_info=True)


def report_is_shared(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD without a flash message: the page is the same for every such visitor."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and len(messages.get_messages(request)) == 0
    )


def report_body(
    request: HttpRequest, survey: ReportStamp, *, by: str, segment: str, render: Callable[[], str]
) -> str:
    """The rendered results of the report for this split and filter, from the cache if there."""
    if not report_is_shared(request):
        return render()
    key = _key("report-body", survey, request, f"{by}\n{segment}")
    body = _get(key)
    if body is None:
        body = render()
        _set(key, body)
    return body


def report_page(
    request: HttpRequest, survey: ReportStamp, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The whole report page for anonymous visitors, from the cache if there."""
    if not report_is_shared(request):
        response = render()
        patch_vary_headers(response, ("Cookie",))
        return response
    gzip = bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    detail = f"{'gzip' if gzip else 'identity'}\n{request.get_full_path()}"
    key = _key("report-page", survey, request, detail)
    cached = _get(key)
    if isinstance(cached, HttpResponse):
        cached[CACHE_HIT_HEADER] = "hit"
        return cached
    response = render()
    patch_vary_headers(response, ("Cookie",))
    if gzip:
        response = _GZIP.process_response(request, response)
    if (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    ):
        _set(key, response)
        response[CACHE_HIT_HEADER] = "miss"
    return response
