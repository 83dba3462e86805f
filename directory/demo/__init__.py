"""Invented directory data: the `seed_demo` command's 300+ leaders and the benchmark's 50,000.

Everything here is made up: names are drawn with a seeded `random.Random` from lists of common
first and last names, organizations are assembled from invented words, private emails live under
example.org and phones are 555 numbers, unique per leader so duplicate detection does not pair
strangers (the first hundred per area code are the 555-01xx range reserved for fiction).
Places are real, though: every city comes with real ZIP codes of that city (checked against the
offline ZIP dataset by the tests), so the map, the radius search and the filters behave as they
would with real members.

`demo_plan` builds unsaved rows deterministically from a seed; `demo_load` inserts whatever of a
plan is not in the database yet (matched by slug) with `bulk_create`, so loading the same plan
twice creates nothing the second time.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from actlocal.geo import State
from actlocal.models import Topic
from directory.models import Affiliation, AreaLean, Leader, LeaderRole, Organization, Resource
from directory.models import Scope as GeoScope
from directory.services import leader_prepare, organization_prepare, resource_prepare

from .data import (
    ANCHOR_NAMES,
    BIO_CLOSINGS,
    BIO_OPENINGS,
    CITIES,
    DEFAULT_ROLE_TITLES,
    FIRST_NAMES,
    GROUP_GOALS,
    GROUP_NOUNS,
    JOBS,
    LAST_NAMES,
    NATIONAL_NAMES,
    ORG_DESCRIPTIONS,
    ORG_WHO,
    PLACE_WORDS,
    RESOURCE_DESCRIPTIONS,
    RESOURCE_EXTRAS,
    RESOURCE_TITLES,
    RESOURCE_TOPIC_WEIGHTS,
    ROLE_TITLES,
    ROLE_WEIGHTS,
    STATE_ORG_SUFFIXES,
    TOPIC_SLUGS,
    TOPIC_SUBJECTS,
    UNION_TRADES,
    City,
)

DEMO_SEED = 2024
SLUG_MAX = 80


@dataclass(frozen=True)
class DemoSize:
    leaders: int
    organizations: int
    resources: int


DEMO_SIZE = DemoSize(leaders=320, organizations=60, resources=80)
BENCH_SIZE = DemoSize(leaders=50_000, organizations=5_000, resources=10_000)


@dataclass
class DemoPlan:
    """Unsaved rows with their slugs, and the links between them expressed by slug."""

    organizations: list[Organization] = field(default_factory=list)
    org_parent: dict[str, str] = field(default_factory=dict)
    org_topics: dict[str, list[str]] = field(default_factory=dict)
    leaders: list[Leader] = field(default_factory=list)
    leader_topics: dict[str, list[str]] = field(default_factory=dict)
    leader_roles: dict[str, list[str]] = field(default_factory=dict)
    affiliations: list[tuple[str, str, str]] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    resource_topics: dict[str, list[str]] = field(default_factory=dict)
    resource_provider: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoCounts:
    leaders: int
    organizations: int
    resources: int
    affiliations: int

    @property
    def total(self) -> int:
        return self.leaders + self.organizations + self.resources + self.affiliations


class _Slugs:
    """Unique slugs within a plan, shaped like `actlocal.text.unique_slug` makes them."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, value: str) -> str:
        base = (slugify(value) or "item")[: SLUG_MAX - 6].strip("-") or "item"
        slug, n = base, 2
        while slug in self.used:
            slug, n = f"{base}-{n}", n + 1
        self.used.add(slug)
        return slug


