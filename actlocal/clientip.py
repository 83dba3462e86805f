"""The visitor's IP address, for every per-IP rate limit (ours and allauth's).

Behind reverse proxies REMOTE_ADDR is the nearest proxy, so every visitor would share one
bucket. Each trusted proxy appends the address it received the request from to
X-Forwarded-For, so with TRUSTED_PROXY_COUNT = n the client is the n-th entry from the right;
entries further left were written by the client and are ignored. 0 (the default, for a site
reached directly) uses REMOTE_ADDR and ignores the header, which anyone can send.
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def _clean(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as the trusted proxies saw it; REMOTE_ADDR if they did not say."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = header.split(",") if header.strip() else []
    if len(forwarded) < proxies:
        # The request skipped a proxy (or the count is wrong): never trust what is left.
        logger.warning(
            "X-Forwarded-For has %d entries, TRUSTED_PROXY_COUNT is %d; using REMOTE_ADDR",
            len(forwarded),
            proxies,
        )
        return remote
    return _clean(forwarded[-proxies]) or remote
