"""What static/js/map.js needs, shared by every page with a map (the directory's, near me, an
event's page): the tile source. Its words come from the translation catalog (/jsi18n/)."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def map_config() -> dict[str, Any]:
    """What static/js/map.js needs: the tile source and its attribution."""
    return {"tileUrl": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}
