"""The map's GeoJSON of a state or a city, kept compressed between requests.

A state's map is a couple of thousand places with their topics: reading and encoding it costs
far more than any list page. The full-page cache keeps it per URL only; this keeps the
compressed payload per canonical search (the cleaned filters, not their spelling), the viewer's
class (who sees which leaders), the language (topic names) and the directory version, so every
URL of the same search (another query string, a signed-in member of the same class) is served
without reading a row, and any directory change makes it unreachable at once. When the cache
is unavailable the payload is built for each request.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

from actlocal.languages import cache_language

from .cache import request_cache_version
from .fragments import cache_get_many, cache_set_many, viewer_class

PAYLOAD_PREFIX = "directory:mapgeo"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _key(request: HttpRequest, version: int, filters: dict[str, Any]) -> str:
    text = json.dumps(sorted(filters.items()), default=str, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    viewer = viewer_class(request.user)
    return f"{PAYLOAD_PREFIX}:{version}:{viewer}:{cache_language()}:{digest}"


def geojson_gzipped(
    *, request: HttpRequest, filters: dict[str, Any], build: Callable[[], dict[str, Any]]
) -> bytes:
    """The gzip-compressed JSON of `build()`, from the cache when this search was built before."""
    version = request_cache_version(request)
    key = None
    if version is not None:
        key = _key(request, version, filters)
        found = cache_get_many([key]).get(key)
        if isinstance(found, bytes):
            return found
    # No spaces between tokens: a state's map is a couple of thousand features.
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    body = compress_string(text.encode("utf-8"))
    if key is not None:
        cache_set_many({key: body})
    return body


def gzipped_json_response(request: HttpRequest, body: bytes) -> HttpResponse:
    """`body` as it is for clients that accept gzip (every browser), else decompressed."""
    if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(body, content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type="application/json")
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
