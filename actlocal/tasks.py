"""Celery tasks of the core: thin wrappers around the delivery outbox and the import jobs."""

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


@shared_task(acks_late=True)
def import_job_run(job_id: int) -> bool:
    """Import one queued file; safe to run twice (the job is claimed before it runs)."""
    from .importing.jobs import import_job_run as run

    return run(job_id=job_id)


@shared_task(acks_late=True)
def import_jobs_sweep() -> int:
    """Enqueue import jobs the broker missed and fail those whose worker died."""
    from .importing.jobs import import_jobs_sweep as sweep

    return sweep()
