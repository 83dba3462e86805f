"""Read Open States people data: per-person YAML files, or the per-state CSV.

Both readers turn the file(s) into PersonRecords and check every value first. A problem with
what identifies a person or their seat (id, name, chamber, district, state, a term's dates, a
term that ends before it starts) in any file or row raises ImportRejected with all of them,
before anything is written (campaigns.importers.officials writes the records). A problem with
an optional value (a link, the photo, an email, a phone, a name part) is a warning on the
record: that value is left out and the person is imported.

Dates are read as text (the YAML loader resolves no timestamps), so a date that does not exist
(2021-02-30) is a reported problem instead of an exception inside the YAML parser.

YAML (https://github.com/openstates/people, data/<state>/legislature/*.yml): `id`, `name`,
`given_name`, `family_name`, `email`, `image`, `party[]` (the current one has no end_date),
`roles[]` (`type` lower/upper, `district`, `jurisdiction`, `start_date`, `end_date`),
`offices[]` (`classification` capitol/district, `address`, `voice`), `links[]` (`url`, `note`).

CSV (data.openstates.org/people/current/<state>.csv): `id`, `name`, `current_party`,
`current_district`, `current_chamber`, `given_name`, `family_name`, `email`, `image`, `links`
(";"-separated), `capitol_address`, `capitol_voice`, `district_address`, `district_voice`; the
other columns are ignored. The CSV has no state column: the state comes from the caller (the
file is named after it, e.g. ma.csv).
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.importing import ImportRejected, Problem, check_header, csv_rows, row_label
from actlocal.importing.files import decode_text, path_read, zip_member_read, zip_open

from .base import Checker
from .bodies import CHAMBER_KINDS

CSV_REQUIRED = ["id", "name", "current_chamber", "current_district"]
YAML_SUFFIXES = (".yml", ".yaml")
# Zips and directories of YAML are read in memory: refuse what no legislature comes near.
MAX_ZIP_FILES = 2000
MAX_ZIP_BYTES = 50 * 1024 * 1024


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's when built with it
    """The safe loader, with dates left as text: PyYAML turns 2021-02-30 into a ValueError
    deep in its constructor; as text it becomes a problem with a file and a column."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_JURISDICTION_STATE = re.compile(r"/state:([a-z]{2})(?:/|$)")


@dataclass
class PersonRecord:
    """One person as read from a file, checked and ready to be written."""

    where: str
    openstates_id: str
    name: str
    state: str
    kind: str
    district: str
    given_name: str = ""
    family_name: str = ""
    party: str = ""
    email: str = ""
    photo_url: str = ""
    phone: str = ""
    office_address: str = ""
    district_phone: str = ""
    district_address: str = ""
    links: list[dict] = field(default_factory=list)
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None
    # The CSV lists current members only and has no start dates: keep what we had.
    keep_term_start: bool = False
    # Optional values left out of this record, with their reasons.
    warnings: list[Problem] = field(default_factory=list)


def _chamber(check: Checker, where: str, column: str, value) -> str:
    chamber = str(value or "").strip().lower()
    if chamber not in CHAMBER_KINDS:
        check.add(
            where,
            column,
            _("unknown chamber “%(value)s” (expected lower or upper).") % {"value": chamber[:30]},
        )
        return ""
    return CHAMBER_KINDS[chamber]


def _check_duplicates(records: list[PersonRecord], check: Checker, column: str) -> None:
    seen: dict[str, str] = {}
    for record in records:
        if record.openstates_id in seen:
            check.add(
                record.where,
                column,
                _("the id “%(id)s” is also used by %(other)s.")
                % {"id": record.openstates_id, "other": seen[record.openstates_id]},
            )
        seen.setdefault(record.openstates_id, record.where)


# --- YAML ---------------------------------------------------------------------------------------


def _mappings(check: Checker, where: str, column: str, value) -> list[dict]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        check.add(where, column, _("expected a list of entries."))
        return []
    return value


def _current_role(roles: list[dict], today: datetime.date) -> dict:
    """The role held today (latest start), else the one that ended last."""

    def start(role):
        return role["start_date"] or datetime.date.min

    current = [r for r in roles if r["end_date"] is None or r["end_date"] >= today]
    if current:
        return max(current, key=start)
    return max(roles, key=lambda role: (role["end_date"], start(role)))


