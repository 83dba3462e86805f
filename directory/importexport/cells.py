"""One spreadsheet cell at a time, as the directory reads it.

The cell text and the generic parsers (text, email, phone, choice, yes/no, web address) are the
platform's (actlocal.importing.cells); here are the directory's own: states, ZIP codes, slugs,
lists, and the "Row N, column C" sentences. Each parser returns the value or raises CellError;
the resource adds the row and the column.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext

from actlocal.geo import State, normalize_zip, zip_place
from actlocal.importing.cells import (
    CellError,
    cell_text,
    choice_lookup,
    parse_bool,
    parse_choice,
    parse_email,
    parse_phone,
    parse_text,
)
from actlocal.importing.cells import parse_url as _parse_url

__all__ = [
    "CellError",
    "cell_text",
    "parse_bool",
    "parse_choice",
    "parse_email",
    "parse_phone",
    "parse_text",
]

LIST_SEPARATOR = ";"


def row_label(row_number: int) -> int:
    """The spreadsheet row of the n-th data row (1-based): the header is row 1."""
    return row_number + 1


def cell_message(*, row_number: int, column: str, problem: str) -> str:
    return gettext("Row %(row)s, column %(column)s: %(problem)s") % {
        "row": row_label(row_number),
        "column": column,
        "problem": problem,
    }


def safe_text(value: Any) -> str:
    """A cell's text for finding records before the row is parsed; "" when unreadable (the
    row's own parsing reports that cell)."""
    try:
        return cell_text(value)
    except CellError:
        return ""


def is_blank_row(row: dict) -> bool:
    for value in row.values():
        try:
            if cell_text(value):
                return False
        except CellError:
            return False
    return True


def lowered(values: Iterable[Any]) -> set[str]:
    """The distinct non-blank cells of a column, lowercased as SQL LOWER() does."""
    return {text.lower() for text in map(safe_text, values) if text}


def parse_state(text: str) -> str:
    if not text:
        return ""
    code = choice_lookup(State).get(text.lower())
    if not code:
        raise CellError(gettext("'%(value)s' is not a US state code") % {"value": text})
    return code


def parse_zip(text: str) -> str:
    """A real five-digit US ZIP code; ZIP+4 is accepted, and leading zeros that a spreadsheet
    dropped (2139 for 02139) are restored."""
    if not text:
        return ""
    candidate = text.zfill(5) if text.isdigit() and 3 <= len(text) < 5 else text
    code = normalize_zip(candidate)
    if not code or zip_place(code) is None:
        raise CellError(gettext("'%(value)s' is not a US ZIP code") % {"value": text})
    return code


def parse_url(text: str) -> str:
    """A web address; 'example.org/page' gets https:// in front."""
    return _parse_url(text, max_length=200, assume_scheme="https")


def parse_slug(text: str) -> str:
    if not text:
        return ""
    if slugify(text) != text or len(text) > 80:
        raise CellError(
            gettext("'%(value)s' is not a valid slug (lowercase letters, digits and hyphens)")
            % {"value": text}
        )
    return text


def split_list(text: str) -> list[str]:
    """'a; b;; a' -> ['a', 'b']: semicolon-separated, blanks and repeats dropped."""
    items: list[str] = []
    for part in text.split(LIST_SEPARATOR):
        item = part.strip()
        if item and item.lower() not in {seen.lower() for seen in items}:
            items.append(item)
    return items


def quoted(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)
