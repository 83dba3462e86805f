"""Spreadsheet (CSV/XLSX) import and export of leaders, organizations and resources.

Used by the staff admin (admin.py). The machinery (header checks, per-row errors, bulk writes,
formula escaping) is in importing.py; this module says what each column means, how a row finds
the record it updates (its natural key), and how the rows are written.

Natural keys, so that importing the same file twice updates instead of duplicating:
leaders by email (lowercased); organizations by slug when given, else by name and state;
resources by link when given, else by title.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property
from typing import Any, NamedTuple

from django.db.models import Count, Prefetch
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from actlocal.models import Topic

from .importing import (
    CellError,
    NameIndex,
    SlugAllocator,
    SpreadsheetResource,
    audit_many,
    cell_text,
    chunked,
    lowered,
    parse_bool,
    parse_choice,
    parse_email,
    parse_phone,
    parse_slug,
    parse_state,
    parse_text,
    parse_url,
    parse_zip,
    row_label,
    split_list,
)
from .models import Affiliation, AreaLean, AreaType, Leader, LeaderRole, Organization, Scope
from .models import Resource as DirectoryResource
from .services import (
    leader_prepare,
    leaders_ensure_accounts,
    organization_prepare,
    resource_prepare,
)


class StoredAffiliation(NamedTuple):
    """An affiliation as an import reads it; unpacks like the file's (organization, role)."""

    organization: Organization
    role_title: str
    pk: int


ROLE_SUFFIX_RE = re.compile(r"^(?P<org>.*?)\s*\((?P<role>[^()]*)\)$")
VISIBILITY_RANK = {
    Leader.Visibility.ORGANIZERS: 0,
    Leader.Visibility.MEMBERS: 1,
    Leader.Visibility.PUBLIC: 2,
}
VISIBILITY_ALIASES = {
    "members only": Leader.Visibility.MEMBERS,
    "organizers only": Leader.Visibility.ORGANIZERS,
    "organisers": Leader.Visibility.ORGANIZERS,
}
TOPICS_HELP = _(
    "Topics by name or slug, separated by semicolons: Housing; voting-elections. "
    "They must already exist (see Topics)."
)
STATE_HELP = _("Two-letter state code (MA) or the state's name.")
ZIP_HELP = _("Five-digit ZIP code; ZIP+4 is accepted. Used to place the marker on the map.")


def _import_audit_data(resource: SpreadsheetResource) -> dict:
    return {"via": "import", "file": resource.file_name[:200]}


def _by_name(objects) -> list:
    return sorted(objects, key=lambda obj: (obj.name.casefold(), obj.pk or 0))


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


# --- Leaders ------------------------------------------------------------------------------------


