"""Forms of the ordinance pages: playbook steps, the opposition, the campaign's leadership."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from actlocal.widgets import FastSelect
from directory.models import Leader, Organization

from ..models import Campaign, CampaignStep, Official, Opponent
from ..services.ordinance import OPPONENT_FIELDS, STEP_FIELDS
from .setup import DateInput


class TeamUserField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name or obj.email


def _team_users(campaign: Campaign):
    return (
        get_user_model()
        .objects.filter(campaign_roles__campaign=campaign)
        .order_by("name", "email")
        .only("id", "name", "email")
    )


class StepForm(forms.ModelForm):
    """A playbook step: add one, or change its status, owner, due date and notes."""

    owner = TeamUserField(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("Someone on the campaign's team."),
    )

    class Meta:
        model = CampaignStep
        fields = list(STEP_FIELDS)
        widgets = {
            "guidance": forms.Textarea(attrs={"rows": 3}),
            "guidance_es": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "due_on": DateInput,
        }

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _team_users(campaign)

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the step a title."))
        return title

    def step_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in STEP_FIELDS}


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Official) -> str:
        return obj.name


class OpponentForm(forms.ModelForm):
    """Who opposes the campaign, what they argue, and how we answer."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Opponent.Kind.choices,
        initial=Opponent.Kind.PERSON,
        widget=forms.RadioSelect,
    )
    organization = forms.ModelChoiceField(
        label=_("Organization in the directory"),
        queryset=Organization.objects.order_by("name").only("id", "name"),
        required=False,
        widget=FastSelect,
    )
    official = OfficialChoiceField(
        label=_("Or an official"),
        queryset=Official.objects.none(),
        required=False,
        widget=FastSelect,
        help_text=_("A member of the body the campaign targets."),
    )

    class Meta:
        model = Opponent
        fields = list(OPPONENT_FIELDS)
        widgets = {
            "arguments": forms.Textarea(attrs={"rows": 4}),
            "responses": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "name": _("Leave empty to use the organization's or the official's name."),
        }

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["official"].queryset = Official.objects.filter(
            body_id=campaign.target_body_id
        ).order_by("family_name", "name", "id")

    def clean(self):
        cleaned = super().clean()
        name = " ".join((cleaned.get("name") or "").split())
        if not name and not cleaned.get("organization") and not cleaned.get("official"):
            self.add_error(
                "name", _("Name the opponent, or choose an organization or an official.")
            )
        return cleaned

    def opponent_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in OPPONENT_FIELDS}


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Leader) -> str:
        place = ", ".join(part for part in (obj.city, obj.state) if part)
        return f"{obj.name} ({place})" if place else obj.name


class LeadershipAddForm(forms.Form):
    leader = LeaderChoiceField(
        label=_("Leader from the directory"), queryset=Leader.objects.none(), widget=FastSelect
    )
    affected_community = forms.BooleanField(
        label=_("From a community the ordinance affects"), required=False
    )

    def __init__(self, *args, leaders, listed=None, **kwargs):
        """`leaders` is who may be chosen; `listed` (optional) who the select shows."""
        super().__init__(*args, **kwargs)
        field = self.fields["leader"]
        field.queryset = leaders
        if listed is not None:
            field.widget.choices = [("", "---------")] + [
                (leader.pk, field.label_from_instance(leader)) for leader in listed
            ]


class LeadershipFlagForm(forms.Form):
    affected_community = forms.BooleanField(required=False)
