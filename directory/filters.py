"""FilterSets of the public directory list pages.

Every value arrives in the URL, so every filter validates it: an unknown state, kind or topic
is a form error the page shows (with status 400), never a silent no-op and never a 500.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.filters import FastFilterSet
from actlocal.geo import State
from actlocal.models import Topic
from actlocal.widgets import FrozenChoices

from .models import AreaLean, AreaType, LeaderRole, Organization, Resource, Scope
from .selectors import (
    LEADER_SEARCH,
    ORGANIZATION_SEARCH,
    RESOURCE_SEARCH,
    SearchSpec,
    search_bounded,
    search_counted,
    search_matching,
    search_text_clean,
)


class SearchField(forms.CharField):
    """The search box: accepts anything a person can type, keeps what a search can use."""

    def to_python(self, value):
        return search_text_clean(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


STATE_CHOICES = FrozenChoices(State.choices)


def _invalid(message):
    return {"invalid_choice": message}


def _state_filter(**kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        label=_("State"),
        choices=STATE_CHOICES,
        empty_label=_("Any state"),
        error_messages=_invalid(_("“%(value)s” is not a US state code we know.")),
        **kwargs,
    )


def _city_filter() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("City"),
        method="filter_city",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )


def _topic_filter(field_name: str = "topics") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name=field_name,
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        to_field_name="slug",
        empty_label=_("Any topic"),
        error_messages=_invalid(_("There is no topic “%(value)s”. Choose one from the list.")),
    )


def _search_filter(help_text) -> SearchFilter:
    return SearchFilter(
        label=_("Search"),
        method="filter_q",
        help_text=help_text,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class DirectoryFilterSet(FastFilterSet):
    """Shared behaviour: one form class per FilterSet, a city matching regardless of case, and
    a search (`q`) that ranks a bounded number of matches once every other filter is applied."""

    search_spec: SearchSpec

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_matching(queryset=queryset, query=value, spec=self.search_spec)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # `q` only keeps the matching rows; bounding and ranking them must come last, or the
        # first matches taken would be those of the whole directory, not of the chosen state.
        matches = super().filter_queryset(queryset)
        query = self.form.cleaned_data.get("q")
        if not query:
            return matches
        self._search_counted = search_counted(matches=matches)
        return search_bounded(
            queryset=queryset, matches=matches, query=query, spec=self.search_spec
        )

    @property
    def count_qs(self) -> QuerySet:
        """What the page counts: the rows, or for a search its first matches (at most
        SEARCH_MATCH_LIMIT + 1), counted without ranking or reading them again."""
        rows = self.qs  # builds the search's count first, when there is one
        counted = getattr(self, "_search_counted", None)
        return rows if counted is None else counted

    def filter_city(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = " ".join(value.split())
        return queryset.filter(city__iexact=value) if value else queryset

    @property
    def active_filters(self) -> bool:
        """True when any filter narrows the list (used for 'clear filters' and titles)."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(value not in (None, "") for value in data.values())


class LeaderFilter(DirectoryFilterSet):
    search_spec = LEADER_SEARCH
    q = _search_filter(_("Name, city or words from a bio."))
    state = _state_filter()
    city = _city_filter()
    topic = _topic_filter()
    role = django_filters.ModelChoiceFilter(
        label=_("Role"),
        field_name="roles",
        queryset=LeaderRole.objects.order_by(ReaderOrder("name"), "id"),
        to_field_name="slug",
        empty_label=_("Any role"),
        error_messages=_invalid(_("There is no role “%(value)s”. Choose one from the list.")),
    )
    area_type = django_filters.ChoiceFilter(
        label=_("Area type"),
        choices=FrozenChoices(AreaType.choices),
        empty_label=_("Any area type"),
        error_messages=_invalid(_("“%(value)s” is not an area type. Choose one from the list.")),
    )
    area_lean = django_filters.ChoiceFilter(
        label=_("Area lean"),
        choices=FrozenChoices(AreaLean.choices),
        empty_label=_("Any lean"),
        error_messages=_invalid(_("“%(value)s” is not an area lean. Choose one from the list.")),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        field_name="affiliations__organization",
        queryset=Organization.objects.only("id", "slug", "name"),
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages=_invalid(_("There is no organization “%(value)s”.")),
    )


class OrganizationFilter(DirectoryFilterSet):
    search_spec = ORGANIZATION_SEARCH
    VERIFIED_CHOICES = [("true", _("Verified only")), ("false", _("Not yet verified"))]

    q = _search_filter(_("Name, city or words from a description."))
    state = _state_filter()
    city = _city_filter()
    topic = _topic_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=FrozenChoices(Organization.Kind.choices),
        empty_label=_("Any kind"),
        error_messages=_invalid(
            _("“%(value)s” is not a kind of organization. Choose one from the list.")
        ),
    )
    scope = django_filters.ChoiceFilter(
        label=_("Scope"),
        choices=FrozenChoices(Scope.choices),
        empty_label=_("Any scope"),
        error_messages=_invalid(_("“%(value)s” is not a scope. Choose one from the list.")),
    )
    verified = django_filters.ChoiceFilter(
        label=_("Verification"),
        choices=FrozenChoices(VERIFIED_CHOICES),
        empty_label=_("Verified or not"),
        method="filter_verified",
        error_messages=_invalid(_("“%(value)s” is not a verification choice.")),
    )

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified=value == "true")


class ResourceFilter(DirectoryFilterSet):
    search_spec = RESOURCE_SEARCH
    q = _search_filter(_("Title or words from a description."))
    topic = _topic_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=FrozenChoices(Resource.Kind.choices),
        empty_label=_("Any kind"),
        error_messages=_invalid(
            _("“%(value)s” is not a kind of resource. Choose one from the list.")
        ),
    )
    scope = django_filters.ChoiceFilter(
        label=_("Geographic scope"),
        choices=FrozenChoices(Scope.choices),
        empty_label=_("Any scope"),
        error_messages=_invalid(_("“%(value)s” is not a scope. Choose one from the list.")),
    )
    state = _state_filter(
        method="filter_state", help_text=_("Includes national resources, which apply everywhere.")
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Provider"),
        field_name="provider",
        queryset=Organization.objects.only("id", "slug", "name"),
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages=_invalid(_("There is no organization “%(value)s”.")),
    )

    def filter_state(self, queryset, name, value):
        return queryset.filter(Q(state=value) | Q(scope=Scope.NATIONAL))