class LeaderResource(OrganizationRefs, SpreadsheetResource):
    email = Field(column_name="email")
    name = Field(column_name="name")
    phone = Field(column_name="phone")
    city = Field(column_name="city")
    state = Field(column_name="state")
    zip_code = Field(column_name="zip_code")
    area_type = Field(column_name="area_type")
    area_lean = Field(column_name="area_lean")
    roles = Field(column_name="roles")
    topics = Field(column_name="topics")
    organizations = Field(column_name="organizations")
    bio = Field(column_name="bio")
    visibility = Field(column_name="visibility")
    slug = Field(column_name="slug")
    source = Field(column_name="source")

    column_help = {
        "email": _(
            "Required. Private: never shown on the site. Identifies the leader, so importing "
            "the same file again updates them instead of adding a duplicate. Each imported "
            "leader gets a sign-in account with this address, which they claim by resetting "
            "their password. Exports include it (and the phone) because only staff with the "
            "export permission can run them: keep exported files private."
        ),
        "name": _("Full name. Required for new leaders."),
        "phone": _("Private: never shown on the site."),
        "city": _("City or town."),
        "state": STATE_HELP,
        "zip_code": ZIP_HELP,
        "area_type": _("urban, suburban or rural."),
        "area_lean": _("blue, red or purple."),
        "roles": _(
            "Roles by name or slug, separated by semicolons: Faith leader; Student. "
            "They must already exist (see Leader roles)."
        ),
        "topics": TOPICS_HELP,
        "organizations": _(
            "Organizations by name or slug, separated by semicolons, each optionally followed "
            "by the leader's role in parentheses: Riverside Tenants Union (Chair); Faith "
            "Alliance. The organizations must already exist; use the slug when two share a "
            "name. The list replaces the leader's affiliations."
        ),
        "bio": _("Short bio, up to 2,000 characters."),
        "visibility": _(
            "public, members or organizers. New leaders default to organizers (the most "
            "private); blank keeps the current choice. A leader who chose their own visibility "
            "is never made more visible by an import."
        ),
        "slug": _("Export only: the address of the public profile. Ignored on import."),
        "source": _("Export only: self-registered, imported or added by staff. Ignored."),
    }
    required_columns = ("email",)
    export_only_columns = ("slug", "source")
    header_aliases = {
        "e_mail": "email",
        "email_address": "email",
        "full_name": "name",
        "phone_number": "phone",
        "zip": "zip_code",
        "zipcode": "zip_code",
        "postal_code": "zip_code",
        "role": "roles",
        "topic": "topics",
        "organisations": "organizations",
        "affiliations": "organizations",
    }
    derived_fields = ("email", "zip_code", "latitude", "longitude", "updated_at")

    class Meta:
        model = Leader
        name = _("Leaders")
        fields = (
            "email",
            "name",
            "phone",
            "city",
            "state",
            "zip_code",
            "area_type",
            "area_lean",
            "roles",
            "topics",
            "organizations",
            "bio",
            "visibility",
            "slug",
            "source",
        )

    # Lookups ----------------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        self.existing: dict[str, Leader] = {}
        emails = sorted(lowered(dataset["email"])) if len(dataset) else []
        queryset = Leader.objects.annotate(email_key=Lower("email")).order_by("pk")
        for chunk in chunked(emails):
            for leader in queryset.filter(email_key__in=chunk):
                self.existing.setdefault(leader.email_key, leader)
        pks = [leader.pk for leader in self.existing.values()]
        self.topic_index = NameIndex(Topic.objects.all(), what=gettext("topic"))
        self.role_index = NameIndex(LeaderRole.objects.all(), what=gettext("role"))
        self.org_index = NameIndex([], what=gettext("organization"))
        if "topics" in self.columns:
            self.load_m2m("topics", pks, self.topic_index.by_pk)
        if "roles" in self.columns:
            self.load_m2m("roles", pks, self.role_index.by_pk)
        if "organizations" in self.columns:
            self.org_index = NameIndex(
                Organization.objects.only("id", "name", "slug"), what=gettext("organization")
            )
            affiliations: dict[int, list] = {pk: [] for pk in pks}
            for chunk in chunked(pks):
                rows = Affiliation.objects.filter(leader_id__in=chunk).values_list(
                    "pk", "leader_id", "organization_id", "role_title"
                )
                for pk, leader_id, org_id, role in rows:
                    affiliations[leader_id].append(
                        StoredAffiliation(self.org_index.by_pk[org_id], role, pk)
                    )
            self.related["organizations"] = affiliations
        self.seen_emails: dict[str, int] = {}

    def find_existing(self, row) -> Leader | None:
        try:
            return self.existing.get(cell_text(row.get("email")).lower())
        except CellError:
            return None

    def init_new(self, leader: Leader) -> None:
        leader.source = Leader.Source.IMPORT
        leader.visibility = Leader.Visibility.ORGANIZERS

    # Columns ------------------------------------------------------------------------------------

    def import_email(self, leader: Leader, text: str, pending: dict) -> None:
        leader.email = parse_email(text, required=True)

    def import_name(self, leader: Leader, text: str, pending: dict) -> None:
        leader.name = parse_text(" ".join(text.split()), max_length=150, required=True)

    def import_phone(self, leader: Leader, text: str, pending: dict) -> None:
        leader.phone = parse_phone(text)

    def import_city(self, leader: Leader, text: str, pending: dict) -> None:
        leader.city = parse_text(text, max_length=100)

    def import_state(self, leader: Leader, text: str, pending: dict) -> None:
        leader.state = parse_state(text)

    def import_zip_code(self, leader: Leader, text: str, pending: dict) -> None:
        leader.zip_code = parse_zip(text)

    def import_area_type(self, leader: Leader, text: str, pending: dict) -> None:
        leader.area_type = parse_choice(text, choices=AreaType)

    def import_area_lean(self, leader: Leader, text: str, pending: dict) -> None:
        leader.area_lean = parse_choice(text, choices=AreaLean)

    def import_roles(self, leader: Leader, text: str, pending: dict) -> None:
        pending["roles"] = self.role_index.find_many(text)

    def import_topics(self, leader: Leader, text: str, pending: dict) -> None:
        pending["topics"] = self.topic_index.find_many(text)

    def import_organizations(self, leader: Leader, text: str, pending: dict) -> None:
        found: list[tuple[Organization, str]] = []
        unknown: list[str] = []
        for item in split_list(text):
            if self.org_index.candidates(item):
                organization, role = self.org_index.find(item), ""
            else:
                match = ROLE_SUFFIX_RE.match(item)
                if not match or not self.org_index.candidates(match["org"]):
                    unknown.append(match["org"] if match and match["org"] else item)
                    continue
                organization = self.org_index.find(match["org"])
                role = parse_text(match["role"].strip(), max_length=120)
            if any(organization.pk == other.pk for other, _role in found):
                raise CellError(
                    gettext("lists '%(name)s' twice") % {"name": self.org_ref(organization)}
                )
            found.append((organization, role))
        if unknown:
            raise CellError(self.org_index.unknown_message(unknown))
        pending["organizations"] = found

    def import_bio(self, leader: Leader, text: str, pending: dict) -> None:
        leader.bio = parse_text(text, max_length=2000)

    def import_visibility(self, leader: Leader, text: str, pending: dict) -> None:
        value = parse_choice(text, choices=Leader.Visibility, aliases=VISIBILITY_ALIASES)
        if not value:
            return
        chosen_by_leader = leader.pk is not None and leader.consent_at is not None
        if chosen_by_leader and VISIBILITY_RANK[value] > VISIBILITY_RANK[leader.visibility]:
            raise CellError(
                gettext(
                    "%(name)s chose '%(current)s' themselves; an import can make a profile "
                    "less visible, never more"
                )
                % {"name": leader.name, "current": leader.visibility}
            )
        leader.visibility = value

    def row_checks(self, leader: Leader, pending: dict, number: int) -> dict[str, str]:
        problems = {}
        if not leader.name:
            problems["name"] = gettext("a name is required for a new leader")
        if leader.email:
            first = self.seen_emails.setdefault(leader.email, number)
            if first != number:
                problems["email"] = gettext("the same email is already on row %(row)s") % {
                    "row": row_label(first)
                }
        return problems

    def needs_write(self, leader: Leader) -> bool:
        return leader.user_id is None and bool(leader.email)

    # Values -------------------------------------------------------------------------------------

    def value_roles(self, leader: Leader) -> str:
        return "; ".join(role.name for role in _by_name(self.current(leader, "roles")))

    def value_topics(self, leader: Leader) -> str:
        return "; ".join(topic.name for topic in _by_name(self.current(leader, "topics")))

    def value_organizations(self, leader: Leader) -> str:
        pairs = sorted(
            self.current(leader, "organizations"),
            key=lambda pair: (pair[0].name.casefold(), pair[0].pk),
        )
        return "; ".join(
            f"{self.org_ref(org)} ({role})" if role else self.org_ref(org)
            for org, role, *_pk in pairs
        )

    def stored(self, instance, field_name: str) -> list:
        if field_name == "organizations" and "organizations" not in self.related:
            if instance.pk is None:
                return []
            return [
                StoredAffiliation(a.organization, a.role_title, a.pk)
                for a in instance.affiliations.all()
            ]
        return super().stored(instance, field_name)

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related(
            "topics",
            "roles",
            Prefetch("affiliations", queryset=Affiliation.objects.select_related("organization")),
        )

    # Writing ------------------------------------------------------------------------------------

    def write(self, *, created: list[Leader], updated: list[Leader]) -> None:
        now = timezone.now()
        if created:
            slugs = SlugAllocator(Leader)
            for leader in created:
                leader.slug = slugs.allocate(leader.name)
        for leader in created + updated:
            leader_prepare(leader)
            leader.updated_at = now
        # Accounts first, so new leaders are inserted already linked to theirs.
        leaders_ensure_accounts(leaders=created + updated, actor=self.actor)
        Leader.objects.bulk_create(created, batch_size=1000)
        if updated:
            Leader.objects.bulk_update(updated, self.update_fields(), batch_size=500)
        write_m2m(self, "topics", created, updated)
        write_m2m(self, "roles", created, updated)
        self.write_affiliations(created, updated)
        data = _import_audit_data(self)
        audit_many(actor=self.actor, objs=created, action="leader.create", data=data)
        audit_many(actor=self.actor, objs=updated, action="leader.update", data=data)

    def write_affiliations(self, created: list[Leader], updated: list[Leader]) -> None:
        if "organizations" not in self.columns:
            return
        to_create, to_update, to_delete = [], [], []
        for leader, is_update in [(x, False) for x in created] + [(x, True) for x in updated]:
            wanted = {org.pk: role for org, role in leader._import_pending["organizations"]}
            current = (
                {stored.organization.pk: stored for stored in self.stored(leader, "organizations")}
                if is_update
                else {}
            )
            for org_id, stored in current.items():
                if org_id not in wanted:
                    to_delete.append(stored.pk)
                elif stored.role_title != wanted[org_id]:
                    to_update.append(Affiliation(pk=stored.pk, role_title=wanted[org_id]))
            to_create.extend(
                Affiliation(leader=leader, organization_id=org_id, role_title=role)
                for org_id, role in wanted.items()
                if org_id not in current
            )
        for chunk in chunked(to_delete):
            Affiliation.objects.filter(pk__in=chunk).delete()
        Affiliation.objects.bulk_update(to_update, ["role_title"], batch_size=1000)
        Affiliation.objects.bulk_create(to_create, batch_size=2000)


