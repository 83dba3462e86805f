"""Real-world Open States and crosswalk files: optional values with problems are warnings and
the import goes on; identifying values, impossible dates and oversize files are refused."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from actlocal.importing import ImportRejected
from campaigns.importers.officials import officials_import
from campaigns.importers.openstates import read_csv, read_path, read_yaml_zip
from campaigns.models import Official

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
MESSY_DIR = DATA / "openstates" / "messy"
IMPOSSIBLE_DATE = DATA / "openstates" / "impossible-date.yml"
CSV_FILE = DATA / "ma.csv"


def test_a_link_with_a_space_is_a_warning_and_the_people_are_imported():
    people = read_path(MESSY_DIR)
    result = officials_import(people=people, actor=None, source="messy")

    assert result.created == 2
    alex = Official.objects.get(name="Alex Rivera")
    assert [link["url"] for link in alex.links] == [
        "https://malegislature.example.gov/Legislators/Profile/AR1"
    ]
    assert alex.district_phone == ""
    morgan = Official.objects.get(name="Morgan Lee")
    assert (morgan.email, morgan.photo_url) == ("", "")
    found = {(w.where.split("-")[0], w.column, w.severity) for w in result.warnings}
    assert found == {
        ("Alex", "links[1].url", "warning"),
        ("Alex", "offices[1].voice", "warning"),
        ("Morgan", "email", "warning"),
        ("Morgan", "image", "warning"),
    }
    assert any("alex rivera for state rep" in str(warning) for warning in result.warnings)


def test_unquoted_yaml_dates_are_read_and_the_current_role_is_chosen():
    [_alex, morgan] = read_path(MESSY_DIR)
    assert str(morgan.term_start) == "2021-01-06"
    assert morgan.term_end is None


def test_an_impossible_date_is_a_reported_problem_not_a_crash():
    with pytest.raises(ImportRejected) as excinfo:
        read_path(IMPOSSIBLE_DATE)

    [problem] = excinfo.value.problems
    assert (problem.where, problem.column) == ("impossible-date.yml", "roles[0].start_date")
    assert "2021-02-30" in problem.message and "not a date" in problem.message


def test_the_command_prints_warnings_and_exits_zero(capsys):
    call_command("import_officials", str(MESSY_DIR))

    out = capsys.readouterr().out
    assert "2 new" in out
    assert "4 warning(s)" in out
    assert "column “links[1].url”" in out
    assert Official.objects.count() == 2


def test_the_command_refuses_an_impossible_date_with_exit_1_and_no_traceback():
    with pytest.raises(CommandError):
        call_command("import_officials", str(IMPOSSIBLE_DATE))

    process = subprocess.run(
        [sys.executable, "manage.py", "import_officials", str(IMPOSSIBLE_DATE)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert "'2021-02-30' is not a date" in process.stderr
    assert Official.objects.count() == 0


def test_a_csv_with_a_bad_email_and_photo_imports_the_row_without_them():
    lines = CSV_FILE.read_text().splitlines()
    lines[3] = lines[3].replace("Dana.Okafor@masenate.example.gov", "dana okafor")
    lines[3] = lines[3].replace(
        "https://malegislature.example.gov/photos/dana-okafor.jpg", "photo.jpg"
    )

    people = read_csv("\n".join(lines), state="MA", where="ma.csv")
    result = officials_import(people=people, actor=None, source="ma.csv")

    dana = Official.objects.get(name="Dana Okafor")
    assert (dana.email, dana.photo_url) == ("", "")
    assert [(w.where, w.column) for w in result.warnings] == [
        ("row 4", "email"),
        ("row 4", "image"),
    ]


def test_nul_bytes_in_a_csv_are_refused_with_a_message():
    data = CSV_FILE.read_bytes().replace(b"Dana Okafor", b"Dana\x00Okafor")

    with pytest.raises(ImportRejected) as excinfo:
        read_csv(data, state="MA", where="ma.csv")

    assert "NUL bytes" in excinfo.value.problems[0].message


def test_nul_bytes_in_a_yaml_file_are_refused_with_a_message(tmp_path):
    path = tmp_path / "person.yml"
    path.write_bytes(IMPOSSIBLE_DATE.read_bytes().replace(b"Casey", b"Ca\x00sey"))

    with pytest.raises(ImportRejected) as excinfo:
        read_path(path)

    assert "not valid YAML" in excinfo.value.problems[0].message


def test_a_yaml_list_where_text_belongs_is_an_error_for_an_identifying_field(tmp_path):
    path = tmp_path / "person.yml"
    path.write_text(IMPOSSIBLE_DATE.read_text().replace("name: Casey Impossible", "name: [a, b]"))

    with pytest.raises(ImportRejected) as excinfo:
        read_path(path)

    assert {p.column for p in excinfo.value.errors} >= {"name"}


@override_settings(IMPORT_MAX_ROWS=3)
def test_a_csv_with_more_rows_than_the_limit_is_refused():
    with pytest.raises(ImportRejected) as excinfo:
        read_csv(CSV_FILE.read_bytes(), state="MA", where="ma.csv")

    assert "more than 3 rows" in excinfo.value.problems[0].message


@override_settings(IMPORT_MAX_BYTES=100)
def test_a_csv_larger_than_the_limit_is_refused():
    with pytest.raises(ImportRejected) as excinfo:
        read_csv(CSV_FILE.read_bytes(), state="MA", where="ma.csv")

    assert "the limit is" in excinfo.value.problems[0].message


def test_a_zip_that_declares_a_huge_size_is_refused_before_expanding():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.yml", b"#" * (60 * 1024 * 1024))

    with pytest.raises(ImportRejected) as excinfo:
        read_yaml_zip(buffer.getvalue(), where="people.zip")

    assert "expands to more than" in excinfo.value.problems[0].message


def test_values_of_every_wrong_type_are_problems_never_exceptions(tmp_path):
    path = tmp_path / "odd.yml"
    path.write_text(
        "id: 12345\n"
        "name: {first: Casey}\n"
        "email: [a@example.org]\n"
        "party: [{name: {x: 1}}]\n"
        "roles:\n"
        "- type: [lower]\n"
        "  district: {number: 7}\n"
        "  jurisdiction: 42\n"
        "  start_date: 2021-13-01\n"
        "  end_date: [2022]\n"
        "offices: [{classification: capitol, voice: {x: 1}, address: [1, 2]}]\n"
        "links: [{url: [a]}, {url: 'https://example.org/a b'}]\n"
    )

    with pytest.raises(ImportRejected) as excinfo:
        read_path(path)

    errors = {problem.column for problem in excinfo.value.errors}
    assert {"name", "roles[0].type", "roles[0].district", "roles[0].start_date"} <= errors
    assert "roles[0].end_date" in errors


@override_settings(IMPORT_MAX_BYTES=100)
def test_the_commands_refuse_a_file_over_the_size_limit_before_reading_it(tmp_path):
    with pytest.raises(CommandError) as excinfo:
        call_command("import_officials", str(CSV_FILE))
    assert "the limit is" in str(excinfo.value)

    with pytest.raises(CommandError) as excinfo:
        call_command("import_precincts", str(DATA / "crosswalk_ma.csv"))
    assert "the limit is" in str(excinfo.value)
