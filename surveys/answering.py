"""Reading a posted answer page: what each visible question's answer is, or why it is refused.

Everything posted is checked against the survey's own questions: a field for a question that
does not exist, a choice that is not offered or a number out of range is refused with a clear
message and nothing is saved. Skip logic decides which questions are shown; answers to hidden
ones are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actlocal.models import Topic
from actlocal.translated import localized_item

from .models import Question

FIELD_RE = re.compile(r"^q(\d+)(?:_other)?$")
SCALE_VALUES = ("1", "2", "3", "4", "5")
YES_NO_VALUES = ("yes", "no")
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


@dataclass(frozen=True)
class Value:
    """One answer row to be: a chosen option, a number or a text."""

    choice: str = ""
    number: int | None = None
    text: str = ""


@dataclass
class PageResult:
    values: dict[int, list[Value]] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    form_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.form_error


def choice_values(
    question: Question, topics: Iterable[Topic] = (), *, for_reader: bool = False
) -> list[tuple[str, str]]:
    """(value, label) of the options a choice question offers; `for_reader`: the labels in the
    reader's language where the survey gives one (results and exports keep the originals)."""
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        label = (lambda c: localized_item(c, "label")) if for_reader else (lambda c: c["label"])
        options = [(str(c["value"]), str(label(c))) for c in question.choices]
        if question.allow_other:
            options.append(("other", _("Other")))
        return options
    if question.kind == Question.Kind.SCALE:
        labels = {"1": question.scale_low_label, "5": question.scale_high_label}
        return [(v, f"{v} – {labels[v]}" if labels.get(v) else v) for v in SCALE_VALUES]
    if question.kind == Question.Kind.YES_NO:
        return [("yes", _("Yes")), ("no", _("No"))]
    if question.kind == Question.Kind.NEEDS:
        return [(topic.slug, topic.name) for topic in topics]
    return []


def is_shown(question: Question, answers: Mapping[int, list[Value]]) -> bool:
    """Skip logic: shown unless it depends on an answer that is not the one it waits for."""
    if question.show_if_question_id is None:
        return True
    given = answers.get(question.show_if_question_id, [])
    return any(value.choice == question.show_if_value for value in given)


def _parse_one(question: Question, data, topics: list[Topic]) -> tuple[list[Value], str]:
    name = f"q{question.pk}"
    kind = question.kind
    if kind == Question.Kind.MULTIPLE or kind == Question.Kind.NEEDS:
        raw = [v.strip() for v in data.getlist(name) if v.strip()]
    else:
        raw = [data.get(name, "").strip()] if data.get(name, "").strip() else []
    if not raw:
        return [], ""
    if kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
        limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
        if len(raw[0]) > limit:
            return [], _("Please keep this answer under %(limit)d characters.") % {"limit": limit}
        return [Value(text=raw[0])], ""
    if kind == Question.Kind.NUMBER:
        try:
            number = int(raw[0])
        except ValueError:
            return [], _("Please enter a whole number.")
        if not question.number_min <= number <= question.number_max:
            return [], _("Please enter a number from %(low)d to %(high)d.") % {
                "low": question.number_min,
                "high": question.number_max,
            }
        return [Value(number=number)], ""
    offered = {value for value, _label in choice_values(question, topics)}
    if any(value not in offered for value in raw) or len(set(raw)) != len(raw):
        return [], _("Please choose from the options offered.")
    other = data.get(f"{name}_other", "").strip()[:SHORT_TEXT_MAX]
    if "other" in raw and not other:
        return [], _("Please say what “other” is.")
    return [Value(choice=v, text=other if v == "other" else "") for v in raw], ""


def page_parse(
    *,
    questions: list[Question],
    page: int,
    data,
    saved: Mapping[int, list[Value]],
    topics: list[Topic],
) -> PageResult:
    """Check the posted fields of `page` against the survey's questions (all pages given)."""
    result = PageResult()
    known = {question.pk for question in questions}
    on_page = [q for q in questions if q.page == page]
    page_pks = {q.pk for q in on_page}
    for key in data:
        match = FIELD_RE.match(key)
        if match and int(match.group(1)) not in page_pks:
            result.form_error = (
                _("This survey has no such question.")
                if int(match.group(1)) not in known
                else _("That question is on another page of this survey.")
            )
            return result
    answers = {pk: values for pk, values in saved.items() if pk not in page_pks}
    for question in on_page:  # in order, so a question can depend on one above it
        if not is_shown(question, answers):
            continue
        values, error = _parse_one(question, data, topics)
        if error:
            result.errors[question.pk] = error
        elif not values and question.required:
            result.errors[question.pk] = _("This question needs an answer.")
        elif values:
            answers[question.pk] = values
            result.values[question.pk] = values
    return result