def _yaml_person(check: Checker, where: str, doc, today: datetime.date) -> PersonRecord | None:
    if not isinstance(doc, dict):
        check.add(where, "", _("this file does not describe a person (expected a mapping)."))
        return None
    first = len(check.problems)
    before = check.error_count
    person_id = check.text(where, "id", doc.get("id"), max_length=80, required=True)
    name = check.text(where, "name", doc.get("name"), max_length=150, required=True)
    roles = []
    for i, role in enumerate(_mappings(check, where, "roles", doc.get("roles"))):
        col = f"roles[{i}]"
        jurisdiction = str(role.get("jurisdiction") or "")
        match = _JURISDICTION_STATE.search(jurisdiction)
        state = check.state(where, f"{col}.jurisdiction", match.group(1) if match else "")
        start_date = check.date(where, f"{col}.start_date", role.get("start_date"))
        end_date = check.date(where, f"{col}.end_date", role.get("end_date"))
        check.date_order(where, f"{col}.end_date", start_date, end_date)
        roles.append(
            {
                "kind": _chamber(check, where, f"{col}.type", role.get("type")),
                "district": check.text(
                    where, f"{col}.district", role.get("district"), max_length=150, required=True
                ),
                "state": state,
                "start_date": start_date,
                "end_date": end_date,
            }
        )
    if not roles and "roles" not in [p.column for p in check.problems[first:]]:
        check.add(where, "roles", _("a person needs at least one role (a seat)."))
    parties = _mappings(check, where, "party", doc.get("party"))
    current_parties = [p for p in parties if not p.get("end_date")] or parties[-1:]
    party = check.text(
        where, "party", current_parties[-1].get("name") if current_parties else "", max_length=60
    )
    offices = {"capitol": {}, "district": {}}
    for i, office in enumerate(_mappings(check, where, "offices", doc.get("offices"))):
        kind = str(office.get("classification") or "").strip().lower()
        if kind in offices and not offices[kind]:
            offices[kind] = {
                "address": check.text(
                    where, f"offices[{i}].address", office.get("address"), max_length=300
                ),
                "voice": check.phone(where, f"offices[{i}].voice", office.get("voice")),
            }
    links = [
        {
            "url": check.url(where, f"links[{i}].url", link.get("url")),
            "note": check.text(where, f"links[{i}].note", link.get("note"), max_length=200),
        }
        for i, link in enumerate(_mappings(check, where, "links", doc.get("links")))
    ]
    record_fields = {
        "given_name": check.text(where, "given_name", doc.get("given_name"), max_length=80),
        "family_name": check.text(where, "family_name", doc.get("family_name"), max_length=80),
        "email": check.email(where, "email", doc.get("email")),
        "photo_url": check.url(where, "image", doc.get("image")),
    }
    if check.error_count > before:
        return None
    role = _current_role(roles, today)
    return PersonRecord(
        where=where,
        openstates_id=person_id,
        name=name,
        state=role["state"],
        kind=role["kind"],
        district=role["district"],
        party=party,
        phone=offices["capitol"].get("voice", ""),
        office_address=offices["capitol"].get("address", ""),
        district_phone=offices["district"].get("voice", ""),
        district_address=offices["district"].get("address", ""),
        links=[link for link in links if link["url"]],
        term_start=role["start_date"],
        term_end=role["end_date"],
        warnings=check.problems[first:],
        **record_fields,
    )


def read_yaml_files(files: Iterable[tuple[str, bytes | str]]) -> list[PersonRecord]:
    """PersonRecords from (file name, content) pairs, or ImportRejected listing every problem."""
    check = Checker()
    records: list[PersonRecord] = []
    today = timezone.localdate()
    for where, content in files:
        try:
            text = decode_text(content, where=where)
            doc = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a safe loader
        except ImportRejected as exc:
            check.problems.extend(exc.problems)
            continue
        except (ValueError, RecursionError):
            # PyYAML's constructors raise these for values they cannot build (a huge alias
            # tree, a malformed base64 or number): the file's problem, not ours.
            check.add(where, "", _("this YAML file holds a value that cannot be read."))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = _(" (line %(line)s)") % {"line": mark.line + 1} if mark else ""
            check.add(where, "", _("this is not valid YAML%(line)s.") % {"line": line})
            continue
        record = _yaml_person(check, where, doc, today)
        if record is not None:
            records.append(record)
    if not records and not check.problems:
        check.add(_("the upload"), "", _("no YAML files (.yml) were found."))
    _check_duplicates(records, check, "id")
    check.raise_if_errors()
    return records


def read_yaml_directory(path: Path) -> list[PersonRecord]:
    """The *.yml / *.yaml files directly in `path` (e.g. data/ma/legislature), sorted by name."""
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
    if len(files) > MAX_ZIP_FILES:
        raise ImportRejected(
            [
                Problem(
                    str(path),
                    "",
                    _("more than %(count)s YAML files; no state's legislature has that many.")
                    % {"count": MAX_ZIP_FILES},
                )
            ]
        )
    return read_yaml_files((p.name, path_read(p)) for p in files)


