"""`/jsi18n/`: the browser's share of the translations (the djangojs catalog), as a script.

Our JavaScript composes some sentences itself (a count of places on the map, the check-in
desk's matches); it translates them with the `gettext`, `ngettext` and `interpolate` this
script defines, so it is loaded before them (an external script: the CSP forbids inline ones).
The catalog is the same for everyone reading a language: rendered once per language and
catalog file, kept in the cache and by browsers for an hour.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog

from .languages import cache_language

logger = logging.getLogger(__name__)

MAX_AGE = 3600


def _catalog_stamp(language: str) -> str:
    """Changes when the compiled catalog does (a deploy): its size and time of modification."""
    for folder in settings.LOCALE_PATHS:
        path = folder / language / "LC_MESSAGES" / "djangojs.mo"
        if path.exists():
            stat = path.stat()
            return f"{stat.st_size}-{int(stat.st_mtime)}"
    return "none"


@require_safe
def javascript_catalog(request: HttpRequest) -> HttpResponse:
    language = cache_language()
    key = f"jsi18n:{language}:{_catalog_stamp(language)}"
    try:
        body = cache.get(key)
    except Exception:
        logger.warning("Translation catalog cache unavailable", exc_info=True)
        body = None
    if body is None:
        body = JavaScriptCatalog.as_view(domain="djangojs")(request).content
        try:
            cache.set(key, body, MAX_AGE)
        except Exception:
            logger.warning("Could not store the translation catalog", exc_info=True)
    response = HttpResponse(body, content_type='text/javascript; charset="utf-8"')
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # The language comes from the cookie or the browser's Accept-Language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
