"""Celery tasks of the core: thin wrappers that call one function of actlocal.importing.jobs."""

from __future__ import annotations

from celery import shared_task


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
