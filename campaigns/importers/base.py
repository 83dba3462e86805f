"""What every campaigns import shares: problems, the all-or-nothing rule, cell checks, results.

An import first reads and checks the whole file; only when there is no problem at all does it
write, in one transaction. A dry run does the same writes and rolls them back, so a preview
counts exactly what confirming would do.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import connection, transaction
from django.utils.translation import gettext as _

from actlocal.geo import State

# A report this long already says "the whole file is wrong"; more lines would only hide that.
MAX_PROBLEMS_SHOWN = 200
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Problem:
    """One reason a file was refused: where (a row or a file), which column, and why."""

    where: str
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("%(where)s, column “%(column)s”: %(reason)s") % {
                "where": self.where,
                "column": self.column,
                "reason": self.reason,
            }
        return f"{self.where}: {self.reason}"


class ImportRejected(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def report(self, limit: int = MAX_PROBLEMS_SHOWN) -> list[str]:
        """The problems as lines for people, cut after `limit` with a count of the rest."""
        lines = [str(problem) for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(
                _("… and %(count)s more problems.") % {"count": len(self.problems) - limit}
            )
        return lines


@dataclass
class Change:
    """One line of a preview: what happens to one record."""

    action: str  # "new", "update", "unchanged", "end", "replace"
    label: str
    detail: str = ""


@dataclass
class ImportResult:
    """What an import did (or, on a dry run, would do)."""

    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ended: int = 0
    deleted: int = 0
    changes: list[Change] = field(default_factory=list)

    def note(self, action: str, label: str, detail: str = "") -> None:
        counter = {"new": "created", "update": "updated", "end": "ended"}.get(action, action)
        if hasattr(self, counter):
            setattr(self, counter, getattr(self, counter) + 1)
        self.changes.append(Change(action, label, detail))


class _DryRunRollback(Exception):
    """Raised at the end of a dry run to roll its writes back."""


@contextmanager
def atomic_unless_dry_run(dry_run: bool, *, lock: str) -> Iterator[None]:
    """A transaction that is committed, or rolled back at the end when `dry_run`.

    Imports of one kind take turns (a PostgreSQL advisory lock named `lock`, released with the
    transaction): two at once would both create the same new rows and one would fail.
    """
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [lock])
            yield
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        return  # the dry run's writes are undone; its result was collected before


# --- Reading files ------------------------------------------------------------------------------


def decode_text(data: bytes | str, *, where: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or ImportRejected for anything else."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [
                Problem(
                    where,
                    "",
                    _("this file is not UTF-8 text. In a spreadsheet use “Save as → CSV UTF-8”."),
                )
            ]
        ) from None


def csv_rows(text: str, *, where: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(row number as in a spreadsheet, {column: stripped cell})]); blank rows skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        rows: list[tuple[int, dict[str, str]]] = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise ImportRejected(
                    [
                        Problem(
                            _("row %(row)s") % {"row": number},
                            "",
                            _(
                                "this row has more cells than the header; check for commas "
                                "inside values that are not in quotes."
                            ),
                        )
                    ]
                )
            padded = cells + [""] * (len(header) - len(cells))
            rows.append((number, {h: v.strip() for h, v in zip(header, padded, strict=True)}))
    except csv.Error as exc:
        raise ImportRejected(
            [Problem(where, "", _("this CSV file is malformed (%(e)s).") % {"e": exc})]
        ) from None
    return header, rows


def row_label(number: int) -> str:
    return _("row %(row)s") % {"row": number}


# --- Checking cells -----------------------------------------------------------------------------


class Checker:
    """Collects problems while cells are checked, so one pass reports all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, column: str, reason: str) -> None:
        self.problems.append(Problem(where, column, reason))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportRejected(self.problems)

    def text(self, where: str, column: str, value, *, max_length: int, required=False) -> str:
        """A trimmed string cell no longer than `max_length` ("" when missing)."""
        if value is None:
            value = ""
        if not isinstance(value, str | int | float):
            self.add(where, column, _("expected text, found a list or mapping."))
            return ""
        value = str(value).strip()
        if required and not value:
            self.add(where, column, _("this value is required."))
        elif len(value) > max_length:
            self.add(
                where,
                column,
                _("longer than %(max)s characters (%(length)s).")
                % {"max": max_length, "length": len(value)},
            )
            return ""
        return value

    def email(self, where: str, column: str, value) -> str:
        value = self.text(where, column, value, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.add(
                    where, column, _("“%(value)s” is not an email address.") % {"value": value}
                )
                return ""
        return value

    def url(self, where: str, column: str, value, *, max_length: int = 500) -> str:
        value = self.text(where, column, value, max_length=max_length)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.add(where, column, _("“%(value)s” is not a web address.") % {"value": value})
                return ""
        return value

    def date(self, where: str, column: str, value) -> datetime.date | None:
        """YYYY-MM-DD (YYYY-MM and YYYY mean the first day), or None when empty."""
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        match = _DATE_RE.match(text)
        try:
            if not match:
                raise ValueError
            year, month, day = match.groups()
            return datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            self.add(
                where, column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text[:40]}
            )
            return None

    def state(self, where: str, column: str, value: str) -> str:
        code = (value or "").strip().upper()
        if code not in State.values:
            self.add(where, column, _("“%(value)s” is not a US state.") % {"value": value[:20]})
            return ""
        return code


def check_header(
    header: list[str], *, required: list[str], where: str, exact: bool = False
) -> list[Problem]:
    """Problems with a CSV header: missing required columns (or, if `exact`, any difference)."""
    if exact and header != required:
        return [
            Problem(
                where,
                "",
                _("the header must be exactly “%(expected)s”; this file has “%(found)s”.")
                % {"expected": ",".join(required), "found": ",".join(header)[:300]},
            )
        ]
    missing = [name for name in required if name not in header]
    return [Problem(where, name, _("this column is missing from the header.")) for name in missing]


def state_code(value: str, *, where: str = "--state") -> str:
    """A two-letter state code from `value` (any case), or ImportRejected."""
    check = Checker()
    code = check.state(where, "", value or "")
    check.raise_if_any()
    return code
