"""The directory map, its GeoJSON, and "who already works on this near me"."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from actlocal.geo import State, normalize_zip, zip_place
from actlocal.models import Topic

from .. import selectors
from ..cache import cache_public_page, request_cache_version
from ..fragments import form_html_cached, state_counts_cached
from ..map_config import map_config
from ..map_payload import geojson_gzipped, gzipped_json_response
from ..models import Organization
from ..national import states_geojson
from ..near_parts import near_parts_store, near_resources_html, near_results_page
from ..near_sections import near_sections
from ..nearby import (
    LEADER,
    NEAR_DEFAULT_MILES,
    NEAR_MILES_CHOICES,
    ORGANIZATION,
    NearSearch,
    map_places,
    places_geojson,
    places_group_by_type,
)

MAP_KIND_CHOICES = [
    ("", gettext_lazy("Leaders and organizations")),
    (LEADER, gettext_lazy("Leaders only")),
    (ORGANIZATION, gettext_lazy("Organizations only")),
    (gettext_lazy("Organizations of one kind"), Organization.Kind.choices),
]


class StateField(forms.ChoiceField):
    """A state picker that also accepts lower-case codes from hand-written URLs (?state=ma)."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip().upper()


def _topic_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=selectors.topics_by_name(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any topic"),
        error_messages={
            "invalid_choice": gettext_lazy("Unknown topic. Choose a topic from the list.")
        },
    )


class MapFilterForm(forms.Form):
    state = StateField(
        label=gettext_lazy("State"),
        choices=[("", gettext_lazy("Choose a state"))] + list(State.choices),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Unknown state “%(value)s”. Choose a state from the list or use a two-letter "
                "code such as MA."
            )
        },
    )
    city = forms.CharField(
        label=gettext_lazy("City"),
        max_length=100,
        required=False,
        error_messages={
            "max_length": gettext_lazy("City names are at most %(limit_value)d characters.")
        },
    )
    topic = _topic_field()
    kind = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=MAP_KIND_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Unknown kind “%(value)s”. Choose leaders, organizations or a kind of "
                "organization from the list."
            )
        },
    )

    def __init__(self, *args, require_place: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The page shows the national counts without a place; the GeoJSON of places needs one.
        self.require_place = require_place

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            self.require_place
            and not self.errors
            and not cleaned.get("state")
            and not cleaned.get("city")
        ):
            # Without a place the whole network would be one unbounded payload.
            raise forms.ValidationError(
                _("Choose a state or enter a city to see who works there."), code="no_place"
            )
        return cleaned