# --- Organizations ------------------------------------------------------------------------------


class OrganizationResource(OrganizationRefs, SpreadsheetResource):
    slug = Field(column_name="slug")
    name = Field(column_name="name")
    kind = Field(column_name="kind")
    scope = Field(column_name="scope")
    parent = Field(column_name="parent")
    city = Field(column_name="city")
    state = Field(column_name="state")
    zip_code = Field(column_name="zip_code")
    website = Field(column_name="website")
    description = Field(column_name="description")
    topics = Field(column_name="topics")
    public_email = Field(column_name="public_email")
    public_phone = Field(column_name="public_phone")
    verified = Field(column_name="verified")

    column_help = {
        "slug": _(
            "The organization's address on the site (lowercase, hyphens). When given it "
            "identifies the organization; otherwise name and state do. New organizations get "
            "one from their name when blank."
        ),
        "name": _("Required."),
        "kind": _(
            "Required for new organizations: anchor, national, state_org, chapter, "
            "local_group, faith, union, nonprofit or coalition (or their labels)."
        ),
        "scope": _("Required for new organizations: national, state or local."),
        "parent": _(
            "For chapters: the parent organization's name or slug. It may be another row of "
            "the same file."
        ),
        "city": _("City or town."),
        "state": STATE_HELP,
        "zip_code": ZIP_HELP,
        "website": _("Web address; https:// is added when missing."),
        "description": _("Shown on the public page."),
        "topics": TOPICS_HELP,
        "public_email": _("Public contact address, shown on the site."),
        "public_phone": _("Public contact phone, shown on the site."),
        "verified": _("yes or no: staff have confirmed the organization."),
    }
    required_columns = ("name",)
    header_aliases = {
        "type": "kind",
        "parent_organization": "parent",
        "url": "website",
        "web_site": "website",
        "zip": "zip_code",
        "zipcode": "zip_code",
        "postal_code": "zip_code",
        "email": "public_email",
        "contact_email": "public_email",
        "phone": "public_phone",
        "contact_phone": "public_phone",
        "topic": "topics",
    }
    derived_fields = ("website_domain", "zip_code", "latitude", "longitude", "updated_at")

    class Meta:
        model = Organization
        name = _("Organizations")
        fields = (
            "slug",
            "name",
            "kind",
            "scope",
            "parent",
            "city",
            "state",
            "zip_code",
            "website",
            "description",
            "topics",
            "public_email",
            "public_phone",
            "verified",
        )

    # Lookups ----------------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        self.all_orgs = list(Organization.objects.all())
        self.orgs_by_pk = {org.pk: org for org in self.all_orgs}
        self.by_slug = {org.slug.lower(): org for org in self.all_orgs}
        self.by_name_state: dict[tuple, list[Organization]] = defaultdict(list)
        for org in self.all_orgs:
            self.by_name_state[(org.name.casefold(), org.state)].append(org)
        self.org_index = NameIndex(self.all_orgs, what=gettext("organization"))
        self.topic_index = NameIndex(Topic.objects.all(), what=gettext("topic"))
        if "topics" in self.columns:
            self.load_m2m("topics", self.orgs_by_pk, self.topic_index.by_pk)
        self.seen_keys: dict[tuple, int] = {}
        self.seen_pks: dict[int, int] = {}
        # Rows may name a parent that is another row of the file, possibly a later one.
        self.row_nodes: dict[int, tuple] = {}
        self.row_names: dict[int, str] = {}
        self.file_slugs: dict[str, int] = {}
        self.file_names: dict[str, list[int]] = defaultdict(list)
        for number, values in enumerate(dataset.dict, 1):
            existing, _error, _key = self.identify(values)
            self.row_nodes[number] = ("pk", existing.pk) if existing else ("row", number)
            name, slug = self._safe(values.get("name")), self._safe(values.get("slug"))
            self.row_names[number] = name
            if slug:
                self.file_slugs.setdefault(slug.lower(), number)
            if name:
                self.file_names[name.casefold()].append(number)

    @staticmethod
    def _safe(value: Any) -> str:
        try:
            return cell_text(value)
        except CellError:
            return ""

    def identify(self, row) -> tuple[Organization | None, tuple[str, str] | None, tuple | None]:
        """The existing organization a row is about, a (column, problem) error, and its key."""
        slug, name = self._safe(row.get("slug")), self._safe(row.get("name"))
        try:
            state = parse_state(self._safe(row.get("state")))
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

    def find_parent(self, text: str) -> tuple:
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

    def import_kind(self, org: Organization, text: str, pending: dict) -> None:
        org.kind = parse_choice(text, choices=Organization.Kind)
        if not org.kind:
            raise CellError(gettext("a kind is required"))

    def import_scope(self, org: Organization, text: str, pending: dict) -> None:
        org.scope = parse_choice(text, choices=Scope)
        if not org.scope:
            raise CellError(gettext("a scope is required"))

    def import_parent(self, org: Organization, text: str, pending: dict) -> None:
        pending["parent"] = self.find_parent(text) if text else None

    def import_city(self, org: Organization, text: str, pending: dict) -> None:
        org.city = parse_text(text, max_length=100)

    def import_state(self, org: Organization, text: str, pending: dict) -> None:
        org.state = parse_state(text)

    def import_zip_code(self, org: Organization, text: str, pending: dict) -> None:
        org.zip_code = parse_zip(text)

    def import_website(self, org: Organization, text: str, pending: dict) -> None:
        org.website = parse_url(text)

    def import_description(self, org: Organization, text: str, pending: dict) -> None:
        org.description = parse_text(text, max_length=20000)

    def import_topics(self, org: Organization, text: str, pending: dict) -> None:
        pending["topics"] = self.topic_index.find_many(text)

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
        key = self.current_key
        if key:
            first = self.seen_keys.setdefault(key, number)
            if first != number:
                problems[key[0]] = gettext("the same organization is already on row %(row)s") % {
                    "row": row_label(first)
                }
        if org.pk:
            first = self.seen_pks.setdefault(org.pk, number)
            if first != number and key:
                problems.setdefault(
                    key[0],
                    gettext("the same organization is already on row %(row)s")
                    % {"row": row_label(first)},
                )
        if pending.get("parent") is not None and pending["parent"] == self.row_nodes[number]:
            problems["parent"] = gettext("an organization cannot be its own parent")
        return problems

    def file_checks(self, result) -> None:
        """Refuse parent links that would make an organization its own ancestor."""
        parent_of: dict[tuple, tuple | None] = {
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

    def value_topics(self, org: Organization) -> str:
        return "; ".join(topic.name for topic in _by_name(self.current(org, "topics")))

    def value_verified(self, org: Organization) -> str:
        # A data code like "public" or "MA", not prose: the same in every interface language.
        return "yes" if org.verified else "no"

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent").prefetch_related("topics")

    # Writing ------------------------------------------------------------------------------------

    def write(self, *, created: list[Organization], updated: list[Organization]) -> None:
        now = timezone.now()
        by_row = {number: org for org, _is_create, number in self.pending}
        if created:
            slugs = SlugAllocator(Organization)
            slugs.taken.update(org.slug for org in created if org.slug)
            for org in created:
                if not org.slug:
                    org.slug = slugs.allocate(org.name)
        for org in created + updated:
            organization_prepare(org)
            org.updated_at = now
            parent = org._import_pending.get("parent", "absent")
            if parent != "absent" and (parent is None or parent[0] == "pk"):
                org.parent_id = parent[1] if parent else None
        Organization.objects.bulk_create(created, batch_size=1000)
        # Parents that are new rows of this file have a primary key only now.
        late = []
        for org, is_create in [(x, True) for x in created] + [(x, False) for x in updated]:
            parent = org._import_pending.get("parent")
            if parent and parent[0] == "row":
                org.parent_id = by_row[parent[1]].pk
                if is_create:
                    late.append(org)
        if updated:
            Organization.objects.bulk_update(updated, self.update_fields(), batch_size=500)
        Organization.objects.bulk_update(late, ["parent"], batch_size=500)
        write_m2m(self, "topics", created, updated)
        data = _import_audit_data(self)
        audit_many(actor=self.actor, objs=created, action="organization.create", data=data)
        audit_many(actor=self.actor, objs=updated, action="organization.update", data=data)


# --- Resources ----------------------------------------------------------------------------------


class ResourceResource(OrganizationRefs, SpreadsheetResource):
    url = Field(column_name="url")
    title = Field(column_name="title")
    slug = Field(column_name="slug")
    kind = Field(column_name="kind")
    scope = Field(column_name="scope")
    state = Field(column_name="state")
    city = Field(column_name="city")
    provider = Field(column_name="provider")
    topics = Field(column_name="topics")
    description = Field(column_name="description")

    column_help = {
        "url": _(
            "The resource's web address. When given it identifies the resource; otherwise the "
            "title does. Blank keeps the current link."
        ),
        "title": _("Required."),
        "slug": _("Export only: the address of the resource's page. Ignored on import."),
        "kind": _(
            "Required for new resources: toolkit, expert, service, training, campaign, tool "
            "or funding."
        ),
        "scope": _("Required for new resources: national, state or local."),
        "state": STATE_HELP,
        "city": _("City or town, for local resources."),
        "provider": _("The organization offering it, by name or slug; it must already exist."),
        "topics": TOPICS_HELP,
        "description": _("Shown on the public page."),
    }
    required_columns = ("title",)
    export_only_columns = ("slug",)
    header_aliases = {
        "link": "url",
        "website": "url",
        "name": "title",
        "type": "kind",
        "provider_organization": "provider",
        "organization": "provider",
        "topic": "topics",
    }
    derived_fields = ("updated_at",)

    class Meta:
        model = DirectoryResource
        name = _("Resources")
        fields = (
            "url",
            "title",
            "slug",
            "kind",
            "scope",
            "state",
            "city",
            "provider",
            "topics",
            "description",
        )

    # Lookups ----------------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        urls, titles = set(), set()
        for values in dataset.dict:
            url, title = self._key_parts(values)
            if url:
                urls.add(url)
            elif title:
                titles.add(title)
        self.by_url: dict[str, list] = defaultdict(list)
        self.by_title: dict[str, list] = defaultdict(list)
        queryset = (
            DirectoryResource.objects.annotate(title_key=Lower("title"))
            .select_related("provider")
            .order_by("pk")
        )
        for chunk in chunked(sorted(urls)):
            for resource in queryset.filter(url__in=chunk):
                self.by_url[resource.url].append(resource)
        for chunk in chunked(sorted(titles)):
            for resource in queryset.filter(title_key__in=chunk):
                self.by_title[resource.title_key].append(resource)
        self.provider_index = NameIndex(
            Organization.objects.only("id", "name", "slug"), what=gettext("organization")
        )
        self.topic_index = NameIndex(Topic.objects.all(), what=gettext("topic"))
        if "topics" in self.columns:
            groups = [*self.by_url.values(), *self.by_title.values()]
            loaded = {resource.pk for group in groups for resource in group}
            self.load_m2m("topics", loaded, self.topic_index.by_pk)
        self.seen_keys: dict[tuple, int] = {}

    @staticmethod
    def _key_parts(row) -> tuple[str, str]:
        try:
            url = parse_url(cell_text(row.get("url")))
        except CellError:
            url = ""
        try:
            title = cell_text(row.get("title")).lower()
        except CellError:
            title = ""
        return url, title

    def find_existing(self, row) -> DirectoryResource | None:
        url, title = self._key_parts(row)
        if url:
            self.current_key, column, matches = ("url", url), "url", self.by_url.get(url, [])
        elif title:
            self.current_key, column = ("title", title), "title"
            matches = self.by_title.get(title, [])
        else:
            self.current_key, matches = None, []
        if len(matches) > 1:
            self.key_errors[column] = gettext(
                "%(count)s resources match; give each a distinct link to tell them apart"
            ) % {"count": len(matches)}
            return None
        return matches[0] if matches else None

    # Columns ------------------------------------------------------------------------------------

    def import_url(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        url = parse_url(text)
        if url:
            resource.url = url

    def import_title(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.title = parse_text(" ".join(text.split()), max_length=200, required=True)

    def import_kind(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.kind = parse_choice(text, choices=DirectoryResource.Kind)
        if not resource.kind:
            raise CellError(gettext("a kind is required"))

    def import_scope(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.scope = parse_choice(text, choices=Scope)
        if not resource.scope:
            raise CellError(gettext("a scope is required"))

    def import_state(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.state = parse_state(text)

    def import_city(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.city = parse_text(text, max_length=100)

    def import_provider(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.provider = self.provider_index.find(text) if text else None

    def import_topics(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        pending["topics"] = self.topic_index.find_many(text)

    def import_description(self, resource: DirectoryResource, text: str, pending: dict) -> None:
        resource.description = parse_text(text, max_length=20000)

    def row_checks(self, resource: DirectoryResource, pending: dict, number: int) -> dict:
        problems = {}
        if not resource.title:
            problems["title"] = gettext("a title is required")
        for column in ("kind", "scope"):
            if not getattr(resource, column):
                problems[column] = gettext("required for a new resource")
        if self.current_key:
            first = self.seen_keys.setdefault(self.current_key, number)
            if first != number:
                problems[self.current_key[0]] = gettext(
                    "the same resource is already on row %(row)s"
                ) % {"row": row_label(first)}
        return problems

    # Values -------------------------------------------------------------------------------------

    def value_provider(self, resource: DirectoryResource) -> str:
        return self.org_ref(resource.provider) if resource.provider_id else ""

    def value_topics(self, resource: DirectoryResource) -> str:
        return "; ".join(topic.name for topic in _by_name(self.current(resource, "topics")))

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("provider").prefetch_related("topics")

    # Writing ------------------------------------------------------------------------------------

    def write(self, *, created: list, updated: list) -> None:
        now = timezone.now()
        if created:
            slugs = SlugAllocator(DirectoryResource)
            for resource in created:
                resource.slug = slugs.allocate(resource.title)
        for resource in created + updated:
            resource_prepare(resource)
            resource.updated_at = now
        DirectoryResource.objects.bulk_create(created, batch_size=1000)
        if updated:
            DirectoryResource.objects.bulk_update(updated, self.update_fields(), batch_size=500)
        write_m2m(self, "topics", created, updated)
        data = _import_audit_data(self)
        audit_many(actor=self.actor, objs=created, action="resource.create", data=data)
        audit_many(actor=self.actor, objs=updated, action="resource.update", data=data)


def write_m2m(resource: SpreadsheetResource, field_name: str, created: list, updated: list):
    """Set a many-to-many relation from the file, in bulk; rows whose set is unchanged are
    left alone."""
    if field_name not in resource.columns:
        return
    field = resource._meta.model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    changed = [
        obj
        for obj in updated
        if {other.pk for other in obj._import_pending[field_name]}
        != {other.pk for other in resource.stored(obj, field_name)}
    ]
    for chunk in chunked([obj.pk for obj in changed]):
        through.objects.filter(**{f"{source}__in": chunk}).delete()
    through.objects.bulk_create(
        [
            through(**{source: obj.pk, target: other.pk})
            for obj in created + changed
            for other in obj._import_pending[field_name]
        ],
        batch_size=2000,
    )
