"""One zip per toolkit: its documents as Markdown files, their attachments, and a manifest.

The same file is the readers' "download this toolkit" and the editors' export, which another
site imports. Imports trust nothing in the zip: member names are never used as paths, sizes and
counts are bounded, the manifest is checked field by field, and every attachment is checked by
content again. An import is all or nothing and always arrives as a draft.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actlocal.models import Topic
from directory.models import Organization

from .forms import RESERVED_DOCUMENT_SLUGS, RESERVED_TOOLKIT_SLUGS
from .merge import PLACES
from .models import Document, Toolkit
from .selectors import toolkit_documents_full
from .services import attachment_add, document_create, section_create, toolkit_create
from .uploads import upload_check

FORMAT = "actlocal-toolkit"
VERSION = 1
MANIFEST = "toolkit.json"
MAX_MEMBERS = 1000
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 400_000


def _document_path(index: int, document: Document) -> str:
    section = document.section
    folder = (
        f"{section.position:02d}-{slugify(section.title)[:40] or 'section'}" if section else "00"
    )
    return f"{folder}/{index:02d}-{document.slug}.md"


def _document_markdown(document: Document) -> str:
    return f"# {document.title}\n\n{document.body.strip()}\n"


def toolkit_zip(*, toolkit: Toolkit) -> tempfile.SpooledTemporaryFile:
    """The toolkit as a zip in a temporary file, positioned at its start."""
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    sections: dict[int | None, dict] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, document in enumerate(toolkit_documents_full(toolkit=toolkit), start=1):
            path = _document_path(index, document)
            archive.writestr(path, _document_markdown(document))
            files = []
            for attachment in document.attachments.all():
                member = f"{path[:-3]}-files/{attachment.name}"
                with attachment.file.open("rb") as handle:
                    archive.writestr(member, handle.read())
                files.append({"name": attachment.name, "title": attachment.title, "path": member})
            key = document.section_id
            if key not in sections:
                sections[key] = {
                    "title": document.section.title if document.section else "",
                    "documents": [],
                }
            sections[key]["documents"].append(
                {
                    "title": document.title,
                    "slug": document.slug,
                    "path": path,
                    "topics": [topic.slug for topic in document.topics.all()],
                    "template_for": document.template_for,
                    "attachments": files,
                }
            )
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "toolkit": {
                "title": toolkit.title,
                "slug": toolkit.slug,
                "summary": toolkit.summary,
                "kind": toolkit.kind,
                "visibility": toolkit.visibility,
                "organization": toolkit.organization.slug if toolkit.organization else "",
                "topics": [topic.slug for topic in toolkit.topics.all()],
            },
            "sections": list(sections.values()),
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    out.seek(0)
    return out


# --- Import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    toolkit: Toolkit
    warnings: list[str] = field(default_factory=list)


def _text(value, *, what: str, max_length: int, required: bool = True) -> str:
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(_("The manifest's %(what)s is missing or not text.") % {"what": what})
    if len(value) > max_length:
        raise ValidationError(_("The manifest's %(what)s is too long.") % {"what": what})
    return value.strip()


def _choice(value, *, what: str, choices) -> str:
    if value not in dict(choices):
        raise ValidationError(
            _("The manifest's %(what)s “%(value)s” is not one we know.")
            % {"what": what, "value": str(value)[:40]}
        )
    return value


def _list(value, *, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(_("The manifest's %(what)s must be a list.") % {"what": what})
    return value


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("This file is not a zip archive.")) from exc
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ValidationError(_("The zip holds too many files."))
    total = sum(info.file_size for info in infos)
    if total > settings.TOOLKIT_UPLOAD_MAX_BYTES * 20:
        raise ValidationError(_("The zip is too large once unpacked."))
    return archive


def _read(archive: zipfile.ZipFile, member: str, *, limit: int) -> bytes:
    """A member's bytes by exact name; names are only keys, never paths on our disk."""
    if not isinstance(member, str) or member.startswith("/") or ".." in member.split("/"):
        raise ValidationError(
            _("The zip refers to a file outside itself: “%(name)s”.") % {"name": str(member)[:80]}
        )
    try:
        info = archive.getinfo(member)
    except KeyError as exc:
        raise ValidationError(_("The zip has no file “%(name)s”.") % {"name": member[:80]}) from exc
    if info.file_size > limit:
        raise ValidationError(_("“%(name)s” in the zip is too large.") % {"name": member[:80]})
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
        raise ValidationError(
            _("“%(name)s” in the zip is damaged.") % {"name": member[:80]}
        ) from exc


def _markdown_body(raw: bytes, *, title: str) -> str:
    text = raw.decode("utf-8", "replace")
    heading = f"# {title}"
    if text.startswith(heading):
        text = text[len(heading) :]
    return text.strip() + "\n"


