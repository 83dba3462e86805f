"""The public report in the site's public page cache (`directory.cache`), one scope per survey.

Two layers:

- the whole page, for an anonymous visitor asking for the same URL again: `cache_public_page`
  with the scope `survey-report:<slug>` (`report_scopes`), keyed by language and URL and stored
  once per encoding; the gzip copy is served as stored. The scope's version lives in the cache,
  so a hit is one round trip to Redis and no query. `report_cache_bump` moves it on: every
  `results_version_bump` (counts, questions, settings, publishing) calls it, and so do a
  survey's deletion and a change of its slug (`surveys.receivers`, the admin).
- the rendered results (charts and tables), by the split and filter asked for, whatever else
  the URL carries, keyed by the survey's `results_version` (read from the database on a page
  miss, before any count) and the language. It is the expensive part: every table read from
  the rollups and suppressed. Counts that change while it renders are stored under the older
  version at worst, and the next request renders them again. It is kept compressed too
  (`actlocal.gzip_parts`): a page around it compresses only its own few kilobytes.

Only the public report is cached this way: it shows nothing that depends on the viewer.
Trends of other published surveys are in neither version: they may be up to
PUBLIC_CACHE_SECONDS old. An accelerator, never a dependency: with the cache unreachable or
disabled the report renders in full.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from actlocal.cached_parts import cache_get_many, cache_set_many, part_key
from actlocal.gzip_parts import DeflatedPart, deflate_part, gzip_around
from directory.cache import is_cacheable_request, public_cache_bump

from .selectors import ReportStamp, survey_slug

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Where the page's template puts the results, replaced by them (letters and digits only, so
# template escaping leaves it as it is).
BODY_MARK = "actlocalReportResults4d7e1b"


def report_scope(slug: str) -> str:
    """The page-cache scope of one survey's report pages."""
    return f"survey-report:{slug}"


def report_scopes(request: HttpRequest, slug: str, **kwargs) -> tuple[str, ...]:
    """`cache_public_page`'s scopes of the report at /surveys/reports/<slug>/ (no query)."""
    return (report_scope(slug),)


def report_cache_bump_slug(slug: str) -> None:
    """Every cached page of the report at this slug is stale (now and at commit)."""
    public_cache_bump(report_scope(slug))


def report_cache_bump(*, survey_pk: int) -> None:
    """What the survey's report shows changed: its cached pages are stale."""
    slug = survey_slug(pk=survey_pk)
    if slug is not None:
        report_cache_bump_slug(slug)


def _key(kind: str, survey: ReportStamp, request: HttpRequest, detail: str) -> str:
    digest = hashlib.sha256(detail.encode("utf-8", "surrogateescape")).hexdigest()
    return part_key("surveys", kind, survey.results_version, survey.pk, request.get_host(), digest)


def _get(key: str):
    return cache_get_many([key]).get(key)


def _set(key: str, value) -> None:
    cache_set_many({key: value})


def report_is_shared(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD without a flash message: the page is the same for every such visitor."""
    return is_cacheable_request(request) and len(messages.get_messages(request)) == 0


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def report_body(
    request: HttpRequest,
    survey: ReportStamp,
    *,
    by: str,
    segment: str,
    render: Callable[[], str],
    compressed: bool = False,
) -> str | DeflatedPart:
    """The rendered results of the report for this split and filter, from the cache if there;
    with `compressed` (only for a shared page: compression must never meet a secret) as a
    deflated part for `report_gzip_response`."""
    if not report_is_shared(request):
        return render()
    detail = f"{by}\n{segment}"
    if compressed:
        deflated_key = _key("report-body-gz", survey, request, detail)
        part = _get(deflated_key)
        if isinstance(part, DeflatedPart):
            return part
    key = _key("report-body", survey, request, detail)
    body = _get(key)
    if body is None:
        body = render()
        _set(key, body)
    if not compressed:
        return body
    part = deflate_part(body.encode())
    _set(deflated_key, part)
    return part


def report_gzip_response(page: str, part: DeflatedPart) -> HttpResponse:
    """The page rendered around `BODY_MARK`, gzip-compressed with the results in its place."""
    head, _mark, tail = page.partition(BODY_MARK)
    response = HttpResponse(gzip_around(head.encode(), part, tail.encode()))
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
