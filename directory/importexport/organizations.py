"""The organizations file. A row finds the organization it updates by slug when given, else by
name and state; a chapter's parent may be another row of the same file."""

from __future__ import annotations

from collections import defaultdict

from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Organization
from ..services import organization_prepare
from .cells import (
    CellError,
    parse_bool,
    parse_email,
    parse_phone,
    parse_slug,
    parse_state,
    parse_text,
    parse_url,
    safe_text,
)
from .columns import ORGANIZATION_ALIASES, ORGANIZATION_COLUMNS
from .lookups import organization_index
from .shared import DirectorySpreadsheet

# A parent as a row gives it: ("pk", id) for a stored organization, ("row", number) for a new
# one further up or down the same file, which has a primary key only once inserted.
Node = tuple


class OrganizationResource(DirectorySpreadsheet):
    column_help = ORGANIZATION_COLUMNS
    required_columns = ("name",)
    header_aliases = ORGANIZATION_ALIASES
    # A malformed website or public contact loses that value, not the organization.
    duplicate_kind = "organization"
    warning_columns = ("website", "public_email", "public_phone")
    derived_fields = ("website_domain", "zip_code", "latitude", "longitude", "updated_at")

    class Meta:
        model = Organization
        name = _("Organizations")

    # Lookups ----------------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        self.all_orgs = list(Organization.objects.all())
        self.orgs_by_pk = {org.pk: org for org in self.all_orgs}
        self.by_slug = {org.slug.lower(): org for org in self.all_orgs}
        self.by_name_state: dict[tuple, list[Organization]] = defaultdict(list)
        for org in self.all_orgs:
            self.by_name_state[(org.name.casefold(), org.state)].append(org)
        self.org_index = organization_index(self.all_orgs)
        self.load_topics(self.orgs_by_pk)
        self.seen_keys: dict[tuple, int] = {}
        self.seen_pks: dict[int, int] = {}
        # Rows may name a parent that is another row of the file, possibly a later one.
        self.row_nodes: dict[int, Node] = {}
        self.row_names: dict[int, str] = {}
        self.file_slugs: dict[str, int] = {}
        self.file_names: dict[str, list[int]] = defaultdict(list)
        for number, values in enumerate(dataset.dict, 1):
            existing, _error, _key = self.identify(values)
            self.row_nodes[number] = ("pk", existing.pk) if existing else ("row", number)
            name, slug = safe_text(values.get("name")), safe_text(values.get("slug"))
            self.row_names[number] = name
            if slug:
                self.file_slugs.setdefault(slug.lower(), number)
            if name:
                self.file_names[name.casefold()].append(number)

    def identify(self, row) -> tuple[Organization | None, tuple[str, str] | None, tuple | None]:
        """The existing organization a row is about, a (column, problem) error, and its key."""
        slug, name = safe_text(row.get("slug")), safe_text(row.get("name"))
        try:
            state = parse_state(safe_text(row.get("state")))
        except CellError:
            state = ""
        if slug:
            found = self.by_slug.get(slug.lower())
            if found or slugify(slug) != slug:
                return found, None, ("slug", slug.lower())
            same_name = self.by_name_state.get((name.casefold(), state), [])
            if name and len(same_name) == 1:
                problem = gettext(
                    "no organization has the slug '%(slug)s', but '%(name)s' already exists "
                    "with the slug '%(other)s'; use that slug to update it"
                ) % {"slug": slug, "name": name, "other": same_name[0].slug}
                return None, ("slug", problem), ("slug", slug.lower())
            return None, None, ("slug", slug.lower())
        if not name:
            return None, None, None
        matches = self.by_name_state.get((name.casefold(), state), [])
        if len(matches) > 1:
            problem = gettext(
                "%(count)s organizations are called '%(name)s' in this state; add the slug "
                "column to say which"
            ) % {"count": len(matches), "name": name}
            return None, ("name", problem), ("name", name.casefold(), state)
        return (matches[0] if matches else None), None, ("name", name.casefold(), state)

    def find_existing(self, row) -> Organization | None:
        existing, error, self.current_key = self.identify(row)
        if error:
            self.key_errors[error[0]] = error[1]
        return existing

    def find_parent(self, text: str) -> Node:
        key = text.casefold()
        nodes = set()
        if key in self.file_slugs:
            nodes.add(self.row_nodes[self.file_slugs[key]])
        if key in self.by_slug:
            nodes.add(("pk", self.by_slug[key].pk))
        if not nodes:
            nodes.update(self.row_nodes[number] for number in self.file_names.get(key, []))
            nodes.update(("pk", org.pk) for org in self.org_index.by_name.get(key, []))
        if not nodes:
            raise CellError(self.org_index.unknown_message([text]))
        if len(nodes) > 1:
            raise CellError(
                gettext("%(count)s organizations are called '%(name)s'; use the slug instead")
                % {"count": len(nodes), "name": text}
            )
        return nodes.pop()

    # Columns ------------------------------------------------------------------------------------

    def import_slug(self, org: Organization, text: str, pending: dict) -> None:
        slug = parse_slug(text)
        if slug and org.pk is None:
            org.slug = slug

    def import_name(self, org: Organization, text: str, pending: dict) -> None:
        org.name = parse_text(" ".join(text.split()), max_length=200, required=True)

    def import_parent(self, org: Organization, text: str, pending: dict) -> None:
        pending["parent"] = self.find_parent(text) if text else None

    def import_website(self, org: Organization, text: str, pending: dict) -> None:
        org.website = parse_url(text)

    def import_public_email(self, org: Organization, text: str, pending: dict) -> None:
        org.public_email = parse_email(text)

    def import_public_phone(self, org: Organization, text: str, pending: dict) -> None:
        org.public_phone = parse_phone(text)

    def import_verified(self, org: Organization, text: str, pending: dict) -> None:
        org.verified = parse_bool(text)

    def row_checks(self, org: Organization, pending: dict, number: int) -> dict[str, str]:
        problems = {}
        if not org.name:
            problems["name"] = gettext("a name is required")
        for column in ("kind", "scope"):
            if not getattr(org, column):
                problems[column] = gettext("required for a new organization")
        repeated = gettext("the same organization is already on row %(row)s")
        key = self.current_key
        if key and (first := self.earlier_row(self.seen_keys, key, number)):
            problems[key[0]] = repeated % {"row": first}
        if org.pk and (first := self.earlier_row(self.seen_pks, org.pk, number)) and key:
            problems.setdefault(key[0], repeated % {"row": first})
        if pending.get("parent") is not None and pending["parent"] == self.row_nodes[number]:
            problems["parent"] = gettext("an organization cannot be its own parent")
        return problems

    def file_checks(self, result) -> None:
        """Refuse parent links that would make an organization its own ancestor."""
        parent_of: dict[Node, Node | None] = {
            ("pk", org.pk): ("pk", org.parent_id) if org.parent_id else None
            for org in self.all_orgs
        }
        for org, is_create, number in self.pending:
            node = self.row_nodes[number]
            if "parent" in org._import_pending:
                parent_of[node] = org._import_pending["parent"]
            elif is_create:
                parent_of[node] = None
        for org, _is_create, number in self.pending:
            start = self.row_nodes[number]
            seen, current = {start}, parent_of.get(start)
            while current is not None and current not in seen:
                seen.add(current)
                current = parent_of.get(current)
            if current == start:
                self.file_invalid(
                    result,
                    number,
                    {},
                    "parent",
                    gettext("'%(name)s' would become one of its own parent organizations")
                    % {"name": org.name},
                )

    # Values -------------------------------------------------------------------------------------

    def value_parent(self, org: Organization) -> str:
        pending = getattr(org, "_import_pending", None) or {}
        if "parent" not in pending:
            return self.org_ref(org.parent) if org.parent_id else ""
        node = pending["parent"]
        if node is None:
            return ""
        if node[0] == "pk":
            return self.org_ref(self.orgs_by_pk.get(node[1]))
        return self.row_names.get(node[1], "")

    def value_verified(self, org: Organization) -> str:
        # A data code like "public" or "MA", not prose: the same in every interface language.
        return "yes" if org.verified else "no"

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent").prefetch_related("topics")

    # Writing ------------------------------------------------------------------------------------

    def prepare(self, org: Organization) -> None:
        organization_prepare(org)
        parent = org._import_pending.get("parent", "absent")
        if parent != "absent" and (parent is None or parent[0] == "pk"):
            org.parent_id = parent[1] if parent else None

    def after_insert(self, *, created: list[Organization], updated: list[Organization]) -> None:
        # Parents that are new rows of this file have a primary key only now. Rows being
        # updated get theirs before their own UPDATE; new rows need one more.
        by_row = {number: org for org, _is_create, number in self.pending}
        late = []
        for org, is_create in [(x, True) for x in created] + [(x, False) for x in updated]:
            parent = org._import_pending.get("parent")
            if parent and parent[0] == "row":
                org.parent_id = by_row[parent[1]].pk
                if is_create:
                    late.append(org)
        Organization.objects.bulk_update(late, ["parent"], batch_size=500)
