"""The team picks toolkit documents for an event or a kit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.toolkit.title}: {obj.title}"


class EventDocumentsForm(forms.Form):
    documents = DocumentChoiceField(
        label=gettext_lazy("Documents the team works from (a kit passes them to its events)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    shared = DocumentChoiceField(
        label=gettext_lazy("Also linked in the RSVP confirmation"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Each person sees only the documents their toolkit access allows."),
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = queryset
        self.fields["shared"].queryset = queryset