def _manifest(archive: zipfile.ZipFile) -> dict:
    raw = _read(archive, MANIFEST, limit=MAX_MANIFEST_BYTES)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(_("The zip's toolkit.json is not valid JSON.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError(_("This zip is not a toolkit export (no toolkit.json of ours)."))
    if manifest.get("version") != VERSION:
        raise ValidationError(_("This toolkit export comes from a version we cannot read."))
    if not isinstance(manifest.get("toolkit"), dict):
        raise ValidationError(_("The manifest has no toolkit."))
    return manifest


@transaction.atomic
def toolkit_import(*, data: bytes, actor) -> ImportResult:
    """Create a draft toolkit from an export zip; ValidationError (nothing created) if unusable."""
    archive = _open_zip(data)
    manifest = _manifest(archive)
    meta = manifest["toolkit"]
    slug = slugify(_text(meta.get("slug"), what=_("slug"), max_length=80))
    if not slug or slug in RESERVED_TOOLKIT_SLUGS:
        raise ValidationError(_("The manifest's slug is empty or reserved."))
    if Toolkit.objects.filter(slug=slug).exists():
        raise ValidationError(
            _(
                "A toolkit with the address “%(slug)s” already exists here; "
                "rename or delete it first."
            )
            % {"slug": slug}
        )
    warnings: list[str] = []
    topic_slugs = [s for s in _list(meta.get("topics"), what=_("topics")) if isinstance(s, str)]
    topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=topic_slugs)}
    for missing in sorted(set(topic_slugs) - set(topics)):
        warnings.append(
            _("Topic “%(slug)s” does not exist here and was left out.") % {"slug": missing[:60]}
        )
    organization = None
    if meta.get("organization"):
        organization = Organization.objects.filter(slug=str(meta["organization"])[:80]).first()
        if organization is None:
            warnings.append(
                _("Organization “%(slug)s” does not exist here; the toolkit has no owner.")
                % {"slug": str(meta["organization"])[:80]}
            )
    toolkit = toolkit_create(
        actor=actor,
        title=_text(meta.get("title"), what=_("title"), max_length=200),
        slug=slug,
        kind=_choice(meta.get("kind"), what=_("kind"), choices=Toolkit.Kind.choices),
        summary=_text(meta.get("summary", ""), what=_("summary"), max_length=1000, required=False),
        visibility=_choice(
            meta.get("visibility", "public"),
            what=_("visibility"),
            choices=Toolkit.Visibility.choices,
        ),
        status=Toolkit.Status.DRAFT,
        organization=organization,
        topics=list(topics.values()),
    )
    document_slugs: set[str] = set()
    for section_data in _list(manifest.get("sections"), what=_("sections")):
        if not isinstance(section_data, dict):
            raise ValidationError(_("A section of the manifest is not an object."))
        section_title = _text(
            section_data.get("title", ""), what=_("section title"), max_length=200, required=False
        )
        section = (
            section_create(toolkit=toolkit, actor=actor, title=section_title)
            if section_title
            else None
        )
        for item in _list(section_data.get("documents"), what=_("documents")):
            if not isinstance(item, dict):
                raise ValidationError(_("A document of the manifest is not an object."))
            title = _text(item.get("title"), what=_("document title"), max_length=200)
            doc_slug = slugify(_text(item.get("slug"), what=_("document slug"), max_length=80))
            if not doc_slug or doc_slug in document_slugs | RESERVED_DOCUMENT_SLUGS:
                raise ValidationError(
                    _("Document slugs in the manifest must be present and unique.")
                )
            document_slugs.add(doc_slug)
            body = _markdown_body(
                _read(archive, item.get("path"), limit=MAX_DOCUMENT_BYTES), title=title
            )
            doc_topics = [
                topics.get(s) or Topic.objects.filter(slug=s).first()
                for s in _list(item.get("topics"), what=_("topics"))
                if isinstance(s, str)
            ]
            # Optional (older exports lack it); an unknown place is refused like any bad field.
            template_for = item.get("template_for") or ""
            if template_for != "" and not (
                isinstance(template_for, str) and template_for in PLACES
            ):
                raise ValidationError(
                    _("“%(place)s” is not a place templates are used.")
                    % {"place": str(template_for)[:40]}
                )
            document = document_create(
                toolkit=toolkit,
                actor=actor,
                title=title,
                slug=doc_slug,
                body=body,
                section=section,
                topics=[t for t in doc_topics if t is not None],
                note=_("Imported"),
                template_for=template_for,
            )
            for file_data in _list(item.get("attachments"), what=_("attachments")):
                if not isinstance(file_data, dict):
                    raise ValidationError(_("An attachment of the manifest is not an object."))
                raw = _read(archive, file_data.get("path"), limit=settings.TOOLKIT_UPLOAD_MAX_BYTES)
                name = _text(file_data.get("name", "file"), what=_("file name"), max_length=200)
                attachment_add(
                    document=document,
                    actor=actor,
                    upload=upload_check(data=raw, name=name),
                    title=_text(
                        file_data.get("title", ""),
                        what=_("file title"),
                        max_length=200,
                        required=False,
                    ),
                )
    return ImportResult(toolkit=toolkit, warnings=warnings)
