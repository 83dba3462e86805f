"""The zoomable national map's data: clusters, or points when zoomed in, for a box."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ..map_clusters import MAX_ZOOM, Box, box_clamped, is_finite, map_clusters
from ..map_layers import map_layers
from ..models import Organization
from .maps import _form_errors, _topic_field

# The same for every visitor (public things only), so shared caches may keep it briefly.
MAX_AGE = 60


class BoxField(forms.Field):
    """ "west,south,east,north" in degrees, as Leaflet's bounds.toBBoxString() writes it."""

    default_error_messages = {
        "invalid": gettext_lazy(
            "The map area must be four numbers: west, south, east, north (e.g. -75,40,-70,43)."
        ),
        "empty": gettext_lazy("The map area has no width or height."),
    }

    def to_python(self, value: Any) -> Box | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 120:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not is_finite(west, south, east, north):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        box = box_clamped(west, south, east, north)
        if box.west >= box.east or box.south >= box.north:
            raise forms.ValidationError(self.error_messages["empty"], code="empty")
        return box


class MapClustersForm(forms.Form):
    bbox = BoxField(
        label=gettext_lazy("Map area"),
        error_messages={"required": gettext_lazy("Give the map area (bbox).")},
    )
    zoom = forms.IntegerField(
        label=gettext_lazy("Zoom"),
        min_value=0,
        max_value=MAX_ZOOM,
        error_messages={
            "required": gettext_lazy("Give the map's zoom level."),
            "invalid": gettext_lazy("The zoom level must be a whole number."),
            "min_value": gettext_lazy("The zoom level must be 0 or more."),
            "max_value": gettext_lazy("The zoom level must be %(limit_value)s or less."),
        },
    )
    topic = _topic_field()
    kind = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Everything")),
            *((layer.name, layer.label) for layer in map_layers()),
            *Organization.Kind.choices,
        ]
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Unknown kind “%(value)s”. Choose one from the list."
        )

    def layers(self) -> tuple[list[str] | None, str]:
        """(layer names or None for all, organization kind) for the chosen `kind`."""
        kind = self.cleaned_data.get("kind", "")
        if not kind:
            return None, ""
        if kind in {layer.name for layer in map_layers()}:
            return [kind], ""
        return ["organization"], kind


@require_GET
def map_clusters_geojson(request: HttpRequest) -> JsonResponse:
    """Clusters (or points from POINTS_ZOOM) of public places in ?bbox= at ?zoom=, capped."""
    form = MapClustersForm(request.GET)
    if not form.is_valid():
        errors = _form_errors(form)
        first = next(iter(errors.values()))[0]
        response = JsonResponse(
            {"error": first, "errors": errors},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Cache-Control"] = "no-store"
        return response
    data = form.cleaned_data
    layer_names, organization_kind = form.layers()
    payload = map_clusters(
        box=data["bbox"],
        zoom=data["zoom"],
        topic=data["topic"],
        layer_names=layer_names,
        organization_kind=organization_kind,
    )
    response = JsonResponse(
        payload, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
