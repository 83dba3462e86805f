"""Forms of the local-body members the team adds: one member, or a CSV of them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.local_bodies import MemberData


class LocalMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    seat = forms.CharField(
        label=_("Seat or ward"),
        max_length=150,
        required=False,
        help_text=_("For example “Ward 3” or “At-large”."),
    )
    party = forms.CharField(label=_("Party"), max_length=60, required=False)
    email = forms.EmailField(label=_("Office email"), required=False)
    phone = forms.CharField(label=_("Office phone"), max_length=40, required=False)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the member's name."))
        return name

    def member(self) -> MemberData:
        data = self.cleaned_data
        return MemberData(
            name=data["name"],
            seat=" ".join(data["seat"].split()),
            party=data["party"].strip(),
            email=data["email"],
            phone=data["phone"].strip(),
        )


class LocalMembersUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of members"),
        help_text=_("Columns: name, seat, party, email, phone; only “name” is required."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
