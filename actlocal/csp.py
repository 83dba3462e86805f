"""The Content-Security-Policy header on every response.

No page has inline script, `on...=` handlers or `style=` attributes: scripts and styles come
from our own origin (htmx, Leaflet and map.js are static files), so the policy needs neither
'unsafe-inline' nor nonces, and a page served whole from the page cache carries no stale
nonce. Map tiles are the one outside source: the host of MAP_TILE_URL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def tile_source(tile_url: str) -> str:
    """The CSP source for a Leaflet tile URL: its origin, `{s}.` subdomains as a wildcard."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


@lru_cache(maxsize=4)
def policy(tile_url: str) -> str:
    images = " ".join(filter(None, ["'self'", "data:", tile_source(tile_url)]))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {images}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def content_security_policy_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if HEADER not in response:
            response[HEADER] = policy(settings.MAP_TILE_URL)
        return response

    return middleware
