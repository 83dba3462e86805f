"""Celery tasks of the core: the delivery outbox's fast path and its sweep."""

from __future__ import annotations

from celery import shared_task


@shared_task
def deliveries_send(channel: str, pks: list[int]) -> int:
    """Send these delivery rows now (queued after the commit that wrote them)."""
    from .delivery import deliver_claimed

    return deliver_claimed(channel=channel, pks=pks).sent


@shared_task
def deliveries_sweep() -> int:
    """Send every unsent delivery row of every channel (beat, every minute)."""
    from .delivery import deliveries_sweep as sweep

    return sweep().sent
