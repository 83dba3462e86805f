"""What static/js/map.js needs, shared by every page with a map (the directory's, near me, an
event's page): the tile source and the script's words in the visitor's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _


def map_config() -> dict[str, Any]:
    """What static/js/map.js needs: the tile source and its words, in the visitor's language."""
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
        "labels": {
            "leader": _("Leader"),
            "organization": _("Organization"),
            "event": _("Event"),
            "loading": _("Loading the map…"),
            "failed": _("The map could not load its places. Every place is listed below."),
            "none": _("No places with a known location to show on the map."),
            # {count} is replaced in the browser.
            "shownOne": _("1 place on the map. It is also listed below."),
            "shown": _("{count} places on the map. Every place is also listed below."),
            "more": _("and {count} more here: see the list below the map."),
            # {organizations} and {leaders} are replaced in the browser.
            "stateCounts": _("{organizations} organizations, {leaders} leaders"),
            "showState": _("Show this state"),
            "states": _("Counts for {count} states on the map. Every state is also listed below."),
        },
    }
