"""Forms of the organizers' survey pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.collation import ReaderOrder
from actlocal.geo import State
from actlocal.models import Topic
from directory.models import AreaLean, AreaType, LeaderRole

from .models import Question, Survey
from .selectors import city_is_known


class EventSurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "title_es",
            "intro_es",
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
    label_es = forms.CharField(label=_("Question in Spanish"), max_length=300, required=False)
    help_text_es = forms.CharField(label=_("Help text in Spanish"), max_length=300, required=False)
    choices_text_es = forms.CharField(
        label=_("Choices in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: the same choices in the same order, one a line."),
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


class AudienceFields(forms.Form):
    """The filter of a network survey's audience, as fields instead of typed JSON.

    Used by the staff survey page, its count preview and the admin. Unknown states, topics,
    roles or cities are form errors: a filter nobody can match is a mistake, not an audience.
    """

    states = forms.MultipleChoiceField(
        label=_("States"),
        choices=State.choices,
        required=False,
        help_text=_("Leaders in any of these states; none chosen: every state."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by(ReaderOrder("name"), "id"),
        to_field_name="slug",
        required=False,
        help_text=_("Leaders working on any of these topics; none chosen: any topic."),
    )
    area_type = forms.ChoiceField(
        label=_("Area type"), choices=[("", _("Any"))] + list(AreaType.choices), required=False
    )
    lean = forms.ChoiceField(
        label=_("Political lean"),
        choices=[("", _("Any"))] + list(AreaLean.choices),
        required=False,
        help_text=_("The leader's own answer, else an organizer's, else the state's."),
    )
    role = forms.ModelChoiceField(
        label=_("Role"),
        queryset=LeaderRole.objects.order_by(ReaderOrder("name"), "id"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        help_text=_("As leaders' profiles spell it, e.g. Worcester."),
    )

    AUDIENCE_FIELDS = ("states", "topics", "area_type", "lean", "role", "city")

    def clean_city(self):
        city = " ".join(self.cleaned_data.get("city", "").split())
        if city and not city_is_known(city=city):
            raise forms.ValidationError(_("No leader in the directory lists this city."))
        return city

    def audience_filter(self) -> dict:
        """The cleaned fields as the survey's stored filter (only what was chosen)."""
        data = self.cleaned_data
        chosen = {
            "states": sorted(data.get("states") or []),
            "topics": sorted(topic.slug for topic in data.get("topics") or []),
            "area_type": data.get("area_type") or "",
            "lean": data.get("lean") or "",
            "role": data["role"].slug if data.get("role") else "",
            "city": data.get("city") or "",
        }
        return {key: value for key, value in chosen.items() if value}

    @staticmethod
    def initial_from(audience_filter: dict | None) -> dict:
        """Field values for a stored filter (surveys saved with single "state"/"topic" too)."""
        stored = audience_filter or {}
        states = list(stored.get("states") or []) + (
            [stored["state"]] if stored.get("state") else []
        )
        topics = list(stored.get("topics") or []) + (
            [stored["topic"]] if stored.get("topic") else []
        )
        return {
            "states": states,
            "topics": list(Topic.objects.filter(slug__in=topics)),
            "area_type": stored.get("area_type", ""),
            "lean": stored.get("lean", ""),
            "role": LeaderRole.objects.filter(slug=stored.get("role", "")).first(),
            "city": stored.get("city", ""),
        }


class AudienceForm(AudienceFields):
    """The audience fields alone: the live count preview."""


class NetworkSurveyForm(AudienceFields, forms.ModelForm):
    """A network survey, made by staff: its settings and the filter of leaders it asks."""

    class Meta:
        model = Survey
        fields = ["title", "intro", "anonymous", "opens_at", "closes_at", "reminder_after_days"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial.update(self.initial_from(self.instance.audience_filter))

    def clean_reminder_after_days(self):
        value = self.cleaned_data["reminder_after_days"]
        if not 1 <= value <= 30:
            raise forms.ValidationError(_("Choose between 1 and 30 days."))
        return value

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data

    def survey_fields(self) -> dict:
        """What the survey services save: the model fields and the audience as its filter."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        fields["audience"] = Survey.Audience.LEADERS
        fields["audience_filter"] = self.audience_filter()
        return fields
