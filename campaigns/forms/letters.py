"""A leader's letter or op-ed: the outline, and marking it submitted or published."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..letters import PARTS
from ..models import Campaign
from ..models_letters import Letter
from .stances import _official_field


class LetterForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = ["kind", "title", "official", "hook", "story", "ask", "about"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name, _l, _h in PARTS}

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"] = _official_field(campaign, required=False)
        self.fields["official"].label = _("The official it names (optional)")
        for name, label, help_text in PARTS:
            self.fields[name].label = label
            self.fields[name].help_text = help_text
        self.fields["about"].widget.attrs["rows"] = 2


class LetterStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where it stands"),
        choices=[
            (Letter.Status.SUBMITTED, _("Submitted to an outlet")),
            (Letter.Status.PUBLISHED, _("Published")),
        ],
    )
    outlet = forms.CharField(label=_("Outlet"), max_length=150)
    url = forms.URLField(
        label=_("Link to the published piece"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Letter.Status.PUBLISHED and not cleaned.get("url"):
            self.add_error("url", _("Give the link to the published piece."))
        return cleaned
