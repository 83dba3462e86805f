"""Read queries of the toolkits library, with what their pages show already joined."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from actlocal.collation import ReaderOrder
from directory.selectors import text_search

from .models import Attachment, Document, Proposal, Revision, Section, Toolkit

TOOLKIT_SEARCH_FIELDS = ("title", "summary")
DOCUMENT_SEARCH_FIELDS = ("title", "body")
SEARCH_TOP = 5


def toolkit_list(*, user) -> QuerySet[Toolkit]:
    """Published toolkits `user` may see, in library order: the rows a list page counts and
    pages through (their keys and titles; the cards load the rest, see `toolkit_cards_load`)."""
    return Toolkit.objects.listed_for(user).only("id", "title").order_by("title", "id")


def toolkit_cards_load(*, pks) -> QuerySet[Toolkit]:
    """The toolkits a card shows, with owner, topics and document count."""
    return (
        Toolkit.objects.filter(pk__in=pks)
        .select_related("organization")
        .only(
            "id",
            "title",
            "title_es",
            "slug",
            "summary",
            "summary_es",
            "kind",
            "visibility",
            "status",
            "organization__name",
            "organization__slug",
        )
        .prefetch_related("topics")
        .annotate(document_count=Count("documents"))
    )


def toolkit_search(*, queryset: QuerySet[Toolkit], query: str) -> QuerySet[Toolkit]:
    """Toolkits whose title or summary, or one of whose documents, match the search text."""
    direct = text_search(
        queryset, query=query, fields=TOOLKIT_SEARCH_FIELDS, ordering=("title", "id")
    )
    via_documents = text_search(
        Document.objects.all(), query=query, fields=DOCUMENT_SEARCH_FIELDS, ordering=("id",)
    ).values("toolkit_id")
    matched = Q(pk__in=direct.order_by().values("pk")) | Q(pk__in=via_documents.order_by())
    return queryset.filter(matched)


def toolkit_sections(*, toolkit: Toolkit) -> list[Section]:
    """Sections in order, each with its documents; documents without a section come last."""
    documents = Document.objects.defer(
        "search_vector", "body", "body_html", "toc", "body_es", "body_html_es", "toc_es"
    ).order_by("position", "id")
    sections = list(
        toolkit.sections.prefetch_related(Prefetch("documents", queryset=documents)).order_by(
            "position", "id"
        )
    )
    loose = list(documents.filter(toolkit=toolkit, section=None))
    if loose:
        sections.append(Section(toolkit=toolkit, title="", position=0))
        sections[-1].loose_documents = loose  # type: ignore[attr-defined]
    return sections


def toolkit_topics(*, toolkit: Toolkit) -> list:
    return list(
        toolkit.topics.order_by(ReaderOrder("name"), "id").only("id", "name", "name_es", "slug")
    )


def document_topics(*, document: Document) -> list:
    return list(
        document.topics.order_by(ReaderOrder("name"), "id").only("id", "name", "name_es", "slug")
    )


def toolkit_section_get(*, toolkit: Toolkit, pk: int) -> Section | None:
    return toolkit.sections.filter(pk=pk).first()


def section_document_count(*, section: Section) -> int:
    return section.documents.count()


def toolkit_sections_plain(*, toolkit: Toolkit) -> list[Section]:
    """The toolkit's sections in order, without their documents (for choices)."""
    return list(toolkit.sections.order_by("position", "id").only("id", "title", "position"))


def toolkit_documents_full(*, toolkit: Toolkit) -> QuerySet[Document]:
    """Every document of the toolkit with its attachments, in reading order (zip, print)."""
    return (
        Document.objects.filter(toolkit=toolkit)
        .defer("search_vector")
        .select_related("section")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("name")))
        .order_by("section__position", "section_id", "position", "id")
    )


def document_attachments(*, document: Document) -> list[Attachment]:
    return list(document.attachments.order_by("name", "id"))


def document_neighbours(
    *, document: Document
) -> tuple[tuple[int, str, str] | None, tuple[int, str, str] | None]:
    """(pk, slug, title) of the previous and next documents in the toolkit's reading order."""
    order = list(
        Document.objects.filter(toolkit_id=document.toolkit_id)
        .order_by("section__position", "section_id", "position", "id")
        .values_list("pk", "slug", "title")
    )
    keys = [row[0] for row in order]
    index = keys.index(document.pk)
    previous = order[index - 1] if index > 0 else None
    following = order[index + 1] if index + 1 < len(order) else None
    return previous, following


