"""The public events list's filters: state, kind, topic and "near a ZIP code within N miles".

Every value arrives in the URL, so every filter validates it: an unknown state, kind, topic, a
ZIP code we do not know or a distance we do not offer is a form error the page shows (status
400), never a silent no-op and never a 500.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.filters import FastFilterSet
from actlocal.geo import State, ZipPlace, bounding_box, distance_miles, normalize_zip, zip_place
from actlocal.geo_sql import great_circle_miles
from actlocal.models import Topic
from actlocal.widgets import FrozenChoices

from .models import Event

DEFAULT_MILES = 25


def _miles_label(miles: int, default: bool = False) -> str:
    if default:
        return gettext("%(miles)s miles (default)") % {"miles": miles}
    return gettext("%(miles)s miles") % {"miles": miles}


miles_label = lazy(_miles_label, str)
MILES_CHOICES = FrozenChoices((str(m), miles_label(m)) for m in (5, 10, 25, 50, 100))


def _invalid(message) -> dict:
    return {"invalid_choice": message}


class ZipField(forms.CharField):
    """A five-digit US ZIP code (ZIP+4 accepted) that our offline dataset knows."""

    default_error_messages = {
        "unknown": _("“%(value)s” is not a US ZIP code we know. Enter five digits, e.g. 02139."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        code = normalize_zip(value)
        if code is None or zip_place(code) is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value[:12]}
            )
        return code


class ZipFilter(django_filters.CharFilter):
    field_class = ZipField


class EventFilterForm(forms.Form):
    def clean(self) -> dict:
        data = super().clean()
        if data.get("miles") and not data.get("zip") and "zip" not in self.errors:
            self.add_error("zip", _("Enter a ZIP code to search by distance."))
        return data


class EventFilter(FastFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=FrozenChoices(State.choices),
        empty_label=_("Any state"),
        error_messages=_invalid(_("“%(value)s” is not a US state code we know.")),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"),
        choices=FrozenChoices(Event.Kind.choices),
        empty_label=_("Any kind"),
        error_messages=_invalid(_("“%(value)s” is not a kind of event. Choose one from the list.")),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        to_field_name="slug",
        empty_label=_("Any topic"),
        error_messages=_invalid(_("There is no topic “%(value)s”. Choose one from the list.")),
    )
    zip = ZipFilter(
        label=_("Near ZIP code"),
        method="filter_near",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 10}
        ),
    )
    miles = django_filters.ChoiceFilter(
        label=_("Within"),
        choices=MILES_CHOICES,
        empty_label=miles_label(DEFAULT_MILES, default=True),
        method="filter_nothing",
        error_messages=_invalid(
            _("“%(value)s” is not a distance we offer. Choose one from the list.")
        ),
    )

    class Meta:
        form = EventFilterForm

    origin: ZipPlace | None = None

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # read by filter_near

    def filter_near(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Events whose (ZIP centroid) location lies within the chosen distance of the ZIP."""
        origin = zip_place(value)
        if origin is None:  # the field validated it; this only guards a changed dataset
            return queryset.none()
        self.origin = origin
        miles = int(self.form.cleaned_data.get("miles") or DEFAULT_MILES)
        min_lat, max_lat, min_lng, max_lng = bounding_box(origin.lat, origin.lng, miles)
        # The indexed box narrows the rows; the great-circle distance, in the same query,
        # decides (no separate read of the box's candidates).
        return (
            queryset.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
            .alias(distance=great_circle_miles(origin.lat, origin.lng))
            .filter(distance__lte=miles)
        )

    @property
    def radius(self) -> int:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return int(data.get("miles") or DEFAULT_MILES)

    def distance_to(self, event: Event) -> float | None:
        """Miles from the searched ZIP to the event, when searching near a ZIP."""
        if self.origin is None or event.latitude is None or event.longitude is None:
            return None
        return distance_miles(self.origin.lat, self.origin.lng, event.latitude, event.longitude)

    def summary(self) -> list[str]:
        """Human words for the filters in use, e.g. ['Massachusetts', 'Training']."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        parts = []
        if data.get("state"):
            parts.append(str(State(data["state"]).label))
        if data.get("kind"):
            parts.append(str(Event.Kind(data["kind"]).label))
        if data.get("topic"):
            parts.append(data["topic"].name)
        if data.get("zip"):
            parts.append(
                str(
                    _("within %(miles)s miles of %(zip)s")
                    % {"miles": self.radius, "zip": data["zip"]}
                )
            )
        return parts
