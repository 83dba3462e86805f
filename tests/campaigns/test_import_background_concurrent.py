"""The background import task delivered twice at once: each run on its own PostgreSQL
connection, and the file is imported exactly once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from actlocal.models import ImportJob
from actlocal.tasks import import_job_run
from campaigns.models import Official

from .govdata import CSV_FILE

pytestmark = pytest.mark.django_db(transaction=True)


def _run(job_id: int) -> bool:
    try:
        return import_job_run.apply(args=[job_id]).get()
    finally:
        connections.close_all()


def test_two_workers_running_one_job_import_it_once():
    job = ImportJob.objects.create(
        kind="campaigns.official",
        filename="ma.csv",
        data=CSV_FILE.read_bytes(),
        options={"state": "MA"},
        progress_total=5,
    )

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(_run, [job.pk, job.pk]))

    assert results == [False, True]
    assert Official.objects.count() == 5
    job.refresh_from_db()
    assert (job.status, job.summary["New"]) == (ImportJob.Status.DONE, 5)
