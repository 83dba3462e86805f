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
- the page around the results (title, introduction, header and footer: the "shell"), keyed
  the same way but the same for every split. Its one per-URL piece, the path the language
  switch returns to, is a placeholder (`NEXT_MARK`) filled per request, so a URL that is
  new to the page cache (another split, a link with tracking parameters) costs one query for
  the results version, one round trip for the shell and the results, and compressing the
  shell's few kilobytes: nothing is rendered, and no URL is ever shown on another's page.

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
from django.utils.html import escape

from actlocal.cached_parts import cache_get_many, cache_set_many, part_key
from actlocal.gzip_parts import DeflatedPart, deflate_part, gzip_around
from directory.cache import is_cacheable_request, public_cache_bump

from .selectors import ReportStamp, survey_slug

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Where the page's template puts the results, replaced by them (letters and digits only, so
# template escaping leaves it as it is).
BODY_MARK = "actlocalReportResults4d7e1b"
# Where the cached shell has the path its language switch returns to (`next_path`).
NEXT_MARK = "actlocalReportNextPath9c2f5a"


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


def report_parts(
    request: HttpRequest,
    survey: ReportStamp,
    *,
    by: str,
    segment: str,
    render_shell: Callable[[], str],
    render_body: Callable[[], str],
    compressed: bool = False,
) -> tuple[str, str | DeflatedPart, str]:
    """The page's head, its results for this split and filter, and its tail: the shell and
    the results from the cache in one round trip where there, else rendered (`render_shell`
    with `BODY_MARK` and `NEXT_MARK` in their places) and stored. With `compressed` the
    results come as a deflated part for `report_gzip_response`. Only for a shared page
    (`report_is_shared`): compression must never meet a secret, nor a cached page a person."""
    detail = f"{by}\n{segment}"
    shell_key = _key("report-shell", survey, request, request.scheme)
    body_key = _key("report-body", survey, request, detail)
    deflated_key = _key("report-body-gz", survey, request, detail)
    found = cache_get_many([shell_key, deflated_key if compressed else body_key])
    shell = found.get(shell_key)
    if not isinstance(shell, str) or BODY_MARK not in shell:
        shell = render_shell()
        _set(shell_key, shell)
    # Split before the path goes in: a path naming BODY_MARK must not move the results.
    head, _mark, tail = shell.partition(BODY_MARK)
    path = escape(request.get_full_path())  # as the template would have escaped it
    head, tail = head.replace(NEXT_MARK, path), tail.replace(NEXT_MARK, path)
    part = found.get(deflated_key)
    if compressed and isinstance(part, DeflatedPart):
        return head, part, tail
    body = found.get(body_key) if not compressed else _get(body_key)
    if not isinstance(body, str):
        body = render_body()
        _set(body_key, body)
    if not compressed:
        return head, body, tail
    part = deflate_part(body.encode())
    _set(deflated_key, part)
    return head, part, tail


def report_gzip_response(head: str, part: DeflatedPart, tail: str) -> HttpResponse:
    """The page: its head and tail around the results, gzip-compressed."""
    response = HttpResponse(gzip_around(head.encode(), part, tail.encode()))
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
