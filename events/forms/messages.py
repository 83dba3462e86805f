"""The team's message to attendees: who gets it (with how many people that is), subject, text."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actlocal.translated import SPANISH_HELP

from ..models import EventMessage


class EventMessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Send to"),
        choices=EventMessage.Audience.choices,
        widget=forms.RadioSelect,
        help_text=_("Counts are as of now. No-shows are counted once the event has started."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Each person also gets their own link to change or cancel."),
    )

    subject_es = forms.CharField(
        label=_("Subject in Spanish"), max_length=200, required=False, help_text=SPANISH_HELP
    )
    body_es = forms.CharField(
        label=_("Message in Spanish"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Sent instead of the message above to people who read the site in Spanish; leave "
            "empty to send them the original."
        ),
    )

    def __init__(self, *args, counts: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counts = counts
        # The count is part of the label, so everyone (screen readers too) hears it.
        self.fields["audience"].choices = [
            (
                value,
                ngettext("%(label)s: %(count)d person", "%(label)s: %(count)d people", n)
                % {"label": label, "count": n},
            )
            for value, label in EventMessage.Audience.choices
            for n in [counts.get(value, 0)]
        ]

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_audience(self) -> str:
        audience = self.cleaned_data["audience"]
        if not self.counts.get(audience):
            raise forms.ValidationError(
                _("Nobody is in this group right now, so the message would reach no one.")
            )
        return audience

    def clean_subject_es(self) -> str:
        return " ".join(self.cleaned_data["subject_es"].split())

    def clean_body_es(self) -> str:
        return self.cleaned_data["body_es"].strip()

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a message."))
        return body
