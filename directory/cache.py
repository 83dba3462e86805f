"""Full-page cache for the public directory, invalidated by a version number.

Anonymous GET responses of the overview, list and detail pages are stored under a key made of
the directory version, the language and the full URL. Any change to what those pages show bumps
the version (see `directory.receivers`, and call `directory_cache_bump()` after bulk writes that
skip model signals, such as `bulk_create`, `QuerySet.update` or a merge), so every cached page
becomes unreachable at once and simply expires. Signed-in people are never served from it.

The cache is an accelerator, never a dependency: if it cannot be reached the pages are rendered
normally and writes still succeed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "directory:version"
PAGE_KEY_PREFIX = "directory:page"
CACHE_HIT_HEADER = "X-Directory-Cache"


def _fresh_version() -> int:
    # Milliseconds since the epoch: if the version key is ever evicted, the new number is
    # still larger than any version pages were cached under, so no stale page comes back.
    return int(time.time() * 1000)


def directory_cache_version() -> int:
    """The current directory version; pages cached under an older one are never served."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return int(version)


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


def _page_key(request: HttpRequest, version: int) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{version}:{get_language() or 'en'}:{digest}"


def _has_pending_messages(request: HttpRequest) -> bool:
    # A page showing someone's flash message must neither be cached nor replace that message.
    return len(messages.get_messages(request)) > 0


def is_cacheable_request(request: HttpRequest) -> bool:
    """Only anonymous GET/HEAD requests share cached pages."""
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous visitors a cached copy of `view`'s successful responses."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_cacheable_request(request) or _has_pending_messages(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ("Cookie",))
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response

        key = None
        try:
            key = _page_key(request, directory_cache_version())
            cached = cache.get(key)
        except Exception:
            logger.warning("Directory page cache unavailable", exc_info=True)
            cached = None
        if cached is not None:
            cached[CACHE_HIT_HEADER] = "hit"
            return cached

        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        storable = (
            key is not None
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )
        if storable:
            try:
                cache.set(key, response, settings.PUBLIC_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not store a directory page", exc_info=True)
            response[CACHE_HIT_HEADER] = "miss"
        return response

    return wrapper
