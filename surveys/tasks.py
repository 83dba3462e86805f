"""Celery tasks for surveys: thin wrappers that take primary keys and call one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def response_rollup(response_pk: int) -> bool:
    """Count a saved response in the rollups (idempotent: a second run changes nothing)."""
    from .services.rollups import response_rollup_apply

    return response_rollup_apply(response_pk=response_pk)


@shared_task(acks_late=True)
def rollups_rebuild_nightly() -> int:
    """Recount every survey's rollups from the responses (the nightly sweep)."""
    from .services.rollups import rollups_rebuild_all

    return rollups_rebuild_all()


@shared_task(acks_late=True)
def survey_mail_sweep() -> int:
    """Write the survey mails now due and send them through the outbox."""
    from .services.mailing import survey_mail_sweep as sweep

    return sweep()
