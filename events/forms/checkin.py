"""Forms of the check-in desk: the search box, the one-tap toggle and walk-in registration."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.geo import normalize_zip


class CheckinSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find someone by name or check-in code"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "autocapitalize": "off"}
        ),
    )


class CheckinToggleForm(forms.Form):
    """The button says what it does, so a double tap never flips a check-in back."""

    action = forms.ChoiceField(choices=[("check_in", "check_in"), ("undo", "undo")])
    q = forms.CharField(max_length=100, required=False)


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("If they are already in the network, their profile is used."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the person's name."))
        return name

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_zip_code(self) -> str:
        value = self.cleaned_data["zip_code"].strip()
        if value and not normalize_zip(value):
            raise forms.ValidationError(_("Enter a 5-digit ZIP code, such as 02139."))
        return normalize_zip(value) or ""
