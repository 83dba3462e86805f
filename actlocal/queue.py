"""Queueing background work that only speeds things up, so a broker outage never fails a request.

Everything queued here has a sweep that does the same work later (the delivery sweep, the nightly
duplicate scan): the task is a shortcut, and losing it while the broker is down costs time, not
data. Work that must not be lost is a row first (the outbox, ImportJob), never only a task.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_after_commit(task: Any, *args: Any) -> None:
    """Queue `task(*args)` once the current transaction commits; log, never raise, when the
    broker cannot take it."""

    def publish() -> None:
        try:
            # One attempt: a publish that waits for the broker would hold the request open.
            task.apply_async(args=args, retry=False)
        except Exception as exc:
            logger.warning(
                "Could not queue %s%r (%s); its sweep will catch up", task.name, args, exc
            )

    transaction.on_commit(publish)
