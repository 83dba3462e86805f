"""Full-page cache for the public directory, invalidated by a version number.

Anonymous GET responses of the overview, list and detail pages are stored, with the directory
version they were rendered under, under a key made of the language and the full URL; a page of
an older version is never served. Any change to what those pages show bumps the version (see
`directory.receivers`, and call `directory_cache_bump()` after bulk writes that skip model
signals, such as `bulk_create`, `QuerySet.update` or a merge), so every cached page, and every
cached part of a page (see directory.fragments), becomes stale at once. Signed-in people are
never served from it.

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
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.gzip import gzip_page

from actlocal.languages import cache_language

logger = logging.getLogger(__name__)

VERSION_KEY = "directory:version"
PAGE_KEY_PREFIX = "directory:page"
CACHE_HIT_HEADER = "X-Directory-Cache"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _fresh_version() -> int:
    # Milliseconds since the epoch: if the version key is ever evicted, the new number is
    # still larger than any version pages were cached under, so no stale page comes back.
    return int(time.time() * 1000)


def directory_cache_version() -> int | None:
    """The current directory version; pages cached under an older one are never served.

    None when the cache keeps nothing (the dummy backend, CACHE_DISABLED): then nothing is
    cached at all. Raises when the cache cannot be reached; see `request_cache_version`.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return None if version is None else int(version)


def _version_from(found: dict) -> int | None:
    version = found.get(VERSION_KEY)
    return directory_cache_version() if version is None else int(version)


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


def _increment() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # The key is missing (first use or evicted): start a new, larger version.
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        # Pages then live at most PUBLIC_CACHE_SECONDS; a write must not fail over it.
        logger.warning("Could not bump the directory cache version", exc_info=True)


def _increment_after_commit() -> None:
    _increment()


def directory_cache_bump(*, using: str | None = None) -> None:
    """Invalidate every cached directory page, now and again when the transaction commits.

    The second bump closes the window in which a request could cache the old rows under the
    new version before the transaction became visible. Inside one transaction it is queued
    only once, so bulk paths that save thousands of rows stay cheap.
    """
    _increment()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return
    queued = any(
        entry[1] is _increment_after_commit for entry in getattr(connection, "run_on_commit", [])
    )
    if not queued:
        transaction.on_commit(_increment_after_commit, using=using)


def _page_key(request: HttpRequest, *, by_encoding: bool = False) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    encoding = ""
    if by_encoding:
        accepts = _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        encoding = "gzip:" if accepts else "identity:"
    return f"{PAGE_KEY_PREFIX}:{cache_language()}:{encoding}{digest}"


def _cached_page(request: HttpRequest, key: str) -> HttpResponse | None:
    """The page stored under `key` if it was stored under the current version.

    Pages are stored as (version, response) under a key without the version, so the version
    and the page come back in one round trip; a page of an older version is simply a miss
    (and is overwritten when the page is stored again). The version read here is the one the
    whole request uses (see `request_cache_version`).
    """
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = _version_from(found)
    except Exception:
        logger.warning("Directory page cache unavailable", exc_info=True)
        found, version = {}, None
    request._directory_cache_version = version
    entry = found.get(key)
    if version is None or not isinstance(entry, tuple) or len(entry) != 2:
        return None
    stored_version, response = entry
    return response if stored_version == version else None


def _has_pending_messages(request: HttpRequest) -> bool:
    # A page showing someone's flash message must neither be cached nor replace that message.
    return len(messages.get_messages(request)) > 0


def is_cacheable_request(request: HttpRequest) -> bool:
    """Only anonymous GET/HEAD requests share cached pages."""
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def cache_public_page(view: Callable[..., HttpResponse] | None = None, *, gzip: bool = False):
    """Serve anonymous visitors a cached copy of `view`'s successful responses.

    With `gzip=True` responses are gzip-compressed for clients that accept it (every browser),
    and cached once per encoding: for large payloads such as the map's GeoJSON, which shrinks
    about fifteenfold. Only for responses without secrets (no CSRF token, nothing private),
    which compression could otherwise reveal (BREACH).
    """
    if view is None:
        return lambda view: cache_public_page(view, gzip=gzip)
    if gzip:
        view = gzip_page(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_cacheable_request(request) or _has_pending_messages(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ("Cookie",))
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response

        key = _page_key(request, by_encoding=gzip)
        cached = _cached_page(request, key)
        if cached is not None:
            cached[CACHE_HIT_HEADER] = "hit"
            return cached

        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        version = request_cache_version(request)
        storable = (
            version is not None
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )
        if storable:
            try:
                cache.set(key, (version, response), settings.PUBLIC_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not store a directory page", exc_info=True)
            response[CACHE_HIT_HEADER] = "miss"
        return response

    return wrapper
