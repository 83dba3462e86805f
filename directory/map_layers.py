"""What the zoomable national map may place: only public things, from whichever app owns them.

The directory places public, consented leaders and organizations itself; apps built on it add
their own layer in AppConfig.ready() (events: published public events still to come). A layer
is a queryset of located rows with a title, a slug and a city, and the name of the detail page;
it must hold only what anyone may see, because the clusters are the same for every visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from actlocal.models import Topic

from .models import Leader, Organization


@dataclass(frozen=True)
class MapLayer:
    name: str
    label: str | Promise
    # The layer's rows for an optional topic, annotated with `title` and having `slug`,
    # `city`, `state`, `latitude`, `longitude`.
    rows: Callable[[Topic | None], QuerySet]
    url_name: str  # the detail page, reversed with slug=


_layers: dict[str, MapLayer] = {}


def map_layer_register(*, layer: MapLayer) -> None:
    """Add (or replace, on a repeated ready()) a layer; they draw in registration order."""
    _layers[layer.name] = layer


def map_layers() -> list[MapLayer]:
    return list(_layers.values())


def _with_topic(queryset: QuerySet, topic: Topic | None) -> QuerySet:
    return queryset.filter(topics=topic) if topic is not None else queryset


def public_leaders(topic: Topic | None) -> QuerySet:
    """Leaders who chose a public profile; the database refuses one without recorded consent,
    and the consent is checked here too so no other path can weaken it."""
    queryset = Leader.objects.filter(
        visibility=Leader.Visibility.PUBLIC,
        consent_at__isnull=False,
        latitude__isnull=False,
        longitude__isnull=False,
    )
    return _with_topic(queryset, topic).annotate(title=F("name"))


def organizations(topic: Topic | None) -> QuerySet:
    queryset = Organization.objects.filter(latitude__isnull=False, longitude__isnull=False)
    return _with_topic(queryset, topic).annotate(title=F("name"))


def register_directory_layers() -> None:
    map_layer_register(
        layer=MapLayer(
            name="leader",
            label=_("Leaders"),
            rows=public_leaders,
            url_name="directory:leader_detail",
        )
    )
    map_layer_register(
        layer=MapLayer(
            name="organization",
            label=_("Organizations"),
            rows=organizations,
            url_name="directory:organization_detail",
        )
    )
