"""`make bench`, campaigns: the crosswalk and officials imports timed through their management
commands, reported as PASS/INFO lines. The scoreboard pages are measured by bench/run.py like the
events pages (data in bench/campaigns_data.py).

Each run imports into rows it removes afterwards, so every run measures the same work: a
crosswalk of 2,500 precincts of generated towns ("Bench Town 001"...) matched to the benchmark's
House and Senate districts, and an Open States CSV of 200 New Hampshire representatives, which
no other part of the benchmark uses. Each file is then imported a second time, as staff would
after an update: the crosswalk replaces its towns' precincts, the officials are updated in place.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.campaigns_data import (
    CAMPAIGN_SLUG,
    campaigns_prepare,
    district_names,
    senate_names,
    stances_mismatched,
)

__all__ = ["CAMPAIGN_SLUG", "campaigns_prepare", "imports_measure", "report_lines"]

TARGET_SECONDS = 20.0
TOWN_PREFIX = "Bench Town"
IMPORT_STATE = "NH"
IMPORT_ID_PREFIX = "ocd-person/bench0000-0000-4000-8000-"
CROSSWALK_HEADER = "city_town,Ward,Pct,State_Rep,State_Senate,US_House,Gov_Council"
OFFICIALS_HEADER = (
    "id,name,current_party,current_district,current_chamber,given_name,family_name,gender,email,"
    "biography,birth_date,death_date,image,links,sources,capitol_address,capitol_voice,"
    "capitol_fax,district_address,district_voice,district_fax,twitter,youtube,instagram,"
    "facebook,wikidata"
)
NH_COUNTIES = ("Belknap", "Carroll", "Cheshire", "Coos", "Grafton", "Hillsborough", "Merrimack")
NH_COUNTIES += ("Rockingham", "Strafford", "Sullivan")


@dataclass
class ImportRun:
    seconds: float | None = None
    rows: int = 0  # rows in the database afterwards
    error: str = ""


@dataclass
class ImportOutcome:
    what: str
    lines: int
    expected: int
    first: ImportRun = field(default_factory=ImportRun)
    again: ImportRun = field(default_factory=ImportRun)
    skipped: str = ""


@dataclass
class CampaignsOutcome:
    crosswalk: ImportOutcome | None = None
    officials: ImportOutcome | None = None
    stances_wrong: int | None = None
    notes: list[str] = field(default_factory=list)


# --- generated files -----------------------------------------------------------------------------


def _spelled(name: str) -> str:
    """'7th Hampden' -> 'Seventh Hampden', as the crosswalk spells district names."""
    from campaigns.normalize import ORDINALS

    words = {n: w.capitalize() for w, n in ORDINALS.items()}
    number, rest = name.split(" ", 1)
    return f"{words[int(number.rstrip('stndrh'))]} {rest}"


def crosswalk_csv(rows: int, *, officials: int, seed: int = 5) -> str:
    """`rows` precincts: a city in five is split into wards across two or three House
    districts; other towns have no wards and lie in one district of each chamber."""
    from campaigns.normalize import ORDINALS

    rng = random.Random(seed)
    house = [_spelled(name) for name, _county in district_names(officials)]
    senate = [name.replace(" and ", " & ") for name in senate_names()]
    ordinals = [w.capitalize() for w, n in sorted(ORDINALS.items(), key=lambda i: i[1])]
    lines = [CROSSWALK_HEADER]
    town = 0
    while len(lines) - 1 < rows:
        town += 1
        name = f"{TOWN_PREFIX} {town:03d}"
        us_house, council = rng.choice(ordinals[:9]), rng.choice(ordinals[:8])
        if town % 5 == 0:
            districts = rng.sample(house, 3)
            for ward in range(1, 9):
                rep = districts[(ward - 1) * len(districts) // 8]
                for precinct in range(1, 5):
                    code = f"{precinct}{'A' if ward == 6 and precinct == 1 else ''}"
                    lines.append(
                        f"{name},{ward},{code},{rep},{rng.choice(senate[:3])},{us_house},{council}"
                    )
        else:
            rep, sen = rng.choice(house), rng.choice(senate)
            for precinct in range(1, rng.randint(2, 9)):
                lines.append(f"{name},-,{precinct},{rep},{sen},{us_house},{council}")
    return "\n".join(lines[: rows + 1]) + "\n"


def officials_csv(people: int) -> str:
    """An Open States per-state CSV of `people` invented New Hampshire representatives."""
    import csv

    from campaigns.demo.data import OFFICIAL_FAMILY, OFFICIAL_GIVEN

    out = io.StringIO()
    columns = OFFICIALS_HEADER.split(",")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for i in range(people):
        given = OFFICIAL_GIVEN[i % len(OFFICIAL_GIVEN)]
        family = OFFICIAL_FAMILY[(i * 7) % len(OFFICIAL_FAMILY)]
        county = NH_COUNTIES[i % len(NH_COUNTIES)]
        writer.writerow(
            {
                "id": f"{IMPORT_ID_PREFIX}{i:012d}",
                "name": f"{given} {family}",
                "current_party": "Republican" if i % 2 else "Democratic",
                "current_district": f"{county} {i // len(NH_COUNTIES) + 1}",
                "current_chamber": "lower",
                "given_name": given,
                "family_name": family,
                "email": f"rep{i:04d}@house.nh.example",
                "image": f"https://gencourt.nh.example/photos/{i:04d}.jpg",
                "links": f"https://gencourt.nh.example/members/{i:04d}",
                "capitol_address": f"State House, Room {100 + i % 300}; Concord, NH 03301",
                "capitol_voice": f"603-555-{i:04d}",
                "district_address": f"{i + 1} Main St.; {county} County, NH",
            }
        )
    return out.getvalue()


# --- the imports -----------------------------------------------------------------------------


def _imported_remove() -> None:
    """Forget what an earlier run imported: the generated towns' precincts and the NH people."""
    from actlocal.models import AuditEntry
    from campaigns.models import Body, DistrictArea, Official

    DistrictArea.objects.filter(municipality_key__startswith=TOWN_PREFIX.lower()).delete()
    people = Official.objects.filter(openstates_id__startswith=IMPORT_ID_PREFIX)
    ids = [str(pk) for pk in people.values_list("pk", flat=True)]
    AuditEntry.objects.filter(object_type="campaigns.official", object_id__in=ids).delete()
    people.delete()
    for body in Body.objects.filter(state=IMPORT_STATE, municipality=""):
        if not body.officials.exists():
            body.delete()