def read_yaml_zip(data: bytes, *, where: str) -> list[PersonRecord]:
    """The YAML files inside a zip archive (folders inside it are fine), refused before anything
    is decompressed when it declares more than MAX_ZIP_FILES files or MAX_ZIP_BYTES."""
    archive = zip_open(data, where=where, max_bytes=MAX_ZIP_BYTES, max_files=MAX_ZIP_FILES)
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith(YAML_SUFFIXES)
        and not info.filename.startswith("__MACOSX/")
    ]
    members.sort(key=lambda info: info.filename)
    try:
        return read_yaml_files((info.filename, zip_member_read(archive, info)) for info in members)
    # zipfile raises NotImplementedError for a compression method it cannot read: to the person
    # uploading, that is a damaged archive like any other.
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        raise ImportRejected([Problem(where, "", _("this zip archive is damaged."))]) from None


# --- CSV ----------------------------------------------------------------------------------------


def read_csv(data: bytes | str, *, state: str, where: str) -> list[PersonRecord]:
    """PersonRecords from an Open States per-state CSV of `state`, or ImportRejected."""
    header, rows = csv_rows(data, where=where)
    problems = check_header(header, required=CSV_REQUIRED, where=row_label(1))
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([Problem(where, "", _("the file has a header but no rows."))])
    check = Checker()
    records: list[PersonRecord] = []
    for number, row in rows:
        at = row_label(number)
        first, before = len(check.problems), check.error_count
        link_cells = [url.strip() for url in row.get("links", "").split(";") if url.strip()]
        record = PersonRecord(
            where=at,
            openstates_id=check.text(at, "id", row["id"], max_length=80, required=True),
            name=check.text(at, "name", row["name"], max_length=150, required=True),
            state=state,
            kind=_chamber(check, at, "current_chamber", row["current_chamber"]),
            district=check.text(
                at, "current_district", row["current_district"], max_length=150, required=True
            ),
            given_name=check.text(at, "given_name", row.get("given_name"), max_length=80),
            family_name=check.text(at, "family_name", row.get("family_name"), max_length=80),
            party=check.text(at, "current_party", row.get("current_party"), max_length=60),
            email=check.email(at, "email", row.get("email")),
            photo_url=check.url(at, "image", row.get("image")),
            phone=check.phone(at, "capitol_voice", row.get("capitol_voice")),
            office_address=check.text(
                at, "capitol_address", row.get("capitol_address"), max_length=300
            ),
            district_phone=check.phone(at, "district_voice", row.get("district_voice")),
            district_address=check.text(
                at, "district_address", row.get("district_address"), max_length=300
            ),
            links=[{"url": check.url(at, "links", url), "note": ""} for url in link_cells],
            keep_term_start=True,
        )
        record.links = [link for link in record.links if link["url"]]
        record.warnings = check.problems[first:]
        if check.error_count == before:
            records.append(record)
    _check_duplicates(records, check, "id")
    check.raise_if_errors()
    return records


def read_path(path: Path, *, state: str | None = None) -> list[PersonRecord]:
    """A YAML directory, a zip of YAML files, a single YAML file, or a CSV (state from `state` or
    from a file named like ma.csv)."""
    if path.is_dir():
        return read_yaml_directory(path)
    if not path.is_file():
        raise ImportRejected([Problem(str(path), "", _("no such file or directory."))])
    return read_file(path_read(path), filename=path.name, state=state)


def read_file(data: bytes, *, filename: str, state: str | None = None) -> list[PersonRecord]:
    """One uploaded or named file: a zip of YAML files, a YAML file, or a CSV."""
    lowered = filename.lower()
    if data[:4] == b"PK\x03\x04" or lowered.endswith(".zip"):
        return read_yaml_zip(data, where=filename)
    if lowered.endswith(YAML_SUFFIXES):
        return read_yaml_files([(filename, data)])
    return read_csv(data, state=csv_state(filename, state), where=filename)


def csv_state(filename: str, state: str | None) -> str:
    """The state a CSV is about: the one given, else its file name (ma.csv -> MA)."""
    check = Checker()
    if state:
        code = check.state(filename, "", state)
    else:
        stem = Path(filename).stem
        code = check.state(filename, "", stem) if len(stem) == 2 else ""
        if not code:
            check.problems = [
                Problem(
                    filename,
                    "",
                    _(
                        "the Open States CSV has no state column: name the file after the state "
                        "(e.g. ma.csv) or give the state."
                    ),
                )
            ]
    check.raise_if_errors()
    return code
