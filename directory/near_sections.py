"""Sections other apps add to "near me", loaded into the page after it (htmx).

The directory knows none of the apps built on it: events registers "Events nearby" in its
AppConfig.ready(), with the name of a URL that answers the page's own query string
(zip, miles, topic) with an HTML fragment. Loading after the page keeps the near-me page's
queries and cache its own; without JavaScript each section is a plain link to `link_url_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NearSection:
    name: str
    heading: str | Promise
    url_name: str  # the fragment, given ?zip=&miles=&topic=
    link_url_name: str  # the full page for people without JavaScript, same query
    link_text: str | Promise


_sections: dict[str, NearSection] = {}


def near_section_register(*, section: NearSection) -> None:
    """Add (or replace, on a repeated ready()) a section; they show in registration order."""
    _sections[section.name] = section


def near_sections() -> list[NearSection]:
    return list(_sections.values())
