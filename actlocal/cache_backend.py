"""Django's Redis cache backend, made an accelerator that never takes the site down.

Two changes to Django's backend:

- One client object per server: Django builds a new `redis.Redis` object (with its table of
  response callbacks) for every cache call, which costs more than the round trip to a local
  Redis. Client objects are thread-safe and hold no connection themselves (the pool does).
- Outages are bypassed: when Redis cannot be reached the cache behaves as one that is empty
  and forgets every write (reads miss, `add` succeeds, `incr` raises ValueError as for a
  missing key), with a logged warning, so any page that can be built from PostgreSQL still is.
  After a failure Redis is left alone for `RETRY_SECONDS` (no connect timeout paid on every
  call), then tried again. Rate limits counting in the cache therefore fail open, ours and
  allauth's, whose lock is a `cache.add` that must succeed (docs/operations.md).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import redis
from django.core.cache.backends import redis as django_redis

logger = logging.getLogger(__name__)

# Seconds to skip Redis after a failed call; one warning is logged per such period.
RETRY_SECONDS = 5.0
# Connect and read timeouts (seconds) unless CACHES OPTIONS set their own: a Redis host that
# drops packets must cost a request a fraction of a second, not the OS default of minutes.
DEFAULT_SOCKET_TIMEOUT = 0.5

# Not only a lost connection: a Redis out of memory or turned read-only (a failover) answers
# with an error too, and the site must not fail over it either.
_OUTAGE_ERRORS = (redis.exceptions.RedisError, OSError)


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pool_options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        self._pool_options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class _Outage:
    """When one Redis server last failed.

    Django builds a cache backend per thread; the outage is shared by all of a process's
    threads (see `_OUTAGES`), so one failed call spares the other threads the timeout too.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down_until = 0.0

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def record(self, operation: str, exc: BaseException) -> None:
        with self._lock:
            first = not self.is_down()
            self.down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning(
                "Cache unavailable (%s: %s); bypassing it for %.0f s",
                operation,
                exc,
                RETRY_SECONDS,
            )


_OUTAGES: dict[str, _Outage] = {}
_OUTAGES_LOCK = threading.Lock()


def _outage_for(server: str) -> _Outage:
    with _OUTAGES_LOCK:
        return _OUTAGES.setdefault(server, _Outage())


def _missing_key(key: str) -> ValueError:
    return ValueError(f"Key '{key}' not found (the cache is unavailable)")


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self.outage = _outage_for(str(server))

    def _guard(self, operation: str, call: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
        if self.outage.is_down():
            return fallback()
        try:
            return call()
        except _OUTAGE_ERRORS as exc:
            self.outage.record(operation, exc)
            return fallback()

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz), regardless of the bypass period."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except _OUTAGE_ERRORS as exc:
            self.outage.record("ping", exc)
            return False

    def add(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "add", lambda: super(RedisCache, self).add(key, value, timeout, version), lambda: True
        )

    def get(self, key, default=None, version=None):
        return self._guard(
            "get", lambda: super(RedisCache, self).get(key, default, version), lambda: default
        )

    def set(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        self._guard(
            "set", lambda: super(RedisCache, self).set(key, value, timeout, version), lambda: None
        )

    def touch(self, key, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "touch", lambda: super(RedisCache, self).touch(key, timeout, version), lambda: False
        )

    def delete(self, key, version=None):
        return self._guard(
            "delete", lambda: super(RedisCache, self).delete(key, version), lambda: False
        )

    def get_many(self, keys, version=None):
        return self._guard(
            "get_many", lambda: super(RedisCache, self).get_many(keys, version), lambda: {}
        )

    def has_key(self, key, version=None):
        return self._guard(
            "has_key", lambda: super(RedisCache, self).has_key(key, version), lambda: False
        )

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise _missing_key(key)

        return self._guard(
            "incr", lambda: super(RedisCache, self).incr(key, delta, version), unavailable
        )

    def set_many(self, data, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "set_many",
            lambda: super(RedisCache, self).set_many(data, timeout, version),
            lambda: [],
        )

    def delete_many(self, keys, version=None):
        self._guard(
            "delete_many", lambda: super(RedisCache, self).delete_many(keys, version), lambda: None
        )

    def clear(self):
        return self._guard("clear", lambda: super(RedisCache, self).clear(), lambda: False)
