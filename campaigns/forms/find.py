"""Forms of "Find my legislator": the place (city or town, or ZIP code), then the precinct.

Both are GET forms so every answer has a URL to share. The lookups themselves are in
campaigns.geography; these only check the shape of what was typed.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.geo import State, normalize_zip

_CODE = re.compile(r"^[A-Za-z0-9-]{1,10}$")
PAIR_SEPARATOR = "|"


def _code_field(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=10, widget=forms.HiddenInput)


class FindLegislatorForm(forms.Form):
    """Where you live: a city or town of the crosswalk, or (fallback) a ZIP code."""

    municipality = forms.CharField(
        label=_("City or town"),
        required=False,
        max_length=100,
        help_text=_("Start typing and pick your city or town from the list."),
        widget=forms.TextInput(
            attrs={"list": "municipality-options", "autocomplete": "address-level2"}
        ),
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=())
    ward = _code_field(_("Ward"))
    precinct = _code_field(_("Precinct"))
    zip = forms.CharField(
        label=_("ZIP code"),
        required=False,
        max_length=10,
        help_text=_("Only if you don’t know your city or town: the answer is approximate."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )

    def __init__(self, *args, states: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Any state"))] + [
            (code, State(code).label) for code in states
        ]
        # One state's data (the usual case): no need to ask.
        self.ask_state = len(states) > 1

    def _clean_code(self, name: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if value and not _CODE.match(value):
            raise forms.ValidationError(
                _("“%(value)s” is not a ward or precinct number."), params={"value": value}
            )
        return value

    def clean_ward(self) -> str:
        return self._clean_code("ward")

    def clean_precinct(self) -> str:
        return self._clean_code("precinct")

    def clean_zip(self) -> str:
        value = self.cleaned_data.get("zip", "").strip()
        if value and normalize_zip(value) is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a ZIP code: enter five digits, like 02134."),
                params={"value": value},
            )
        return normalize_zip(value) or ""

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("municipality") and not data.get("zip"):
            raise forms.ValidationError(_("Enter your city or town, or your ZIP code."))
        return data


def pair_value(ward: str, precinct: str) -> str:
    return f"{ward}{PAIR_SEPARATOR}{precinct}"


def pair_label(ward: str, precinct: str) -> str:
    if ward:
        return _("Ward %(ward)s, precinct %(precinct)s") % {"ward": ward, "precinct": precinct}
    return _("Precinct %(precinct)s") % {"precinct": precinct}


class PrecinctForm(forms.Form):
    """The second question, only in towns split between districts: which ward and precinct."""

    place = forms.ChoiceField(
        label=_("Your ward and precinct"),
        help_text=_(
            "Your precinct is printed on your voter registration card, or ask your city or "
            "town clerk."
        ),
        error_messages={
            "required": _("Choose your ward and precinct."),
            "invalid_choice": _("Choose your ward and precinct from the list."),
        },
    )

    def __init__(self, *args, pairs: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Choose…"))] + [
            (pair_value(ward, precinct), pair_label(ward, precinct)) for ward, precinct in pairs
        ]

    def ward_precinct(self) -> tuple[str, str]:
        ward, _sep, precinct = self.cleaned_data["place"].partition(PAIR_SEPARATOR)
        return ward, precinct
