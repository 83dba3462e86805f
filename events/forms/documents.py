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


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.toolkit.title}: {obj.title}"


class EventMailTemplatesForm(forms.Form):
    invitation = TemplateChoiceField(
        label=gettext_lazy("Invitation mail written from"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The event's own invitation message"),
        help_text=gettext_lazy(
            "Filled for each person when the invitation is sent: their first name, the event's "
            "title, time and place."
        ),
    )
    reminder = TemplateChoiceField(
        label=gettext_lazy("Reminder mail written from"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The event's own reminder message"),
        help_text=gettext_lazy(
            "The check-in code, the links to change the RSVP and the calendar file are always "
            "added below it."
        ),
    )

    def __init__(self, *args, invitations, reminders, hidden=(), **kwargs):
        """`hidden` names the choices a teammate made that this person may not read: those
        fields are left out, so saving keeps them."""
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = invitations
        self.fields["reminder"].queryset = reminders
        for name in hidden:
            del self.fields[name]
