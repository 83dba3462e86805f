"""The demo's words fit the event they are on: its own agenda and questions, texts for its kind,
nothing copied from another event, no filler."""

import re
from collections import Counter
from pathlib import Path

import pytest

from directory.demo.data import RESOURCE_DESCRIPTIONS, RESOURCE_EXTRAS
from events.demo.data import AGENDAS, EVENTS, QUESTIONS, TEXT_ANSWERS, TEXTS
from events.models import Event, Question

ROOT = Path(__file__).resolve().parents[2]
DEMO_MODULES = [
    *(ROOT / "events/demo").glob("*.py"),
    *(ROOT / "campaigns/demo").glob("*.py"),
    *(ROOT / "directory/demo").glob("*.py"),
    *(ROOT / "surveys/demo").glob("*.py"),
    *(ROOT / "toolkits/demo").rglob("*.py"),
]


def test_no_demo_text_is_filler():
    for path in DEMO_MODULES:
        text = path.read_text().lower()
        for filler in ("lorem", "ipsum", "dolor sit", "placeholder text", "tbd"):
            assert filler not in text, f"{filler!r} in {path.relative_to(ROOT)}"


def test_each_event_has_its_own_title_and_description():
    titles = Counter(spec.title for spec in EVENTS)
    descriptions = Counter(spec.description for spec in EVENTS)

    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


def test_every_training_has_an_agenda_of_its_own_that_fits_in_its_time():
    trainings = [spec for spec in EVENTS if spec.kind == Event.Kind.TRAINING]
    agendas = [spec.agenda for spec in trainings]

    assert all(agendas) and len(set(agendas)) == len(agendas)
    for spec in EVENTS:
        if not spec.agenda:
            continue
        lines = AGENDAS[spec.agenda]
        end = max(line.offset + line.minutes for line in lines)
        assert end <= spec.minutes, f"{spec.slug}: the agenda runs {end} of {spec.minutes} min"


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("pittsburgh-public-testimony-training", ("testimony", "microphone")),
        ("madison-city-budget-training", ("budget",)),
        ("detroit-know-your-rights-trainers", ("session", "Spanish")),
        ("columbus-paid-sick-leave-workshop", ("sick", "ordinance")),
    ],
)
def test_a_trainings_agenda_and_questions_speak_of_its_subject(slug, words):
    spec = next(spec for spec in EVENTS if spec.slug == slug)
    agenda = " ".join(f"{line.title} {line.description}" for line in AGENDAS[spec.agenda])
    questions = " ".join(line.label for line in QUESTIONS[spec.questions])

    assert spec.questions
    for word in words:
        assert word.lower() in (agenda + " " + questions).lower(), (slug, word)


def test_invitation_confirmation_and_reminder_fit_the_kind_of_event():
    assert set(TEXTS) == {spec.kind for spec in EVENTS}
    for kind, texts in TEXTS.items():
        words = f"{texts.invitation} {texts.confirmation} {texts.reminder}".lower()
        if kind != Event.Kind.DINNER:
            assert not re.search(r"\b(dinner|table)\b", words), kind
        if kind != Event.Kind.CONVENING:
            assert not re.search(r"\blunch\b", words), kind


def test_text_questions_get_answers_drawn_from_their_own_subject():
    for key, lines in QUESTIONS.items():
        if any(line.kind == Question.Kind.TEXT for line in lines):
            assert key in TEXT_ANSWERS, key


def test_every_kind_of_resource_gets_sentences_written_for_it():
    assert set(RESOURCE_EXTRAS) == set(RESOURCE_DESCRIPTIONS)
    assert {len(extras) for extras in RESOURCE_EXTRAS.values()} == {5}
    assert "handouts" not in " ".join(RESOURCE_EXTRAS["funding"])
