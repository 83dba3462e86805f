"""Extra result groups for the directory's site search, contributed by higher apps.

The directory cannot import the apps built on it, so they register here (in their
AppConfig.ready). The overview shows one more card per source, whose results are loaded from
the source's own URL (`url_name`, given `?q=`), so the directory's own results and their
queries stay exactly as they are; without JavaScript the card is a link to the source's search.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str | Promise
    # URL name of a view that answers `?q=` with an HTML fragment of the best few matches.
    url_name: str
    # URL name of the source's own list page, which takes the same `?q=` (no-JavaScript link).
    list_url_name: str


_SOURCES: dict[str, SearchSource] = {}


def search_source_register(source: SearchSource) -> None:
    """Add (or replace, by key) a search source; called from an AppConfig.ready()."""
    _SOURCES[source.key] = source


def search_sources() -> list[SearchSource]:
    return list(_SOURCES.values())
