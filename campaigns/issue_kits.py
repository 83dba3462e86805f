"""Which documents of an issue kit a playbook step points to, by the words they share.

Issue kits (toolkits of kind "issue kit") are written with the ordinance playbook in mind: the
arguments for and against, outreach to affected communities, the campaign's steps. A step is
linked to a kit document when one of the step's words below appears in its title and one of the
matching document words in the document's slug or title. Kits written differently still give
the campaign all their documents; only these links need the words.
"""

from __future__ import annotations

STEP_HINTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("both sides", "understand the issue"), ("argument", "pro and con", "for and against")),
    (("most affected", "affected"), ("outreach", "affected")),
    (("opposition",), ("argument", "for and against")),
    (("introduce", "win the vote"), ("steps",)),
)


def step_matches(*, step_title: str, document_slug: str, document_title: str) -> bool:
    step = step_title.lower()
    document = f"{document_slug} {document_title}".lower()
    return any(
        any(word in step for word in step_words) and any(word in document for word in doc_words)
        for step_words, doc_words in STEP_HINTS
    )
