"""Every cached rendering is kept per language: one language's page never reaches another."""

import re
from pathlib import Path

import pytest

from directory.cache import CACHE_HIT_HEADER
from tests.directory.factories import LeaderFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("actlocal", "directory", "events", "campaigns", "toolkits", "surveys", "portal")
CACHE_WRITE = re.compile(r"\bcache\.(set|set_many|add|get_or_set)\(")
RENDERS = re.compile(r"render_to_string|get_template|\.render\(|HttpResponse\b|mark_safe")
# Modules that cache values which are not text shown to people (no language in them).
NOT_TEXT = {
    "actlocal/ratelimit.py": "hit counters",
    "actlocal/importing/jobs.py": "an import's progress numbers",
    "campaigns/admin_imports.py": "an uploaded file between preview and confirm",
    "campaigns/scoreboard.py": "the computed board: plain values, labelled when rendered",
    "campaigns/geography.py": "the names of towns with precincts: data, the same in every language",
}

SPANISH, ENGLISH = "Saltar al contenido", "Skip to content"


def _python_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_module_caching_rendered_text_keys_it_by_language():
    offenders = []
    for path in _python_files():
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        if not CACHE_WRITE.search(source) or name in NOT_TEXT:
            continue
        if RENDERS.search(source) and "cache_language()" not in source:
            offenders.append(name)
        elif not RENDERS.search(source) and name not in NOT_TEXT:
            offenders.append(f"{name} (caches something: add it to NOT_TEXT with why)")
    assert offenders == [], "use actlocal.languages.cache_language() in the key"


def test_no_template_fragment_cache_forgets_the_language():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for tag in re.findall(r"{%\s*cache\s[^%]*%}", path.read_text(encoding="utf-8")):
            if "LANGUAGE_CODE" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert offenders == [], "{% cache %} tags must vary on LANGUAGE_CODE"


def test_the_scan_would_catch_a_key_without_the_language(tmp_path):
    # The check above is only worth something if this pattern is what it looks for.
    offending = 'html = render_to_string("x.html")\ncache.set(f"k:{pk}", html)\n'
    assert CACHE_WRITE.search(offending) and RENDERS.search(offending)
    assert "cache_language()" not in offending


@pytest.mark.django_db
@pytest.mark.parametrize("first,second", [("en", "es"), ("es", "en")])
def test_a_cached_directory_page_is_served_in_each_language(anon_client, first, second):
    LeaderFactory(visibility="public")
    expected = {"en": ENGLISH, "es": SPANISH}
    for language in (first, second, first, second):
        response = anon_client.get("/directory/leaders/", HTTP_ACCEPT_LANGUAGE=language)
        html = response.content.decode()
        other = expected["es" if language == "en" else "en"]
        assert expected[language] in html and other not in html
        assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    # The third and fourth requests came from the cache, each in its own language.
    assert response[CACHE_HIT_HEADER] == "hit"


@pytest.mark.django_db
def test_event_cards_are_cached_per_language(anon_client):
    from tests.events.factories import EventFactory

    EventFactory(title="Town hall", visibility="public")
    english = anon_client.get("/events/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    spanish = anon_client.get("/events/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Town hall" in english and "Town hall" in spanish
    assert '<html lang="es">' in spanish and ENGLISH not in spanish
