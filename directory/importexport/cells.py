"""One spreadsheet cell at a time: its text, and parsers that turn it into a value to store.

Each parser takes the cell's text and returns the value or raises CellError with a sentence
for staff; the resource adds the row and the column to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language, gettext

from actlocal.errors import ServiceError
from actlocal.geo import State, normalize_zip, zip_place
from actlocal.text import FORMULA_PREFIXES

# Control characters other than tab and line breaks: binary junk, and PostgreSQL rejects NUL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIST_SEPARATOR = ";"
TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "verified"}
FALSE_WORDS = {"no", "n", "false", "f", "0", ""}


class CellError(ServiceError):
    """A problem with one cell; the resource adds the row and column to the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def row_label(row_number: int) -> int:
    """The spreadsheet row of the n-th data row (1-based): the header is row 1."""
    return row_number + 1


def cell_message(*, row_number: int, column: str, problem: str) -> str:
    return gettext("Row %(row)s, column %(column)s: %(problem)s") % {
        "row": row_label(row_number),
        "column": column,
        "problem": problem,
    }


def cell_text(value: Any) -> str:
    """A cell as clean text: numbers from XLSX without '.0', dates in ISO form, outer spaces off.

    A leading apostrophe that our own export added to neutralise a formula is removed again, so
    exported files import back unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date | time):
        value = value.isoformat()
    text = str(value).strip()
    if CONTROL_RE.search(text):
        raise CellError(gettext("contains control characters; is this really a text file?"))
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        text = text[1:]
    return text


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


# --- Parsers: each takes the cell text and returns the value to store or raises CellError ------


def parse_text(text: str, *, max_length: int, required: bool = False) -> str:
    if required and not text:
        raise CellError(gettext("a value is required"))
    if len(text) > max_length:
        raise CellError(
            gettext("is %(length)s characters long; the limit is %(limit)s")
            % {"length": len(text), "limit": max_length}
        )
    return text


def parse_email(text: str, *, required: bool = False) -> str:
    if not text:
        if required:
            raise CellError(gettext("an email address is required"))
        return ""
    email = text.lower()
    try:
        validate_email(email)
    except ValidationError:
        raise CellError(
            gettext("'%(value)s' is not a valid email address") % {"value": text}
        ) from None
    return parse_text(email, max_length=254)


def parse_phone(text: str) -> str:
    if not text:
        return ""
    digits = sum(ch.isdigit() for ch in text)
    if digits < 7 or digits > 20:
        raise CellError(gettext("'%(value)s' does not look like a phone number") % {"value": text})
    return parse_text(text, max_length=40)


@lru_cache(maxsize=64)
def _choice_lookup(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    """value or label (lowercased) -> value; built once per language, not once per cell."""
    lookup = {value.lower(): value for value in choices.values}
    lookup.update({str(label).lower(): value for value, label in choices.choices})
    return lookup


def parse_state(text: str) -> str:
    if not text:
        return ""
    code = _choice_lookup(State, get_language()).get(text.lower())
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


def parse_choice(
    text: str, *, choices: type[models.TextChoices], aliases: dict[str, str] | None = None
) -> str:
    """A choice given by its value or its label, in any case."""
    if not text:
        return ""
    lookup = _choice_lookup(choices, get_language())
    key = text.lower()
    value = lookup.get(key) or lookup.get(key.replace(" ", "_")) or (aliases or {}).get(key)
    if not value:
        raise CellError(
            gettext("'%(value)s' is not one of: %(choices)s")
            % {"value": text, "choices": ", ".join(choices.values)}
        )
    return value


def parse_bool(text: str) -> bool:
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(gettext("'%(value)s' is not yes or no") % {"value": text})


def parse_url(text: str) -> str:
    """A web address; 'example.org/page' gets https:// in front."""
    if not text:
        return ""
    url = text if "://" in text else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise CellError(gettext("'%(value)s' is not a web address") % {"value": text}) from None
    return parse_text(url, max_length=200)


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
