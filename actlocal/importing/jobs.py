"""Large files imported in the background: ImportJob services and the runners apps register.

How exactly-once is kept: the upload saves the file in a queued ImportJob row and enqueues the
task after commit. The task claims the job with a conditional UPDATE (queued -> running); zero
rows updated means another run has it, so a task delivered twice, or enqueued again by the
sweep, imports once. The import and the job's "done" are written in one transaction: either
both are saved or neither (a worker that dies mid-import leaves nothing half-written, and the
sweep marks the job failed once its lease has passed). If the broker is down when the job is
queued, the row is still saved and the beat sweep (import_jobs_sweep) enqueues it.

The core knows no app: each app registers a runner per kind of import at start-up
(`import_runner_register`), a function that imports one file all-or-nothing and returns a
JobOutcome, or raises ImportRejected.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from .models import ImportJob
from .problems import MAX_PROBLEMS_SHOWN, ImportRejected, Problem

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# A queued job the broker never delivered is enqueued again after this long.
QUEUED_GRACE = datetime.timedelta(minutes=2)
# A job running longer than this lost its worker: its transaction was rolled back.
RUNNING_LEASE = datetime.timedelta(hours=2)
PROGRESS_SECONDS = 6 * 60 * 60


@dataclass
class JobOutcome:
    """What a runner did: counts to show (label -> number) and the warnings of the file."""

    summary: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)


Runner = Callable[..., JobOutcome]
_RUNNERS: dict[str, Runner] = {}


def import_runner_register(*, kind: str, runner: Runner) -> None:
    """Say how jobs of `kind` are run: runner(data=, filename=, options=, actor=, progress=)."""
    _RUNNERS[kind] = runner


def import_job_create(
    *, kind: str, filename: str, data: bytes, options: dict[str, Any], actor: Any, total: int
) -> ImportJob:
    """Save an uploaded file as a queued job and enqueue its import once this is committed."""
    job = ImportJob.objects.create(
        kind=kind,
        filename=filename[:255],
        data=data,
        options=options,
        progress_total=total,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    transaction.on_commit(functools.partial(import_job_enqueue, job_id=job.pk), robust=True)
    return job


def import_job_enqueue(*, job_id: int) -> bool:
    """Hand the job to the broker; False (and the job stays queued for the sweep) when the
    broker cannot be reached."""
    from actlocal.tasks import import_job_run as task

    try:
        # One attempt: the job row is the work, and the sweep re-queues it if the broker is down.
        task.apply_async(args=(job_id,), retry=False)
    except (OperationalError, OSError):
        logger.warning("Broker unreachable; import job %s waits for the sweep", job_id)
        return False
    return True


def _progress_key(job_id: int) -> str:
    return f"import-job:{job_id}:progress"


def import_job_progress(*, job: ImportJob) -> tuple[int, int]:
    """(rows done, rows) as last reported; the cache holds progress made inside the import's
    transaction, which the database shows nobody until it commits."""
    if job.is_finished:
        return job.progress_total, job.progress_total
    reported = cache.get(_progress_key(job.pk))
    if reported:
        return int(reported[0]), int(reported[1])
    return job.progress_done, job.progress_total


def import_job_run(*, job_id: int) -> bool:
    """Claim and run one queued job; False when another run had claimed it already."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return False
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        cache.set(_progress_key(job_id), [done, max(total, done)], PROGRESS_SECONDS)

    try:
        runner = _RUNNERS.get(job.kind)
        if runner is None:
            raise ImportRejected(
                [Problem(job.filename, "", _("this kind of import is not available."))]
            )
        with transaction.atomic():
            outcome = runner(
                data=bytes(job.data),
                filename=job.filename,
                options=job.options,
                actor=job.created_by,
                progress=progress,
            )
            _finish(job_id, ImportJob.Status.DONE, outcome.warnings, outcome.summary)
    except ImportRejected as exc:
        _finish(job_id, ImportJob.Status.FAILED, exc.problems, {})
    except Exception:
        logger.exception("Import job %s failed", job_id)
        message = _("the import stopped on an unexpected error. Nothing was changed.")
        _finish(job_id, ImportJob.Status.FAILED, [Problem(job.filename, "", message)], {})
    cache.delete(_progress_key(job_id))
    return True


class _LostClaim(Exception):
    """The sweep gave this job up while it ran: its import must not be committed."""


def _finish(job_id: int, status: str, problems: list[Problem], summary: dict) -> None:
    job = ImportJob.objects.only("progress_total").get(pk=job_id)
    updated = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
        status=status,
        finished_at=timezone.now(),
        data=b"",
        summary=summary,
        problems=[problem.as_dict() for problem in problems[: MAX_PROBLEMS_SHOWN * 5]],
        progress_done=job.progress_total,
    )
    if not updated and status == ImportJob.Status.DONE:
        raise _LostClaim(job_id)


def import_jobs_sweep(*, now: datetime.datetime | None = None) -> int:
    """Enqueue queued jobs the broker never got; fail jobs whose worker died. Returns the
    number of jobs enqueued."""
    now = now or timezone.now()
    ImportJob.objects.filter(
        status=ImportJob.Status.RUNNING, started_at__lt=now - RUNNING_LEASE
    ).update(
        status=ImportJob.Status.FAILED,
        finished_at=now,
        data=b"",
        problems=[
            Problem(
                "", "", _("the import was interrupted. Nothing was changed; upload the file again.")
            ).as_dict()
        ],
    )
    waiting = ImportJob.objects.filter(
        status=ImportJob.Status.QUEUED, created_at__lt=now - QUEUED_GRACE
    ).values_list("pk", flat=True)
    return sum(import_job_enqueue(job_id=pk) for pk in waiting)
