"""The Content-Security-Policy header on every response.

No page has inline script, `on...=` handlers or `style=` attributes: scripts and styles come
from our own origin (htmx, Leaflet and map.js are static files), so the policy needs neither
'unsafe-inline' nor nonces, and a page served whole from the page cache carries no stale
nonce. Map tiles are the one outside source: the host of MAP_TILE_URL.

The staff admin alone may use `style=` attributes: django-import-export marks the changes in its
import preview with them. Style attributes cannot run script, and the admin is staff-only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

HEADER = "Content-Security-Policy"


def tile_source(tile_url: str) -> str:
    """The CSP source for a Leaflet tile URL: its origin, `{s}.` subdomains as a wildcard."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


@lru_cache(maxsize=8)
def policy(tile_url: str, *, style_attributes: bool = False) -> str:
    images = " ".join(filter(None, ["'self'", "data:", tile_source(tile_url)]))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        *(["style-src-attr 'unsafe-inline'"] if style_attributes else []),
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
    admin_prefix = ""

    def middleware(request: HttpRequest) -> HttpResponse:
        nonlocal admin_prefix
        response = get_response(request)
        if HEADER not in response:
            admin_prefix = admin_prefix or reverse("admin:index")
            in_admin = request.path.startswith(admin_prefix)
            response[HEADER] = policy(settings.MAP_TILE_URL, style_attributes=in_admin)
        return response

    return middleware
