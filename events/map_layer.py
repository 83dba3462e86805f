"""Events on the directory's zoomable map: published public events still to come, never an
invite-only one, a draft or a kit (Event.objects.listed(), the public list's own rule)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from actlocal.models import Topic
from directory.map_layers import MapLayer, map_layer_register

from .models import Event


def public_events(topic: Topic | None) -> QuerySet:
    queryset = (
        Event.objects.listed().upcoming().filter(latitude__isnull=False, longitude__isnull=False)
    )
    return queryset.filter(topics=topic) if topic is not None else queryset


def register() -> None:
    map_layer_register(
        layer=MapLayer(
            name="event", label=_("Public events"), rows=public_events, url_name="events:detail"
        )
    )
