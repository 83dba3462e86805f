"""Organizer forms: record a stance report, record a pressure action, pick an official's history."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actlocal.widgets import FastSelect

from ..models import Campaign, District, Meeting, Official, PressureAction, Stance, StanceReport


def _officials(campaign: Campaign):
    """Current officials of the campaign's target body, the only ones a report may be about."""
    return (
        Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .select_related("district")
        .order_by("family_name", "name", "pk")
    )


class OfficialChoiceField(forms.ModelChoiceField):
    """Officials by slug (stable in URLs), labelled with their district."""

    def label_from_instance(self, obj: Official) -> str:
        return f"{obj.name} ({obj.district.name})" if obj.district_id else obj.name


def _official_field(campaign: Campaign, **kwargs) -> OfficialChoiceField:
    return OfficialChoiceField(
        queryset=_officials(campaign),
        to_field_name="slug",
        widget=FastSelect,
        error_messages={
            "invalid_choice": _("Choose one of the current officials of %(body)s from the list.")
            % {"body": campaign.target_body.name}
        },
        **kwargs,
    )


class StanceReportForm(forms.Form):
    """An organizer records what an official said, how they voted or what they answered."""

    official = forms.Field()  # replaced in __init__ (needs the campaign)
    stance = forms.ChoiceField(label=_("Stance"), choices=Stance.choices)
    source = forms.ChoiceField(label=_("Source"), choices=StanceReport.Source.choices)
    reported_on = forms.DateField(
        label=_("Date of the statement, vote or answer"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text=_("Leave empty for today. The latest verified report decides the stance."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A news story, a roll call, a video, a questionnaire answer."),
    )
    meeting = forms.IntegerField(
        label=_("Meeting number"),
        required=False,
        min_value=1,
        help_text=_("When the stance was given at a constituent meeting: its number."),
    )
    notes = forms.CharField(
        label=_("Notes for the team"), required=False, max_length=2000, widget=forms.Textarea
    )
    verify_now = forms.BooleanField(
        label=_("Mark as verified now"),
        required=False,
        help_text=_("Only when you have checked the evidence yourself."),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["official"] = _official_field(campaign, label=_("Official"))
        self.order_fields(["official", "stance", "source", "reported_on", "evidence_url"])

    def clean_reported_on(self) -> dt.date | None:
        day = self.cleaned_data.get("reported_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean(self) -> dict:
        data = super().clean()
        number, official = data.get("meeting"), data.get("official")
        if number:
            meeting = Meeting.objects.filter(pk=number, campaign=self.campaign).first()
            if meeting is None:
                self.add_error(
                    "meeting", _("This campaign has no meeting number %(n)s.") % {"n": number}
                )
            elif official is not None and meeting.official_id != official.pk:
                self.add_error("meeting", _("That meeting was with another official."))
            else:
                data["meeting"] = meeting
        else:
            data["meeting"] = None
        if data.get("source") == StanceReport.Source.MEETING and not number:
            self.add_error("meeting", _("Give the meeting's number for a stance from a meeting."))
        return data

    def reported_at(self) -> dt.datetime:
        """Today's reports are timed now; a past date counts from noon of that day."""
        day = self.cleaned_data.get("reported_on")
        if not day or day == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


class HistoryForm(forms.Form):
    """Pick an official to see every report about them (GET)."""

    official = forms.Field()

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"] = _official_field(
            campaign, label=_("Official"), empty_label=_("Choose an official")
        )


class PressureActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PressureAction.Kind.choices)
    official = forms.Field()
    district = forms.Field()
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    outlet = forms.CharField(
        label=_("Outlet"),
        required=False,
        max_length=150,
        help_text=_("The newspaper, station or site that published it."),
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    count = forms.IntegerField(
        label=_("How many"),
        min_value=1,
        max_value=100000,
        initial=1,
        help_text=_("E.g. the number of calls made, or people at the rally."),
    )
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["official"] = _official_field(
            campaign, label=_("Official"), required=False, empty_label=_("No one in particular")
        )
        self.fields["district"] = forms.ModelChoiceField(
            label=_("District"),
            queryset=District.objects.filter(body_id=campaign.target_body_id).order_by("name"),
            required=False,
            widget=FastSelect,
            empty_label=_("The official's district"),
            help_text=_("Choose an official, a district, or both."),
            error_messages={
                "invalid_choice": _("Choose one of the target body's districts from the list.")
            },
        )

    def clean_happened_on(self) -> dt.date:
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean(self) -> dict:
        data = super().clean()
        official, district = data.get("official"), data.get("district")
        if "official" in self.errors or "district" in self.errors:
            return data
        if official is None and district is None:
            self.add_error(
                "official", _("Choose the official or the district this action aimed at.")
            )
        elif official is not None and district is not None and official.district_id != district.pk:
            self.add_error(
                "district",
                _("%(official)s does not represent %(district)s.")
                % {"official": official.name, "district": district.name},
            )
        return data
