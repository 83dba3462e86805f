"""Forms of the organizers' survey pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import AreaLean

from .models import Question, Survey


class EventSurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "audience",
            "anonymous",
            "send_after_hours",
            "reminder_after_days",
            "closes_at",
        ]
        widgets = {"closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [
            (value, label)
            for value, label in Survey.Audience.choices
            if value in (Survey.Audience.EVENT_CHECKED_IN, Survey.Audience.EVENT_GOING)
        ]
        self.fields["send_after_hours"].max_value = 24 * 14
        self.fields["reminder_after_days"].max_value = 30
        self.fields["reminder_after_days"].min_value = 1

    def clean_send_after_hours(self):
        value = self.cleaned_data["send_after_hours"]
        if value > 24 * 14:
            raise forms.ValidationError(_("Send it within two weeks of the event."))
        return value

    def clean_reminder_after_days(self):
        value = self.cleaned_data["reminder_after_days"]
        if not 1 <= value <= 30:
            raise forms.ValidationError(_("Choose between 1 and 30 days."))
        return value


class CampaignSurveyForm(forms.ModelForm):
    """A campaign team's survey: it goes to the campaign's members, invited when it opens."""

    class Meta:
        model = Survey
        fields = ["title", "intro", "anonymous", "reminder_after_days", "closes_at"]
        widgets = {"closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reminder_after_days"].max_value = 30
        self.fields["reminder_after_days"].min_value = 1

    def clean_reminder_after_days(self):
        value = self.cleaned_data["reminder_after_days"]
        if not 1 <= value <= 30:
            raise forms.ValidationError(_("Choose between 1 and 30 days."))
        return value


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    label = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Help text"), max_length=300, required=False)
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one choice a line."),
    )
    allow_other = forms.BooleanField(label=_("Offer “other” with a text box"), required=False)
    required = forms.BooleanField(label=_("Answer required"), required=False)
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=20, initial=1)
    scale_low_label = forms.CharField(label=_("Label of 1"), max_length=60, required=False)
    scale_high_label = forms.CharField(label=_("Label of 5"), max_length=60, required=False)
    show_if_question = forms.ModelChoiceField(
        label=_("Show only when this question…"), queryset=Question.objects.none(), required=False
    )
    show_if_value = forms.CharField(
        label=_("…has this answer (its value)"), max_length=100, required=False
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_if_question"].queryset = Question.objects.filter(survey=survey)

    def clean(self):
        data = super().clean()
        if data.get("show_if_question") and not data.get("show_if_value"):
            self.add_error("show_if_value", _("Say which answer shows this question."))
        return data


class LeanOverrideForm(forms.Form):
    area_lean = forms.ChoiceField(
        label=_("Area lean"),
        choices=[("", _("No override (use the profile or the state table)"))]
        + list(AreaLean.choices),
        required=False,
    )
