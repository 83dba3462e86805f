"""Lists of names with a Spanish version are sorted in the reader's language and alphabet:
Spanish readers by the Spanish name (á with a, ñ after n), everyone else by the original under
English rules; in the database, on PostgreSQL and on SQLite alike."""

import re
import sqlite3
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation

from actlocal.collation import COLLATIONS, register_sqlite_collations, sort_key
from actlocal.models import Topic
from directory.models import LeaderRole

pytestmark = pytest.mark.django_db

# (English name, Spanish name or "" for none)
TOPICS = [
    ("Zoning appeals", ""),
    ("Wildlife of rheas", "Ñandúes y fauna"),
    ("Local scope", "Ámbito local"),
    ("Housing co-ops", "Vivienda cooperativa"),
    ("Nutrition labels", "Nutrición escolar"),
    ("Élite schools", "Escuelas de élite"),
    ("Aquifer care", "Agua subterránea"),
]
ENGLISH_ORDER = [
    "Aquifer care",
    "Élite schools",  # with the E's, not after "Z" as in byte order
    "Housing co-ops",
    "Local scope",
    "Nutrition labels",
    "Wildlife of rheas",
    "Zoning appeals",
]
SPANISH_ORDER = [
    "Agua subterránea",
    "Ámbito local",  # á sorts with a
    "Escuelas de élite",
    "Nutrición escolar",
    "Ñandúes y fauna",  # ñ is its own letter, after n
    "Vivienda cooperativa",
    "Zoning appeals",  # no Spanish name: the original, in its place
]


@pytest.fixture
def topics():
    return [
        Topic.objects.create(name=name, name_es=name_es, slug=f"order-{i}")
        for i, (name, name_es) in enumerate(TOPICS)
    ]


def _options(html: str, select_name: str, wanted: list[str]) -> list[str]:
    select = re.search(rf'<select name="{select_name}".*?</select>', html, re.S)[0]
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    return [label for label in labels if label in wanted]


def _leaders_page(language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    return client.get("/directory/leaders/").content.decode()


@pytest.mark.usefixtures("topics")
def test_a_spanish_reader_sees_topics_in_spanish_alphabetical_order():
    html = _leaders_page("es")
    assert _options(html, "topic", SPANISH_ORDER) == SPANISH_ORDER


@pytest.mark.usefixtures("topics")
def test_an_english_reader_sees_topics_in_english_alphabetical_order():
    html = _leaders_page("en")
    assert _options(html, "topic", ENGLISH_ORDER) == ENGLISH_ORDER


def test_leader_roles_follow_the_readers_language_too():
    for i, (name, name_es) in enumerate(TOPICS):
        LeaderRole.objects.create(name=name, name_es=name_es, slug=f"role-order-{i}")
    assert _options(_leaders_page("es"), "role", SPANISH_ORDER) == SPANISH_ORDER
    assert _options(_leaders_page("en"), "role", ENGLISH_ORDER) == ENGLISH_ORDER


def _names(queryset) -> list[str]:
    return [str(topic) for topic in queryset if topic.slug.startswith("order-")]


@pytest.mark.usefixtures("topics")
def test_the_models_default_order_is_decided_when_the_query_runs():
    queryset = Topic.objects.all()  # built once, like a form field's queryset at import
    with translation.override("es"):
        assert _names(queryset.all()) == SPANISH_ORDER
        assert _names(queryset.reverse()) == SPANISH_ORDER[::-1]
    with translation.override("en"):
        assert _names(queryset.all()) == ENGLISH_ORDER


@pytest.mark.usefixtures("topics")
def test_ordering_through_a_relation_uses_the_related_names_in_the_readers_language():
    from directory.models import Leader
    from tests.directory.factories import LeaderFactory

    by_slug = {topic.slug: topic for topic in Topic.objects.filter(slug__startswith="order-")}
    for slug, topic in by_slug.items():
        LeaderFactory(name=f"Leader {slug}", topics=[topic])
    leaders = Leader.objects.filter(topics__slug__startswith="order-").order_by("topics")
    with translation.override("es"):
        spanish = [str(leader.topics.get()) for leader in leaders]
    assert spanish == SPANISH_ORDER


def test_sqlite_gets_collations_of_the_same_names_with_the_same_rules():
    assert COLLATIONS == {"en": "en-x-icu", "es": "es-x-icu"}
    raw = sqlite3.connect(":memory:")
    register_sqlite_collations(
        sender=None, connection=SimpleNamespace(vendor="sqlite", connection=raw)
    )
    raw.execute("CREATE TABLE t (en TEXT, es TEXT)")
    rows = zip(ENGLISH_ORDER[::-1], SPANISH_ORDER[::-1], strict=True)
    raw.executemany("INSERT INTO t VALUES (?, ?)", list(rows))

    spanish = raw.execute('SELECT es FROM t ORDER BY es COLLATE "es-x-icu"').fetchall()
    english = raw.execute('SELECT en FROM t ORDER BY en COLLATE "en-x-icu"').fetchall()

    assert [row[0] for row in spanish] == SPANISH_ORDER
    assert [row[0] for row in english] == ENGLISH_ORDER


def test_the_sqlite_key_puts_enye_after_every_n_word_and_ignores_accents_and_case():
    words = ["ñu", "Nutria", "nz", "o", "árbol", "Abeja", "azul"]
    assert sorted(words, key=lambda w: sort_key(w, "es")) == [
        "Abeja",
        "árbol",
        "azul",
        "Nutria",
        "nz",
        "ñu",
        "o",
    ]
    # English has no ñ letter: it sorts as an n.
    assert sorted(["ñu", "nz", "Nutria"], key=lambda w: sort_key(w, "en")) == ["ñu", "Nutria", "nz"]
