"""Full-page cache for the public directory, invalidated by a version number.

Anonymous GET responses of the overview, list and detail pages are stored, with the directory
version they were rendered under, under a key made of the language and the full URL; a page of
an older version is never served. Any change to what those pages show bumps the version (see
`directory.receivers`, and call `directory_cache_bump()` after bulk writes that skip model
signals, such as `bulk_create`, `QuerySet.update` or a merge), so every cached page, and every
cached part of a page (see directory.fragments), becomes stale at once. Signed-in people are
never served from it.

Other apps' public pages use the same cache with their own version on top of the directory's
(`cache_public_page(scopes=("events",))`, bumped by `public_cache_bump("events")`): a page is
served only while every version it was rendered under is current, so an RSVP makes the events
pages stale without touching the directory's. Pages with a form for anonymous visitors render
`CSRF_PLACEHOLDER` as their token (`public_csrf_context`); the stored copy carries no token and
each visitor's copy gets their own when it is served.

A page that misses costs few round trips to Redis: the lookup reads the versions and the page
in one MGET, together with the cached parts the view will ask for (named by `parts=`, under the
versions this process saw last: used only if they are still the current ones); the parts the
view renders are stored with the page in one pipeline (actlocal.cached_parts' `cache_batch`).

The cache is an accelerator, never a dependency: if it cannot be reached the pages are rendered
normally and writes still succeed.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.gzip import gzip_page

from actlocal.cached_parts import cache_batch, cache_batch_flush, cache_batch_known
from actlocal.languages import cache_language

logger = logging.getLogger(__name__)

DIRECTORY = "directory"
VERSION_KEY = "directory:version"
PAGE_KEY_PREFIX = "directory:page"
CACHE_HIT_HEADER = "X-Directory-Cache"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Letters and digits only, so template escaping leaves it as it is.
CSRF_PLACEHOLDER = "actlocalCsrfTokenPlaceholder7f3a9c"


def version_key(scope: str) -> str:
    """Where the version of one scope of public pages lives ("directory", "events", ...)."""
    return VERSION_KEY if scope == DIRECTORY else f"public:{scope}:version"


def _fresh_version() -> int:
    # Milliseconds since the epoch: if the version key is ever evicted, the new number is
    # still larger than any version pages were cached under, so no stale page comes back.
    return int(time.time() * 1000)


def public_cache_version(scope: str) -> int | None:
    """The current version of `scope`; pages cached under an older one are never served.

    None when the cache keeps nothing (the dummy backend, CACHE_DISABLED): then nothing is
    cached at all. Raises when the cache cannot be reached; see `request_cache_version`.
    """
    key = version_key(scope)
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh_version(), timeout=None)
        version = cache.get(key)
    return None if version is None else int(version)


def directory_cache_version() -> int | None:
    """The current directory version (see `public_cache_version`)."""
    return public_cache_version(DIRECTORY)


def _version_from(found: dict, scope: str = DIRECTORY) -> int | None:
    version = found.get(version_key(scope))
    return public_cache_version(scope) if version is None else int(version)


def request_cache_version(request: HttpRequest) -> int | None:
    """The directory version for everything one request caches, read once, before its queries.

    Every key of a response (the page, its cards, sidebar and count) carries the version read
    before the first row was loaded; a write that commits meanwhile bumps past it, so rows
    read after the change are never stored under the version that preceded it. None when the
    cache is unavailable: the request then renders everything and stores nothing.
    """
    if hasattr(request, "_directory_cache_version"):
        return request._directory_cache_version
    try:
        version = directory_cache_version()
    except Exception:
        logger.warning("Directory cache unavailable", exc_info=True)
        version = None
    request._directory_cache_version = version
    return version


def request_scope_versions(request: HttpRequest, scopes: tuple[str, ...]) -> tuple[int, ...] | None:
    """The versions of the directory and `scopes` for the parts one request caches: those the
    page cache read before the view ran (see `_cached_page`), else read now. None when the
    cache is unavailable: nothing is then cached."""
    known = getattr(request, "_public_cache_versions", {})
    versions = [request_cache_version(request)]
    for scope in scopes:
        if scope not in known:
            try:
                known[scope] = public_cache_version(scope)
            except Exception:
                logger.warning("Public cache unavailable", exc_info=True)
                known[scope] = None
        versions.append(known[scope])
    request._public_cache_versions = known  # type: ignore[attr-defined]
    if any(version is None for version in versions):
        return None
    return tuple(int(version) for version in versions if version is not None)


def _increment(scope: str = DIRECTORY) -> None:
    key = version_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        # The key is missing (first use or evicted): start a new, larger version.
        cache.set(key, _fresh_version(), timeout=None)
    except Exception:
        # Pages then live at most PUBLIC_CACHE_SECONDS; a write must not fail over it.
        logger.warning("Could not bump the %s cache version", scope, exc_info=True)


# One callable per scope, so a transaction can tell whether its scope's bump is queued already.
_after_commit: dict[str, Callable[[], None]] = {}


def _increment_after_commit_for(scope: str) -> Callable[[], None]:
    if scope not in _after_commit:
        _after_commit[scope] = lambda: _increment(scope)
    return _after_commit[scope]


def public_cache_bump(scope: str, *, using: str | None = None) -> None:
    """Invalidate every cached page of `scope`, now and again when the transaction commits.

    The second bump closes the window in which a request could cache the old rows under the
    new version before the transaction became visible. Inside one transaction it is queued
    only once, so bulk paths that save thousands of rows stay cheap.
    """
    _increment(scope)
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return
    after = _increment_after_commit_for(scope)
    queued = any(entry[1] is after for entry in getattr(connection, "run_on_commit", []))
    if not queued:
        transaction.on_commit(after, using=using)


def directory_cache_bump(*, using: str | None = None) -> None:
    """Invalidate every cached directory page (and every page built on directory rows)."""
    public_cache_bump(DIRECTORY, using=using)


def _page_key(request: HttpRequest, *, by_encoding: bool = False) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    encoding = ""
    if by_encoding:
        accepts = _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        encoding = "gzip:" if accepts else "identity:"
    return f"{PAGE_KEY_PREFIX}:{cache_language()}:{encoding}{digest}"


# The versions each set of scopes had when this process last read them: a page's parts are
# named under them before the lookup, and used only when the lookup finds them still current.
_last_versions: dict[tuple[str, ...], tuple[int, ...]] = {}

PartKeys = Callable[..., list[str]]

# Pages this process stored or found, with the versions they were current under and until when
# they live: a lookup of one of them under the same versions is most likely a hit, so it does
# not also read the page's parts (for nothing, on a hit). When the guess is wrong (the page was
# evicted), the miss reads its parts with one more round trip.
_SEEN_MAX = 4096
_seen_pages: dict[str, tuple[tuple[int, ...], float]] = {}


def _page_seen(key: str, versions: tuple[int, ...]) -> None:
    if len(_seen_pages) >= _SEEN_MAX:
        _seen_pages.clear()
    _seen_pages[key] = (versions, time.monotonic() + settings.PUBLIC_CACHE_SECONDS)


def _likely_cached(key: str, versions: tuple[int, ...] | None) -> bool:
    seen = _seen_pages.get(key)
    return seen is not None and seen[0] == versions and time.monotonic() < seen[1]


def _cached_page(
    request: HttpRequest,
    key: str,
    scopes: tuple[str, ...],
    parts: Callable[[tuple[int, ...]], list[str]] | None = None,
) -> tuple[HttpResponse | None, tuple[int, ...] | None]:
    """The page stored under `key` if it was stored under the current versions, and those.

    Pages are stored as (versions, response) under a key without the versions, so the
    versions and the page come back in one round trip; a page of an older version is simply a
    miss (and is overwritten when the page is stored again). The directory version read here
    is the one the whole request uses (see `request_cache_version`); the others are read here
    too, before the view reads any row, so a write meanwhile is never stored as current.

    `parts(versions)` names the cached parts the view will read under `versions`; they are
    read in the same MGET under the versions last seen, and kept for the view (see
    actlocal.cached_parts' `cache_batch_known`) only if those are the versions read now: a
    part's key carries its versions, so a part found is then exactly the one the view asks for.
    """
    all_scopes = (DIRECTORY, *scopes)
    guess = _last_versions.get(all_scopes)
    part_keys = []
    if parts is not None and guess is not None and not _likely_cached(key, guess):
        part_keys = parts(guess)
    try:
        found = cache.get_many([*(version_key(scope) for scope in all_scopes), key, *part_keys])
        read = [_version_from(found, scope) for scope in all_scopes]
    except Exception:
        logger.warning("Public page cache unavailable", exc_info=True)
        found, read = {}, [None]
    request._directory_cache_version = read[0]
    request._public_cache_versions = dict(zip(all_scopes, read, strict=False))  # type: ignore[attr-defined]
    if any(version is None for version in read):
        return None, None
    versions = tuple(int(version) for version in read if version is not None)
    if versions == guess:
        cache_batch_known(found, part_keys)
    _last_versions[all_scopes] = versions
    entry = found.get(key)
    if not isinstance(entry, tuple) or len(entry) != 2:
        return None, versions
    stored_versions, response = entry
    if stored_versions != versions:
        return None, versions
    _page_seen(key, versions)
    return response, versions


def _has_pending_messages(request: HttpRequest) -> bool:
    # A page showing someone's flash message must neither be cached nor replace that message.
    return len(messages.get_messages(request)) > 0


def _signed_in(request: HttpRequest) -> bool:
    """Whether the visitor may be signed in: no query without a session cookie, and only the
    session's own (not the user's) with one. A session naming a user is never given or given
    a shared page, even if that user can no longer sign in."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return bool(getattr(request, "user", None) and request.user.is_authenticated)
    return SESSION_KEY in request.session or request.user.is_authenticated


