"""Every write of the toolkits library: toolkits, sections, documents, files, revisions, proposals.

Documents are rendered (sanitized HTML, table of contents, reading time) when they are saved,
and every save of a document is a numbered revision; restoring an old one is one more revision.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.audit import audit_log
from actlocal.errors import ServiceError
from actlocal.models import Topic
from directory.models import Organization

from .markdown import markdown_render
from .models import Attachment, Document, Proposal, Revision, Section, Toolkit
from .uploads import CheckedUpload, thumbnail_make

TOOLKIT_FIELDS = (
    "title",
    "slug",
    "summary",
    "title_es",
    "summary_es",
    "kind",
    "visibility",
    "status",
    "organization",
)


def _storage_name(name: str) -> str:
    # A random folder per file: names cannot be guessed, even on a bucket's listing-free URLs.
    return f"{secrets.token_urlsafe(18)}/{name}"


def _delete_files_after_commit(*files) -> None:
    names = [(f.storage, f.name) for f in files if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


@transaction.atomic
def toolkit_create(
    *,
    actor,
    title: str,
    slug: str,
    kind: str,
    summary: str = "",
    title_es: str = "",
    summary_es: str = "",
    visibility: str = Toolkit.Visibility.PUBLIC,
    status: str = Toolkit.Status.DRAFT,
    organization: Organization | None = None,
    topics: Iterable[Topic] = (),
) -> Toolkit:
    """A new toolkit (a draft unless told otherwise)."""
    toolkit = Toolkit.objects.create(
        title=title,
        slug=slug,
        kind=kind,
        summary=summary,
        title_es=title_es,
        summary_es=summary_es,
        visibility=visibility,
        status=status,
        organization=organization,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    toolkit.topics.set(list(topics))
    audit_log(actor=actor, obj=toolkit, action="toolkit.create", data={"slug": slug})
    return toolkit


@transaction.atomic
def toolkit_update(*, toolkit: Toolkit, actor, data: dict) -> Toolkit:
    """Change a toolkit's fields (only those in TOOLKIT_FIELDS) and, if given, its topics."""
    changed = [name for name in TOOLKIT_FIELDS if name in data]
    for name in changed:
        setattr(toolkit, name, data[name])
    toolkit.save(update_fields=[*changed, "updated_at"])
    if "topics" in data:
        toolkit.topics.set(list(data["topics"]))
    audit_log(actor=actor, obj=toolkit, action="toolkit.update", data={"fields": changed})
    return toolkit


@transaction.atomic
def toolkit_cover_set(*, toolkit: Toolkit, actor, upload: CheckedUpload | None) -> Toolkit:
    """Replace (or with None, remove) the cover: always a re-encoded PNG, never the raw upload."""
    old = toolkit.cover.name and toolkit.cover
    if upload is None:
        toolkit.cover = ""
    else:
        image = thumbnail_make(upload.data)
        if image is None:
            raise ServiceError(_("This image could not be read; try another file."))
        toolkit.cover.save(_storage_name(f"{toolkit.slug}-cover.png"), image, save=False)
    toolkit.save(update_fields=["cover", "updated_at"])
    if old:
        _delete_files_after_commit(old)
    audit_log(actor=actor, obj=toolkit, action="toolkit.cover", data={"removed": upload is None})
    return toolkit


@transaction.atomic
def section_create(*, toolkit: Toolkit, actor, title: str, position: int | None = None) -> Section:
    """A new section, last unless a position is given."""
    if position is None:
        position = (toolkit.sections.aggregate(n=Max("position"))["n"] or 0) + 1
    section = Section.objects.create(toolkit=toolkit, title=title, position=position)
    audit_log(actor=actor, obj=section, action="toolkit.section.create", data={"title": title})
    return section


