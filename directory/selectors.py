"""Read queries shared by the directory's views, the home page, exports and tasks.

List selectors return querysets with everything their cards show already joined or prefetched,
so a page costs the same number of queries for 1 row as for 50.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, Prefetch, Q, QuerySet

from actlocal.collation import ReaderOrder
from actlocal.models import Topic

from .models import Affiliation, Leader, Organization, Resource, visibilities_seen_by
from .tallies import LEADER, ORGANIZATION, tallies_read

SEARCH_MAX_LENGTH = 200
FALLBACK_MAX_WORDS = 8
OVERVIEW_TOP = 5
DETAIL_LIST_LIMIT = 50

LEADER_SEARCH_FIELDS = ("name", "city", "bio")
ORGANIZATION_SEARCH_FIELDS = ("name", "city", "description")
RESOURCE_SEARCH_FIELDS = ("title", "description", "city")

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_FALLBACK_PUNCTUATION = re.compile(r"[\"'()]")
# A "-word" or -"a phrase" outside quotes; quoted segments are matched (and skipped) as a whole.
_NEGATION_OR_QUOTE = re.compile(r'(?<!\S)-("[^"]*"?|[^\s"]+)|"[^"]*"?')
MAX_EXCLUSIONS = 8


def search_text_clean(raw: str | None) -> str:
    """Search box input made safe for any backend: no control characters, bounded length."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _CONTROL_CHARS.sub(" ", text)
    return " ".join(text.split())[:SEARCH_MAX_LENGTH].strip()


def _fallback_words(text: str) -> list[str]:
    # Websearch syntax ("quoted phrases", -exclusions, OR) means nothing to LIKE; keep the words.
    words = []
    for word in _FALLBACK_PUNCTUATION.sub(" ", text).split():
        word = word.lstrip("-")
        if word and word.lower() != "or":
            words.append(word)
    return words[:FALLBACK_MAX_WORDS]


def _both_configs(text: str, search_type: str) -> SearchQuery:
    # Names and places are indexed with the `simple` config; descriptions and bios with
    # `english`, so both are queried: "organizing" must find "organizers" in a bio.
    return SearchQuery(text, config="simple", search_type=search_type) | SearchQuery(
        text, config="english", search_type=search_type
    )


def _excluded_terms(text: str) -> list[tuple[str, str]]:
    """[(term, search_type)] for every -word and -"phrase" of a web-search query."""
    terms = []
    for match in _NEGATION_OR_QUOTE.finditer(text):
        term = match.group(1)
        if term is None:
            continue
        if term.startswith('"'):
            terms.append((term.strip('"'), "phrase"))
        else:
            terms.append((term, "plain"))
    return [(term, kind) for term, kind in terms if term.strip()][:MAX_EXCLUSIONS]


def _matching(queryset: QuerySet, *, text: str, fields: Iterable[str]) -> QuerySet:
    """Rows matching the cleaned search text: full text on PostgreSQL, LIKE per word elsewhere."""
    if settings.IS_POSTGRES:
        queryset = queryset.filter(search_vector=_both_configs(text, "websearch"))
        # Either config alone may satisfy "-word" (the other stores a different form of the
        # word), so exclusions are applied in both forms explicitly.
        for term, search_type in _excluded_terms(text):
            queryset = queryset.exclude(search_vector=_both_configs(term, search_type))
        return queryset
    words = _fallback_words(text)
    if not words:
        return queryset.none()
    for word in words:
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


def _best_first(queryset: QuerySet, *, text: str, ordering: Iterable[str]) -> QuerySet:
    """`queryset` best match first on PostgreSQL (its own order elsewhere)."""
    if not settings.IS_POSTGRES:
        return queryset
    rank = SearchRank(F("search_vector"), _both_configs(text, "websearch"))
    return queryset.annotate(rank=rank).order_by("-rank", *ordering)


def _search(
    queryset: QuerySet, *, query: str, fields: Iterable[str], ordering: Iterable[str]
) -> QuerySet:
    """Full-text search on PostgreSQL (best match first), word-by-word LIKE elsewhere."""
    text = search_text_clean(query)
    if not text:
        return queryset
    return _best_first(_matching(queryset, text=text, fields=fields), text=text, ordering=ordering)


