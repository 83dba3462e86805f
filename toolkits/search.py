"""Toolkits and documents in the directory's site search (see directory.search_sources)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from directory.search_sources import SearchSource, search_source_register


def register() -> None:
    search_source_register(
        SearchSource(
            key="toolkits",
            label=_("Toolkits"),
            url_name="toolkits:search_fragment",
            list_url_name="toolkits:list",
        )
    )
