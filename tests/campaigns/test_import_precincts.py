"""Importing the precinct crosswalk and the ZIP code fallback table."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actlocal.models import AuditEntry
from campaigns.importers import ImportRejected
from campaigns.importers.crosswalk import precincts_import
from campaigns.importers.officials import officials_import
from campaigns.importers.openstates import read_path
from campaigns.importers.zipdistricts import zip_districts_import
from campaigns.models import Body, District, DistrictArea, ZipDistrict

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
CROSSWALK = DATA / "crosswalk_ma.csv"
ZIPS = DATA / "zip_districts_ma.csv"


@pytest.fixture
def officials(db):
    """The MA House and Senate districts, from the Open States fixture files."""
    path = DATA / "openstates" / "ma"
    officials_import(people=read_path(path), actor=None, source=str(path))


def run(text: str | None = None, **kwargs):
    data = CROSSWALK.read_text() if text is None else text
    return precincts_import(data=data, state="MA", actor=None, source="crosswalk.csv", **kwargs)


def edited(row: int, old: str, new: str) -> str:
    lines = CROSSWALK.read_text().splitlines()
    assert old in lines[row - 1]
    lines[row - 1] = lines[row - 1].replace(old, new, 1)
    return "\n".join(lines) + "\n"


def areas() -> list[tuple]:
    return sorted(
        DistrictArea.objects.values_list(
            "id", "municipality", "municipality_key", "ward", "precinct", "district_id"
        )
    )


def district_of(kind: str, town: str, ward: str, precinct: str) -> str:
    return District.objects.get(
        body__kind=kind, areas__municipality=town, areas__ward=ward, areas__precinct=precinct
    ).name


def test_crosswalk_maps_each_precinct_to_its_house_and_senate_districts(officials):
    result = run()

    assert result.created == 3  # Abington, Brockton, North Attleborough
    lower, upper = Body.Kind.STATE_LOWER, Body.Kind.STATE_UPPER
    # Spelled-out crosswalk names find the districts Open States named differently.
    assert district_of(lower, "Abington", "", "1") == "7th Plymouth"
    assert district_of(upper, "Abington", "", "1") == "First Plymouth and Norfolk"
    assert district_of(lower, "Brockton", "1", "2") == "10th Plymouth"
    assert district_of(lower, "Brockton", "2", "6A") == "7th Plymouth"
    assert district_of(upper, "Brockton", "2", "6B") == "First Plymouth and Norfolk"
    assert district_of(upper, "North Attleborough", "", "2") == "Second Plymouth and Norfolk"
    # No new state district was made up from a crosswalk spelling.
    assert District.objects.filter(body__kind__in=[lower, upper]).count() == 5


def test_us_house_and_council_districts_are_created_when_first_named(officials):
    run()

    us_house = Body.objects.get(kind=Body.Kind.US_HOUSE, state="MA")
    council = Body.objects.get(kind=Body.Kind.EXECUTIVE_COUNCIL, state="MA")
    assert us_house.name == "U.S. House of Representatives (Massachusetts)"
    assert council.name == "Massachusetts Governor’s Council"
    assert sorted(us_house.districts.values_list("name", "ocd_id")) == [
        ("Eighth", "ocd-division/country:us/state:ma/cd:8"),
        ("Ninth", "ocd-division/country:us/state:ma/cd:9"),
    ]
    assert list(council.districts.values_list("name", flat=True)) == ["Fourth"]
    # Empty cells add no row for that body.
    north = DistrictArea.objects.filter(municipality="North Attleborough")
    assert north.count() == 4
    assert not north.filter(district__body__in=[us_house, council]).exists()


def test_a_dash_ward_means_a_town_without_wards(officials):
    run()

    assert set(
        DistrictArea.objects.filter(municipality="Abington").values_list("ward", flat=True)
    ) == {""}
    assert DistrictArea.objects.filter(municipality="Abington").count() == 3 * 4


def test_reimporting_the_same_file_changes_nothing(officials):
    run()
    before = areas()

    result = run()

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert areas() == before


def test_reimport_replaces_only_the_towns_in_the_file(officials):
    run()
    brockton = [a for a in areas() if a[1] == "Brockton"]
    text = "\n".join(
        [
            "city_town,Ward,Pct,State_Rep,State_Senate,US_House,Gov_Council",
            "ABINGTON,-,1,Seventh Plymouth,First Plymouth & Norfolk,Eighth,Fourth",
            "abington,-,2,Tenth Plymouth,First Plymouth & Norfolk,Eighth,Fourth",
        ]
    )

    result = run(text)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert [a for a in areas() if a[1] == "Brockton"] == brockton
    abington = DistrictArea.objects.filter(municipality_key="abington")
    assert sorted(set(abington.values_list("precinct", flat=True))) == ["1", "2"]
    assert district_of(Body.Kind.STATE_LOWER, "ABINGTON", "", "2") == "10th Plymouth"
    assert AuditEntry.objects.filter(action="precincts.import").exists()


def test_an_unmatched_district_is_reported_not_guessed(officials):
    run()
    before = areas()

    with pytest.raises(ImportRejected) as excinfo:
        run(edited(5, "Tenth Plymouth", "Ninth Plymouth"))

    [problem] = excinfo.value.problems
    assert (problem.where, problem.column) == ("row 5", "State_Rep")
    assert "“Ninth Plymouth”" in problem.message
    assert areas() == before


@pytest.mark.parametrize(
    ("row", "old", "new", "column", "reason"),
    [
        (3, ",2,", ",,", "Pct", "required"),
        (7, ",6A,", ",6 A,", "Pct", "not a ward or precinct"),
        (5, "Brockton,1", "Brockton,one!", "Ward", "not a ward or precinct"),
        (9, "Second Plymouth & Norfolk", "", "State_Senate", "required"),
        (9, "North Attleborough", "", "city_town", "required"),
        (8, "Brockton,2,6B", "Brockton,2,6A", "Pct", "already listed on row 7"),
    ],
)
def test_a_bad_row_anywhere_leaves_the_precincts_as_they_were(
    officials, row, old, new, column, reason
):
    run()
    before = areas()

    with pytest.raises(ImportRejected) as excinfo:
        run(edited(row, old, new).replace("Abington,-,1,Seventh", "Abington,-,1,Tenth"))

    assert areas() == before
    [problem] = excinfo.value.problems
    assert (problem.where, problem.column) == (f"row {row}", column)
    assert reason in problem.message


def test_a_file_with_another_header_is_refused(officials):
    text = CROSSWALK.read_text().replace("State_Rep,State_Senate", "Rep,Senate")

    with pytest.raises(ImportRejected) as excinfo:
        run(text)

    assert excinfo.value.problems[0].where == "row 1"
    assert "exactly" in excinfo.value.problems[0].message
    assert not DistrictArea.objects.exists()


def test_the_crosswalk_before_the_officials_says_to_import_them_first(db):
    with pytest.raises(ImportRejected) as excinfo:
        run()

    assert "import the officials first" in excinfo.value.problems[0].message
    assert not Body.objects.exists()


def test_a_dry_run_writes_nothing(officials):
    result = run(dry_run=True)

    assert result.created == 3
    assert not DistrictArea.objects.exists()
    assert not Body.objects.filter(kind=Body.Kind.US_HOUSE).exists()


def test_import_precincts_command(officials, capsys, tmp_path):
    call_command("import_precincts", str(CROSSWALK))
    assert DistrictArea.objects.count() == 32
    assert "3 new" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    bad.write_text(edited(2, "Seventh Plymouth", "Seventy Plymouth"))
    with pytest.raises(CommandError) as excinfo:
        call_command("import_precincts", str(bad))
    assert "row 2, column “State_Rep”" in str(excinfo.value)
    assert excinfo.value.returncode == 1

    with pytest.raises(CommandError):
        call_command("import_precincts", str(CROSSWALK), "--state", "ZZ")


# --- ZIP codes ----------------------------------------------------------------------------------


def zip_run(text: str | None = None, **kwargs):
    data = ZIPS.read_text() if text is None else text
    return zip_districts_import(data=data, state="MA", actor=None, source="zips.csv", **kwargs)


def zip_rows() -> list[tuple]:
    return sorted(ZipDistrict.objects.values_list("zip_code", "district__name", "share"))


def test_zip_import_stores_each_districts_share(officials):
    zip_run()

    assert zip_rows() == [
        ("02301", "10th Plymouth", 0.6),
        ("02301", "7th Plymouth", 0.4),
        ("02301", "First Plymouth and Norfolk", 0.3),
        ("02301", "Second Plymouth and Norfolk", 0.7),
        ("02351", "7th Plymouth", 1.0),
        ("02351", "First Plymouth and Norfolk", 1.0),
    ]


def test_zip_reimport_replaces_only_the_zip_codes_in_the_file(officials):
    zip_run()

    zip_run("zip,chamber,district,share\n02351,lower,10th Plymouth,\n")

    assert [row for row in zip_rows() if row[0] == "02351"] == [("02351", "10th Plymouth", 1.0)]
    assert len([row for row in zip_rows() if row[0] == "02301"]) == 4


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        ("2301,lower,7th Plymouth,1", "zip", "not a ZIP code"),
        ("02301,middle,7th Plymouth,1", "chamber", "unknown chamber"),
        ("02302,lower,Ninth Plymouth,1", "district", "no district"),
        ("02302,lower,7th Plymouth,1.5", "share", "between 0 and 1"),
        ("02301,lower,3rd Bristol,0.5", "share", "more than 1"),
    ],
)
def test_a_bad_zip_row_leaves_the_table_as_it_was(officials, line, column, reason):
    zip_run()
    before = zip_rows()

    with pytest.raises(ImportRejected) as excinfo:
        zip_run(ZIPS.read_text() + line + "\n")

    assert zip_rows() == before
    [problem] = excinfo.value.problems
    assert problem.column == column
    assert reason in problem.message


def test_import_zip_districts_command(officials, capsys):
    call_command("import_zip_districts", str(ZIPS), "--state", "ma")

    assert ZipDistrict.objects.count() == 6
    assert "6 new" in capsys.readouterr().out
