"""The demo library for `seed_demo`: six toolkits with texts written for this project.

An action kit in the constituent-meeting model, three local-ordinance issue kits (sanctuary
policy, surveillance oversight, body cameras) each with arguments for and against, outreach to
affected communities and campaign steps, an event organizer's toolkit of reusable templates
(members only) and a voting and elections kit. Everything goes through the services, so the
documents are rendered, revised and audited as if an editor had typed them. Toolkits are matched
by slug: a second run creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from actlocal.models import Topic
from directory.models import Organization

from .. import services
from ..models import Toolkit
from ..uploads import upload_check
from . import files
from .data import FILES, TEMPLATES, TOOLKITS

TEXTS = Path(__file__).resolve().parent / "texts"


@dataclass
class DemoToolkits:
    toolkits: int = 0
    documents: int = 0
    files: int = 0

    @property
    def summary(self) -> str:
        if not self.toolkits:
            return "Demo toolkits already loaded; nothing to create."
        return (
            f"Demo toolkits loaded: {self.toolkits} toolkits, {self.documents} documents, "
            f"{self.files} files."
        )


def _owner() -> Organization | None:
    return (
        Organization.objects.filter(kind=Organization.Kind.ANCHOR).order_by("name").first()
        or Organization.objects.order_by("name").first()
    )


@transaction.atomic
def demo_toolkits_load(*, actor=None) -> DemoToolkits:
    """Create the demo toolkits that do not exist yet (by slug), published."""
    created = DemoToolkits()
    existing = set(Toolkit.objects.values_list("slug", flat=True))
    owner = _owner()
    for slug, title, kind, visibility, topic_slugs, summary, sections in TOOLKITS:
        if slug in existing:
            continue
        topics = list(Topic.objects.filter(slug__in=topic_slugs))
        toolkit = services.toolkit_create(
            actor=actor,
            title=title,
            slug=slug,
            kind=kind,
            summary=summary,
            visibility=visibility,
            status=Toolkit.Status.PUBLISHED,
            organization=owner,
            topics=topics,
        )
        created.toolkits += 1
        for section_title, documents in sections:
            section = services.section_create(toolkit=toolkit, actor=actor, title=section_title)
            for position, (doc_slug, doc_title) in enumerate(documents, start=1):
                services.document_create(
                    toolkit=toolkit,
                    actor=actor,
                    title=doc_title,
                    slug=doc_slug,
                    body=(TEXTS / slug / f"{doc_slug}.md").read_text(encoding="utf-8"),
                    section=section,
                    topics=topics,
                    position=position,
                    note="Demo content",
                    template_for=TEMPLATES.get((slug, doc_slug), ""),
                )
                created.documents += 1
        for kit_slug, doc_slug, name, description, maker in FILES:
            if kit_slug != slug:
                continue
            document = toolkit.documents.get(slug=doc_slug)
            upload = upload_check(data=getattr(files, maker)(), name=name)
            services.attachment_add(
                document=document, actor=actor, upload=upload, title=description
            )
            created.files += 1
    return created
