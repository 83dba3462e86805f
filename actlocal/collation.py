"""Lists sorted by a name that has a Spanish version, in the reader's language and alphabet.

A Spanish reader sees topics, leader roles and playbooks sorted by their Spanish names (the
original where there is none) under Spanish rules: accents do not count ("Ámbito" sorts with
"a") and ñ is a letter of its own after n ("Niñez" after "Nutrición"). Everyone else sees them
by the original name under English rules, so accented names no longer fall after "z" as they
do in the database's byte order.

The sorting happens in the database, in the same query that loads the rows, so a page costs
the same queries in both languages (tests/i18n/test_query_counts_by_language.py).

- PostgreSQL: the ICU collations "es-x-icu" and "en-x-icu" (present wherever PostgreSQL is
  built with ICU, as in the official images and Debian's packages).
- SQLite (`make run` without DATABASE_URL): collations of the same names are registered on
  every connection (`register_sqlite_collations`), with a Python key that follows the same
  rules for the letters our names use.

`ReaderOrder("name")` is decided when the query is compiled, not when it is written, so it works
in a model's Meta.ordering and in querysets built once at import time (form fields, filters).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.models import F, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.deconstruct import deconstructible

from .languages import active_language
from .translated import DEFAULT_LANGUAGE

COLLATIONS = {"en": "en-x-icu", "es": "es-x-icu"}


def reader_collation(language: str | None = None) -> str:
    """The collation name of `language` (default: the reader's), else the default language's."""
    return COLLATIONS.get(language or active_language() or "", COLLATIONS[DEFAULT_LANGUAGE])


@deconstructible(path="actlocal.collation.ReaderOrder")
class ReaderOrder(Expression):
    """Ascending order by `field` in the reader's language: `<field>_<language>` when filled,
    else `field`, compared with that language's collation."""

    def __init__(self, field: str = "name") -> None:
        super().__init__()
        self.name = field

    def __repr__(self) -> str:
        return f"ReaderOrder({self.name!r})"

    @property
    def identity(self) -> tuple:
        return (type(self), self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReaderOrder) and other.name == self.name

    def __hash__(self) -> int:
        return hash((type(self), self.name))

    def concrete(self, language: str | None = None) -> Collate:
        language = language or active_language() or DEFAULT_LANGUAGE
        text: Any = F(self.name)
        if language != DEFAULT_LANGUAGE:
            text = Coalesce(NullIf(F(f"{self.name}_{language}"), Value("")), F(self.name))
        return Collate(text, reader_collation(language))

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        # Resolved while the query is compiled: the language is the one active then.
        return self.concrete().resolve_expression(query, allow_joins, reuse, summarize, for_save)

    def prefix_references(self, prefix: str) -> ReaderOrder:
        # Ordering another model by this one (order_by("topic")) reaches the name through it.
        return ReaderOrder(f"{prefix}{self.name}")


# --- SQLite -------------------------------------------------------------------------------------

# Between "n" and "o" for Spanish: after every word that goes on with n ("nz" < "ñ" < "o").
_ENYE = "n\U0010ffff"


def _base_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def sort_key(text: str, language: str) -> tuple[str, str]:
    """Letters without accents or case first; the text as written breaks ties."""
    folded = unicodedata.normalize("NFC", text.casefold())
    if language == "es":
        folded = folded.replace("ñ", _ENYE)
    return (_base_letters(folded), text)


def _compare(language: str):
    def compare(left: str, right: str) -> int:
        a, b = sort_key(left, language), sort_key(right, language)
        return (a > b) - (a < b)

    return compare


def register_sqlite_collations(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: the collations ReaderOrder names, on SQLite."""
    if connection.vendor != "sqlite":
        return
    for language, name in COLLATIONS.items():
        connection.connection.create_collation(name, _compare(language))
