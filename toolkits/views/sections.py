"""Editors arrange a toolkit's sections on its manage page: add, rename, move, delete, and move
documents between sections. Plain forms, so every action works without JavaScript.

Editors only (403 for people who see the toolkit but do not edit it, 404 for the others, sign-in
for anonymous visitors); bad input re-renders the manage page with status 400 and a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.errors import ServiceError

from .. import selectors, services
from ..forms import DocumentSectionForm, SectionDeleteForm, SectionForm, SectionMoveForm
from ..models import Section, Toolkit
from ..permissions import access_document, access_toolkit


def manage_page(
    request: HttpRequest,
    toolkit: Toolkit,
    *,
    section_form: SectionForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    """The editor's overview of one toolkit: sections with their tools, documents, proposals."""
    sections = selectors.toolkit_sections(toolkit=toolkit)
    real = [s for s in sections if s.pk]
    for index, section in enumerate(real):
        section.is_first = index == 0  # type: ignore[attr-defined]
        section.is_last = index == len(real) - 1  # type: ignore[attr-defined]
    context = {
        "toolkit": toolkit,
        "sections": sections,
        "section_choices": [(s.pk, s.title) for s in real],
        "section_form": section_form or SectionForm(),
        "problem": problem,
        "proposals": selectors.toolkit_documents_with_open_proposals(toolkit=toolkit),
    }
    return render(request, "toolkits/toolkit_manage.html", context, status=status)


def _back(toolkit: Toolkit, anchor: str = "") -> HttpResponse:
    url = reverse("toolkits:manage", kwargs={"slug": toolkit.slug})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _section(toolkit: Toolkit, pk: int) -> Section:
    section = selectors.toolkit_section_get(toolkit=toolkit, pk=pk)
    if section is None:
        raise Http404
    return section


@login_required
@require_http_methods(["GET", "POST"])
def toolkit_manage(request: HttpRequest, slug: str) -> HttpResponse:
    toolkit = access_toolkit(request.user, slug, edit=True)
    if request.method != "POST":
        return manage_page(request, toolkit)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_create(
                toolkit=toolkit, actor=request.user, title=form.cleaned_data["title"]
            )
        except ServiceError as exc:
            return manage_page(request, toolkit, section_form=form, problem=str(exc), status=400)
        messages.success(request, _("Section added."))
        return _back(toolkit)
    return manage_page(request, toolkit, section_form=form, status=400)


@login_required
@require_POST
def section_rename(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    toolkit = access_toolkit(request.user, slug, edit=True)
    section = _section(toolkit, pk)
    try:
        services.section_rename(
            section=section, actor=request.user, title=request.POST.get("title", "")
        )
    except ServiceError as exc:
        return manage_page(request, toolkit, problem=str(exc), status=400)
    messages.success(request, _("Section renamed."))
    return _back(toolkit, f"section-{section.pk}")


@login_required
@require_POST
def section_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    toolkit = access_toolkit(request.user, slug, edit=True)
    section = _section(toolkit, pk)
    form = SectionMoveForm(request.POST)
    if not form.is_valid():
        return manage_page(request, toolkit, problem=_("Choose up or down."), status=400)
    step = -1 if form.cleaned_data["direction"] == "up" else 1
    if services.section_move(section=section, actor=request.user, step=step):
        messages.success(request, _("Section moved."))
    else:
        messages.info(request, _("The section is already at that end."))
    return _back(toolkit, f"section-{section.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A confirmation page; a section with documents asks where they go (or to delete them)."""
    toolkit = access_toolkit(request.user, slug, edit=True)
    section = _section(toolkit, pk)
    count = selectors.section_document_count(section=section)
    others = [s for s in selectors.toolkit_sections_plain(toolkit=toolkit) if s.pk != section.pk]
    data = request.POST if request.method == "POST" else None
    form = SectionDeleteForm(data, others=others, has_documents=count > 0)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            delete = form.cleaned_data.get("documents") == SectionDeleteForm.DELETE
            target_pk = form.cleaned_data.get("move_to")
            target = next((s for s in others if s.pk == target_pk), None)
            try:
                services.section_delete(
                    section=section,
                    actor=request.user,
                    delete_documents=delete,
                    move_to=None if delete else target,
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                if delete and count:
                    text = ngettext(
                        "Section deleted with its %(count)d document.",
                        "Section deleted with its %(count)d documents.",
                        count,
                    )
                elif count:
                    text = ngettext(
                        "Section deleted; its %(count)d document was moved.",
                        "Section deleted; its %(count)d documents were moved.",
                        count,
                    )
                else:
                    text = _("Section deleted.")
                messages.success(request, text % {"count": count})
                return _back(toolkit)
        status = 400
    context = {"toolkit": toolkit, "section": section, "count": count, "form": form}
    return render(request, "toolkits/section_delete.html", context, status=status)


@login_required
@require_POST
def document_section(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    found = access_document(request.user, slug, document, edit=True)
    toolkit = found.toolkit
    sections = selectors.toolkit_sections_plain(toolkit=toolkit)
    form = DocumentSectionForm(request.POST, sections=sections)
    if not form.is_valid():
        return manage_page(
            request, toolkit, problem=_("Choose a section of this toolkit."), status=400
        )
    target = next((s for s in sections if s.pk == form.cleaned_data["section"]), None)
    services.document_section_set(document=found, actor=request.user, section=target)
    messages.success(request, _("“%(title)s” moved.") % {"title": found.title})
    return _back(toolkit, f"section-{target.pk}" if target else "")
