"""The needs map: what leaders in each state asked for (the "which topics do you need" answers)
beside what the directory holds for those topics there. A request with nothing to offer is the
gap the network should fill.

Asked counts come from the rollups with the same suppression as every results table; resources
count those of the state plus the national ones, which serve every state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from actlocal.translated import localized
from directory.models import Resource, Scope

from .models import Question, Survey
from .results import question_table, rollup_cells
from .selectors import survey_questions, survey_topics
from .suppression import OVERALL


@dataclass(frozen=True)
class NeedRow:
    state: str
    topic: str
    topic_slug: str
    asked: int | None  # None: suppressed (fewer than 5, or would reveal such a group)
    resources: int

    @property
    def gap(self) -> bool:
        return self.resources == 0


def _resource_counts() -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    by_state: dict[tuple[str, str], int] = {}
    national: dict[str, int] = {}
    rows = (
        Resource.objects.filter(topics__isnull=False)
        .values_list("scope", "state", "topics__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    for scope, state, topic, n in rows:
        if scope == Scope.NATIONAL:
            national[topic] = national.get(topic, 0) + n
        elif state:
            by_state[(state, topic)] = by_state.get((state, topic), 0) + n
    return by_state, national


def needs_map(*, survey: Survey) -> list[NeedRow]:
    """Rows for every state and topic someone asked for, gaps (no resource) first."""
    questions = [q for q in survey_questions(survey=survey) if q.kind == Question.Kind.NEEDS]
    if not questions:
        return []
    topics = survey_topics()
    labels = {topic.slug: localized(topic, "name") for topic in topics}
    by_state, national = _resource_counts()
    cells = rollup_cells(survey, kinds={"state"})
    rows: list[NeedRow] = []
    for question in questions:
        cells_table = question_table(cells, question, "state", list(labels))
        for state, counts in cells_table.counts.items():
            if state in (OVERALL, ""):
                continue
            for slug, asked in counts.items():
                if asked == 0:
                    continue
                resources = by_state.get((state, slug), 0) + national.get(slug, 0)
                rows.append(NeedRow(state, labels[slug], slug, asked, resources))
    rows.sort(key=lambda r: (not r.gap, r.state, -(r.asked or 0), r.topic))
    return rows
