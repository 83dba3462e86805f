"""Spreadsheet import and export machinery shared by the directory's resources (resources.py).

How an import runs: the header row is checked first (unknown, missing or repeated columns stop
the import with one message). Every lookup an import needs (topics, roles, organizations, the
rows the file will update) is loaded once per file. Rows are then parsed and validated in
memory, and every problem is reported as "Row N, column C: problem", counting rows as a
spreadsheet does (the header is row 1). Nothing is written until every row is valid; then all
rows are written in bulk inside the import's transaction. So an import is all-or-nothing, the
dry run (the preview) never touches the database, and 10,000 rows cost a few dozen queries.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any, ClassVar

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from import_export import resources
from import_export.results import Result, RowResult

from actlocal.geo import State, normalize_zip, zip_place
from actlocal.models import AuditEntry
from actlocal.text import FORMULA_PREFIXES, spreadsheet_safe

logger = logging.getLogger(__name__)

# Control characters other than tab and line breaks: binary junk, and PostgreSQL rejects NUL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIST_SEPARATOR = ";"
TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "verified"}
FALSE_WORDS = {"no", "n", "false", "f", "0", ""}
PREVIEW_ROWS = 200


class ImportFileError(Exception):
    """A problem with the file as a whole (its columns); the message is shown to staff as is."""


class CellError(Exception):
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


def is_blank_row(row: dict) -> bool:
    for value in row.values():
        try:
            if cell_text(value):
                return False
        except CellError:
            return False
    return True


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


def _state_lookup() -> dict[str, str]:
    return _choice_lookup(State, get_language())


def parse_state(text: str) -> str:
    if not text:
        return ""
    code = _state_lookup().get(text.lower())
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


def audit_many(*, actor: Any, objs: Iterable[models.Model], action: str, data: dict) -> None:
    """One audit entry per object, written in bulk (audit_log does one INSERT per call)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=user,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                data=data,
            )
            for obj in objs
        ],
        batch_size=1000,
    )


def chunked(items: Sequence[Any], size: int = 5000) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class DirectoryImportResult(Result):
    """The result of an import, with its problems as plain sentences for the admin page."""

    def problems(self) -> list[str]:
        found: list[str] = []
        for error in self.base_errors:
            if isinstance(error.error, ImportFileError):
                found.append(str(error.error))
            else:
                found.append(
                    gettext(
                        "The import stopped on an unexpected error (%(error)s). "
                        "Nothing was changed; please try again."
                    )
                    % {"error": type(error.error).__name__}
                )
        for row in self.error_rows:
            for error in row.errors:
                found.append(
                    gettext("Row %(row)s: unexpected error (%(error)s)")
                    % {"row": row_label(row.number), "error": type(error.error).__name__}
                )
        for invalid in self.invalid_rows:
            for messages in invalid.error_dict.values():
                found.extend(messages)
        return found

    def preview_rows(self) -> list[RowResult]:
        return self.valid_rows()[:PREVIEW_ROWS]

    def preview_is_partial(self) -> bool:
        return len(self.valid_rows()) > PREVIEW_ROWS


def diff_html(left: list[str], right: list[str], *, new: bool) -> list[str]:
    """HTML of what changes in each cell (insertions and deletions marked), for the preview."""
    differ = diff_match_patch()
    cells = []
    for before, after in zip(left, right, strict=True):
        diff = differ.diff_main("" if new and before != after else before, after)
        differ.diff_cleanupSemantic(diff)
        cells.append(mark_safe(differ.diff_prettyHtml(diff)))  # noqa: S308 (it escapes the text)
    return cells


