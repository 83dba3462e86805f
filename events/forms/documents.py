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

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = queryset
