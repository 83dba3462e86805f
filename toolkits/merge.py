"""Merge fields: `{{ event.title }}` in a template, filled in a sandbox.

Not Django's or Jinja's template language on purpose: those can call methods, follow relations,
load tag libraries and include other templates, which is exactly what a text written by one
person and rendered with another person's data must never do. Here the only construct is
`{{ name.field }}`; its value comes from a flat dict of strings the caller built (no object is
ever handed to the renderer, so no attribute can be reached); a field the place does not
document, or one without a value, becomes a visible blank; everything else, `{% ... %}`
included, stays literal text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Tolerant of spaces, strict about names: lower-case words joined by exactly one dot.
FIELD_PATTERN = re.compile(r"\{\{\s*([a-z][a-z_]{0,30}\.[a-z][a-z_]{0,30})\s*\}\}")
# Markdown punctuation a value must not bring into a document (a link, emphasis, a heading).
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")

FIELDS: dict[str, object] = {
    "leader.first_name": _("the recipient's first name"),
    "leader.name": _("the recipient's full name"),
    "event.title": _("the event's title"),
    "event.starts_at": _("when the event starts (date and time)"),
    "event.place": _("where the event is (venue and address, or 'online')"),
    "event.url": _("the event page's address"),
    "event.host": _("the host organization"),
    "campaign.title": _("the campaign's title"),
    "campaign.ask": _("the campaign's hard ask"),
    "campaign.url": _("the campaign page's address"),
    "official.name": _("the official's name"),
    "official.title": _("the official's office (body and district)"),
    "official.stance": _("the official's current stance"),
    "sender.name": _("the name of the person sending the text"),
    "meeting.date": _("the date of the constituent meeting"),
}


@dataclass(frozen=True)
class Place:
    label: object
    fields: tuple[str, ...]


_EVENT = ("event.title", "event.starts_at", "event.place", "event.url", "event.host")
_CAMPAIGN = ("campaign.title", "campaign.ask", "campaign.url")
_OFFICIAL = ("official.name", "official.title", "official.stance")

PLACES: dict[str, Place] = {
    "event_invitation": Place(
        _("Event invitation"), ("leader.first_name", "leader.name", *_EVENT, "sender.name")
    ),
    "event_reminder": Place(_("Event reminder"), ("leader.first_name", "leader.name", *_EVENT)),
    "dinner_invitation": Place(
        _("Follow-up dinner invitation"),
        ("leader.first_name", "leader.name", *_EVENT, "sender.name"),
    ),
    "campaign_script": Place(_("Campaign script"), (*_CAMPAIGN, *_OFFICIAL)),
    "thank_you": Place(
        _("Thank-you note after a meeting"),
        (*_OFFICIAL, *_CAMPAIGN, "meeting.date", "sender.name"),
    ),
    "letter": Place(
        _("Letter to the editor or op-ed"), (*_CAMPAIGN, "official.name", "sender.name")
    ),
}


def place_choices() -> list[tuple[str, object]]:
    return [(key, place.label) for key, place in PLACES.items()]


def place_fields(*, place: str) -> list[tuple[str, object]]:
    """The fields a template for `place` may use, with what each one holds (for the editor)."""
    known = PLACES.get(place)
    return [(name, FIELDS[name]) for name in known.fields] if known else []


def merge_places() -> list[tuple[object, list[tuple[str, object]]]]:
    """Every place with its fields, for the list shown next to the template editor."""
    return [(place.label, place_fields(place=key)) for key, place in PLACES.items()]


def merge_blank(name: str) -> str:
    """What a field without a value shows: a blank a person sees and fills by hand."""
    return f"[____ {name} ____]"


def merge_unknown_fields(*, text: str, place: str) -> list[str]:
    """Fields `text` uses that `place` does not document (they will render as blanks)."""
    allowed = set(PLACES[place].fields) if place in PLACES else set()
    seen: list[str] = []
    for name in FIELD_PATTERN.findall(text or ""):
        if name not in allowed and name not in seen:
            seen.append(name)
    return seen


def merge_render(
    *, text: str, place: str, values: Mapping[str, object], markdown: bool = False
) -> str:
    """`text` with the documented fields of `place` replaced by `values`; the rest left blank.

    Values are turned into plain strings here; with `markdown=True` their Markdown punctuation is
    escaped, so a name cannot become a link or a heading once the result is rendered as Markdown
    (which then sanitizes it like any document).
    """
    allowed = set(PLACES[place].fields) if place in PLACES else set()

    def fill(match: re.Match) -> str:
        name = match.group(1)
        value = values.get(name) if name in allowed else None
        shown = "" if value is None else str(value).strip()
        if not shown:
            return merge_blank(name)
        return MARKDOWN_SPECIALS.sub(r"\\\1", shown) if markdown else shown

    return FIELD_PATTERN.sub(fill, text or "")
