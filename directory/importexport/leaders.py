"""The leaders file. A row finds the leader it updates by email (lowercased), so importing the
same file twice updates instead of duplicating; each leader gets a sign-in account."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import NamedTuple

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actlocal.importing import Problem, Severity
from actlocal.importing import row_label as sheet_row
from actlocal.importing.cells import FALSE_WORDS, TRUE_WORDS, parse_date

from ..models import Affiliation, AreaLean, AreaType, Leader, LeaderRole, Organization
from ..services import leader_prepare, leaders_ensure_accounts
from .bulk import chunked
from .cells import (
    CellError,
    lowered,
    parse_choice,
    parse_email,
    parse_phone,
    parse_text,
    row_label,
    safe_text,
    split_list,
)
from .columns import LEADER_ALIASES, LEADER_COLUMNS
from .lookups import organization_index
from .shared import DirectorySpreadsheet


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


class LeaderResource(DirectorySpreadsheet):
    column_help = LEADER_COLUMNS
    required_columns = ("email",)
    export_only_columns = ("slug", "source")
    header_aliases = LEADER_ALIASES
    derived_fields = (
        "email",
        "zip_code",
        "latitude",
        "longitude",
        "updated_at",
        "consent_at",
        "consent_text",
        "visibility",
    )
    m2m_columns = ("topics", "roles")
    # A bad phone number or an unknown area label loses that value, not the leader.
    duplicate_kind = "leader"
    warning_columns = ("phone", "area_type", "area_lean")

    class Meta:
        model = Leader
        name = _("Leaders")

    # Lookups ----------------------------------------------------------------------------------

    def load_lookups(self, dataset) -> None:
        self.existing: dict[str, Leader] = {}
        emails = sorted(lowered(dataset["email"])) if len(dataset) else []
        queryset = Leader.objects.annotate(email_key=Lower("email")).order_by("pk")
        for chunk in chunked(emails):
            for leader in queryset.filter(email_key__in=chunk):
                self.existing.setdefault(leader.email_key, leader)
        pks = [leader.pk for leader in self.existing.values()]
        self.load_topics(pks)
        self.role_index = self.related_index(
            "roles", LeaderRole.objects.all(), what=gettext("role"), pks=pks
        )
        self.org_index = organization_index([])
        if "organizations" in self.columns:
            self.org_index = organization_index()
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
        return self.existing.get(safe_text(row.get("email")).lower())

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

    def import_area_type(self, leader: Leader, text: str, pending: dict) -> None:
        leader.area_type = parse_choice(text, choices=AreaType)

    def import_area_lean(self, leader: Leader, text: str, pending: dict) -> None:
        leader.area_lean = parse_choice(text, choices=AreaLean)

    def import_roles(self, leader: Leader, text: str, pending: dict) -> None:
        pending["roles"] = self.role_index.find_many(text)

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

    def import_consent(self, leader: Leader, text: str, pending: dict) -> None:
        text = parse_text(text, max_length=100).strip()
        if text.lower() in TRUE_WORDS:
            given = timezone.now()
        elif text.lower() in FALSE_WORDS:
            return
        else:
            try:
                day = parse_date(text)
            except CellError as exc:
                raise CellError(
                    gettext("write the date the leader agreed (2024-05-31), yes, or leave it blank")
                ) from exc
            if day is None:
                return
            if day > timezone.localdate():
                raise CellError(gettext("the date the leader agreed is in the future"))
            given = timezone.make_aware(datetime.combine(day, time(12)))
        pending["consent"] = (given, text)

    def value_consent(self, leader: Leader) -> str:
        # The day in the site's zone, the one the import checks against: a UTC date is a day
        # ahead every evening and an exported file would not import back.
        return timezone.localdate(leader.consent_at).isoformat() if leader.consent_at else ""

    def _apply_consent(self, leader: Leader, pending: dict, number: int) -> None:
        """Record the file's consent, and keep anyone without consent from being public."""
        if "consent" in pending and leader.consent_at is None:
            given, words = pending["consent"]
            leader.consent_at = given
            leader.consent_text = gettext(
                "Recorded by a staff import; the file's consent column said: %(words)s"
            ) % {"words": words}
        if leader.visibility == Leader.Visibility.PUBLIC and leader.consent_at is None:
            leader.visibility = Leader.Visibility.MEMBERS
            self.warnings.append(
                Problem(
                    sheet_row(row_label(number)),
                    "visibility",
                    gettext(
                        "imported as members, not public: no consent is recorded for this "
                        "leader (add a consent column that says so)"
                    ),
                    Severity.WARNING,
                )
            )

    def row_checks(self, leader: Leader, pending: dict, number: int) -> dict[str, str]:
        self._apply_consent(leader, pending, number)
        problems = {}
        if not leader.name:
            problems["name"] = gettext("a name is required for a new leader")
        if leader.email and (first := self.earlier_row(self.seen_emails, leader.email, number)):
            problems["email"] = gettext("the same email is already on row %(row)s") % {"row": first}
        return problems

    def needs_write(self, leader: Leader) -> bool:
        return leader.user_id is None and bool(leader.email)

    # Values -------------------------------------------------------------------------------------

    def value_roles(self, leader: Leader) -> str:
        return self.names(leader, "roles")

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

    def prepare(self, leader: Leader) -> None:
        leader_prepare(leader)

    def before_insert(self, *, created: list[Leader], updated: list[Leader]) -> None:
        # Accounts first, so new leaders are inserted already linked to theirs.
        leaders_ensure_accounts(leaders=created + updated, actor=self.actor)

    def write_relations(self, *, created: list[Leader], updated: list[Leader]) -> None:
        super().write_relations(created=created, updated=updated)
        self.write_affiliations(created, updated)

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
