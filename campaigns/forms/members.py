"""The join form: the leader's city or town, then (only in a split town) ward and precinct;
a ZIP code is the fallback when they do not know their precinct."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from actlocal.geo import normalize_zip

from .. import geography
from ..models import Campaign
from ..services.members import Place


class ListInput(forms.TextInput):
    """A text box that suggests `options` (a datalist) while accepting what is typed."""

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(options)

    def render(self, name, value, attrs=None, renderer=None):
        if not self.options:
            return super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}-options"
        attrs = {**(attrs or {}), "list": list_id, "autocomplete": "off"}
        options = format_html_join("", '<option value="{}"></option>', ((o,) for o in self.options))
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            options,
        )


class JoinForm(forms.Form):
    municipality = forms.CharField(
        label=_("City or town"),
        required=False,
        max_length=100,
        help_text=_("Where you live (and vote)."),
    )
    ward = forms.CharField(
        label=_("Ward"),
        required=False,
        max_length=10,
        help_text=_("Leave empty if your town has no wards."),
    )
    precinct = forms.CharField(
        label=_("Precinct"),
        required=False,
        max_length=10,
        help_text=_("It is on your voter registration card, e.g. 3 or 6A."),
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        required=False,
        max_length=10,
        help_text=_("If you do not know your precinct, your ZIP code may be enough."),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        towns = [m.name for m in geography.municipalities(state=campaign.target_body.state)]
        field = self.fields["municipality"]
        field.widget = ListInput(attrs=field.widget.attrs, options=towns)

    def offer_precincts(self, *, campaign: Campaign, municipality: str) -> None:
        """In a split town, suggest its wards and precincts."""
        pairs = geography.place_precincts(
            state=campaign.target_body.state, municipality=municipality
        )
        wards = _unique(w for w, _p in pairs if w)
        precincts = _unique(p for _w, p in pairs if p)
        for name, options in (("ward", wards), ("precinct", precincts)):
            field = self.fields[name]
            field.widget = ListInput(attrs=field.widget.attrs, options=options)

    def clean_zip_code(self) -> str:
        value = self.cleaned_data["zip_code"].strip()
        if not value:
            return ""
        code = normalize_zip(value)
        if code is None:
            raise forms.ValidationError(_("Enter a five-digit ZIP code, like 02139."))
        return code

    def clean(self):
        cleaned = super().clean()
        for name in ("municipality", "ward", "precinct"):
            cleaned[name] = " ".join((cleaned.get(name) or "").split())
        if (cleaned.get("ward") or cleaned.get("precinct")) and not cleaned.get("municipality"):
            self.add_error("municipality", _("Say which city or town the precinct is in."))
        elif not (cleaned.get("municipality") or cleaned.get("zip_code") or self.errors):
            raise forms.ValidationError(_("Enter your city or town, or your ZIP code."))
        return cleaned

    def place(self) -> Place:
        data = self.cleaned_data
        return Place(
            municipality=data["municipality"],
            ward=geography.ward_normalize(data["ward"]),
            precinct=geography.precinct_normalize(data["precinct"]),
            zip_code=data["zip_code"],
        )


def _unique(values) -> list[str]:
    seen, result = set(), []
    for value in values:
        if value.lower() not in seen:
            seen.add(value.lower())
            result.append(value)
    return result