def text_search(
    queryset: QuerySet, *, query: str, fields: Iterable[str], ordering: Iterable[str]
) -> QuerySet:
    """The directory's search for other apps' rows with a `search_vector` (same ranking)."""
    return _search(queryset, query=query, fields=fields, ordering=ordering)


# --- Bounded search --------------------------------------------------------------------------
# A common word matches a share of the whole network, so ranking and counting every match
# would cost more as the network grows. A directory search therefore ranks and counts at most
# SEARCH_MATCH_LIMIT matches (plus one, to know there are more), as search engines cap their
# hit counts: the page then says "more than 1,000" and offers the filters to narrow it.

SEARCH_MATCH_LIMIT = 1000


@dataclass(frozen=True)
class SearchSpec:
    """How one kind of row is searched: the fields of the fallback and the order of ties."""

    fields: tuple[str, ...]
    ordering: tuple[str, ...]


LEADER_SEARCH = SearchSpec(LEADER_SEARCH_FIELDS, ("name", "id"))
ORGANIZATION_SEARCH = SearchSpec(ORGANIZATION_SEARCH_FIELDS, ("name", "id"))
RESOURCE_SEARCH = SearchSpec(RESOURCE_SEARCH_FIELDS, ("title", "id"))


def search_matching(*, queryset: QuerySet, query: str, spec: SearchSpec) -> QuerySet:
    """The rows of `queryset` that match the search box text, unordered and unranked."""
    text = search_text_clean(query)
    if not text:
        return queryset
    return _matching(queryset, text=text, fields=spec.fields)


def search_bounded(
    *,
    queryset: QuerySet,
    matches: QuerySet,
    query: str,
    spec: SearchSpec,
) -> QuerySet:
    """At most SEARCH_MATCH_LIMIT + 1 of `matches` (every filter already applied), best match
    first, as rows of `queryset` (which must re-apply who may see what: it is the outer query).

    The inner query takes the first SEARCH_MATCH_LIMIT + 1 matches the index finds, unranked,
    so its work stops there however many rows match; only those are ranked. When more match,
    `search_capped(count)` is true and pages say so instead of a total.
    """
    text = search_text_clean(query)
    if not text:
        return matches
    first = matches.order_by().values("pk")[: SEARCH_MATCH_LIMIT + 1]
    bounded = queryset.filter(pk__in=first)
    return _best_first(bounded, text=text, ordering=spec.ordering)


def search_counted(*, matches: QuerySet) -> QuerySet:
    """The first SEARCH_MATCH_LIMIT + 1 of `matches` (every filter applied), to count: its
    `.count()` stops there however many rows match."""
    return matches.order_by().values("pk")[: SEARCH_MATCH_LIMIT + 1]


def search_capped(count: int) -> bool:
    """Whether a bounded search's count (at most SEARCH_MATCH_LIMIT + 1) means "more"."""
    return count > SEARCH_MATCH_LIMIT


# --- Leaders ---------------------------------------------------------------------------------


def leaders_visible(*, user) -> QuerySet[Leader]:
    """Leaders `user` may see, in directory order, without the heavy search column."""
    return Leader.objects.visible_to(user).defer("search_vector").order_by("name", "id")


def leader_list(*, user) -> QuerySet[Leader]:
    """Visible leaders with what a leader card shows: roles, topics, organizations."""
    # Cards never show private or long fields; not loading them keeps list pages light and
    # means a template mistake cannot leak what was never fetched.
    return (
        leaders_visible(user=user)
        .defer("email", "phone", "bio")
        .prefetch_related(
            "roles",
            "topics",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organization")
                .only("id", "leader_id", "role_title", "organization__name", "organization__slug")
                .order_by("organization__name", "id"),
            ),
        )
    )


def leader_search(*, queryset: QuerySet[Leader], query: str) -> QuerySet[Leader]:
    """Leaders matching the search box text, best match first on PostgreSQL."""
    return _search(queryset, query=query, fields=LEADER_SEARCH_FIELDS, ordering=("name", "id"))


