"""Text helpers shared by the apps: unique slugs, name keys, spreadsheet-safe cells."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

from django.db import models
from django.utils.text import slugify

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def unique_slug(model: type[models.Model], value: str, *, instance_pk=None, max_length=80) -> str:
    """A slug for `value` that no other row of `model` uses (adds -2, -3, ... when taken)."""
    base = (slugify(value) or "item")[: max_length - 6].strip("-") or "item"
    existing = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"


def name_key(value: str) -> str:
    """Lowercase ASCII letters and digits only: 'Saint-José  Org.' -> 'saintjoseorg'."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_value.lower())


def website_domain(url: str) -> str:
    """'https://www.Example.org/about' -> 'example.org'; empty for anything unparsable."""
    if not url:
        return ""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    host = (parsed.hostname or "").lower()
    return host.removeprefix("www.")


def spreadsheet_safe(value):
    """Neutralise cells a spreadsheet would run as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def whole_number(value, *, max_digits: int = 18) -> int | None:
    """`value` as a whole number when it is written in ASCII digits (at most `max_digits`; 18
    fits any primary key), else None. `str.isdigit()` alone lets "²" through, which `int()`
    refuses, and `int()` refuses digit strings past 4,300 characters: both would be a 500."""
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= min(max_digits, 4300):
        return int(text)
    return None
