"""Rendered parts of public pages kept in the cache: one rendering serves every viewer of a level.

Template rendering is most of what a public page costs once its rows are few; the parts that are
the same for everyone who sees them (a toolkit's card, a campaign's article, an event's RSVP
panel for anonymous visitors) are rendered once and reused until what they show changes. The
apps decide what a part is and which versions, viewer level and rows go into its key
(`part_key`); every key carries the active language, so a part never crosses languages.

Rules for a part: it is rendered without the request (no CSRF token, no signed-in person, no
messages), from rows every viewer of its key may see; its key carries the version of every
scope whose change shows in it, read before its rows were loaded (directory.cache's
`request_scope_versions`), so a part rendered from older rows is never found under a newer
version. Nothing personal goes into a part: a signed-in person's own answers, invitations or
team links stay outside, rendered per request.

The cache is an accelerator, never a dependency: with no versions (CACHE_DISABLED, or Redis
unreachable) every part is rendered and nothing is stored, and a failing cache only logs.

Round trips to Redis are most of what a page built from cached parts still waits on, so a page
served through the page cache (directory.cache) runs inside a `cache_batch`: the parts it
stores wait there and go out with the page itself in one pipeline, and keys the page cache
read with its own lookup (`cache_batch_known`) are answered without asking Redis again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from actlocal.languages import cache_language

logger = logging.getLogger(__name__)

Versions = int | tuple[int, ...] | None


def part_key(app: str, kind: str, versions: int | tuple[int, ...], *parts: Any) -> str:
    """The key of one part: its app and kind, the language, the versions it was rendered
    under, then what tells it apart (viewer level, row keys, flags)."""
    if isinstance(versions, int):
        versions = (versions,)
    return ":".join([app, kind, cache_language(), ".".join(map(str, versions)), *map(str, parts)])


_ABSENT = object()


@dataclass
class _Batch:
    """One request's reads already answered (value, or _ABSENT) and writes not yet sent."""

    known: dict[str, Any] = field(default_factory=dict)
    pending: dict[str, Any] = field(default_factory=dict)


_batch: ContextVar[_Batch | None] = ContextVar("cached_parts_batch", default=None)


@contextmanager
def cache_batch() -> Iterator[None]:
    """Hold the parts stored inside until `cache_batch_flush` (a request: see directory.cache).
    Nested batches join the outer one; what is never flushed is simply not stored."""
    if _batch.get() is not None:
        yield
        return
    token = _batch.set(_Batch())
    try:
        yield
    finally:
        _batch.reset(token)


def cache_batch_known(found: dict[str, Any], keys: Iterable[str]) -> None:
    """Record what one lookup answered for `keys` (missing ones as absent), so the parts of
    this request ask Redis only for keys nobody read yet."""
    batch = _batch.get()
    if batch is not None:
        batch.known.update({key: found.get(key, _ABSENT) for key in keys})


def cache_batch_flush(extra: dict[str, Any] | None = None) -> None:
    """Store the batch's pending parts and `extra` (the page) together: one round trip."""
    batch = _batch.get()
    values = {**(batch.pending if batch is not None else {}), **(extra or {})}
    if batch is not None:
        batch.pending = {}
    _store(values)


def cache_get_many(keys: Iterable[str]) -> dict[str, Any]:
    """What the cache holds of `keys` (one round trip, none for keys this request's batch
    knows already); nothing when it cannot be reached."""
    keys = list(keys)
    if not keys:
        return {}
    batch = _batch.get()
    known = batch.known if batch is not None else {}
    found = {key: known[key] for key in keys if key in known and known[key] is not _ABSENT}
    unknown = [key for key in keys if key not in known]
    if unknown:
        try:
            fetched = cache.get_many(unknown)
        except Exception:
            logger.warning("Cached parts unavailable", exc_info=True)
            return found
        found.update(fetched)
        cache_batch_known(fetched, unknown)
    return found


def cache_prefetch(keys: Iterable[str]) -> None:
    """Read `keys` into this request's batch in one round trip, for parts that are looked up
    one kind at a time later (their lookups then cost none). Nothing outside a batch."""
    if _batch.get() is not None:
        cache_get_many(keys)


def _store(values: dict[str, Any]) -> None:
    if not values:
        return
    try:
        if len(values) == 1:
            # SET with its expiry is one command; set_many is MSET and EXPIRE in a MULTI.
            [(key, value)] = values.items()
            cache.set(key, value, settings.PUBLIC_CACHE_SECONDS)
        else:
            cache.set_many(values, settings.PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store cached parts", exc_info=True)


def cache_set_many(values: dict[str, Any]) -> None:
    """Store `values` for PUBLIC_CACHE_SECONDS, the longest a lost version bump may show:
    now, or with the page when inside a `cache_batch`."""
    if not values:
        return
    batch = _batch.get()
    if batch is None:
        _store(values)
        return
    batch.pending.update(values)
    batch.known.update(values)


def cached_parts(*, versions: Versions, parts: dict[str, Callable[[], str]]) -> dict:
    """Each part by its key, from the cache in one round trip; the missing ones are rendered
    by their function (which runs its queries only then) and stored. With `versions` None
    (no cache) every part is rendered and nothing is stored."""
    found = cache_get_many(parts) if versions is not None else {}
    # Anything but text under a part's key is treated as missing, never output.
    found = {key: value for key, value in found.items() if isinstance(value, str)}
    rendered = {key: render() for key, render in parts.items() if key not in found}
    if versions is not None:
        cache_set_many(rendered)
    # Rendered by our templates with autoescaping on, here or before they were cached.
    return {key: mark_safe(found[key] if key in found else rendered[key]) for key in parts}  # noqa: S308


def cached_part(*, versions: Versions, key: str, render: Callable[[], str]) -> SafeString:
    """One part (see `cached_parts`)."""
    return cached_parts(versions=versions, parts={key: render})[key]
