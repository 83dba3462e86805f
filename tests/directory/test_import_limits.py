"""Directory imports of real-world files: optional values with problems are warnings, files
over the size or row limit are refused before they are parsed (an XLSX zip bomb is never
expanded), and large files are imported by a background job."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse

from actlocal.models import ImportJob
from directory.models import Leader, Organization
from tests.directory.factories import LeaderFactory
from tests.directory.test_import_export import (
    XLSX_FORMAT,
    confirm,
    csv_bytes,
    problems,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def test_a_bad_phone_is_a_warning_and_the_leader_is_imported(staff_client):
    content = csv_bytes(
        [
            ["email", "name", "phone"],
            ["ana@example.org", "Ana", "call me"],
            ["b@example.org", "B", ""],
        ]
    )

    preview = upload(staff_client, "leader", content)
    page = preview.content.decode()
    done = confirm(staff_client, "leader", preview)

    line = "row 2, column “phone”: &#x27;call me&#x27; does not look like a phone number"
    assert "1 warning: this value will be left out" in page and line in page
    assert done.status_code == 302
    assert Leader.objects.count() == 2
    assert Leader.objects.get(email="ana@example.org").phone == ""
    assert "These values were left out" in staff_client.get(done["Location"]).content.decode()


def test_an_update_with_a_bad_phone_keeps_the_stored_number(staff_client):
    LeaderFactory(email="ana@example.org", name="Ana", phone="617 555 0100")
    content = csv_bytes([["email", "name", "phone"], ["ana@example.org", "Ana B", "n/a"]])

    confirm(staff_client, "leader", upload(staff_client, "leader", content))

    leader = Leader.objects.get()
    assert (leader.name, leader.phone) == ("Ana B", "617 555 0100")


def test_a_website_with_a_space_is_a_warning_for_an_organization(staff_client):
    content = csv_bytes(
        [
            ["name", "kind", "scope", "state", "website"],
            ["Vote Boston", "chapter", "local", "MA", "vote boston.org"],
        ]
    )

    response = confirm(staff_client, "organization", upload(staff_client, "organization", content))

    assert response.status_code == 302
    assert Organization.objects.get().website == ""


def test_a_missing_email_is_still_an_error(staff_client):
    content = csv_bytes([["email", "name", "phone"], ["", "Ana", "call me"]])

    response = upload(staff_client, "leader", content)

    assert "confirm_form" not in response.context
    assert "Row 2, column email: an email address is required" in problems(response)


@override_settings(IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused(staff_client):
    content = csv_bytes([["email", "name"]] + [[f"p{i}@example.org", "P"] for i in range(100)])

    response = upload(staff_client, "leader", content)

    [problem] = problems(response)
    assert "the limit is" in problem and "Nothing was imported" in problem
    assert not Leader.objects.exists()


@override_settings(IMPORT_MAX_ROWS=5)
def test_a_csv_over_the_row_limit_is_refused(staff_client):
    content = csv_bytes([["email", "name"]] + [[f"p{i}@example.org", "P"] for i in range(6)])

    [problem] = problems(upload(staff_client, "leader", content))

    assert "more than 5 rows" in problem
    assert not Leader.objects.exists()


@override_settings(IMPORT_MAX_ROWS=5)
def test_an_xlsx_over_the_row_limit_is_refused(staff_client):
    content = xlsx_bytes([["email", "name"]] + [[f"p{i}@example.org", "P"] for i in range(6)])

    response = upload(staff_client, "leader", content, name="l.xlsx", fmt=XLSX_FORMAT)

    assert "more than 5 rows" in problems(response)[0]


@override_settings(IMPORT_MAX_BYTES=100_000)
def test_an_xlsx_that_declares_a_huge_expansion_is_refused_unopened(staff_client):
    buffer = io.BytesIO(xlsx_bytes([["email", "name"], ["a@example.org", "A"]]))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (10 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000

    response = upload(staff_client, "leader", buffer.getvalue(), name="l.xlsx", fmt=XLSX_FORMAT)

    assert response.status_code == 200  # the form, with the reason
    assert "expands to more than" in problems(response)[0]
    assert not Leader.objects.exists()


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_a_large_directory_file_is_imported_by_a_background_job(
    staff_client, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        [["email", "name", "phone"]] + [[f"p{i}@example.org", f"P {i}", "?"] for i in range(3)]
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, "leader", content)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:actlocal_importjob_progress", args=[job.pk])
    assert (job.kind, job.status) == ("directory.leader", ImportJob.Status.DONE)
    assert Leader.objects.count() == 3
    page = staff_client.get(response["Location"]).content.decode()
    assert "New: <strong>3</strong>" in page
    assert "row 4, column “phone”" in page


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_a_large_directory_file_with_an_error_imports_nothing(
    staff_client, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        [["email", "name", "state"]] + [[f"p{i}@example.org", "P", "MA"] for i in range(3)]
    )
    content += b"p9@example.org,P,ZZ\n"

    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, "leader", content)

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert not Leader.objects.exists()
    assert (
        "Row 5, column state: &#x27;ZZ&#x27; is not a US state code"
        in staff_client.get(
            reverse("admin:actlocal_importjob_progress", args=[job.pk])
        ).content.decode()
    )


@override_settings(IMPORT_BACKGROUND_ROWS=1234)
def test_the_import_page_says_when_files_go_to_the_background(staff_client):
    page = staff_client.get(reverse("admin:directory_leader_import")).content.decode()

    assert "Files of more than 1234 rows are imported in the background" in page