def leader_get_visible(*, user, slug: str) -> Leader | None:
    """One leader with everything its page shows, or None if `user` may not see it."""
    return (
        leaders_visible(user=user)
        .prefetch_related(
            "roles",
            "topics",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organization").order_by(
                    "organization__name", "id"
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )


# --- Organizations ---------------------------------------------------------------------------


def organization_list() -> QuerySet[Organization]:
    """Organizations with their parent and topics, in directory order."""
    return (
        Organization.objects.defer("search_vector")
        .select_related("parent")
        .prefetch_related("topics")
        .order_by("name", "id")
    )


def organization_search(*, queryset: QuerySet[Organization], query: str) -> QuerySet[Organization]:
    """Organizations matching the search box text, best match first on PostgreSQL."""
    return _search(
        queryset, query=query, fields=ORGANIZATION_SEARCH_FIELDS, ordering=("name", "id")
    )


def organization_get(*, slug: str) -> Organization | None:
    return organization_list().filter(slug=slug).first()


def organization_chapters(*, organization: Organization) -> QuerySet[Organization]:
    return organization.chapters.defer("search_vector").order_by("state", "name", "id")


def organization_resources(*, organization: Organization) -> QuerySet[Resource]:
    return organization.resources.defer("search_vector").order_by("title", "id")


def organization_affiliations(*, organization: Organization, user) -> QuerySet[Affiliation]:
    """The organization's affiliations whose leader `user` may see, leaders joined."""
    return (
        Affiliation.objects.filter(
            organization=organization, leader__in=Leader.objects.visible_to(user)
        )
        .select_related("leader")
        .defer("leader__search_vector")
        .order_by("leader__name", "leader__id")
    )


# --- Resources -------------------------------------------------------------------------------


def resource_list() -> QuerySet[Resource]:
    """Resources with their provider and topics, in directory order."""
    return (
        Resource.objects.defer("search_vector")
        .select_related("provider")
        .prefetch_related("topics")
        .order_by("title", "id")
    )


def resource_search(*, queryset: QuerySet[Resource], query: str) -> QuerySet[Resource]:
    """Resources matching the search box text, best match first on PostgreSQL."""
    return _search(queryset, query=query, fields=RESOURCE_SEARCH_FIELDS, ordering=("title", "id"))


def resource_get(*, slug: str) -> Resource | None:
    return resource_list().filter(slug=slug).first()


# --- Overview and home page ------------------------------------------------------------------


def directory_counts() -> dict[str, int]:
    """Headline numbers for the home page: public leaders, organizations, resources."""
    return {
        "leaders": Leader.objects.filter(visibility=Leader.Visibility.PUBLIC).count(),
        "organizations": Organization.objects.count(),
        "resources": Resource.objects.count(),
    }


def featured_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(featured=True).order_by(ReaderOrder("name"), "id")


def topics_with_resource_counts() -> QuerySet[Topic]:
    """Every topic with how many resources it has, featured topics first."""
    return Topic.objects.annotate(resource_count=Count("resources")).order_by("-featured", "name")


def topics_matching(*, query: str, limit: int = 8) -> QuerySet[Topic]:
    """Topics whose name contains the search text, so a search for 'voting' offers the topic."""
    text = search_text_clean(query)
    if not text:
        return Topic.objects.none()
    return Topic.objects.filter(name__icontains=text).order_by("name")[:limit]


def kind_counts(queryset: QuerySet, choices, *, counts: dict[str, int] | None = None) -> list[dict]:
    """[{'value', 'label', 'count'}] for every kind that has rows, in the choices' order;
    counted from `queryset` unless the `counts` per kind are known (from the tallies)."""
    if counts is None:
        counts = {
            row["kind"]: row["n"]
            for row in queryset.order_by().values("kind").annotate(n=Count("id"))
        }
    return [
        {"value": value, "label": label, "count": counts[value]}
        for value, label in choices
        if counts.get(value)
    ]


def _search_group(*, queryset: QuerySet, query: str, spec: SearchSpec, top: int) -> dict:
    """One kind's part of the overview: its bounded count (and whether it was capped), and the
    best few of its bounded, ranked matches."""
    matches = search_matching(queryset=queryset, query=query, spec=spec)
    found = search_counted(matches=matches).count()
    ranked = search_bounded(queryset=queryset, matches=matches, query=query, spec=spec)
    return {
        "count": min(found, SEARCH_MATCH_LIMIT),
        "capped": search_capped(found),
        "top": list(ranked[:top]),
    }


def directory_search(*, user, query: str, top: int = OVERVIEW_TOP) -> dict:
    """The overview's grouped results: the best few of each kind and how many there are (up
    to SEARCH_MATCH_LIMIT; `capped` when more match)."""
    organizations = Organization.objects.defer("search_vector").order_by("name", "id")
    resources = (
        Resource.objects.defer("search_vector").select_related("provider").order_by("title", "id")
    )
    return {
        "leaders": _search_group(
            queryset=leaders_visible(user=user), query=query, spec=LEADER_SEARCH, top=top
        ),
        "organizations": _search_group(
            queryset=organizations, query=query, spec=ORGANIZATION_SEARCH, top=top
        ),
        "resources": _search_group(queryset=resources, query=query, spec=RESOURCE_SEARCH, top=top),
        "topics": list(topics_matching(query=query)),
    }


def directory_summary(*, user) -> dict:
    """The overview without a search: counts, kinds and topics to browse by.

    Leaders and organizations are counted from the tallies (the same work at any size), for
    the visibilities `user` may see; where none are kept (SQLite), live."""
    tallies = tallies_read()
    if tallies is None:
        leader_count = Leader.objects.visible_to(user).count()
        organization_counts = None
    else:
        leader_count = tallies.count(subject=LEADER, facets=visibilities_seen_by(user))
        organization_counts = tallies.by_facet(subject=ORGANIZATION)
    organization_kinds = kind_counts(
        Organization.objects.all(), Organization.Kind.choices, counts=organization_counts
    )
    resource_kinds = kind_counts(Resource.objects.all(), Resource.Kind.choices)
    return {
        "leader_count": leader_count,
        "organization_count": sum(k["count"] for k in organization_kinds),
        "resource_count": sum(k["count"] for k in resource_kinds),
        "organization_kinds": organization_kinds,
        "resource_kinds": resource_kinds,
        "topics": list(topics_with_resource_counts()),
    }


def page_rows(*, queryset: QuerySet, title_field: str) -> QuerySet:
    """A list page's rows without joins or prefetches: the cards carry everything else, mostly
    from the cache; only the rows of missing cards are loaded again (`rows_by_pks`)."""
    return queryset.prefetch_related(None).select_related(None).only("id", title_field)


def rows_by_pks(*, queryset: QuerySet, pks: Iterable[int]) -> QuerySet:
    """The rows of `queryset` with these primary keys, with the queryset's joins (for cards)."""
    return queryset.filter(pk__in=pks)


def first_rows_and_count(*, queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` rows and the total, for a detail page's "N of M" lists."""
    return list(queryset[:limit]), queryset.count()


def leader_contactable_get(*, user, slug: str) -> Leader | None:
    """The leader `user` may write to (visible to them, with an email), with only the fields
    the contact page needs; None otherwise."""
    return (
        Leader.objects.visible_to(user)
        .exclude(email="")
        .filter(slug=slug)
        .only("id", "name", "slug", "email", "user_id", "visibility")
        .first()
    )


def topics_by_name() -> QuerySet[Topic]:
    """Every topic, by name: the choices of a topic filter."""
    return Topic.objects.order_by(ReaderOrder("name"), "id")


def leaders_choosable(*, user) -> QuerySet[Leader]:
    """Every leader `user` may pick in a form (a facilitator, a campaign leader): those they
    can see, unordered, for the form field's validation."""
    return Leader.objects.visible_to(user)


def leader_choices(
    *,
    choosable: QuerySet[Leader],
    find: str,
    state: str | None,
    limit: int,
    wanted: Iterable[int] = (),
    fields: tuple[str, ...] = ("id", "name"),
) -> tuple[list[Leader], bool]:
    """The leaders a select lists: a name search, else those of `state` (all when None), capped
    at `limit` so a large directory stays a usable page, plus the `wanted` ones already chosen.
    Returns them and whether the cap cut the list."""
    listed_rows = choosable.only(*fields).order_by("name", "id")
    if find:
        listed_rows = listed_rows.filter(name__icontains=find)
    elif state is not None:
        listed_rows = listed_rows.filter(state=state)
    listed = list(listed_rows[: limit + 1])
    truncated = len(listed) > limit
    listed = listed[:limit]
    seen = {leader.pk for leader in listed}
    missing = [pk for pk in wanted if pk not in seen]
    if missing:
        listed += list(choosable.filter(pk__in=missing).only(*fields).order_by("name"))
    return listed, truncated


def organization_logo_name(*, slug: str) -> str:
    """The storage name of an organization's logo ("" when it has none)."""
    return Organization.objects.filter(slug=slug).values_list("logo_image", flat=True).first() or ""
