"""One cell at a time: its text, and parsers that turn it into a value or raise CellError.

The parsers know nothing of rows or columns; the caller (a Checker, or the directory's
spreadsheet resources) adds where the cell was and decides whether a bad value is an error
(identifying, required fields) or a warning (optional fields, left empty).
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import get_language, gettext

from actlocal.errors import ServiceError
from actlocal.text import FORMULA_PREFIXES

# Control characters other than tab and line breaks: binary junk, and PostgreSQL rejects NUL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "verified"}
FALSE_WORDS = {"no", "n", "false", "f", "0", ""}


class CellError(ServiceError):
    """A problem with one cell's value; the caller adds the row and the column."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(value: Any) -> str:
    """A cell as clean text: numbers from XLSX without '.0', dates in ISO form, outer spaces off.

    Lists and mappings (from YAML) and control characters (NUL bytes) raise CellError. A leading
    apostrophe that our own export added to neutralise a formula is removed again, so exported
    files import back unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        value = value.isoformat()
    if isinstance(value, list | dict | tuple | set):
        raise CellError(gettext("expected a single value, found a list or mapping"))
    text = str(value).strip()
    if CONTROL_RE.search(text):
        raise CellError(gettext("contains control characters; is this really a text file?"))
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def parse_text(text: str, *, max_length: int, required: bool = False) -> str:
    if required and not text:
        raise CellError(gettext("a value is required"))
    if len(text) > max_length:
        raise CellError(
            gettext("is %(length)s characters long; the limit is %(limit)s")
            % {"length": len(text), "limit": max_length}
        )
    return text


def parse_int(text: str, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number, or None when empty."""
    if not text:
        return None
    try:
        number = int(text.replace(",", ""))
    except ValueError:
        raise CellError(
            gettext("'%(value)s' is not a whole number") % {"value": text[:40]}
        ) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise CellError(
            gettext("%(value)s is outside %(min)s to %(max)s")
            % {"value": number, "min": minimum, "max": maximum}
        )
    return number


def parse_date(text: str) -> datetime.date | None:
    """YYYY-MM-DD (YYYY-MM and YYYY mean the first day), or None when empty; a date that does
    not exist (2021-02-30) is a CellError, not a crash."""
    if not text:
        return None
    match = DATE_RE.match(text[:10] if "T" in text else text)
    try:
        if not match:
            raise ValueError
        year, month, day = match.groups()
        return datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise CellError(
            gettext("'%(value)s' is not a date (YYYY-MM-DD)") % {"value": text[:40]}
        ) from None


def parse_datetime(text: str) -> datetime.datetime | None:
    """An ISO 8601 date and time ("2026-05-01 18:30", optionally with an offset), or None."""
    if not text:
        return None
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CellError(
            gettext("'%(value)s' is not a date and time (YYYY-MM-DD HH:MM)") % {"value": text[:40]}
        ) from None


def parse_email(text: str, *, required: bool = False, lowercase: bool = True) -> str:
    """An email address, lowercased unless told otherwise (where it is a key, case must not
    make two people)."""
    if not text:
        if required:
            raise CellError(gettext("an email address is required"))
        return ""
    email = text.lower() if lowercase else text
    try:
        validate_email(email)
    except ValidationError:
        raise CellError(
            gettext("'%(value)s' is not a valid email address") % {"value": text[:100]}
        ) from None
    return parse_text(email, max_length=254)


def parse_phone(text: str) -> str:
    if not text:
        return ""
    digits = sum(ch.isdigit() for ch in text)
    if digits < 7 or digits > 20:
        raise CellError(
            gettext("'%(value)s' does not look like a phone number") % {"value": text[:40]}
        )
    return parse_text(text, max_length=40)


def parse_url(text: str, *, max_length: int = 200, assume_scheme: str = "") -> str:
    """A http(s) web address; with `assume_scheme`, 'example.org/page' gets it in front."""
    if not text:
        return ""
    url = f"{assume_scheme}://{text}" if assume_scheme and "://" not in text else text
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise CellError(
            gettext("'%(value)s' is not a web address") % {"value": text[:100]}
        ) from None
    return parse_text(url, max_length=max_length)


@lru_cache(maxsize=64)
def _choice_lookup(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    """value or label (lowercased) -> value; built once per language, not once per cell."""
    lookup = {value.lower(): value for value in choices.values}
    lookup.update({str(label).lower(): value for value, label in choices.choices})
    return lookup


def choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    return _choice_lookup(choices, get_language())


def parse_choice(
    text: str, *, choices: type[models.TextChoices], aliases: dict[str, str] | None = None
) -> str:
    """A choice given by its value or its label, in any case."""
    if not text:
        return ""
    lookup = choice_lookup(choices)
    key = text.lower()
    value = lookup.get(key) or lookup.get(key.replace(" ", "_")) or (aliases or {}).get(key)
    if not value:
        raise CellError(
            gettext("'%(value)s' is not one of: %(choices)s")
            % {"value": text[:60], "choices": ", ".join(choices.values)}
        )
    return value


def parse_bool(text: str) -> bool:
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(gettext("'%(value)s' is not yes or no") % {"value": text[:40]})
