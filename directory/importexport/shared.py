"""What the leader, organization and resource files have in common: the columns they share,
the lookups behind them, and how their rows are written (slugs, derived fields, audit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from actlocal.models import Topic

from ..models import Scope
from .base import SpreadsheetResource
from .bulk import audit_many
from .cells import CellError, parse_choice, parse_state, parse_text, parse_zip, row_label
from .lookups import NameIndex, OrganizationRefs, SlugAllocator, by_name


class DirectorySpreadsheet(OrganizationRefs, SpreadsheetResource):
    """Columns and writing shared by the directory's resources. A shared `import_<column>`
    method runs only for the resources that list the column."""

    #: the field new rows take their slug from
    slug_source: ClassVar[str] = "name"
    #: many-to-many columns, written straight to their through tables
    m2m_columns: ClassVar[tuple[str, ...]] = ("topics",)

    # --- Lookups -------------------------------------------------------------------------------

    def related_index(
        self, field_name: str, objects: Iterable[Any], *, what: str, pks: Iterable[int]
    ) -> NameIndex:
        """An index of what a many-to-many column may name, and, when the file has that column,
        the relation as stored for the rows it may update."""
        index = NameIndex(objects, what=what)
        if field_name in self.columns:
            self.load_m2m(field_name, pks, index.by_pk)
        return index

    def load_topics(self, pks: Iterable[int]) -> None:
        self.topic_index = self.related_index(
            "topics", Topic.objects.all(), what=gettext("topic"), pks=pks
        )

    def earlier_row(self, seen: dict, key: Any, number: int) -> int | None:
        """The spreadsheet row where `key` first appeared in the file, if not on this row."""
        first = seen.setdefault(key, number)
        return row_label(first) if first != number else None

    # --- Shared columns --------------------------------------------------------------------------

    def import_city(self, instance: models.Model, text: str, pending: dict) -> None:
        instance.city = parse_text(text, max_length=100)

    def import_state(self, instance: models.Model, text: str, pending: dict) -> None:
        instance.state = parse_state(text)

    def import_zip_code(self, instance: models.Model, text: str, pending: dict) -> None:
        instance.zip_code = parse_zip(text)

    def import_kind(self, instance: models.Model, text: str, pending: dict) -> None:
        instance.kind = parse_choice(text, choices=self._meta.model.Kind)
        if not instance.kind:
            raise CellError(gettext("a kind is required"))

    def import_scope(self, instance: models.Model, text: str, pending: dict) -> None:
        instance.scope = parse_choice(text, choices=Scope)
        if not instance.scope:
            raise CellError(gettext("a scope is required"))

    def import_description(self, instance: models.Model, text: str, pending: dict) -> None:
        instance.description = parse_text(text, max_length=20000)

    def import_topics(self, instance: models.Model, text: str, pending: dict) -> None:
        pending["topics"] = self.topic_index.find_many(text)

    def names(self, instance: models.Model, field_name: str) -> str:
        """A many-to-many column as files write it: names in order, separated by semicolons."""
        return "; ".join(obj.name for obj in by_name(self.current(instance, field_name)))

    def value_topics(self, instance: models.Model) -> str:
        return self.names(instance, "topics")

    # --- Writing ---------------------------------------------------------------------------------

    def write(self, *, created: list, updated: list) -> None:
        """Insert the new rows and update the changed ones in bulk, then their relations, with
        an audit entry for each row."""
        model = self._meta.model
        self.assign_slugs(created)
        now = timezone.now()
        for instance in created + updated:
            self.prepare(instance)
            instance.updated_at = now
        self.before_insert(created=created, updated=updated)
        model.objects.bulk_create(created, batch_size=1000)
        self.after_insert(created=created, updated=updated)
        if updated:
            model.objects.bulk_update(updated, self.update_fields(), batch_size=500)
        self.write_relations(created=created, updated=updated)
        self.audit_import(created=created, updated=updated)

    def assign_slugs(self, created: list) -> None:
        """Slugs for new rows that the file did not give one, unique among each other too."""
        if not created:
            return
        slugs = SlugAllocator(self._meta.model)
        slugs.taken.update(instance.slug for instance in created if instance.slug)
        for instance in created:
            if not instance.slug:
                instance.slug = slugs.allocate(getattr(instance, self.slug_source))

    def prepare(self, instance: models.Model) -> None:
        """Fill the derived fields of a row, as the model's service does before a save."""
        raise NotImplementedError

    def before_insert(self, *, created: list, updated: list) -> None:
        """Work that must precede the INSERT of new rows."""

    def after_insert(self, *, created: list, updated: list) -> None:
        """Work that needs the primary keys of new rows, before changed rows are updated."""

    def write_relations(self, *, created: list, updated: list) -> None:
        for field_name in self.m2m_columns:
            self.write_m2m(field_name, created, updated)

    def audit_import(self, *, created: list, updated: list) -> None:
        action = self._meta.model._meta.model_name
        data = {"via": "import", "file": self.file_name[:200]}
        audit_many(actor=self.actor, objs=created, action=f"{action}.create", data=data)
        audit_many(actor=self.actor, objs=updated, action=f"{action}.update", data=data)
