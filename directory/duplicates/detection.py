"""Possible duplicate leaders and organizations: detection.

Detection only flags pairs (DuplicateCandidate, lower id first); people decide. It runs for one
record after each save (directory.tasks.duplicates_check) and over everything nightly
(duplicates_scan_all). Names are compared within a state with pg_trgm on PostgreSQL; on SQLite,
the embedded default, a difflib ratio stands in. Emails, phones, website domains and public
emails are compared exactly after normalizing.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy

from actlocal.text import name_key

from ..models import DuplicateCandidate, Leader, Organization

# pg_trgm similarity of two names, 0..1; 0.55 catches "Jon Smith" ~ "John Smith" (0.62)
# and "Rosa Delgado" ~ "Rosa M. Delgado" (0.87) but not "Maria Garcia" ~ "Maria Gonzalez".
NAME_SIMILARITY = 0.55
# difflib's ratio runs higher than trigram similarity on the same names.
FALLBACK_NAME_RATIO = 0.85
MIN_NAME_KEY = 4
# A phone, email or domain shared by more records than this is an office line or a mailing
# list, not one person or group entered twice; flagging every pair would bury real duplicates.
MAX_GROUP = 10

# Domains where many unrelated groups have a page: equality says nothing, the path differs.
SHARED_HOSTS = {
    "facebook.com", "fb.com", "fb.me", "instagram.com", "twitter.com", "x.com", "threads.net",
    "linkedin.com", "youtube.com", "youtu.be", "tiktok.com", "google.com", "goo.gl", "forms.gle",
    "linktr.ee", "linkin.bio", "bit.ly", "tinyurl.com", "mobilize.us", "actionnetwork.org",
    "eventbrite.com", "meetup.com", "medium.com", "substack.com", "gofundme.com", "github.com",
    "ngpvan.com", "everyaction.com", "actblue.com", "gmail.com", "yahoo.com", "outlook.com",
}  # fmt: skip
# Site builders: "x.wordpress.com" is one site, but the bare builder domain is everyone's.
SHARED_EXACT = {
    "wordpress.com", "blogspot.com", "wixsite.com", "wix.com", "squarespace.com", "weebly.com",
    "carrd.co", "github.io", "nationbuilder.com", "godaddysites.com", "square.site", "site123.me",
}  # fmt: skip


class Reason(models.TextChoices):
    SIMILAR_NAME = "similar_name", gettext_lazy("Similar name in the same state")
    SAME_EMAIL = "same_email", gettext_lazy("Same email address")
    SAME_PHONE = "same_phone", gettext_lazy("Same phone number")
    SAME_WEBSITE = "same_website", gettext_lazy("Same website domain")
    SAME_PUBLIC_EMAIL = "same_public_email", gettext_lazy("Same public email")


EXACT_SCORES = {
    Reason.SAME_EMAIL: 1.0,
    Reason.SAME_PHONE: 0.9,
    Reason.SAME_WEBSITE: 0.9,
    Reason.SAME_PUBLIC_EMAIL: 0.9,
}


def reason_labels(reasons: Iterable[str]) -> list[str]:
    """Readable labels for stored reason codes (unknown codes are shown as they are)."""
    labels = dict(Reason.choices)
    return [str(labels.get(code, code)) for code in reasons]


def phone_digits(value: str) -> str:
    """The comparable part of a phone number: its last ten digits, or "" if it has fewer than 7."""
    digits = re.sub(r"\D", "", value or "")
    return digits[-10:] if len(digits) >= 7 else ""


def is_shared_host(domain: str) -> bool:
    domain = (domain or "").lower()
    if domain in SHARED_EXACT or domain in SHARED_HOSTS:
        return True
    return any(domain.endswith("." + host) for host in SHARED_HOSTS)


def _numbers_differ(name_a: str, name_b: str) -> bool:
    # "Local 1199" and "Local 32" or "District 5" and "District 6" are different groups even
    # though their names are nearly the same string.
    return set(re.findall(r"\d+", name_a)) != set(re.findall(r"\d+", name_b))


def _name_comparable(name: str) -> bool:
    return len(name_key(name)) >= MIN_NAME_KEY


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "rev", "dr", "mr", "mrs", "ms"}
# difflib ratio of two given names or two family names: "Jon"/"John" 0.86, "Kowalski"/
# "Kowalsky" 0.88, "Erin"/"Kevin" 0.67, "Johnson"/"Jackson" 0.57.
PERSON_PART_RATIO = 0.8


def _person_parts(name: str) -> list[str]:
    words = [name_key(word) for word in name.replace(",", " ").split()]
    return [word for word in words if word and word not in _NAME_SUFFIXES]


def _part_matches(part_a: str, part_b: str) -> bool:
    if part_a == part_b:
        return True
    if len(part_a) == 1 or len(part_b) == 1:
        return part_a[0] == part_b[0]  # an initial: "J." for "John"
    return difflib.SequenceMatcher(None, part_a, part_b).ratio() >= PERSON_PART_RATIO


def _person_names_match(name_a: str, name_b: str) -> bool:
    """First and last names must each look alike. Whole-name similarity alone pairs up
    "Erin Rodriguez" and "Kevin Rodriguez": a shared long family name outweighs the rest."""
    parts_a, parts_b = _person_parts(name_a), _person_parts(name_b)
    if len(parts_a) < 2 or len(parts_b) < 2:
        return True  # nothing to split on; the whole-name similarity decides
    return _part_matches(parts_a[0], parts_b[0]) and _part_matches(parts_a[-1], parts_b[-1])


def _names_plausible(model: type[models.Model], name_a: str, name_b: str) -> bool:
    if not (_name_comparable(name_a) and _name_comparable(name_b)):
        return False
    if _numbers_differ(name_a, name_b):
        return False
    return model is not Leader or _person_names_match(name_a, name_b)


def _fallback_ratio(name_a: str, name_b: str) -> float:
    return difflib.SequenceMatcher(None, name_key(name_a), name_key(name_b)).ratio()


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _set_trigram_threshold() -> None:
    # Local to the current transaction, so other users of this pooled connection keep theirs.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(NAME_SIMILARITY)]
        )


class _Pairs:
    """Pairs found in one detection run: (lower pk, higher pk) -> best score and reasons."""

    def __init__(self) -> None:
        self.found: dict[tuple[int, int], tuple[float, set[str]]] = {}

    def add(self, pk_a: int, pk_b: int, reason: str, score: float) -> None:
        if pk_a == pk_b:
            return
        key = (min(pk_a, pk_b), max(pk_a, pk_b))
        best, reasons = self.found.get(key, (0.0, set()))
        reasons.add(str(reason))
        self.found[key] = (max(best, score), reasons)

    def add_groups(self, groups: dict[str, list[int]], reason: str) -> None:
        for pk_a, pk_b in _group_pairs(groups):
            self.add(pk_a, pk_b, reason, EXACT_SCORES[reason])

    def scored(self) -> dict[tuple[int, int], tuple[float, list[str]]]:
        # Each extra independent signal makes a real duplicate more likely.
        return {
            key: (round(min(1.0, best + 0.05 * (len(reasons) - 1)), 3), sorted(reasons))
            for key, (best, reasons) in self.found.items()
        }


def pair_fields(kind: str) -> tuple[str, str]:
    if kind == DuplicateCandidate.Kind.LEADER:
        return "leader_a_id", "leader_b_id"
    return "organization_a_id", "organization_b_id"


def _upsert(kind: str, pairs: _Pairs, *, only_pk: int | None = None) -> tuple[int, list]:
    """Store found pairs; returns (new pairs, keys of open pairs found).

    Reviewed pairs (dismissed or merged) are never touched again; open ones get the current
    score and reasons.
    """
    field_a, field_b = pair_fields(kind)
    scored = pairs.scored()
    existing_qs = DuplicateCandidate.objects.filter(kind=kind)
    if only_pk is not None:
        existing_qs = existing_qs.filter(Q(**{field_a: only_pk}) | Q(**{field_b: only_pk}))
    existing = {
        (getattr(candidate, field_a), getattr(candidate, field_b)): candidate
        for candidate in existing_qs.only("id", field_a, field_b, "status", "score", "reasons")
    }
    to_create, to_update, open_keys = [], [], []
    for key, (score, reasons) in scored.items():
        candidate = existing.get(key)
        if candidate is None:
            to_create.append(
                DuplicateCandidate(
                    kind=kind, **{field_a: key[0], field_b: key[1]}, score=score, reasons=reasons
                )
            )
            open_keys.append(key)
        elif candidate.status == DuplicateCandidate.Status.OPEN:
            open_keys.append(key)
            if candidate.score != score or candidate.reasons != reasons:
                candidate.score, candidate.reasons = score, reasons
                to_update.append(candidate)
    # A concurrent run may insert the same pair first; the unique constraint settles it.
    DuplicateCandidate.objects.bulk_create(to_create, batch_size=500, ignore_conflicts=True)
    DuplicateCandidate.objects.bulk_update(to_update, ["score", "reasons"], batch_size=500)
    return len(to_create), open_keys


def _open_candidates(kind: str, keys: list[tuple[int, int]]) -> list[DuplicateCandidate]:
    if not keys:
        return []
    field_a, field_b = pair_fields(kind)
    match = Q()
    for pk_a, pk_b in keys:
        match |= Q(**{field_a: pk_a, field_b: pk_b})
    return list(
        DuplicateCandidate.objects.filter(match, kind=kind, status=DuplicateCandidate.Status.OPEN)
    )


# --- Detection for one record ------------------------------------------------------------------


def _similar_names(queryset: models.QuerySet, name: str) -> list[tuple[int, str, float]]:
    """(pk, name, score) of rows in `queryset` whose name looks like `name`."""
    if not _name_comparable(name):
        return []
    if _is_postgres():
        _set_trigram_threshold()
        rows = (
            queryset.filter(name__trigram_similar=name)
            .annotate(similarity=TrigramSimilarity("name", name))
            .values_list("pk", "name", "similarity")
        )
        found = [(pk, other, float(score)) for pk, other, score in rows]
    else:
        found = []
        for pk, other in queryset.values_list("pk", "name"):
            ratio = _fallback_ratio(name, other)
            if ratio >= FALLBACK_NAME_RATIO:
                found.append((pk, other, ratio))
    return [row for row in found if _names_plausible(queryset.model, name, row[1])]


def _unless_crowded(pks: Iterable[int]) -> list[int]:
    """The other records sharing a value, or none if too many share it (see MAX_GROUP)."""
    pks = list(pks)
    return pks if len(pks) + 1 <= MAX_GROUP else []


@transaction.atomic
def duplicates_find_for_leader(*, leader: Leader) -> list[DuplicateCandidate]:
    """Flag leaders that look like `leader`; returns the open pairs involving it."""
    pairs = _Pairs()
    others = Leader.objects.exclude(pk=leader.pk)
    if leader.state:
        for pk, _name, score in _similar_names(others.filter(state=leader.state), leader.name):
            pairs.add(leader.pk, pk, Reason.SIMILAR_NAME, score)
    emails = {leader.email.strip().lower()} if leader.email else set()
    if leader.user_id:
        emails.add(leader.user.email.strip().lower())
    if emails:
        match = Q()
        for email in emails:
            match |= Q(email__iexact=email) | Q(user__email__iexact=email)
        for pk in _unless_crowded(others.filter(match).values_list("pk", flat=True)):
            pairs.add(leader.pk, pk, Reason.SAME_EMAIL, EXACT_SCORES[Reason.SAME_EMAIL])
    digits = phone_digits(leader.phone)
    if digits:
        # The last four digits are contiguous in every common way of writing a US number, so
        # this narrows the rows in SQL before the exact comparison here.
        rows = others.filter(phone__contains=digits[-4:]).values_list("pk", "phone")
        for pk in _unless_crowded([pk for pk, phone in rows if phone_digits(phone) == digits]):
            pairs.add(leader.pk, pk, Reason.SAME_PHONE, EXACT_SCORES[Reason.SAME_PHONE])
    _new, keys = _upsert(DuplicateCandidate.Kind.LEADER, pairs, only_pk=leader.pk)
    return _open_candidates(DuplicateCandidate.Kind.LEADER, keys)


def _related_organizations(org_a: dict, org_b: dict) -> tuple[bool, bool]:
    """(one is the other's parent, both are chapters of the same parent)."""
    family = org_a["parent_id"] == org_b["id"] or org_b["parent_id"] == org_a["id"]
    siblings = org_a["parent_id"] is not None and org_a["parent_id"] == org_b["parent_id"]
    return family, siblings


def _add_organization_pair(pairs: _Pairs, org_a: dict, org_b: dict, reason: str, score: float):
    family, siblings = _related_organizations(org_a, org_b)
    # Staff recorded that one belongs to the other, so they know these are two groups; chapters
    # of one national organization often all link to its website.
    if family or (siblings and reason == Reason.SAME_WEBSITE):
        return
    pairs.add(org_a["id"], org_b["id"], reason, score)


@transaction.atomic
def duplicates_find_for_organization(*, organization: Organization) -> list[DuplicateCandidate]:
    """Flag organizations that look like `organization`; returns the open pairs involving it."""
    pairs = _Pairs()
    others = Organization.objects.exclude(pk=organization.pk)
    this = {"id": organization.pk, "parent_id": organization.parent_id}
    found: list[tuple[int, str, float]] = []
    if organization.state:
        found += [
            (pk, Reason.SIMILAR_NAME, score)
            for pk, _name, score in _similar_names(
                others.filter(state=organization.state), organization.name
            )
        ]
    domain = organization.website_domain
    if domain and not is_shared_host(domain):
        found += [
            (pk, Reason.SAME_WEBSITE, EXACT_SCORES[Reason.SAME_WEBSITE])
            for pk in _unless_crowded(
                others.filter(website_domain=domain).values_list("pk", flat=True)
            )
        ]
    if organization.public_email:
        found += [
            (pk, Reason.SAME_PUBLIC_EMAIL, EXACT_SCORES[Reason.SAME_PUBLIC_EMAIL])
            for pk in _unless_crowded(
                others.filter(public_email__iexact=organization.public_email).values_list(
                    "pk", flat=True
                )
            )
        ]
    parents = dict(
        Organization.objects.filter(pk__in={pk for pk, _r, _s in found}).values_list(
            "pk", "parent_id"
        )
    )
    for pk, reason, score in found:
        _add_organization_pair(pairs, this, {"id": pk, "parent_id": parents.get(pk)}, reason, score)
    _new, keys = _upsert(DuplicateCandidate.Kind.ORGANIZATION, pairs, only_pk=organization.pk)
    return _open_candidates(DuplicateCandidate.Kind.ORGANIZATION, keys)


# --- The nightly scan ---------------------------------------------------------------------------


# Names are only compared with names that share a word or their first four letters (a
# "blocking key"). Comparing every pair in a state grows with its square (3,400 leaders: 5.8
# million comparisons, 9 seconds even through the trigram index); sharing a key cuts that to
# the pairs that can plausibly match. Pairs that share no key at all are word swaps such as
# "Robert Rogers" and "Roger Roberts", which are different people anyway.
_NAME_PAIRS_SQL = """
WITH keyed AS (
    SELECT DISTINCT row.id, row.name, key.value AS key
    FROM {table} AS row
    CROSS JOIN LATERAL (
        SELECT word AS value
        FROM regexp_split_to_table(lower(row.name), '[^[:alnum:]]+') AS word
        WHERE length(word) >= 2
        UNION ALL
        SELECT '^' || left(regexp_replace(lower(row.name), '[^[:alnum:]]+', '', 'g'), 4)
    ) AS key
    WHERE row.state = %s
)
SELECT DISTINCT a.id, b.id, a.name, b.name, similarity(a.name, b.name)
FROM keyed AS a
JOIN keyed AS b ON b.key = a.key AND a.id < b.id
WHERE a.name %% b.name
"""


def _states(model: type[models.Model]) -> list[str]:
    return list(
        model.objects.exclude(state="").values_list("state", flat=True).distinct().order_by()
    )


def _name_pairs_sql(model: type[models.Model]) -> list[tuple[int, int, str, str, float]]:
    """Similar names within each state: a trigram (%) self-join in SQL, one state at a time."""
    # The table name comes from model metadata; the state is a query parameter.
    sql = _NAME_PAIRS_SQL.format(table=connection.ops.quote_name(model._meta.db_table))
    rows: list[tuple[int, int, str, str, float]] = []
    for state in _states(model):
        with transaction.atomic(), connection.cursor() as cursor:
            _set_trigram_threshold()
            cursor.execute(sql, [state])
            rows.extend(cursor.fetchall())
    return rows


def _blocking_keys(name: str) -> set[str]:
    words = {word for word in re.split(r"[^a-z0-9]+", name.lower()) if len(word) >= 2}
    return words | {"^" + name_key(name)[:4]}


def _name_pairs_fallback(model: type[models.Model]) -> list[tuple[int, int, str, str, float]]:
    """The same blocking as the SQL, with difflib for similarity (SQLite has no pg_trgm)."""
    blocks: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for pk, name, state in model.objects.exclude(state="").values_list("pk", "name", "state"):
        for key in _blocking_keys(name):
            blocks[(state, key)].append((pk, name))
    found: dict[tuple[int, int], tuple[int, int, str, str, float]] = {}
    for members in blocks.values():
        for index, (pk_a, name_a) in enumerate(members):
            for pk_b, name_b in members[index + 1 :]:
                pair = (min(pk_a, pk_b), max(pk_a, pk_b))
                if pair in found:
                    continue
                ratio = _fallback_ratio(name_a, name_b)
                if ratio >= FALLBACK_NAME_RATIO:
                    found[pair] = (pk_a, pk_b, name_a, name_b, ratio)
    return list(found.values())


def _name_pairs(model: type[models.Model]) -> list[tuple[int, int, float]]:
    rows = _name_pairs_sql(model) if _is_postgres() else _name_pairs_fallback(model)
    return [
        (pk_a, pk_b, float(score))
        for pk_a, pk_b, name_a, name_b, score in rows
        if _names_plausible(model, name_a, name_b)
    ]


def _group(rows: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    groups: dict[str, dict[int, None]] = defaultdict(dict)
    for pk, key in rows:
        if key:
            groups[key][pk] = None
    return {key: list(pks) for key, pks in groups.items()}


def _group_pairs(groups: dict[str, list[int]]) -> Iterable[tuple[int, int]]:
    for pks in groups.values():
        if 1 < len(pks) <= MAX_GROUP:
            for index, pk_a in enumerate(pks):
                for pk_b in pks[index + 1 :]:
                    yield pk_a, pk_b


def _scan_leaders() -> int:
    pairs = _Pairs()
    for pk_a, pk_b, score in _name_pairs(Leader):
        pairs.add(pk_a, pk_b, Reason.SIMILAR_NAME, score)
    email_rows = Leader.objects.filter(~Q(email="") | Q(user__isnull=False)).values_list(
        "pk", "email", "user__email"
    )
    pairs.add_groups(
        _group(
            (pk, (address or "").strip().lower())
            for pk, email, user_email in email_rows
            for address in (email, user_email)
        ),
        Reason.SAME_EMAIL,
    )
    phone_rows = Leader.objects.exclude(phone="").values_list("pk", "phone")
    pairs.add_groups(
        _group((pk, phone_digits(phone)) for pk, phone in phone_rows), Reason.SAME_PHONE
    )
    new, _keys = _upsert(DuplicateCandidate.Kind.LEADER, pairs)
    return new


def _scan_organizations() -> int:
    organizations = {
        row["id"]: row
        for row in Organization.objects.values("id", "parent_id", "website_domain", "public_email")
    }
    found = [
        (pk_a, pk_b, Reason.SIMILAR_NAME, score) for pk_a, pk_b, score in _name_pairs(Organization)
    ]
    websites = _group(
        (row["id"], row["website_domain"].lower())
        for row in organizations.values()
        if not is_shared_host(row["website_domain"])
    )
    emails = _group(
        (row["id"], row["public_email"].strip().lower()) for row in organizations.values()
    )
    for groups, reason in ((websites, Reason.SAME_WEBSITE), (emails, Reason.SAME_PUBLIC_EMAIL)):
        found += [(a, b, reason, EXACT_SCORES[reason]) for a, b in _group_pairs(groups)]
    pairs = _Pairs()
    for pk_a, pk_b, reason, score in found:
        _add_organization_pair(pairs, organizations[pk_a], organizations[pk_b], reason, score)
    new, _keys = _upsert(DuplicateCandidate.Kind.ORGANIZATION, pairs)
    return new


def duplicates_scan_all() -> int:
    """Flag likely duplicates across all leaders and organizations; returns new pairs flagged."""
    return _scan_leaders() + _scan_organizations()
