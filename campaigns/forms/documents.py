"""The team picks toolkit documents for the campaign."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.toolkit.title}: {obj.title}"


class CampaignDocumentsForm(forms.Form):
    documents = DocumentChoiceField(
        label=_("Documents to show on the campaign page, meeting pages and briefs"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = queryset
