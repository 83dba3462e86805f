"""Finding and naming records from spreadsheet text, loaded once per file, not once per row."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

from django.db import models
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext

from ..models import Organization
from .cells import CellError, quoted, split_list


def by_name(objects: Iterable[Any]) -> list:
    return sorted(objects, key=lambda obj: (obj.name.casefold(), obj.pk or 0))


class NameIndex:
    """Finds rows of a small table by slug or by name, ignoring case, loaded once per file."""

    def __init__(self, objects: Iterable[Any], *, what: str, name_attr: str = "name") -> None:
        self.what = what
        self.by_pk: dict[int, Any] = {}
        self.by_slug: dict[str, Any] = {}
        self.by_name: dict[str, list[Any]] = defaultdict(list)
        for obj in objects:
            self.by_pk[obj.pk] = obj
            self.by_slug[obj.slug.lower()] = obj
            self.by_name[getattr(obj, name_attr).casefold()].append(obj)

    def candidates(self, text: str) -> list[Any]:
        key = text.casefold()
        if key in self.by_slug:
            return [self.by_slug[key]]
        return list(self.by_name.get(key, []))

    def unknown_message(self, values: Sequence[str]) -> str:
        message = gettext("unknown %(what)s %(values)s") % {
            "what": self.what,
            "values": quoted(values),
        }
        names = list(self.by_name)
        hints = [
            match
            for value in values
            for match in difflib.get_close_matches(value.casefold(), names, n=1, cutoff=0.6)
        ]
        if hints:
            labels = [self.by_name[hint][0].name for hint in hints]
            message += " " + gettext("(did you mean %(names)s?)") % {"names": quoted(labels)}
        return message

    def find(self, text: str) -> Any:
        found = self.candidates(text)
        if not found:
            raise CellError(self.unknown_message([text]))
        if len(found) > 1:
            raise CellError(
                gettext("%(count)s %(what)s records are called '%(value)s'; use the slug instead")
                % {"count": len(found), "what": self.what, "value": text}
            )
        return found[0]

    def find_many(self, text: str) -> list[Any]:
        found, unknown = [], []
        for item in split_list(text):
            try:
                found.append(self.find(item))
            except CellError:
                if self.candidates(item):
                    raise
                unknown.append(item)
        if unknown:
            raise CellError(self.unknown_message(unknown))
        return found


def organization_index(objects: Iterable[Organization] | None = None) -> NameIndex:
    """Organizations by slug or name; only the columns a lookup needs unless given the rows."""
    if objects is None:
        objects = Organization.objects.only("id", "name", "slug")
    return NameIndex(objects, what=gettext("organization"))


class SlugAllocator:
    """Unique slugs for many new rows at once, without a query per row.

    Mirrors actlocal.text.unique_slug, but keeps the taken slugs in memory so two new rows
    with the same name in one file get different slugs.
    """

    def __init__(self, model: type[models.Model], *, max_length: int = 80) -> None:
        self.taken = set(model._default_manager.values_list("slug", flat=True))
        self.max_length = max_length

    def allocate(self, value: str) -> str:
        base = (slugify(value) or "item")[: self.max_length - 6].strip("-") or "item"
        slug, n = base, 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug


class OrganizationRefs:
    """How a spreadsheet names an organization: its name, or its slug when the name is shared
    with another organization or cannot be written in a list (it contains ; or parentheses)."""

    @cached_property
    def ambiguous_org_names(self) -> set[str]:
        return set(
            Organization.objects.annotate(key=Lower("name"))
            .values("key")
            .annotate(count=Count("id"))
            .filter(count__gt=1)
            .values_list("key", flat=True)
        )

    def org_ref(self, organization: Organization | None) -> str:
        if organization is None:
            return ""
        name = organization.name
        if name.lower() in self.ambiguous_org_names or any(ch in name for ch in ";()"):
            return organization.slug
        return name