class NearForm(forms.Form):
    zip = forms.CharField(
        label=gettext_lazy("Your ZIP code"),
        max_length=10,
        error_messages={
            "required": gettext_lazy("Enter a ZIP code, for example 02139."),
            "max_length": gettext_lazy(
                "That is not a ZIP code. Enter five digits, for example 02139."
            ),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 10}
        ),
    )
    topic = _topic_field()
    miles = forms.TypedChoiceField(
        label=gettext_lazy("Within"),
        choices=[(miles, str(miles)) for miles in NEAR_MILES_CHOICES],
        coerce=int,
        required=False,
        empty_value=NEAR_DEFAULT_MILES,
        initial=NEAR_DEFAULT_MILES,
        error_messages={
            "invalid_choice": gettext_lazy("Choose a distance of 5, 10, 25, 50 or 100 miles.")
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Labels are built per request so they follow the visitor's language.
        self.fields["miles"].choices = [
            (miles, _("%(miles)d miles") % {"miles": miles}) for miles in NEAR_MILES_CHOICES
        ]
        self.origin = None

    def clean_zip(self) -> str:
        value = self.cleaned_data["zip"]
        code = normalize_zip(value)
        if not code:
            raise forms.ValidationError(
                _("“%(value)s” is not a ZIP code. Enter five digits, for example 02139."),
                code="malformed",
                params={"value": value},
            )
        place = zip_place(code)
        if place is None:
            raise forms.ValidationError(
                _("We could not find the ZIP code %(zip)s. Check the number and try again."),
                code="unknown",
                params={"zip": code},
            )
        self.origin = place
        return code


def _bind(form_class: type[forms.Form], request: HttpRequest, names: tuple[str, ...], **kwargs):
    """Bind the form to the query string only when it carries one of the form's fields."""
    if any(name in request.GET for name in names):
        return form_class(request.GET, **kwargs)
    return None


def _form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _map_places(request: HttpRequest, data: dict[str, Any]):
    return map_places(
        user=request.user,
        state=data["state"],
        city=data["city"],
        topic=data["topic"],
        kind=data["kind"],
    )


@require_GET
@cache_public_page
def map_page(request: HttpRequest) -> HttpResponse:
    """The map with its filters, and the same places as an accessible table below it."""
    request_cache_version(request)  # read before any row (see directory.cache)
    form = _bind(MapFilterForm, request, ("state", "city", "topic", "kind"), require_place=False)
    context: dict[str, Any] = {"form": form or MapFilterForm(), "map_config": map_config()}
    if form is not None and not form.is_valid():
        return render(request, "directory/map.html", context, status=400)
    context["form_html"] = form_html_cached(
        request=request, list_name="map", form=context["form"], template="directory/_map_form.html"
    )
    data = form.cleaned_data if form is not None else {}
    if not data.get("state") and not data.get("city"):
        return _national(request, context, topic=data.get("topic"), kind=data.get("kind", ""))
    place_list = _map_places(request, data)
    # The script fetches the same places, under the cleaned (canonical) filters.
    query = urlencode(
        {
            "state": data["state"],
            "city": data["city"],
            "topic": data["topic"].slug if data["topic"] else "",
            "kind": data["kind"],
        }
    )
    context.update(
        {
            "place_list": place_list,
            "grouped": places_group_by_type(place_list.places),
            "geojson_url": f"{reverse('directory:map_geojson')}?{query}",
            "place_label": _place_label(data["city"], data["state"]),
        }
    )
    return render(request, "directory/map.html", context)


def _topic_kind_query(topic: Topic | None, kind: str) -> str:
    params = {"topic": topic.slug if topic else "", "kind": kind}
    return urlencode({name: value for name, value in params.items() if value})


def _national(
    request: HttpRequest, context: dict[str, Any], *, topic: Topic | None, kind: str
) -> HttpResponse:
    """The whole country: a count per state on the map and in a table, each linking to its map."""
    counts = state_counts_cached(request=request, topic=topic, kind=kind)
    query = _topic_kind_query(topic, kind)
    url = reverse("directory:map_states_geojson")
    # Zoomed in, the script asks this URL for clusters of the box it shows (&bbox=&zoom=).
    clusters = reverse("directory:map_clusters_geojson")
    context.update(
        {
            "state_counts": counts,
            "geojson_url": f"{url}?{query}" if query else url,
            "clusters_url": f"{clusters}?{query}" if query else clusters,
            "national_total": sum(entry.total for entry in counts),
        }
    )
    return render(request, "directory/map.html", context)


@require_GET
@cache_public_page(gzip=True)
def map_states_geojson(request: HttpRequest) -> JsonResponse:
    """A point per state with its counts: at most one feature per state, whatever the network."""
    form = MapFilterForm(request.GET, require_place=False)
    if not form.is_valid():
        errors = _form_errors(form)
        first = next(iter(errors.values()))[0]
        return JsonResponse(
            {"error": first, "errors": errors},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    data = form.cleaned_data
    counts = state_counts_cached(request=request, topic=data["topic"], kind=data["kind"])
    return JsonResponse(
        states_geojson(counts),
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


def _place_label(city: str, state: str) -> str:
    state_label = State(state).label if state else ""
    if city and state:
        return f"{city}, {state_label}"
    return city or str(state_label)


@require_GET
@cache_public_page(gzip=True)
def map_geojson(request: HttpRequest) -> HttpResponse:
    """The map's places as GeoJSON; a state or a city is required so the payload stays bounded."""
    form = MapFilterForm(request.GET)
    if not form.is_valid():
        errors = _form_errors(form)
        first = next(iter(errors.values()))[0]
        return JsonResponse(
            {"error": first, "errors": errors},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    data = form.cleaned_data
    filters = {
        "state": data["state"],
        "city": data["city"],
        "topic": data["topic"].pk if data["topic"] else "",
        "kind": data["kind"],
    }
    body = geojson_gzipped(
        request=request,
        filters=filters,
        build=lambda: places_geojson(_map_places(request, data)),
    )
    return gzipped_json_response(request, body)


def _wider_search_url(request: HttpRequest, *, zip_code: str, topic: Topic | None, miles: int):
    """A link that widens an empty search: a bigger radius, else any topic."""
    wider = [choice for choice in NEAR_MILES_CHOICES if choice > miles]
    if wider:
        params = {"zip": zip_code, "topic": topic.slug if topic else "", "miles": wider[0]}
        label = _("Search within %(miles)d miles") % {"miles": wider[0]}
    elif topic is not None:
        params = {"zip": zip_code, "topic": "", "miles": miles}
        label = _("Search every topic within %(miles)d miles") % {"miles": miles}
    else:
        return None
    return {"url": f"{request.path}?{urlencode(params)}", "label": label}


@require_GET
@cache_public_page
def near(request: HttpRequest) -> HttpResponse:
    """Organizations and leaders within a radius of a ZIP code, nearest first."""
    request_cache_version(request)  # read before any row (see directory.cache)
    form = _bind(NearForm, request, ("zip",))
    if form is None:
        initial = {"topic": request.GET.get("topic", ""), "miles": NEAR_DEFAULT_MILES}
        return render(request, "directory/near.html", {"form": NearForm(initial=initial)})
    if not form.is_valid():
        return render(request, "directory/near.html", {"form": form}, status=400)
    data = form.cleaned_data
    origin, miles, topic = form.origin, data["miles"], data["topic"]
    search = NearSearch(user=request.user, origin=origin, miles=miles, topic=topic)
    results = near_results_page(
        request=request, form=form, search=search, page_number=request.GET.get("page")
    )
    page = results.page
    base_query = urlencode(
        {"zip": data["zip"], "topic": topic.slug if topic else "", "miles": miles}
    )
    where = {
        "count": results.total,
        "miles": miles,
        "zip": origin.zip_code,
        "city": origin.city.title(),
        "state": origin.state,
    }
    if results.capped:
        summary = (
            _(
                "More than %(count)d places within %(miles)d miles of %(zip)s (%(city)s, "
                "%(state)s): the nearest %(count)d are listed"
            )
            % where
        )
    else:
        summary = (
            ngettext(
                "%(count)d place within %(miles)d miles of %(zip)s (%(city)s, %(state)s)",
                "%(count)d places within %(miles)d miles of %(zip)s (%(city)s, %(state)s)",
                results.total,
            )
            % where
        )
    context = {
        "form": form,
        "form_html": results.form_html,
        "origin": origin,
        "miles": miles,
        "topic": topic,
        "results": results,
        "cards": results.cards,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "base_query": base_query,
        "summary": summary,
        "wider": _wider_search_url(request, zip_code=data["zip"], topic=topic, miles=miles),
        "map_query": urlencode({"state": origin.state, "topic": topic.slug if topic else ""}),
        # The small map shows this page's places, from the page itself: no second request.
        "page_geojson": results.geojson,
        "map_config": map_config(),
        "resources_url": f"{reverse('directory:near_resources')}?{base_query}",
        "more_sections": [
            {
                "section": section,
                "url": f"{reverse(section.url_name)}?{base_query}",
                "link": f"{reverse(section.link_url_name)}?{base_query}",
            }
            for section in near_sections()
        ],
        "resources_list_query": urlencode(
            {"state": origin.state, "topic": topic.slug if topic else ""}
        ),
    }
    response = render(request, "directory/near.html", context)
    near_parts_store(results)
    return response


@require_GET
@cache_public_page
def near_resources_part(request: HttpRequest) -> HttpResponse:
    """The resources of the place and the state, loaded into the near-me page after it (htmx),
    so the page itself costs no more queries; cached like the page and per search."""
    request_cache_version(request)  # read before any row (see directory.cache)
    form = NearForm(request.GET)
    if not form.is_valid():
        return HttpResponse(status=400)
    data = form.cleaned_data
    html = near_resources_html(
        request=request, origin=form.origin, miles=data["miles"], topic=data["topic"]
    )
    return HttpResponse(html)