class SpreadsheetResource(resources.ModelResource):
    """Base of the directory's resources: columns, header checks, row parsing, bulk writes.

    Subclasses declare one import_export Field per column (attribute-less: values go through
    `import_<column>` and `value_<column>` methods), and implement `load_lookups`,
    `find_existing`, `row_checks` and `write`.
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

    # --- Header --------------------------------------------------------------------------------

    def normalize_headers(self, dataset) -> None:
        """Rename headers to their canonical column names; refuse files with wrong columns."""
        known = set(self.column_help)
        headers, keep, unknown, repeated = [], [], [], []
        for index, raw in enumerate(dataset.headers or []):
            label = cell_text(raw) if raw is not None else ""
            if not label:
                cells = dataset.get_col(index) if len(dataset) else []
                if lowered(cells):
                    nameless = gettext("(column %(number)s has no header)")
                    unknown.append(nameless % {"number": index + 1})
                continue
            name = re.sub(r"[\s\-]+", "_", label.lower())
            name = self.header_aliases.get(name, name)
            if name not in known:
                unknown.append(label)
            elif name in headers:
                repeated.append(label)
            else:
                headers.append(name)
                keep.append(index)
        missing = [name for name in self.required_columns if name not in headers]
        problems = []
        if unknown:
            problems.append(gettext("unknown columns %(columns)s") % {"columns": quoted(unknown)})
        if repeated:
            problems.append(gettext("repeated columns %(columns)s") % {"columns": quoted(repeated)})
        if missing:
            problems.append(gettext("missing columns %(columns)s") % {"columns": quoted(missing)})
        if problems:
            message = gettext(
                "The header row does not match: %(problems)s. "
                "The columns this import understands are: %(columns)s."
            ) % {"problems": "; ".join(problems), "columns": ", ".join(self.column_help)}
            if any(";" in label or "\t" in label for label in unknown):
                # Excel in many locales saves "CSV" with semicolons or tabs between columns.
                message += " " + gettext(
                    "The columns seem to be separated by semicolons or tabs; save the file as "
                    "comma-separated CSV (UTF-8) or as XLSX."
                )
            raise ImportFileError(message)
        rows = [[row[i] for i in keep] for row in dataset]
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)
        self.columns = [name for name in headers if name not in self.export_only_columns]

    # --- Import flow (import_export hooks) -------------------------------------------------------

    def before_import(self, dataset, **kwargs) -> None:
        self.actor = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or ""
        try:
            self.normalize_headers(dataset)
        except (ImportFileError, CellError) as exc:
            self.aborted = True
            if isinstance(exc, CellError):
                raise ImportFileError(
                    gettext("The header row could not be read: %(problem)s")
                    % {"problem": exc.message}
                ) from exc
            raise
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
        if self.aborted or result.has_errors() or result.has_validation_errors():
            return
        self.file_checks(result)
        if result.has_validation_errors() or self.dry_run:
            return
        created = [instance for instance, is_create, _number in self.pending if is_create]
        updated = [instance for instance, is_create, _number in self.pending if not is_create]
        self.write(created=created, updated=updated)
        from .cache import directory_cache_bump

        directory_cache_bump()

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

    def load_m2m(self, field_name: str, pks: Iterable[int], objects_by_pk: dict) -> None:
        """Cache a many-to-many relation of the rows a file may update, from its through
        table: two columns per link instead of a model instance per related object."""
        field = self._meta.model._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        cache: dict[int, list] = {pk: [] for pk in pks}
        for chunk in chunked(sorted(cache)):
            links = through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target)
            for owner, other in links:
                cache[owner].append(objects_by_pk[other])
        self.related[field_name] = cache

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

    def file_invalid(self, result, number: int, row: dict, column: str, problem: str) -> None:
        result.append_invalid_row(
            number,
            row,
            ValidationError(
                {column: [cell_message(row_number=number, column=column, problem=problem)]}
            ),
        )
        result.totals[RowResult.IMPORT_TYPE_INVALID] += 1

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


def lowered(values: Iterable[Any]) -> set[str]:
    """The distinct non-blank cells of a column, lowercased as SQL LOWER() does."""
    found = set()
    for value in values:
        try:
            text = cell_text(value)
        except CellError:
            continue
        if text:
            found.add(text.lower())
    return found
