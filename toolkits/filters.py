"""The library's list filters: topic, kind, owner organization and the search box.

Every value arrives in the URL; an unknown one is a form error shown with status 400.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.filters import FastFilterSet
from actlocal.models import Topic
from actlocal.widgets import FrozenChoices
from directory.filters import SearchFilter
from directory.models import Organization

from .models import Toolkit
from .selectors import toolkit_search


def _invalid(message):
    return {"invalid_choice": message}


class ToolkitFilter(FastFilterSet):
    q = SearchFilter(
        label=_("Search"),
        method="filter_q",
        help_text=_("Words from a title, a summary or a document, e.g. “op-ed” or “lobby”."),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        to_field_name="slug",
        empty_label=_("Any topic"),
        error_messages=_invalid(_("There is no topic “%(value)s”. Choose one from the list.")),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=FrozenChoices(Toolkit.Kind.choices),
        empty_label=_("Any kind"),
        error_messages=_invalid(
            _("“%(value)s” is not a kind of toolkit. Choose one from the list.")
        ),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        field_name="organization",
        # Owners of published toolkits only: a draft must not show up even as a filter choice.
        queryset=Organization.objects.filter(toolkits__status=Toolkit.Status.PUBLISHED)
        .distinct()
        .only("id", "slug", "name")
        .order_by("name"),
        to_field_name="slug",
        empty_label=_("Any organization"),
        error_messages=_invalid(_("No toolkit belongs to an organization “%(value)s”.")),
    )

    class Meta:
        model = Toolkit
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return toolkit_search(queryset=queryset, query=value)
