"""A FilterSet base that builds its form once per class: list pages pay for it on every request."""

from __future__ import annotations

import copy

import django_filters
from django import forms

from .widgets import use_fast_selects


class _SharedFilters(dict):
    """A FilterSet class's filters, copied for each instance without their deep state.

    django-filter deep-copies every filter (widget, queryset, choices) for each FilterSet; ours
    are only read per request (their fields come from the shared form class), so each instance
    gets shallow copies, with method filters re-bound to the copy instead of the original.
    """

    def __deepcopy__(self, memo) -> dict:
        copies = {}
        for name, base in self.items():
            filter_ = copy.copy(base)
            if base.method is not None:
                filter_.method = base.method
            copies[name] = filter_
        return copies


class FastFilterSet(django_filters.FilterSet):
    """One form class per FilterSet class, with selects rendered in Python (FastSelect)."""

    @classmethod
    def get_filters(cls) -> dict:
        return _SharedFilters(super().get_filters())

    @classmethod
    def shared_form_class(cls) -> type[forms.Form]:
        """The form class, built once per FilterSet class instead of once per request.

        django-filter builds new fields and a new class for every FilterSet instance; the
        fields (lazy labels, choices, widgets) are the same each time, and each form instance
        still gets its own deep copy of them, as every Django form does.
        """
        form_class = cls.__dict__.get("_shared_form_class")
        if form_class is None:
            fields = {name: copy.deepcopy(f).field for name, f in cls.base_filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            use_fast_selects(form_class.base_fields)
            cls._shared_form_class = form_class
        return form_class

    def get_form_class(self) -> type[forms.Form]:
        return self.shared_form_class()
