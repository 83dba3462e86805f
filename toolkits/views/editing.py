"""Editors' pages: create and change toolkits, sections, documents and files; import, export.

Staff and the "Toolkit editors" group only (403 for anyone else signed in); invalid forms
re-render with status 400 and change nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import selectors, services
from ..archive import toolkit_import, toolkit_zip
from ..forms import AttachmentForm, DocumentForm, ImportForm, ToolkitForm
from ..merge import merge_places
from ..permissions import access_document, access_toolkit, require_editor
from ..selectors import document_attachments
from ..uploads import upload_limit

# A zip holds several attachments, each up to the upload limit: it may be a few times larger.
IMPORT_MAX_FACTOR = 4

TOOLKIT_FORM = "toolkits/toolkit_form.html"
DOCUMENT_FORM = "toolkits/document_form.html"


def _toolkit_data(form: ToolkitForm) -> dict:
    return {name: form.cleaned_data[name] for name in (*services.TOOLKIT_FIELDS, "topics")}


@login_required
def toolkit_create(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = ToolkitForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, TOOLKIT_FORM, {"form": form}, status=400)
        with transaction.atomic():
            data = _toolkit_data(form)
            toolkit = services.toolkit_create(actor=request.user, **data)
            if form.cleaned_data["cover_upload"]:
                services.toolkit_cover_set(
                    toolkit=toolkit, actor=request.user, upload=form.cleaned_data["cover_upload"]
                )
        messages.success(request, _("Toolkit created. Add sections and documents next."))
        return redirect("toolkits:manage", slug=toolkit.slug)
    return render(request, TOOLKIT_FORM, {"form": form})


@login_required
def toolkit_edit(request: HttpRequest, slug: str) -> HttpResponse:
    toolkit = access_toolkit(request.user, slug, edit=True)
    form = ToolkitForm(request.POST or None, request.FILES or None, instance=toolkit)
    context = {"form": form, "toolkit": toolkit}
    if request.method == "POST":
        if not form.is_valid():
            # ModelForm validation wrote the submitted values onto the instance; drop them.
            toolkit.refresh_from_db()
            return render(request, TOOLKIT_FORM, context, status=400)
        with transaction.atomic():
            services.toolkit_update(toolkit=toolkit, actor=request.user, data=_toolkit_data(form))
            upload = form.cleaned_data["cover_upload"]
            if upload or form.cleaned_data["remove_cover"]:
                services.toolkit_cover_set(toolkit=toolkit, actor=request.user, upload=upload)
        messages.success(request, _("Toolkit saved."))
        return redirect("toolkits:manage", slug=toolkit.slug)
    return render(request, TOOLKIT_FORM, context)


@login_required
def document_create(request: HttpRequest, slug: str) -> HttpResponse:
    toolkit = access_toolkit(request.user, slug, edit=True)
    form = DocumentForm(request.POST or None, toolkit=toolkit)
    context = {"form": form, "toolkit": toolkit, "document": None, "merge_places": merge_places()}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, DOCUMENT_FORM, context, status=400)
        data = form.cleaned_data
        document = services.document_create(
            toolkit=toolkit,
            actor=request.user,
            title=data["title"],
            slug=data["slug"],
            body=data["body"],
            section=data["section"],
            topics=data["topics"],
            position=data["position"],
            note=data["note"],
            template_for=data["template_for"],
            title_es=data["title_es"],
            body_es=data["body_es"],
        )
        messages.success(request, _("Document created. You can attach files below."))
        return redirect("toolkits:document_edit", slug=toolkit.slug, document=document.slug)
    return render(request, DOCUMENT_FORM, context)


@login_required
def document_edit(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    found = access_document(request.user, slug, document, edit=True)
    form = DocumentForm(request.POST or None, instance=found, toolkit=found.toolkit)
    context = {
        "form": form,
        "toolkit": found.toolkit,
        "document": found,
        "attachments": document_attachments(document=found),
        "attachment_form": AttachmentForm(),
        "merge_places": merge_places(),
    }
    if request.method == "POST":
        if not form.is_valid():
            found.refresh_from_db()
            return render(request, DOCUMENT_FORM, context, status=400)
        data = dict(form.cleaned_data)
        if data["position"] is None:
            data.pop("position")
        services.document_update(
            document=found, actor=request.user, data=data, note=data.pop("note")
        )
        messages.success(request, _("Document saved as a new revision."))
        return redirect(found.get_absolute_url())
    return render(request, DOCUMENT_FORM, context)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    found = access_document(request.user, slug, document, edit=True)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        context = {
            "form": DocumentForm(instance=found, toolkit=found.toolkit),
            "toolkit": found.toolkit,
            "document": found,
            "attachments": document_attachments(document=found),
            "attachment_form": form,
        }
        return render(request, DOCUMENT_FORM, context, status=400)
    services.attachment_add(
        document=found,
        actor=request.user,
        upload=form.cleaned_data["file"],
        title=form.cleaned_data["title"],
    )
    messages.success(request, _("File attached."))
    return redirect("toolkits:document_edit", slug=found.toolkit.slug, document=found.slug)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    toolkit = access_toolkit(request.user, slug, edit=True)
    attachment = selectors.toolkit_attachment_or_404(toolkit=toolkit, pk=pk)
    document_slug = attachment.document.slug
    services.attachment_delete(attachment=attachment, actor=request.user)
    messages.success(request, _("File removed."))
    return redirect("toolkits:document_edit", slug=toolkit.slug, document=document_slug)


@login_required
@require_safe
def toolkit_export(request: HttpRequest, slug: str) -> FileResponse:
    """The editors' export (drafts included): the zip another site imports."""
    toolkit = access_toolkit(request.user, slug, edit=True)
    response = FileResponse(
        toolkit_zip(toolkit=toolkit),
        as_attachment=True,
        filename=f"{toolkit.slug}-export.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def toolkit_import_view(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data["archive"].read(IMPORT_MAX_FACTOR * upload_limit() + 1)
            try:
                if len(data) > IMPORT_MAX_FACTOR * upload_limit():
                    raise ValidationError(_("The zip is too large to import."))
                result = toolkit_import(data=data, actor=request.user)
            except ValidationError as exc:
                form.add_error("archive", exc)
            else:
                for warning in result.warnings:
                    messages.warning(request, warning)
                messages.success(request, _("Toolkit imported as a draft."))
                return redirect("toolkits:manage", slug=result.toolkit.slug)
        return render(request, "toolkits/toolkit_import.html", {"form": form}, status=400)
    return render(request, "toolkits/toolkit_import.html", {"form": form})
