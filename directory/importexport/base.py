"""The spreadsheet machinery under each of the directory's import-export resources.

How an import runs: the header row is checked first (unknown, missing or repeated columns stop
the import with one message). Every lookup an import needs (topics, roles, organizations, the
rows the file will update) is loaded once per file. Rows are then parsed and validated in
memory, and every problem is reported as "Row N, column C: problem", counting rows as a
spreadsheet does (the header is row 1). A problem in one of `warning_columns` (optional values
such as a phone number or a website) is a warning instead: that value is left out (a new row
leaves it empty, an update keeps what was stored) and the row is imported. Nothing is written
until every row is free of errors; then all rows are written in bulk inside the import's
transaction. So an import is all-or-nothing, the
dry run (the preview) never touches the database, and 10,000 rows cost a few dozen queries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from import_export import resources
from import_export.declarative import ModelDeclarativeMetaclass
from import_export.fields import Field
from import_export.results import RowResult

from actlocal.importing import Problem, Severity
from actlocal.importing import row_label as sheet_row
from actlocal.text import spreadsheet_safe

from .bulk import m2m_load, m2m_replace
from .cells import CellError, cell_message, cell_text, is_blank_row, row_label
from .headers import ImportFileError, normalize_headers
from .results import PREVIEW_ROWS, DirectoryImportResult, diff_html

logger = logging.getLogger(__name__)


class ColumnsMetaclass(ModelDeclarativeMetaclass):
    """Declares one attribute-less import_export Field per key of `column_help`, and makes the
    same keys the Meta.fields whitelist, so a column is listed once, with its meaning."""

    def __new__(cls, name, bases, attrs):
        columns = attrs.get("column_help") or {}
        for column in columns:
            attrs.setdefault(column, Field(column_name=column))
        meta = attrs.get("Meta")
        if columns and meta is not None and not hasattr(meta, "fields"):
            meta.fields = tuple(columns)
        return super().__new__(cls, name, bases, attrs)


class SpreadsheetResource(resources.ModelResource, metaclass=ColumnsMetaclass):
    """Base of the directory's resources: columns, header checks, row parsing, bulk writes.

    Subclasses list their columns in `column_help` (values go through `import_<column>` and
    `value_<column>` methods), and implement `load_lookups`, `find_existing`, `row_checks`
    and `write`.
    """

    #: column -> what it means; shown on the import page. Order is the export order.
    column_help: ClassVar[dict[str, Any]] = {}
    #: columns every file must have
    required_columns: ClassVar[tuple[str, ...]] = ()
    #: columns written by exports and ignored by imports, so exports import back cleanly
    export_only_columns: ClassVar[tuple[str, ...]] = ()
    #: other spellings of column headers people use, normalised first (lowercase, underscores)
    header_aliases: ClassVar[dict[str, str]] = {}
    #: fields bulk_update writes when any row changed, besides the columns' own fields
    derived_fields: ClassVar[tuple[str, ...]] = ()
    #: optional columns whose bad values are left out with a warning instead of refusing the file
    warning_columns: ClassVar[tuple[str, ...]] = ()
    #: the directory.tasks.duplicates_check kind of the written rows, if they can have duplicates
    duplicate_kind: ClassVar[str | None] = None

    class Meta:
        use_bulk = True  # no savepoint per row: rows are only written in after_import
        # import_export's diff deep-copies every row and reads model attributes (blind to
        # topics or affiliations); rows are compared through their column values instead.
        skip_diff = True
        use_transactions = True
        clean_model_instances = False  # rows are validated by the column parsers, query-free
        chunk_size = 1000
        report_skipped = True

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        #: called with (rows done, rows) as rows are checked, by background imports
        self.progress = None
        self.reset(dry_run=False)

    def reset(self, *, dry_run: bool) -> None:
        self.dry_run = dry_run
        self.columns: list[str] = []
        self.aborted = False
        self.actor = None
        self.file_name = ""
        self.pending: list[tuple[models.Model, bool, int]] = []
        self.key_errors: dict[str, str] = {}
        self.current_key: tuple | None = None
        self.current_before: list[str] | None = None
        self.current_instance = None
        self.diffs_made = 0
        self.warnings: list[Problem] = []
        self.rows_total = 0
        # field name -> {pk: related objects} of the rows this file may update
        self.related: dict[str, dict[int, list]] = {}

    def import_data(self, dataset, dry_run=False, **kwargs):
        # import_export hands dry_run to the row hooks only, not to before_import.
        self.reset(dry_run=dry_run)
        return super().import_data(dataset, dry_run=dry_run, **kwargs)

    @classmethod
    def get_result_class(cls):
        return DirectoryImportResult

    @classmethod
    def column_docs(cls) -> list[dict[str, Any]]:
        return [
            {
                "name": name,
                "help": help_text,
                "required": name in cls.required_columns,
                "export_only": name in cls.export_only_columns,
            }
            for name, help_text in cls.column_help.items()
        ]

    def importable_columns(self) -> list[str]:
        return [name for name in self.column_help if name not in self.export_only_columns]

    def get_user_visible_fields(self):
        names = set(self.importable_columns())
        return [field for field in self.get_import_fields() if field.column_name in names]

    def get_diff_headers(self):
        return self.columns or self.importable_columns()

    # --- Import flow (import_export hooks) -------------------------------------------------------

    def before_import(self, dataset, **kwargs) -> None:
        self.rows_total = len(dataset)
        self.actor = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or ""
        try:
            headers = normalize_headers(
                dataset,
                known=self.column_help,
                required=self.required_columns,
                aliases=self.header_aliases,
            )
        except (ImportFileError, CellError) as exc:
            self.aborted = True
            if isinstance(exc, CellError):
                raise ImportFileError(
                    gettext("The header row could not be read: %(problem)s")
                    % {"problem": exc.message}
                ) from exc
            raise
        self.columns = [name for name in headers if name not in self.export_only_columns]
        self.load_lookups(dataset)

    def import_row(self, row, instance_loader, **kwargs):
        if self.aborted or is_blank_row(row):
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            row_result.diff = []
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

    def get_instance(self, instance_loader, row):
        self.key_errors = {}
        return self.find_existing(row)

    def after_init_instance(self, instance, new, row, **kwargs) -> None:
        if new:
            self.init_new(instance)
        self.current_instance = instance
        wants_diff = self.dry_run and self.diffs_made < PREVIEW_ROWS
        self.current_before = self.preview_values(instance) if (wants_diff or not new) else None

    def import_instance(self, instance, row, **kwargs) -> None:
        number = kwargs["row_number"]
        problems: dict[str, str] = dict(self.key_errors)
        pending: dict[str, Any] = {}
        for column in self.columns:
            if column in problems or column not in row:
                continue
            try:
                text = cell_text(row[column])
                getattr(self, f"import_{column}")(instance, text, pending)
            except CellError as exc:
                if column in self.warning_columns:
                    where = sheet_row(row_label(number))
                    self.warnings.append(Problem(where, column, exc.message, Severity.WARNING))
                else:
                    problems[column] = exc.message
        for column, message in self.row_checks(instance, pending, number).items():
            problems.setdefault(column, message)
        instance._import_pending = pending
        if problems:
            raise ValidationError(
                {
                    column: [cell_message(row_number=number, column=column, problem=message)]
                    for column, message in problems.items()
                }
            )

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        """Rows that would change nothing are reported as skipped and not written."""
        if import_validation_errors or instance.pk is None or self.needs_write(instance):
            return False
        return self.current_before == self.preview_values(instance)

    def after_import_row(self, row, row_result, **kwargs) -> None:
        number = kwargs.get("row_number") or 0
        if self.progress is not None and number % 500 == 0:
            self.progress(number, self.rows_total)
        if self.current_before is None or not self.dry_run or self.diffs_made >= PREVIEW_ROWS:
            return
        self.diffs_made += 1
        row_result.diff = diff_html(
            self.current_before,
            self.preview_values(self.current_instance),
            new=row_result.import_type == RowResult.IMPORT_TYPE_NEW,
        )

    def save_instance(self, instance, is_create, row, **kwargs) -> None:
        self.pending.append((instance, is_create, kwargs["row_number"]))

    def save_m2m(self, instance, row, **kwargs) -> None:
        """Relations are written with the rows, in bulk, by `write`."""

    def handle_import_error(self, result, error, raise_errors=False):
        if not isinstance(error, ImportFileError):
            logger.error("Directory import failed", exc_info=error)
        return super().handle_import_error(result, error, raise_errors)

    def after_import(self, dataset, result, **kwargs) -> None:
        result.diff_headers = list(self.columns)
        result.warnings = list(self.warnings)
        if self.aborted or result.has_errors() or result.has_validation_errors():
            return
        self.file_checks(result)
        if result.has_validation_errors() or self.dry_run:
            return
        created = [instance for instance, is_create, _number in self.pending if is_create]
        updated = [instance for instance, is_create, _number in self.pending if not is_create]
        self.write(created=created, updated=updated)
        if self.duplicate_kind:
            from ..services import duplicates_check_enqueue

            # Rows written in bulk skip the check each save queues: queue it for them all.
            pks = [instance.pk for instance in created + updated if instance.pk]
            duplicates_check_enqueue(kind=self.duplicate_kind, pks=pks)
        from ..cache import directory_cache_bump

        directory_cache_bump()

    def file_invalid(self, result, number: int, row: dict, column: str, problem: str) -> None:
        result.append_invalid_row(
            number,
            row,
            ValidationError(
                {column: [cell_message(row_number=number, column=column, problem=problem)]}
            ),
        )
        result.totals[RowResult.IMPORT_TYPE_INVALID] += 1

    # --- Values (export, preview, unchanged-row detection) ---------------------------------------

    def preview_values(self, instance) -> list[str]:
        return [self.column_value(column, instance) for column in self.columns]

    def column_value(self, column: str, instance) -> str:
        method = getattr(self, f"value_{column}", None)
        if method is not None:
            return method(instance)
        value = getattr(instance, column, "")
        return "" if value is None else str(value)

    def export_field(self, field, instance, **kwargs):
        # Every cell passes through spreadsheet_safe: a name like "=HYPERLINK(...)" must not
        # run as a formula in the spreadsheet of whoever opens the export.
        return spreadsheet_safe(self.column_value(field.column_name, instance))

    # --- Many-to-many relations ------------------------------------------------------------------

    def load_m2m(self, field_name: str, pks: Iterable[int], objects_by_pk: dict) -> None:
        """Cache a many-to-many relation of the rows a file may update."""
        self.related[field_name] = m2m_load(self._meta.model, field_name, pks, objects_by_pk)

    def stored(self, instance, field_name: str) -> list:
        """What the database holds for a relation: from the import's cache, else from the
        instance (prefetched by the export queryset)."""
        if instance.pk is None:
            return []
        cache = self.related.get(field_name)
        if cache is not None and instance.pk in cache:
            return cache[instance.pk]
        return list(getattr(instance, field_name).all())

    def current(self, instance, field_name: str) -> list:
        """The relation as the row leaves it: the file's value when given, else the stored one."""
        pending = getattr(instance, "_import_pending", None) or {}
        return pending[field_name] if field_name in pending else self.stored(instance, field_name)

    def write_m2m(self, field_name: str, created: list, updated: list) -> None:
        """Set a many-to-many relation from the file, in bulk; rows whose set is unchanged are
        left alone."""
        if field_name not in self.columns:
            return
        changed = [
            obj
            for obj in updated
            if {other.pk for other in obj._import_pending[field_name]}
            != {other.pk for other in self.stored(obj, field_name)}
        ]
        m2m_replace(
            self._meta.model,
            field_name,
            owners=[obj.pk for obj in changed],
            links=[
                (obj.pk, other.pk)
                for obj in created + changed
                for other in obj._import_pending[field_name]
            ],
        )

    def update_fields(self) -> list[str]:
        """Model fields bulk_update writes: the file's columns that are fields, and derived ones."""
        concrete = {f.name for f in self._meta.model._meta.concrete_fields}
        return sorted((set(self.columns) & concrete) | set(self.derived_fields))

    # --- Subclass hooks ------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        raise NotImplementedError

    def find_existing(self, row) -> models.Model | None:
        raise NotImplementedError

    def init_new(self, instance) -> None:
        """Defaults for a row that creates a new object."""

    def row_checks(self, instance, pending: dict, number: int) -> dict[str, str]:
        """Checks across columns of one row; returns column -> problem."""
        return {}

    def file_checks(self, result) -> None:
        """Checks across rows, once every row is valid (append problems to `result`)."""

    def needs_write(self, instance) -> bool:
        """True when an unchanged row must still be written (e.g. it lacks an account)."""
        return False

    def write(self, *, created: list, updated: list) -> None:
        raise NotImplementedError
