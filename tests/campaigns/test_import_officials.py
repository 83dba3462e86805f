"""Importing officials from Open States people data: YAML files and the per-state CSV."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from actlocal.models import AuditEntry
from campaigns.importers import ImportRejected
from campaigns.importers.officials import officials_import
from campaigns.importers.openstates import read_csv, read_path
from campaigns.models import Body, District, Official
from tests.campaigns.factories import BodyFactory, DistrictFactory, OfficialFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
YAML_DIR = DATA / "openstates" / "ma"
CSV_FILE = DATA / "ma.csv"
ALEX = "ocd-person/0b7c1d2e-0000-4000-8000-000000000001"
MORGAN = "ocd-person/0b7c1d2e-0000-4000-8000-000000000002"
SAM = "ocd-person/0b7c1d2e-0000-4000-8000-000000000004"
JORDAN = "ocd-person/0b7c1d2e-0000-4000-8000-000000000005"


def import_path(path: Path, **kwargs):
    return officials_import(people=read_path(path, **kwargs), actor=None, source=str(path))


def snapshot() -> tuple:
    return (
        list(Official.objects.order_by("pk").values()),
        list(District.objects.order_by("pk").values()),
        list(Body.objects.order_by("pk").values()),
    )


@pytest.fixture
def yaml_copy(tmp_path) -> Path:
    target = tmp_path / "ma"
    shutil.copytree(YAML_DIR, target)
    return target


def yaml_file(directory: Path, person_id: str) -> Path:
    return next(p for p in directory.iterdir() if person_id.rsplit("-", 1)[-1] in p.name)


# --- YAML ---------------------------------------------------------------------------------------


def test_yaml_directory_creates_the_chambers_their_districts_and_officials():
    result = import_path(YAML_DIR)

    assert result.created == 5
    house = Body.objects.get(state="MA", kind=Body.Kind.STATE_LOWER)
    senate = Body.objects.get(state="MA", kind=Body.Kind.STATE_UPPER)
    assert house.name == "Massachusetts House of Representatives"
    assert senate.name == "Massachusetts Senate"
    assert sorted(house.districts.values_list("name", flat=True)) == [
        "10th Plymouth",
        "3rd Bristol",
        "7th Plymouth",
    ]
    seventh = District.objects.get(body=house, name="7th Plymouth")
    assert seventh.name_key == "7 plymouth"
    assert seventh.ocd_id == "ocd-division/country:us/state:ma/sldl:7th_plymouth"
    first = senate.districts.get(name_key="1 plymouth and norfolk")
    assert first.ocd_id == "ocd-division/country:us/state:ma/sldu:first_plymouth_and_norfolk"


def test_yaml_fields_land_on_the_official():
    import_path(YAML_DIR)

    alex = Official.objects.get(openstates_id=ALEX)
    assert alex.name == "Alex Rivera"
    assert (alex.given_name, alex.family_name) == ("Alex", "Rivera")
    assert alex.party == "Democratic"
    assert alex.email == "Alex.Rivera@mahouse.example.gov"
    assert alex.photo_url == "https://malegislature.example.gov/photos/alex-rivera.jpg"
    assert alex.phone == "617-722-2000"
    assert alex.office_address == "24 Beacon St., Room 136; Boston, MA 02133"
    assert alex.district_phone == "781-555-0107"
    assert alex.district_address == "10 Centre Ave.; Abington, MA 02351"
    assert alex.links == [
        {"url": "https://malegislature.example.gov/Legislators/Profile/AR1", "note": ""}
    ]
    assert alex.term_start == datetime.date(2023, 1, 4)
    assert alex.term_end is None
    assert alex.slug == "alex-rivera"
    assert alex.body.kind == Body.Kind.STATE_LOWER
    assert alex.district.name == "7th Plymouth"


def test_current_party_is_the_one_without_an_end_date():
    import_path(YAML_DIR)

    assert Official.objects.get(openstates_id=MORGAN).party == "Republican"


def test_a_person_with_past_roles_gets_the_seat_they_hold_now():
    import_path(YAML_DIR)

    jordan = Official.objects.get(openstates_id=JORDAN)
    assert jordan.district.name == "3rd Bristol"
    assert jordan.term_start == datetime.date(2021, 1, 6)
    assert not District.objects.filter(name="2nd Bristol").exists()


def test_a_role_that_ended_becomes_the_end_of_the_term(yaml_copy):
    path = yaml_file(yaml_copy, SAM)
    path.write_text(
        path.read_text().replace(
            "  start_date: '2017-01-04'", "  start_date: '2017-01-04'\n  end_date: '2023-01-04'"
        )
    )

    import_path(yaml_copy)

    sam = Official.objects.get(openstates_id=SAM)
    assert sam.term_end == datetime.date(2023, 1, 4)
    assert not sam.is_current


def test_import_uses_the_existing_chamber_whatever_staff_named_it():
    house = BodyFactory(name="MA House", slug="ma-house")

    import_path(YAML_DIR)

    assert Body.objects.filter(kind=Body.Kind.STATE_LOWER, state="MA").count() == 1
    assert Official.objects.get(openstates_id=ALEX).body == house


def test_import_reuses_a_district_spelled_differently():
    house = BodyFactory()
    seventh = DistrictFactory(body=house, name="Seventh Plymouth")

    import_path(YAML_DIR)

    assert Official.objects.get(openstates_id=ALEX).district == seventh
    assert house.districts.filter(name_key="7 plymouth").count() == 1


# --- Re-import ----------------------------------------------------------------------------------


def test_reimport_updates_in_place_and_never_duplicates(yaml_copy):
    import_path(yaml_copy)
    alex = Official.objects.get(openstates_id=ALEX)
    path = yaml_file(yaml_copy, ALEX)
    path.write_text(path.read_text().replace("Alex.Rivera@", "a.rivera@"))

    result = import_path(yaml_copy)

    assert (result.created, result.updated, result.unchanged, result.ended) == (0, 1, 4, 0)
    assert Official.objects.count() == 5
    again = Official.objects.get(openstates_id=ALEX)
    assert again.pk == alex.pk
    assert again.slug == alex.slug
    assert again.email == "a.rivera@mahouse.example.gov"
    assert AuditEntry.objects.filter(
        action="official.import.update", object_id=str(alex.pk)
    ).exists()


def test_reimport_ends_the_terms_of_people_who_left(yaml_copy):
    import_path(yaml_copy)
    yaml_file(yaml_copy, SAM).unlink()

    result = import_path(yaml_copy)

    assert result.ended == 1
    sam = Official.objects.get(openstates_id=SAM)
    assert sam.term_end == timezone.localdate() - datetime.timedelta(days=1)
    assert Official.objects.current().count() == 4
    assert AuditEntry.objects.filter(
        action="official.import.end_term", object_id=str(sam.pk)
    ).exists()
    assert import_path(yaml_copy).ended == 0


def test_reimport_leaves_chambers_that_are_not_in_the_file_alone(yaml_copy, tmp_path):
    import_path(yaml_copy)
    house_only = tmp_path / "house"
    house_only.mkdir()
    for person in (ALEX, MORGAN):
        shutil.copy(yaml_file(yaml_copy, person), house_only)

    result = import_path(house_only)

    assert result.ended == 1  # Jordan, the House member missing from the file
    assert Official.objects.get(
        openstates_id=JORDAN
    ).term_end == timezone.localdate() - datetime.timedelta(days=1)
    assert Official.objects.filter(body__kind=Body.Kind.STATE_UPPER, term_end=None).count() == 2


def test_reimport_never_ends_officials_added_by_hand():
    by_hand = OfficialFactory(district=DistrictFactory(body=BodyFactory()), openstates_id=None)

    import_path(YAML_DIR)

    by_hand.refresh_from_db()
    assert by_hand.term_end is None


def test_a_returning_person_serves_again(yaml_copy):
    import_path(yaml_copy)
    Official.objects.filter(openstates_id=SAM).update(term_end=datetime.date(2020, 1, 1))

    import_path(yaml_copy)

    assert Official.objects.get(openstates_id=SAM).term_end is None


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_import_creates_the_same_people_as_the_yaml():
    result = import_path(CSV_FILE)

    assert result.created == 5
    morgan = Official.objects.get(openstates_id=MORGAN)
    assert morgan.party == "Republican"
    assert morgan.district.name == "10th Plymouth"
    assert [link["url"] for link in morgan.links] == [
        "https://malegislature.example.gov/Legislators/Profile/ML1",
        "https://morganlee.example.org",
    ]
    sam = Official.objects.get(openstates_id=SAM)
    assert sam.body.kind == Body.Kind.STATE_UPPER
    assert (sam.district_address, sam.district_phone) == (
        "45 Main St.; Brockton, MA 02301",
        "508-555-0144",
    )


def test_csv_after_yaml_updates_the_same_officials_and_keeps_their_start_dates():
    import_path(YAML_DIR)
    pks = set(Official.objects.values_list("pk", flat=True))

    result = import_path(CSV_FILE)

    assert result.created == 0
    assert set(Official.objects.values_list("pk", flat=True)) == pks
    assert Official.objects.get(openstates_id=ALEX).term_start == datetime.date(2023, 1, 4)


def test_csv_state_comes_from_the_option_or_the_file_name(tmp_path):
    other = tmp_path / "people.csv"
    shutil.copy(CSV_FILE, other)
    with pytest.raises(ImportRejected) as excinfo:
        read_path(other)
    assert "state" in str(excinfo.value.problems[0])

    import_path(other, state="ri")

    assert Body.objects.filter(state="RI", kind=Body.Kind.STATE_LOWER).exists()


# --- All or nothing -----------------------------------------------------------------------------

YAML_BREAKAGES = [
    ("id: ocd-person/0b7c1d2e-0000-4000-8000-000000000002\n", "", "id", "required"),
    ("name: Morgan Lee\n", "", "name", "required"),
    ("- type: lower", "- type: joint", "roles[0].type", "unknown chamber"),
    ("start_date: '2019-01-02'", "start_date: '2019-02-31'", "roles[0].start_date", "not a date"),
    (
        "start_date: '2019-01-02'",
        "start_date: '2019-01-02'\n  end_date: '2018-12-31'",
        "roles[0].end_date",
        "before it starts",
    ),
    ("party:\n", "party: [\n", "", "not valid YAML"),
    (
        "ocd-jurisdiction/country:us/state:ma/government",
        "ocd-jurisdiction/country:us/government",
        "roles[0].jurisdiction",
        "not a US state",
    ),
]


@pytest.mark.parametrize(("old", "new", "column", "reason"), YAML_BREAKAGES)
def test_one_bad_yaml_file_leaves_the_data_as_it_was(yaml_copy, old, new, column, reason):
    import_path(yaml_copy)
    path = yaml_file(yaml_copy, ALEX)
    path.write_text(path.read_text().replace("Alex.Rivera@", "changed@"))
    bad = yaml_file(yaml_copy, MORGAN)
    assert old in bad.read_text()
    bad.write_text(bad.read_text().replace(old, new, 1))
    before = snapshot()

    with pytest.raises(ImportRejected) as excinfo:
        import_path(yaml_copy)

    assert snapshot() == before
    problems = [p for p in excinfo.value.problems if p.where == bad.name]
    assert len(problems) == 1
    assert problems[0].column == column
    assert reason in problems[0].message


def test_every_bad_file_is_reported_at_once(yaml_copy):
    for person in (ALEX, SAM):
        path = yaml_file(yaml_copy, person)
        path.write_text(path.read_text().replace("\nname: ", "\nnickname: "))

    with pytest.raises(ImportRejected) as excinfo:
        import_path(yaml_copy)

    assert sorted(p.where for p in excinfo.value.problems) == sorted(
        [yaml_file(yaml_copy, ALEX).name, yaml_file(yaml_copy, SAM).name]
    )
    assert Official.objects.count() == 0


def test_two_files_with_one_id_are_refused(yaml_copy):
    shutil.copy(yaml_file(yaml_copy, ALEX), yaml_copy / "Alex-Rivera-copy.yml")

    with pytest.raises(ImportRejected) as excinfo:
        import_path(yaml_copy)

    assert "also used by" in excinfo.value.problems[0].message


def csv_with(tmp_path, edit) -> Path:
    lines = CSV_FILE.read_text().splitlines()
    edit(lines)
    path = tmp_path / "ma.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("row", "old", "new", "column", "reason"),
    [
        (4, "ocd-person/0b7c1d2e-0000-4000-8000-000000000003,", ",", "id", "required"),
        (4, ",Dana Okafor,", ",,", "name", "required"),
        (4, ",upper,", ",joint,", "current_chamber", "unknown chamber"),
    ],
)
def test_one_bad_csv_row_leaves_the_data_as_it_was(tmp_path, row, old, new, column, reason):
    import_path(CSV_FILE)
    before = snapshot()

    def edit(lines):
        lines[1] = lines[1].replace("Alex.Rivera@", "changed@")
        assert old in lines[row - 1]
        lines[row - 1] = lines[row - 1].replace(old, new, 1)

    with pytest.raises(ImportRejected) as excinfo:
        import_path(csv_with(tmp_path, edit))

    assert snapshot() == before
    [problem] = excinfo.value.problems
    assert (problem.where, problem.column) == (f"row {row}", column)
    assert reason in problem.message


def test_a_csv_without_the_chamber_column_is_refused(tmp_path):
    def edit(lines):
        lines[0] = lines[0].replace("current_chamber", "chamber")

    with pytest.raises(ImportRejected) as excinfo:
        import_path(csv_with(tmp_path, edit))

    [problem] = excinfo.value.problems
    assert (problem.where, problem.column) == ("row 1", "current_chamber")
    assert Official.objects.count() == 0


def test_a_csv_that_is_not_utf8_is_refused():
    with pytest.raises(ImportRejected) as excinfo:
        read_csv(b"id,name\n" + "Jos\xe9".encode("latin-1"), state="MA", where="ma.csv")
    assert "UTF-8" in excinfo.value.problems[0].message


# --- The command --------------------------------------------------------------------------------


def test_command_imports_a_yaml_directory(capsys):
    call_command("import_officials", str(YAML_DIR))

    assert Official.objects.count() == 5
    assert "5 new" in capsys.readouterr().out


def test_command_dry_run_saves_nothing(capsys):
    call_command("import_officials", str(CSV_FILE), "--dry-run")

    assert Official.objects.count() == 0
    assert Body.objects.count() == 0
    out = capsys.readouterr().out
    assert "Dry run" in out and "5 new" in out


def test_command_with_a_bad_file_prints_every_problem_and_exits_non_zero(tmp_path, capsys):
    def edit(lines):
        lines[2] = lines[2].replace(",lower,", ",middle,")
        lines[4] = lines[4].replace("Sam Whitfield", "")

    path = csv_with(tmp_path, edit)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_officials", str(path))
    assert "row 3" in str(excinfo.value) and "row 5" in str(excinfo.value)

    # A real process: the exit code and stderr are what a shell sees. It stops while reading
    # the file, before touching any database.
    process = subprocess.run(
        [sys.executable, "manage.py", "import_officials", str(path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 1
    err = process.stderr
    assert "row 3, column “current_chamber”: unknown chamber “middle”" in err
    assert "row 5, column “name”" in err
    assert Official.objects.count() == 0


def test_command_with_a_missing_path_exits_non_zero(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_officials", str(tmp_path / "nowhere"))


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_take_turns_and_create_each_person_once():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    people = read_path(YAML_DIR)

    def one_import(_):
        try:
            return officials_import(people=people, actor=None, source="thread").created
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        created = sorted(pool.map(one_import, range(2)))

    assert created == [0, 5]
    assert Official.objects.count() == 5
    assert Body.objects.count() == 2