def _timed(command: str, path: Path, count, **options) -> ImportRun:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    run = ImportRun()
    started = time.perf_counter()
    try:
        call_command(command, str(path), stdout=io.StringIO(), **options)
    except CommandError as exc:
        run.error = str(exc).splitlines()[0][:200] if str(exc) else "refused"
        return run
    run.seconds = time.perf_counter() - started
    run.rows = count()
    return run


def _measure(outcome: ImportOutcome, command: str, path: Path, count, **options) -> None:
    from django.core.management import get_commands

    if command not in get_commands():
        outcome.skipped = f"manage.py {command} is not available yet"
        return
    outcome.first = _timed(command, path, count, **options)
    if not outcome.first.error:
        outcome.again = _timed(command, path, count, **options)


def imports_measure(*, crosswalk_rows: int, people: int, officials: int) -> CampaignsOutcome:
    """Import the generated crosswalk and officials files twice each; then remove them."""
    from campaigns.models import Campaign, DistrictArea, Official

    outcome = CampaignsOutcome()
    campaign = Campaign.objects.filter(slug=CAMPAIGN_SLUG).first()
    if campaign is not None:
        outcome.stances_wrong = stances_mismatched(campaign)
    _imported_remove()
    with tempfile.TemporaryDirectory(prefix="actlocal-bench-") as folder:
        crosswalk = Path(folder) / "crosswalk_ma.csv"
        crosswalk.write_text(crosswalk_csv(crosswalk_rows, officials=officials))
        # A row per precinct and body: State House, Senate, U.S. House, Governor's Council.
        outcome.crosswalk = ImportOutcome("crosswalk", crosswalk_rows, crosswalk_rows * 4)
        _measure(
            outcome.crosswalk,
            "import_precincts",
            crosswalk,
            DistrictArea.objects.filter(municipality_key__startswith=TOWN_PREFIX.lower()).count,
            state="MA",
        )
        people_file = Path(folder) / "nh.csv"
        people_file.write_text(officials_csv(people))
        outcome.officials = ImportOutcome("officials", people, people)
        _measure(
            outcome.officials,
            "import_officials",
            people_file,
            Official.objects.filter(openstates_id__startswith=IMPORT_ID_PREFIX).count,
        )
    _imported_remove()
    return outcome


# --- report ------------------------------------------------------------------------------------


def _row(measure: str, value: str, target: str, result: str) -> str:
    return f"{measure:<52} {value:<34} {target:<18} {result:>6}"


def _import_lines(outcome: ImportOutcome, title: str, unit: str) -> list[str]:
    if outcome.skipped:
        return [_row(title, outcome.skipped, "-", "n/a")]
    lines = []
    for label, run in (
        (title, outcome.first),
        ("  again, same file", outcome.again),
    ):
        if run.error:
            lines.append(_row(label, f"refused: {run.error}"[:34], "-", "FAIL"))
            lines.append(f"  {run.error}")
            continue
        if run.seconds is None:
            continue
        passed = run.seconds < TARGET_SECONDS and run.rows == outcome.expected
        lines.append(
            _row(
                label,
                f"{run.seconds:.1f}s, {run.rows:,} {unit} after",
                f"< {TARGET_SECONDS:.0f}s, {outcome.expected:,}",
                "PASS" if passed else "FAIL",
            )
        )
    return lines


def report_lines(outcome: CampaignsOutcome, *, summary: str) -> list[str]:
    header = _row("Measure", "Value", "Target", "Result")
    lines = ["", f"Campaigns: imports and stances ({summary})", header, "-" * len(header)]
    if outcome.stances_wrong is not None:
        lines.append(
            _row(
                "Current stance = latest verified report",
                f"{outcome.stances_wrong} targets differ",
                "0",
                "PASS" if outcome.stances_wrong == 0 else "FAIL",
            )
        )
    if outcome.crosswalk is not None:
        lines += _import_lines(
            outcome.crosswalk,
            f"Crosswalk import: {outcome.crosswalk.lines:,} precincts (import_precincts)",
            "rows",
        )
    if outcome.officials is not None:
        lines += _import_lines(
            outcome.officials,
            f"Officials import: {outcome.officials.lines:,} people, Open States CSV",
            "officials",
        )
    lines += [f"  note: {note}" for note in outcome.notes]
    return lines