def _email_part(value: str) -> str:
    """'José' -> 'jose', "O'Brien" -> 'obrien'."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


def _split(total: int, weights: dict) -> dict:
    """Split `total` by weight with largest remainders, so the parts always add up."""
    scale = sum(weights.values())
    raw = {key: total * w / scale for key, w in weights.items()}
    parts = {key: int(value) for key, value in raw.items()}
    leftover = total - sum(parts.values())
    for key in sorted(raw, key=lambda k: raw[k] - parts[k], reverse=True)[:leftover]:
        parts[key] += 1
    return parts


class _Planner:
    def __init__(self, size: DemoSize, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.plan = DemoPlan()
        self.now = timezone.now()
        weight_by_state: dict[str, int] = defaultdict(int)
        for c in CITIES:
            weight_by_state[c.state] += c.weight
        # Busiest states first, so even a small plan gives them their state organization.
        self.states = sorted(weight_by_state, key=lambda st: (-weight_by_state[st], st))
        self.org_slugs, self.leader_slugs, self.resource_slugs = _Slugs(), _Slugs(), _Slugs()
        self.orgs_by_state: dict[str, list[Organization]] = defaultdict(list)
        self.national_orgs: list[Organization] = []
        self.org_names: set[str] = set()
        self.phones_used: dict[str, int] = defaultdict(int)

    def city(self, state: str | None = None) -> City:
        cities = [c for c in CITIES if c.state == state] if state else CITIES
        return self.rng.choices(cities, weights=[c.weight for c in cities])[0]

    def topics(self, low: int, high: int) -> list[str]:
        return self.rng.sample(TOPIC_SLUGS, self.rng.randint(low, high))

    def subject(self, topic: str) -> str:
        return self.rng.choice(TOPIC_SUBJECTS[topic])

    def past(self, max_days: int) -> datetime:
        return self.now - timedelta(
            days=self.rng.randint(1, max_days), minutes=self.rng.randint(0, 1439)
        )

    # --- organizations ----------------------------------------------------------------------
    def organizations(self) -> None:
        n = self.size.organizations
        anchors = min(len(ANCHOR_NAMES), 3 if n < 500 else 4, n)
        nationals = min(len(NATIONAL_NAMES), 5 if n < 500 else 12, n - anchors)
        state_orgs = min(max(10, n // 20), n - anchors - nationals) if n >= 40 else 0
        rest = _split(
            max(n - anchors - nationals - state_orgs, 0),
            {
                Organization.Kind.CHAPTER: 33,
                Organization.Kind.LOCAL_GROUP: 31,
                Organization.Kind.FAITH: 17,
                Organization.Kind.UNION: 12,
                Organization.Kind.NONPROFIT: 5,
                Organization.Kind.COALITION: 2,
            },
        )
        for name in ANCHOR_NAMES[:anchors]:
            self.add_org(name, Organization.Kind.ANCHOR, GeoScope.NATIONAL, self.city())
        for name in NATIONAL_NAMES[:nationals]:
            self.add_org(name, Organization.Kind.NATIONAL, GeoScope.NATIONAL, self.city())
        for i in range(state_orgs):
            state = self.states[i % len(self.states)]
            name = f"{State(state).label} {self.rng.choice(STATE_ORG_SUFFIXES)}"
            self.add_org(name, Organization.Kind.STATE_ORG, GeoScope.STATE, self.city(state))
        for kind, count in rest.items():
            for _ in range(count):
                city, parent = self.city(), None
                if kind == Organization.Kind.CHAPTER:
                    parent = self.rng.choice(self.national_orgs)
                name = self.local_name(kind, city, parent)
                for _retry in range(5):  # prefer distinct names; big plans may still repeat
                    if name not in self.org_names:
                        break
                    city = self.city()
                    name = self.local_name(kind, city, parent)
                self.add_org(name, kind, GeoScope.LOCAL, city, parent=parent)

    def local_name(self, kind: str, city: City, parent: Organization | None) -> str:
        rng = self.rng
        place = rng.choice((rng.choice(PLACE_WORDS), city.name))
        if parent is not None:
            return f"{parent.name} – {city.name} Chapter"
        if kind == Organization.Kind.FAITH:
            return rng.choice(
                (
                    f"{place} Interfaith Council",
                    f"{city.name} Congregations for Justice",
                    f"{place} Faith Collaborative",
                    f"{city.name} Interfaith Table",
                )
            )
        if kind == Organization.Kind.UNION:
            return f"{rng.choice(UNION_TRADES)} Workers Local {rng.randint(100, 2999)}"
        if kind == Organization.Kind.NONPROFIT:
            return rng.choice((f"{city.name} Community Legal Center", f"{place} Youth Civic Lab"))
        if kind == Organization.Kind.COALITION:
            return f"{city.name} Coalition for {rng.choice(('Immigrant Rights', 'Fair Budgets'))}"
        return f"{place} {rng.choice(GROUP_NOUNS)} {rng.choice(GROUP_GOALS)}"

    def add_org(
        self, name: str, kind: str, scope: str, city: City, *, parent: Organization | None = None
    ) -> None:
        rng = self.rng
        self.org_names.add(name)
        slug = self.org_slugs.make(name)
        if parent is not None:
            # Chapters live under their national's domain, each on its own subdomain.
            domain = f"{slugify(city.name).replace('-', '')}.{parent.website_domain}"
        else:
            domain = f"{slug.replace('-', '')[:40]}.example.org"
        topics = self.topics(1, 3)
        org = Organization(
            name=name,
            slug=slug,
            kind=kind,
            scope=scope,
            city=city.name,
            state=city.state,
            zip_code=rng.choice(city.zips),
            website=f"https://{domain}/",
            website_domain=domain,
            description=rng.choice(ORG_DESCRIPTIONS).format(
                name=name,
                who=rng.choice(ORG_WHO),
                place=city.name if scope == GeoScope.LOCAL else State(city.state).label,
                subject=self.subject(topics[0]),
                year=rng.randint(1998, 2022),
            ),
            public_email=f"hello@{domain}" if rng.random() < 0.6 else "",
            verified=rng.random() < 0.7,
            created_at=self.past(900),
        )
        if parent is not None:
            self.plan.org_parent[slug] = parent.slug
        self.plan.organizations.append(org)
        self.plan.org_topics[slug] = topics
        if kind in (Organization.Kind.ANCHOR, Organization.Kind.NATIONAL):
            self.national_orgs.append(org)
        else:
            self.orgs_by_state[city.state].append(org)

    # --- leaders ----------------------------------------------------------------------------
    def leaders(self) -> None:
        rng = self.rng
        emails: set[str] = set()
        pairs = [(f, la) for f in FIRST_NAMES for la in LAST_NAMES]
        rng.shuffle(pairs)
        roles, role_weights = list(ROLE_WEIGHTS), list(ROLE_WEIGHTS.values())
        visibilities = (
            Leader.Visibility.PUBLIC,
            Leader.Visibility.MEMBERS,
            Leader.Visibility.ORGANIZERS,
        )
        for i in range(self.size.leaders):
            first, last = pairs[i % len(pairs)]
            name = f"{first} {last}"
            slug = self.leader_slugs.make(name)
            local = f"{_email_part(first)}.{_email_part(last)}"
            email, n = f"{local}@example.org", 2
            while email in emails:
                email, n = f"{local}{n}@example.org", n + 1
            emails.add(email)
            city = self.city()
            topics = self.topics(1, 3)
            visibility = rng.choices(visibilities, weights=(75, 15, 10))[0]
            lean = city.lean if rng.random() < 0.8 else rng.choice(list(AreaLean.values))
            leader = Leader(
                name=name,
                slug=slug,
                email=email,
                phone=self.phone(city) if rng.random() < 0.7 else "",
                city=city.name,
                state=city.state,
                zip_code=rng.choice(city.zips),
                area_type=city.area_type,
                area_lean=lean,
                bio=self.bio(first, city, topics[0]),
                visibility=visibility,
                source=rng.choice(
                    (Leader.Source.IMPORT, Leader.Source.IMPORT, Leader.Source.STAFF)
                ),
                consent_at=self.past(700) if visibility != Leader.Visibility.ORGANIZERS else None,
                created_at=self.past(900),
            )
            self.plan.leaders.append(leader)
            self.plan.leader_topics[slug] = topics
            count = 1 + (rng.random() < 0.25)
            self.plan.leader_roles[slug] = list(
                dict.fromkeys(rng.choices(roles, weights=role_weights, k=count))
            )
            self.affiliate(slug, city.state)

    def phone(self, city: City) -> str:
        number = 100 + self.phones_used[city.area_code]
        self.phones_used[city.area_code] += 1
        if number >= 1212:
            number += 1  # 555-1212 is directory assistance, not a fictional line
        return f"({city.area_code}) 555-{number % 10000:04d}"

    def bio(self, first: str, city: City, topic: str) -> str:
        rng = self.rng
        opening = rng.choice(BIO_OPENINGS).format(
            first=first,
            city=city.name,
            year=rng.randint(2004, 2023),
            subject=self.subject(topic),
            job=rng.choice(JOBS),
        )
        return f"{opening} {rng.choice(BIO_CLOSINGS)}".strip()

    def affiliate(self, leader_slug: str, state: str) -> None:
        rng = self.rng
        chosen: list[Organization] = []
        for _ in range(rng.choices((0, 1, 2), weights=(25, 50, 25))[0]):
            nearby = self.orgs_by_state.get(state)
            pool = nearby if nearby and rng.random() < 0.8 else self.national_orgs
            if not pool:
                continue
            org = rng.choice(pool)
            if org not in chosen:
                chosen.append(org)
                title = rng.choice(ROLE_TITLES.get(org.kind, DEFAULT_ROLE_TITLES))
                self.plan.affiliations.append((leader_slug, org.slug, title))

    # --- resources --------------------------------------------------------------------------
    def resources(self) -> None:
        rng = self.rng
        kinds = list(Resource.Kind.values)
        providers: dict[str, list[Organization]] = defaultdict(list)
        for org in self.plan.organizations:
            for topic in self.plan.org_topics[org.slug]:
                providers[topic].append(org)
        for i in range(self.size.resources):
            kind = kinds[i % len(kinds)]
            topic = rng.choices(TOPIC_SLUGS, weights=RESOURCE_TOPIC_WEIGHTS)[0]
            subject = self.subject(topic)
            pool = providers.get(topic) or self.plan.organizations
            provider = rng.choice(pool) if pool and rng.random() < 0.85 else None
            scope = provider.scope if provider else GeoScope.NATIONAL
            place = State(provider.state).label if provider and provider.state else "Statewide"
            title = rng.choice(RESOURCE_TITLES[kind]).format(
                subject=subject, Subject=subject[:1].upper() + subject[1:], place=place
            )
            slug = self.resource_slugs.make(title)
            provided_by = provider.name if provider else "A team of network volunteers"
            resource = Resource(
                title=title,
                slug=slug,
                kind=kind,
                scope=scope,
                state=provider.state if provider and scope != GeoScope.NATIONAL else "",
                city=provider.city if provider and scope == GeoScope.LOCAL else "",
                url=f"https://resources.example.org/{slug}",
                description=RESOURCE_DESCRIPTIONS[kind].format(
                    provider=provided_by, subject=subject
                )
                + " "
                + rng.choice(RESOURCE_EXTRAS[kind]),
                created_at=self.past(600),
            )
            self.plan.resources.append(resource)
            extra = [t for t in self.topics(0, 1) if t != topic]
            self.plan.resource_topics[slug] = [topic, *extra]
            if provider:
                self.plan.resource_provider[slug] = provider.slug


def demo_plan(*, size: DemoSize = DEMO_SIZE, seed: int = DEMO_SEED) -> DemoPlan:
    """Build the invented directory for `size` deterministically from `seed` (nothing saved)."""
    planner = _Planner(size, seed)
    planner.organizations()
    planner.leaders()
    planner.resources()
    return planner.plan


def demo_missing(*, plan: DemoPlan) -> DemoPlan:
    """The part of `plan` whose rows are not in the database yet (matched by slug and email)."""
    org_slugs = set(Organization.objects.values_list("slug", flat=True))
    leader_slugs = set(Leader.objects.values_list("slug", flat=True))
    emails = set(Leader.objects.exclude(email="").values_list("email", flat=True))
    resource_slugs = set(Resource.objects.values_list("slug", flat=True))
    leaders = [
        leader
        for leader in plan.leaders
        if leader.slug not in leader_slugs and leader.email not in emails
    ]
    new_leaders = {leader.slug for leader in leaders}
    return DemoPlan(
        organizations=[o for o in plan.organizations if o.slug not in org_slugs],
        org_parent=plan.org_parent,
        org_topics=plan.org_topics,
        leaders=leaders,
        leader_topics=plan.leader_topics,
        leader_roles=plan.leader_roles,
        affiliations=[a for a in plan.affiliations if a[0] in new_leaders],
        resources=[r for r in plan.resources if r.slug not in resource_slugs],
        resource_topics=plan.resource_topics,
        resource_provider=plan.resource_provider,
    )


def _ids(model, slugs: set[str], known: dict[str, int]) -> dict[str, int]:
    missing = slugs - known.keys()
    if missing:
        known.update(model.objects.filter(slug__in=missing).values_list("slug", "pk"))
    return known


def demo_load(*, plan: DemoPlan, batch_size: int = 2000) -> DemoCounts:
    """Insert what of `plan` is missing with bulk inserts in one transaction; counts created.

    Bulk inserts skip model signals, so the public page cache is invalidated explicitly.
    """
    from directory.cache import directory_cache_bump
    from directory.tallies import tallies_fold

    with transaction.atomic():
        todo = demo_missing(plan=plan)
        if not (todo.organizations or todo.leaders or todo.resources):
            return DemoCounts(0, 0, 0, 0)
        topic_ids = dict(Topic.objects.values_list("slug", "pk"))
        role_ids = dict(LeaderRole.objects.values_list("slug", "pk"))

        for org in todo.organizations:
            organization_prepare(org)
        top = [o for o in todo.organizations if o.slug not in plan.org_parent]
        Organization.objects.bulk_create(top, batch_size=batch_size)
        org_ids = {o.slug: o.pk for o in top}
        chapters = [o for o in todo.organizations if o.slug in plan.org_parent]
        _ids(Organization, {plan.org_parent[o.slug] for o in chapters}, org_ids)
        for org in chapters:
            org.parent_id = org_ids.get(plan.org_parent[org.slug])
        Organization.objects.bulk_create(chapters, batch_size=batch_size)
        org_ids.update({o.slug: o.pk for o in chapters})
        OrgTopic = Organization.topics.through
        OrgTopic.objects.bulk_create(
            [
                OrgTopic(organization_id=org.pk, topic_id=topic_ids[t])
                for org in todo.organizations
                for t in plan.org_topics[org.slug]
                if t in topic_ids
            ],
            batch_size=batch_size,
        )

        for leader in todo.leaders:
            leader_prepare(leader)
        Leader.objects.bulk_create(todo.leaders, batch_size=batch_size)
        LeaderTopic, LeaderRoles = Leader.topics.through, Leader.roles.through
        LeaderTopic.objects.bulk_create(
            [
                LeaderTopic(leader_id=leader.pk, topic_id=topic_ids[t])
                for leader in todo.leaders
                for t in plan.leader_topics[leader.slug]
                if t in topic_ids
            ],
            batch_size=batch_size,
        )
        LeaderRoles.objects.bulk_create(
            [
                LeaderRoles(leader_id=leader.pk, leaderrole_id=role_ids[r])
                for leader in todo.leaders
                for r in plan.leader_roles[leader.slug]
                if r in role_ids
            ],
            batch_size=batch_size,
        )
        leader_ids = {leader.slug: leader.pk for leader in todo.leaders}
        _ids(Organization, {a[1] for a in todo.affiliations}, org_ids)
        affiliations = [
            Affiliation(
                leader_id=leader_ids[leader], organization_id=org_ids[org], role_title=title
            )
            for leader, org, title in todo.affiliations
            if org in org_ids
        ]
        Affiliation.objects.bulk_create(affiliations, batch_size=batch_size)

        _ids(
            Organization,
            {
                plan.resource_provider[r.slug]
                for r in todo.resources
                if r.slug in plan.resource_provider
            },
            org_ids,
        )
        for resource in todo.resources:
            resource_prepare(resource)
            provider = plan.resource_provider.get(resource.slug)
            resource.provider_id = org_ids.get(provider) if provider else None
        Resource.objects.bulk_create(todo.resources, batch_size=batch_size)
        ResourceTopic = Resource.topics.through
        ResourceTopic.objects.bulk_create(
            [
                ResourceTopic(resource_id=resource.pk, topic_id=topic_ids[t])
                for resource in todo.resources
                for t in plan.resource_topics[resource.slug]
                if t in topic_ids
            ],
            batch_size=batch_size,
        )
        directory_cache_bump()
    # The triggers counted the bulk inserts (a few hundred changes per batch); folding them now
    # keeps the first reads of a freshly seeded site as cheap as later ones.
    tallies_fold()
    return DemoCounts(
        leaders=len(todo.leaders),
        organizations=len(todo.organizations),
        resources=len(todo.resources),
        affiliations=len(affiliations),
    )
