"""What a reader sees of a page or a mail, and the English left in it.

Text outside every ⟦…⟧ / ⟪…⟫ (see `pseudo.py`) is either data or a string that never reached a
translator. Data is recognisable by construction: every word the fixtures wrote carries a
leading Δ (see `world.py`), so the checker needs no list of names. What remains after markers,
Δ-words, URLs, addresses and the short list of genuine non-translatables is reported.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime
from html.parser import HTMLParser

from django.conf import settings
from django.conf.locale.es import formats as spanish_formats
from django.utils import translation

from actlocal.geo import State

from .pseudo import CLOSE, OPEN, THIRD_CLOSE, THIRD_OPEN

# Names that read the same in every language. Keep this short: a word belongs here only when
# a Spanish page would show it unchanged.
NON_TRANSLATABLE = {
    "ActLocal",  # the product's name
    "CSV",  # file formats named as such
    "JSON",
    "PDF",
    "SVG",
    "ZIP",
    "iCalendar",
    "Markdown",
    "OpenStreetMap",  # the map's attribution names the project and licence
    "Leaflet",
    "Open",  # "Open States", the legislature data source (with "States" below)
    "States",
    "OCD",  # Open Civic Data division ids shown to staff importing officials
}
# The language switcher names each language in itself ("English", "Español").
_LANGUAGE_NAMES = re.compile(
    "|".join(
        rf"(?<!\w){re.escape(translation.get_language_info(code)['name_local'])}(?!\w)"
        for code, _name in settings.LANGUAGES
    ),
    re.IGNORECASE,  # "español", capitalised in the switcher
)

# Values that are data by nature rather than text: written the same in a Spanish page.
ZONES = zoneinfo.available_timezones()
_US_ZONES = [zoneinfo.ZoneInfo(z) for z in ZONES if z.startswith(("America/", "Pacific/", "US/"))]
ZONE_ABBREVIATIONS = {
    datetime(2026, month, 1, tzinfo=zone).tzname() for zone in _US_ZONES for month in (1, 7)
}
STATE_CODES = set(State.values)  # postal codes in addresses ("Springfield, MA")
# The words Django's Spanish date formats print themselves ("3 de marzo de 2026 a las 10:00").
FORMAT_WORDS = {
    word
    for name in dir(spanish_formats)
    if name.endswith("FORMAT")
    for word in re.findall(r"(?:\\[a-z])+", getattr(spanish_formats, name))
    for word in [word.replace("\\", "")]
}
_DATA_WORDS = ZONE_ABBREVIATIONS | STATE_CODES | FORMAT_WORDS
_ZONE_AREAS = "|".join(sorted({zone.split("/")[0] for zone in ZONES if "/" in zone}))
_ZONE_ID = re.compile(rf"\b(?:{_ZONE_AREAS})/[\w/+-]+")

# Visible attributes: what a screen reader announces or a browser shows on hover or as a hint.
_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "label"}
_INVISIBLE = {"script", "style"}

_MARKED = re.compile(
    f"{re.escape(OPEN)}[^{OPEN}{CLOSE}]*{re.escape(CLOSE)}"
    f"|{re.escape(THIRD_OPEN)}[^{THIRD_OPEN}{THIRD_CLOSE}]*{re.escape(THIRD_CLOSE)}",
    re.S,
)
_NOT_WORDS = re.compile(
    r"\S+@\S+"  # addresses
    r"|\b(?:https?|mailto|tel):\S*"  # links
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|gov|edu|us|test|example)\b\S*"  # bare domains
    r"|\{\{[^{}]*\}\}"  # merge fields, typed as they are in any language
)
_WORD = re.compile(r"(?<![Δ\w])[A-Za-z][A-Za-z'’]*[A-Za-z]")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in _INVISIBLE:
            self._hidden += 1
        # Django's own admin images (the search glass, the yes/no icons) carry English alt text
        # that Django does not translate; nothing of ours to mark there.
        django_image = tag == "img" and "/admin/img/" in (values.get("src") or "")
        for name, value in attrs:
            if value and name in _ATTRIBUTES and not (django_image and name == "alt"):
                self.texts.append(value)
        if tag == "input" and values.get("type") in {"submit", "button", "reset"}:
            self.texts.append(values.get("value") or "")
        if tag == "meta" and (values.get("name") or values.get("property", "")) in {
            "description",
            "og:title",
            "og:description",
            "og:site_name",
            "twitter:title",
            "twitter:description",
        }:
            self.texts.append(values.get("content") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _INVISIBLE:
            self._hidden -= 1

    def handle_endtag(self, tag):
        if tag in _INVISIBLE and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    """Text nodes and the attributes people see or hear, each a separate piece."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser.texts


def unmarked(text: str) -> str:
    """`text` without its translated spans (which may run over several lines)."""
    previous = None
    while previous != text:
        previous, text = text, _MARKED.sub(" ", text)
    return text


def english(text: str, data_words: set[str] = frozenset()) -> list[str]:
    """The words in `text` a Spanish reader would see untranslated (`data_words`: words of
    data the page was asked about, such as the place of a ZIP code)."""
    text = unmarked(text)
    if text.strip().replace(" ", "_") in ZONES:
        return []  # a time zone's name in a time zone menu
    text = _ZONE_ID.sub(" ", _NOT_WORDS.sub(" ", _LANGUAGE_NAMES.sub(" ", text)))
    return [
        word
        for word in _WORD.findall(text)
        if word not in NON_TRANSLATABLE and word not in _DATA_WORDS and word not in data_words
    ]


def findings(pieces: list[str], data_words: set[str] = frozenset()) -> list[str]:
    """Each piece holding English, shortened, once."""
    found: list[str] = []
    for piece in pieces:
        words = english(piece, data_words)
        if words:
            line = " ".join(piece.split())[:140]
            if line not in found:
                found.append(line)
    return found
