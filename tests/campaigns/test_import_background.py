"""Large campaign files are imported by a background ImportJob: progress page, result page,
exactly once, all or nothing, and still imported when the broker was down at upload."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from actlocal.importing.jobs import import_jobs_sweep
from actlocal.models import ImportJob
from actlocal.tasks import import_job_run
from campaigns.models import Official
from tests.actlocal.factories import staff_login

from .govdata import CSV_FILE

pytestmark = pytest.mark.django_db

OFFICIAL_PERMS = ("view_official", "add_official", "change_official")
IMPORT_URL = reverse("admin:campaigns_official_import")


def upload(content: bytes, name: str = "ma.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def job_url(job: ImportJob) -> str:
    return reverse("admin:actlocal_importjob_progress", args=[job.pk])


def messy_csv() -> bytes:
    lines = CSV_FILE.read_text().splitlines()
    lines[3] = lines[3].replace("Dana.Okafor@masenate.example.gov", "dana okafor")
    return ("\n".join(lines) + "\n").encode()


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_a_large_file_is_imported_in_the_background_with_a_result_page(
    django_capture_on_commit_callbacks,
):
    client = staff_login(Client(), *OFFICIAL_PERMS)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"file": upload(messy_csv())})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job_url(job)
    assert job.status == ImportJob.Status.DONE
    assert job.data == b""  # the file is not kept once imported
    assert Official.objects.count() == 5
    page = client.get(job_url(job))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Imported" in text and "New: <strong>5</strong>" in text
    assert "row 4, column “email”: &#x27;dana okafor&#x27; is not a valid email address" in text


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_a_large_file_with_errors_fails_whole_and_the_page_lists_them(
    django_capture_on_commit_callbacks,
):
    client = staff_login(Client(), *OFFICIAL_PERMS)
    data = CSV_FILE.read_bytes().replace(b",lower,", b",middle,", 1)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(IMPORT_URL, {"file": upload(data)})

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert not Official.objects.exists()
    text = client.get(job_url(job)).content.decode()
    assert "The file was not imported" in text
    assert "row 2, column “current_chamber”: unknown chamber “middle”" in text


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_with_the_broker_down_the_job_waits_and_the_sweep_imports_it(
    django_capture_on_commit_callbacks,
):
    client = staff_login(Client(), *OFFICIAL_PERMS)

    with (
        mock.patch.object(import_job_run, "apply_async", side_effect=OperationalError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(IMPORT_URL, {"file": upload(CSV_FILE.read_bytes())})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.QUEUED
    page = client.get(job_url(job)).content.decode()
    assert "Queued" in page
    assert 'http-equiv="refresh"' in page  # without JavaScript the page refreshes itself
    assert 'hx-get="' in page

    assert import_jobs_sweep() == 0  # too recent: the broker may yet deliver it
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert import_jobs_sweep(now=later) == 1

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Official.objects.count() == 5


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_the_task_run_twice_imports_once(django_capture_on_commit_callbacks):
    client = staff_login(Client(), *OFFICIAL_PERMS)
    with (
        mock.patch.object(import_job_run, "apply_async", side_effect=OperationalError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(IMPORT_URL, {"file": upload(CSV_FILE.read_bytes())})
    job = ImportJob.objects.get()

    first = import_job_run.apply(args=[job.pk]).get()
    second = import_job_run.apply(args=[job.pk]).get()

    assert (first, second) == (True, False)
    assert Official.objects.count() == 5
    assert ImportJob.objects.get().status == ImportJob.Status.DONE


def test_a_running_job_shows_progress_and_polls_with_htmx():
    staff = staff_login(Client(), *OFFICIAL_PERMS)
    user_id = int(staff.session["_auth_user_id"])
    job = ImportJob.objects.create(
        kind="campaigns.official",
        filename="big.csv",
        status=ImportJob.Status.RUNNING,
        progress_done=40,
        progress_total=100,
        created_by_id=user_id,
    )

    full = staff.get(job_url(job)).content.decode()
    partial = staff.get(job_url(job), headers={"HX-Request": "true"})

    assert "40 of 100 rows" in full and "<progress" in full
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "40 of 100 rows" in partial.content.decode()

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)
    finished = staff.get(job_url(job), headers={"HX-Request": "true"})
    assert finished["HX-Refresh"] == "true"


def test_a_job_page_is_for_its_uploader_and_superusers(anon_client, member_client, staff_client):
    other_staff = staff_login(Client(), *OFFICIAL_PERMS)
    job = ImportJob.objects.create(kind="campaigns.official", filename="x.csv")

    assert other_staff.get(job_url(job)).status_code == 404
    assert staff_client.get(job_url(job)).status_code == 200  # a superuser
    assert anon_client.get(job_url(job)).status_code == 302  # to the admin sign-in
    assert member_client.get(job_url(job)).status_code == 302


def test_the_sweep_fails_a_job_whose_worker_died():
    job = ImportJob.objects.create(
        kind="campaigns.official",
        filename="x.csv",
        status=ImportJob.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=3),
        data=b"id,name\n",
    )

    import_jobs_sweep()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "interrupted" in job.errors()[0].message
    assert job.data == b""


def test_staff_with_the_view_permission_can_list_import_jobs():
    client = staff_login(Client(), "view_importjob")
    job = ImportJob.objects.create(kind="campaigns.official", filename="big.csv", data=b"x" * 1000)

    response = client.get(reverse("admin:actlocal_importjob_changelist"))
    detail = client.get(reverse("admin:actlocal_importjob_change", args=[job.pk]))

    assert response.status_code == 200
    assert "big.csv" in response.content.decode()
    assert detail.status_code == 200
    assert (
        staff_login(Client()).get(reverse("admin:actlocal_importjob_changelist")).status_code == 403
    )