def _title_clean(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError(_("Give the section a title."))
    return title[:200]


@transaction.atomic
def section_rename(*, section: Section, actor, title: str) -> Section:
    """Give a section a new title (documents and their revisions are untouched)."""
    title = _title_clean(title)
    old = section.title
    section.title = title
    section.save(update_fields=["title"])
    audit_log(
        actor=actor, obj=section, action="toolkit.section.rename", data={"from": old, "to": title}
    )
    return section


@transaction.atomic
def section_move(*, section: Section, actor, step: int) -> bool:
    """Swap a section with its neighbour (`step` -1 up, +1 down); False at either end.

    The toolkit row is locked and positions are renumbered 1..n, so sections sharing a
    position (from the admin or an old import) still move one place at a time.
    """
    if step not in (-1, 1):
        raise ValueError("step is -1 or 1")
    Toolkit.objects.select_for_update().filter(pk=section.toolkit_id).first()
    order = list(Section.objects.filter(toolkit_id=section.toolkit_id).order_by("position", "id"))
    index = next((i for i, s in enumerate(order) if s.pk == section.pk), None)
    if index is None or not 0 <= index + step < len(order):
        return False
    order[index], order[index + step] = order[index + step], order[index]
    for position, row in enumerate(order, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    audit_log(
        actor=actor,
        obj=section,
        action="toolkit.section.move",
        data={"up" if step < 0 else "down": 1},
    )
    return True


@transaction.atomic
def section_delete(
    *, section: Section, actor, delete_documents: bool = False, move_to: Section | None = None
) -> int:
    """Delete a section; its documents move to `move_to` (None: no section, listed last) or,
    with `delete_documents`, are deleted with their revisions and files. Returns how many
    documents were moved or deleted."""
    if move_to is not None and (move_to.toolkit_id != section.toolkit_id or move_to == section):
        raise ServiceError(_("Choose another section of this toolkit."))
    Toolkit.objects.select_for_update().filter(pk=section.toolkit_id).first()
    documents = list(section.documents.order_by("position", "id"))
    if delete_documents:
        for document in documents:
            document_delete(document=document, actor=actor)
    else:
        start = 0
        if move_to is not None:
            start = move_to.documents.aggregate(n=Max("position"))["n"] or 0
        for offset, document in enumerate(documents, start=1):
            # The move is not a new revision: the text did not change.
            document.section = move_to
            document.position = start + offset
            document.save(update_fields=["section", "position", "updated_at"])
    audit_log(
        actor=actor,
        obj=section.toolkit,
        action="toolkit.section.delete",
        data={
            "title": section.title,
            "documents": len(documents),
            "deleted_documents": delete_documents,
            "moved_to": move_to.pk if move_to and not delete_documents else None,
        },
    )
    section.delete()
    return len(documents)


@transaction.atomic
def document_section_set(*, document: Document, actor, section: Section | None) -> Document:
    """Move a document to another section of its toolkit (None: no section), last in it."""
    if section is not None and section.toolkit_id != document.toolkit_id:
        raise ServiceError(_("Choose a section of this toolkit."))
    if section is not None and section.pk == document.section_id:
        return document
    if section is None and document.section_id is None:
        return document
    siblings = Document.objects.filter(toolkit_id=document.toolkit_id, section=section)
    document.section = section
    document.position = (siblings.aggregate(n=Max("position"))["n"] or 0) + 1
    document.save(update_fields=["section", "position", "updated_at"])
    audit_log(
        actor=actor,
        obj=document,
        action="toolkit.document.move",
        data={"section": section.pk if section else None},
    )
    return document


def _render_into(document: Document) -> None:
    rendered = markdown_render(document.body)
    document.body_html = rendered.html
    document.toc = rendered.toc
    document.reading_minutes = rendered.reading_minutes
    # The Spanish text goes through the same Markdown and sanitising as the original.
    spanish = markdown_render(document.body_es) if document.body_es else None
    document.body_html_es = spanish.html if spanish else ""
    document.toc_es = spanish.toc if spanish else []


def _revision_add(*, document: Document, actor, note: str) -> Revision:
    # The document row is locked by the caller, so numbers never collide.
    last = document.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        document=document,
        number=last + 1,
        title=document.title,
        body=document.body,
        note=note[:300],
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def document_create(
    *,
    toolkit: Toolkit,
    actor,
    title: str,
    slug: str,
    body: str = "",
    section: Section | None = None,
    topics: Iterable[Topic] = (),
    position: int | None = None,
    note: str = "",
    template_for: str = "",
    title_es: str = "",
    body_es: str = "",
) -> Document:
    """A new document, rendered, with its first revision."""
    if position is None:
        position = (toolkit.documents.aggregate(n=Max("position"))["n"] or 0) + 1
    document = Document(
        toolkit=toolkit,
        section=section,
        title=title,
        slug=slug,
        body=body,
        position=position,
        template_for=template_for,
        title_es=title_es,
        body_es=body_es,
    )
    _render_into(document)
    document.save()
    document.topics.set(list(topics))
    _revision_add(document=document, actor=actor, note=note or _("Created"))
    audit_log(actor=actor, obj=document, action="toolkit.document.create", data={"slug": slug})
    return document


@transaction.atomic
def document_update(*, document: Document, actor, data: dict, note: str = "") -> Document:
    """Save new title/text (and section, position, topics if given) as a new revision."""
    Document.objects.select_for_update().filter(pk=document.pk).first()
    for name in (
        "title",
        "slug",
        "body",
        "section",
        "position",
        "template_for",
        "title_es",
        "body_es",
    ):
        if name in data:
            setattr(document, name, data[name])
    _render_into(document)
    document.save()
    if "topics" in data:
        document.topics.set(list(data["topics"]))
    revision = _revision_add(document=document, actor=actor, note=note)
    audit_log(
        actor=actor,
        obj=document,
        action="toolkit.document.update",
        data={"revision": revision.number},
    )
    return document


def revision_restore(*, revision: Revision, actor) -> Document:
    """Bring back an earlier text; the restore is itself a new revision."""
    return document_update(
        document=revision.document,
        actor=actor,
        data={"title": revision.title, "body": revision.body},
        note=_("Restored revision %(number)s") % {"number": revision.number},
    )


@transaction.atomic
def attachment_add(
    *, document: Document, actor, upload: CheckedUpload, title: str = ""
) -> Attachment:
    """Store a checked upload (and a thumbnail for images) under an unguessable name."""
    attachment = Attachment(
        document=document,
        name=upload.name,
        title=title,
        kind=upload.detected.kind,
        content_type=upload.detected.content_type,
        size=len(upload.data),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(_storage_name(upload.name), ContentFile(upload.data), save=False)
    if attachment.kind == Attachment.Kind.IMAGE:
        thumbnail = thumbnail_make(upload.data)
        if thumbnail is not None:
            stem = upload.name.rsplit(".", 1)[0]
            attachment.thumbnail.save(_storage_name(f"{stem}-thumb.png"), thumbnail, save=False)
    attachment.save()
    audit_log(
        actor=actor,
        obj=attachment,
        action="toolkit.attachment.add",
        data={"name": upload.name, "type": attachment.content_type},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor) -> None:
    """Remove the row now and its files once the deletion is committed."""
    audit_log(
        actor=actor,
        obj=attachment,
        action="toolkit.attachment.delete",
        data={"name": attachment.name},
    )
    _delete_files_after_commit(attachment.file, attachment.thumbnail)
    attachment.delete()


@transaction.atomic
def proposal_create(*, document: Document, actor, title: str, body: str, note: str) -> Proposal:
    """An organizer's suggested text, against the document's latest revision."""
    base = document.revisions.aggregate(n=Max("number"))["n"] or 0
    proposal = Proposal.objects.create(
        document=document, title=title, body=body, note=note, base_number=base, proposed_by=actor
    )
    audit_log(actor=actor, obj=proposal, action="toolkit.proposal.create", data={})
    return proposal


def _proposal_close(*, proposal: Proposal, actor, status: str) -> bool:
    # Claim the open proposal first: a double click or two editors decide it only once.
    return bool(
        Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN).update(
            status=status, decided_by=actor, decided_at=timezone.now()
        )
    )


@transaction.atomic
def proposal_accept(*, proposal: Proposal, actor) -> bool:
    """Apply the proposal as a new revision; False if it was already decided."""
    if not _proposal_close(proposal=proposal, actor=actor, status=Proposal.Status.ACCEPTED):
        return False
    # The proposer's name, never their email: revision notes are shown to readers.
    author = (proposal.proposed_by.name if proposal.proposed_by else "") or _("an organizer")
    document_update(
        document=proposal.document,
        actor=actor,
        data={"title": proposal.title, "body": proposal.body},
        note=_("Accepted proposal by %(author)s: %(note)s")
        % {"author": author, "note": proposal.note},
    )
    audit_log(actor=actor, obj=proposal, action="toolkit.proposal.accept", data={})
    return True


@transaction.atomic
def proposal_decline(*, proposal: Proposal, actor) -> bool:
    """Close the proposal unchanged; False if it was already decided."""
    if not _proposal_close(proposal=proposal, actor=actor, status=Proposal.Status.DECLINED):
        return False
    audit_log(actor=actor, obj=proposal, action="toolkit.proposal.decline", data={})
    return True


def _stored_files(attachments) -> list:
    return [f for a in attachments for f in (a.file, a.thumbnail) if f]


@transaction.atomic
def document_delete(*, document: Document, actor) -> None:
    """Remove a document with its revisions and files (the files once the deletion commits)."""
    audit_log(actor=actor, obj=document, action="toolkit.document.delete", data={})
    _delete_files_after_commit(*_stored_files(document.attachments.all()))
    document.delete()


@transaction.atomic
def toolkit_delete(*, toolkit: Toolkit, actor) -> None:
    """Remove a toolkit with everything in it, its stored files included."""
    audit_log(actor=actor, obj=toolkit, action="toolkit.delete", data={"slug": toolkit.slug})
    files = _stored_files(Attachment.objects.filter(document__toolkit=toolkit))
    _delete_files_after_commit(*files, toolkit.cover)
    toolkit.delete()