def document_revisions(*, document: Document) -> QuerySet[Revision]:
    return document.revisions.select_related("author").defer("body").order_by("-number")


def site_search(*, user, query: str, top: int = SEARCH_TOP) -> dict:
    """The toolkit card of the directory's search: matching toolkits and documents `user` sees."""
    toolkits = text_search(
        Toolkit.objects.listed_for(user).defer("search_vector").order_by("title", "id"),
        query=query,
        fields=TOOLKIT_SEARCH_FIELDS,
        ordering=("title", "id"),
    )
    documents = text_search(
        Document.objects.filter(toolkit__in=Toolkit.objects.listed_for(user))
        .select_related("toolkit")
        .only("id", "title", "slug", "toolkit__title", "toolkit__slug")
        .order_by("title", "id"),
        query=query,
        fields=DOCUMENT_SEARCH_FIELDS,
        ordering=("title", "id"),
    )
    return {
        "toolkits": {"count": toolkits.count(), "top": list(toolkits[:top])},
        "documents": {"count": documents.count(), "top": list(documents[:top])},
    }


def person_contributions(*, user) -> tuple[list[dict], list[dict]]:
    """The proposals and revisions `user` wrote, as JSON-ready rows for their data download."""
    proposals = [
        {
            "document": title,
            "toolkit": toolkit_slug,
            "note": note,
            "status": status,
            "proposed_at": created_at.isoformat(),
        }
        for title, toolkit_slug, note, status, created_at in Proposal.objects.filter(
            proposed_by=user
        )
        .order_by("created_at", "id")
        .values_list("document__title", "document__toolkit__slug", "note", "status", "created_at")
    ]
    revisions = [
        {
            "document": title,
            "toolkit": toolkit_slug,
            "number": number,
            "note": note,
            "saved_at": created_at.isoformat(),
        }
        for title, toolkit_slug, number, note, created_at in Revision.objects.filter(author=user)
        .order_by("created_at", "id")
        .values_list("document__title", "document__toolkit__slug", "number", "note", "created_at")
    ]
    return proposals, revisions


def toolkit_documents_with_open_proposals(*, toolkit: Toolkit) -> list[tuple[str, str]]:
    """(title, slug) of the toolkit's documents that have proposals waiting for an editor."""
    return list(
        toolkit.documents.filter(proposals__status=Proposal.Status.OPEN)
        .values_list("title", "slug")
        .distinct()
    )


def toolkit_attachment_or_404(*, toolkit: Toolkit, pk: int) -> Attachment:
    """A file of this toolkit (never of another one, whatever the URL says)."""
    return get_object_or_404(
        Attachment.objects.select_related("document"), pk=pk, document__toolkit=toolkit
    )


def document_revision_pair(*, document: Document, numbers: list[int]) -> dict[int, Revision]:
    """The document's revisions with these numbers, by number."""
    return {r.number: r for r in Revision.objects.filter(document=document, number__in=numbers)}


def document_revision_or_404(*, document: Document, number: int) -> Revision:
    revision = get_object_or_404(Revision, document=document, number=number)
    revision.document = document
    return revision


def document_proposal_or_404(*, document: Document, pk: int) -> Proposal:
    """A proposal for this document (decided ones too: the service says it was decided)."""
    proposal = get_object_or_404(Proposal, document=document, pk=pk)
    proposal.document = document
    return proposal


def document_open_proposals(*, document: Document) -> list[Proposal]:
    """Proposals waiting for an editor, oldest first, with who proposed them."""
    return list(
        document.proposals.filter(status=Proposal.Status.OPEN)
        .select_related("proposed_by")
        .order_by("created_at", "id")
    )


def document_latest_revision_number(*, document: Document) -> int:
    return document.revisions.aggregate(n=Max("number"))["n"] or 0


def toolkits_started_by(*, user) -> QuerySet[Toolkit]:
    """Toolkits `user` created, newest change first, with how many proposals wait on each."""
    return (
        Toolkit.objects.filter(created_by=user)
        .annotate(
            open_proposals=Count(
                "documents__proposals",
                filter=Q(documents__proposals__status=Proposal.Status.OPEN),
            )
        )
        .order_by("-updated_at", "-id")
    )
