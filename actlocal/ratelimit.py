"""A small fixed-window rate limiter on the cache, for views allauth does not cover.

When the cache is unreachable the limits fail open: the counter reads as empty (see
actlocal/cache_backend.py, which logs the outage), so sign-in, the admin login and the contact
relay keep working rather than refusing everyone. docs/operations.md explains the choice.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' or '5/h/user' -> (5, 3600)."""
    try:
        count, period = rate.split("/")[:2]
        return int(count), _PERIODS[period]
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"Bad rate {rate!r}; use e.g. '10/m'") from exc


def hit(*, scope: str, key: str, rate: str) -> bool:
    """Count one attempt; False when `key` has used up its allowance for `scope`."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    return count <= limit
