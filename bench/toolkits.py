"""`make bench`, toolkits: 500 toolkits and 5,000 documents (by default) made once in the
benchmark database, and the library's pages measured by bench/run.py like the directory's (all
three modes: they share the directory's page cache).

Told apart from any other toolkit by the slug prefix. A tenth of the toolkits are members-only
and a tenth drafts, so the anonymous pages filter as they do on a real site. Documents carry a
realistic Markdown text rendered once (sanitized, with a table of contents) and reused, as the
services would store it; PostgreSQL's triggers fill the search vectors on insert.
"""

from __future__ import annotations

import random
import time

PREFIX = "bench-toolkit-"
DETAIL_SLUG = f"{PREFIX}0001"
DOCUMENT_SLUG = "document-01"
SEED = 17

BODY = """Constituents who prepare together make a stronger case than any lobbyist.

## Before the meeting

Agree on the single ask, who tells which story, and who takes notes. Read the bill.

## In the meeting

Make the ask plainly, then wait for an answer. Write down the exact words.

### Handling a non-answer

Ask kindly whether that is a yes, a no or undecided, so you can report it accurately.

## After the meeting

File the report the same day and send a thank-you note repeating any commitment.
"""


def pages(page_class, *, list_target: float):
    """The library's pages, as bench/run.py's Page rows."""
    return (
        page_class("Toolkits list", "/toolkits/", list_target),
        page_class("Toolkits search q=lobby", "/toolkits/?q=lobby", list_target),
        page_class("Toolkit (10 documents)", f"/toolkits/{DETAIL_SLUG}/", list_target),
        page_class("Toolkit document", f"/toolkits/{DETAIL_SLUG}/{DOCUMENT_SLUG}/", list_target),
    )


def toolkits_prepare(*, toolkits: int, documents: int) -> str:
    """Create the benchmark library unless it is there already; returns a summary."""
    from django.db import transaction

    from actlocal.models import Topic
    from directory.cache import directory_cache_bump
    from directory.models import Organization
    from toolkits.markdown import markdown_render
    from toolkits.models import Document, Section, Toolkit

    have = Toolkit.objects.filter(slug__startswith=PREFIX)
    if have.count() >= toolkits:
        count = Document.objects.filter(toolkit__slug__startswith=PREFIX).count()
        return f"already seeded: {have.count():,} toolkits, {count:,} documents"
    started = time.monotonic()
    rng = random.Random(SEED)
    topics = list(Topic.objects.all())
    organizations = list(Organization.objects.order_by("id").values_list("id", flat=True)[:200])
    rendered = markdown_render(BODY)
    per_toolkit = max(1, documents // max(toolkits, 1))
    with transaction.atomic():
        have.delete()
        kits = Toolkit.objects.bulk_create(
            Toolkit(
                title=f"{rng.choice(['Lobby', 'Op-ed', 'Ordinance', 'Voter', 'Event'])} "
                f"toolkit no. {index}",
                slug=f"{PREFIX}{index:04d}",
                summary="A benchmark toolkit with a realistic summary for the list. " * 3,
                kind=rng.choice(Toolkit.Kind.values),
                organization_id=rng.choice(organizations) if organizations else None,
                visibility=(
                    Toolkit.Visibility.MEMBERS if index % 10 == 5 else Toolkit.Visibility.PUBLIC
                ),
                status=Toolkit.Status.DRAFT if index % 10 == 7 else Toolkit.Status.PUBLISHED,
            )
            for index in range(1, toolkits + 1)
        )
        links = Toolkit.topics.through
        links.objects.bulk_create(
            links(toolkit_id=kit.pk, topic_id=topic.pk)
            for kit in kits
            for topic in rng.sample(topics, k=min(2, len(topics)))
        )
        sections = Section.objects.bulk_create(
            Section(toolkit=kit, title=f"Part {part}", position=part)
            for kit in kits
            for part in (1, 2)
        )
        by_toolkit: dict[int, list[Section]] = {}
        for section in sections:
            by_toolkit.setdefault(section.toolkit_id, []).append(section)
        Document.objects.bulk_create(
            Document(
                toolkit=kit,
                section=by_toolkit[kit.pk][number % 2],
                title=f"{rng.choice(['Lobby', 'Letters', 'Agenda', 'Outreach'])} guide {number}",
                slug=f"document-{number:02d}",
                body=BODY,
                body_html=rendered.html,
                toc=rendered.toc,
                reading_minutes=rendered.reading_minutes,
                position=number,
            )
            for kit in kits
            for number in range(1, per_toolkit + 1)
        )
        directory_cache_bump()  # bulk inserts send no signals
    return (
        f"seeded in {time.monotonic() - started:.1f}s: {len(kits):,} toolkits, "
        f"{len(kits) * per_toolkit:,} documents"
    )
