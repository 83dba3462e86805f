"""The RSVP form: going or not, needs, and the team's custom questions.

Self-contained so the invitation page can reuse it: `RSVPForm(data, event=event, rsvp=rsvp)`,
then `form.is_going()` and `form.details()` for events.services.rsvps.rsvp_respond.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actlocal.translated import localized

from ..models import RSVP, Event, Question
from ..services.rsvps import RSVPDetails

YES, NO = "yes", "no"
QUESTION_PREFIX = "question_"
ANSWER_MAX_LENGTH = 1000


class RSVPForm(forms.Form):
    # Required questions do not apply to someone saying no, which the browser cannot know: the
    # server checks them, and optional fields are marked "(optional)" in their labels.
    use_required_attribute = False

    going = forms.ChoiceField(
        label=_("Will you be there?"),
        choices=[(YES, _("Yes, I’ll be there")), (NO, _("No, I can’t make it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us whether you will be there.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Anything that would help you take part fully. Only the organizing team sees it."
        ),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=300,
        help_text=_("Allergies or diets the team should plan for."),
    )

    def __init__(self, *args, event: Event, rsvp: RSVP | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions: list[Question] = list(event.questions.order_by("position", "id"))
        declining = self.is_bound and self.data.get(self.add_prefix("going")) == NO
        for question in self.questions:
            field = self._question_field(question)
            # Someone saying no is not held up by questions about how they will take part.
            field.required = question.required and not declining
            self.fields[self.question_field_name(question)] = field
        if rsvp is not None and not self.is_bound:
            self.initial.update(self._initial_from(rsvp))

    @staticmethod
    def question_field_name(question: Question) -> str:
        return f"{QUESTION_PREFIX}{question.pk}"

    def _question_field(self, question: Question) -> forms.Field:
        common = {"label": localized(question, "label"), "required": question.required}
        if question.kind == Question.Kind.CHOICE:
            options = question.choice_options()
            return forms.ChoiceField(choices=[("", _("Choose one"))] + options, **common)
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(
                choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common
            )
        return forms.CharField(
            max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}), **common
        )

    def _initial_from(self, rsvp: RSVP) -> dict:
        initial: dict = {
            "accessibility_needs": rsvp.accessibility_needs,
            "dietary_needs": rsvp.dietary_needs,
        }
        if rsvp.status in (RSVP.Status.GOING, RSVP.Status.WAITLISTED):
            initial["going"] = YES
        elif rsvp.status == RSVP.Status.DECLINED:
            initial["going"] = NO
        answers = rsvp.answers if isinstance(rsvp.answers, dict) else {}
        for question in self.questions:
            if question.answer_key in answers:
                initial[self.question_field_name(question)] = str(answers[question.answer_key])
        return initial

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[self.question_field_name(question)] for question in self.questions]

    def is_going(self) -> bool:
        return self.cleaned_data["going"] == YES

    def details(self) -> RSVPDetails:
        """Needs and answers, answers keyed by question.answer_key with string values."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.question_field_name(question))
            if value not in (None, ""):
                answers[question.answer_key] = str(value).strip()
        return RSVPDetails(
            accessibility_needs=self.cleaned_data.get("accessibility_needs", "").strip(),
            dietary_needs=self.cleaned_data.get("dietary_needs", "").strip(),
            answers=answers,
        )