def is_cacheable_request(request: HttpRequest) -> bool:
    """Only anonymous GET/HEAD requests share cached pages."""
    return request.method in ("GET", "HEAD") and not _signed_in(request)


def public_csrf_context(request: HttpRequest, *, has_form: bool = False) -> dict:
    """The `csrf_token` an anonymous page renders: none, or for a page with a POST form the
    placeholder that `cache_public_page` replaces with the visitor's own token. Signed-in
    people are never served a shared page: their own token as usual (an empty dict)."""
    if request.user.is_authenticated:
        return {}
    return {"csrf_token": CSRF_PLACEHOLDER if has_form else ""}


def _private(response: HttpResponse) -> bool:
    # A view that marks its answer private (an invite-only event, a draft) is never shared.
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control


def _csrf_fill(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """This visitor's CSRF token in place of the placeholder of a shared page (and its cookie,
    set by the CSRF middleware because the token was asked for)."""
    if response.streaming or response.get("Content-Encoding"):
        return response
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    return response


def cache_public_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    gzip: bool = False,
    scopes: tuple[str, ...] | Callable[..., tuple[str, ...]] = (),
    gzip_signed_in: bool = True,
    parts: PartKeys | None = None,
):
    """Serve anonymous visitors a cached copy of `view`'s successful responses.

    The page is keyed by language and URL and stored under the directory version and those
    of `scopes` (other apps' pages: `("events",)`); any of them bumped makes it stale. A page
    whose scope depends on what it shows passes a callable taking the view's arguments,
    `scopes=lambda request, slug: (f"report:{slug}",)`: it must read nothing but its
    arguments, so that a hit still costs one round trip to the cache and no query. Responses
    the view marks private or no-store are never stored.

    With `gzip=True` responses are gzip-compressed for clients that accept it (every browser),
    and cached once per encoding: for large payloads such as the map's GeoJSON, which shrinks
    about fifteenfold. Only for responses without secrets (no CSRF token, nothing private),
    which compression could otherwise reveal (BREACH). With `gzip_signed_in=False` signed-in
    people's copies (which carry their CSRF token) are not compressed. A view may return a
    response compressed already (Content-Encoding set): it is stored and served as it is.

    `parts=lambda versions, request, slug: [...]` names the cached parts an anonymous visit
    of the page reads, from the versions and the view's arguments alone (no query), so that a
    miss fetches them with the page lookup. Every part the view stores is sent with the page.
    """
    if view is None:
        return lambda view: cache_public_page(
            view, gzip=gzip, scopes=scopes, gzip_signed_in=gzip_signed_in, parts=parts
        )
    plain = view
    if gzip:
        view = gzip_page(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with cache_batch():
            return serve(request, *args, **kwargs)

    def serve(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_cacheable_request(request) or _has_pending_messages(request):
            own = view if gzip_signed_in or not _signed_in(request) else plain
            response = own(request, *args, **kwargs)
            cache_batch_flush()
            patch_vary_headers(response, ("Cookie",))
            if _signed_in(request):
                patch_cache_control(response, private=True)
            return _csrf_fill(request, response)

        key = _page_key(request, by_encoding=gzip)
        page_scopes = scopes(request, *args, **kwargs) if callable(scopes) else scopes
        part_keys = None
        if parts is not None:
            part_keys = lambda versions: parts(versions, request, *args, **kwargs)  # noqa: E731
        cached, versions = _cached_page(request, key, page_scopes, part_keys)
        if cached is not None:
            cached[CACHE_HIT_HEADER] = "hit"
            return _csrf_fill(request, cached)

        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        storable = (
            versions is not None
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _private(response)
        )
        # The page and the parts its view rendered, in one round trip.
        cache_batch_flush({key: (versions, response)} if storable else None)
        if storable:
            _page_seen(key, versions)
            response[CACHE_HIT_HEADER] = "miss"
        return _csrf_fill(request, response)

    return wrapper
