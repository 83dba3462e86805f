"""The library's reading pages: list, toolkit, document, print view, zip, files, search card.

Anonymous pages are cached whole under the directory's cache version (toolkits.receivers bumps
it); what someone may see is decided by `toolkits.permissions` before anything is rendered.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory.cache import cache_public_page, request_cache_version
from directory.filters import SearchField

from .. import selectors
from ..archive import toolkit_zip
from ..filters import ToolkitFilter
from ..fragments import (
    KnownRows,
    document_article_html,
    filter_sidebar_html,
    list_rows_get,
    list_rows_key,
    list_rows_set,
    toolkit_cards,
    toolkit_page_parts,
)
from ..models import Attachment
from ..permissions import access_document, access_toolkit
from ..roles import can_propose, is_toolkit_editor, viewer_level
from .common import PageNotFound, file_response, page_render, paginate


def _filter_summary(filterset) -> list[str]:
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, ""):
            continue
        if name == "q":
            parts.append(_("matching “%(query)s”") % {"query": value})
        elif isinstance(value, str):
            parts.append(str(dict(filterset.form.fields[name].choices).get(value, value)))
        else:
            parts.append(str(value))
    return parts


@require_safe
@cache_public_page
def toolkit_list(request: HttpRequest) -> HttpResponse:
    """All published toolkits the visitor may see, filtered by topic, kind, organization, words."""
    version = request_cache_version(request)  # read before any row, as the directory does
    filterset = ToolkitFilter(request.GET, queryset=selectors.toolkit_list(user=request.user))
    context = {
        "filter": filterset,
        "filter_errors": [],
        "page_error": "",
        "page_obj": None,
        "filter_summary": [],
        "can_edit": is_toolkit_editor(request.user),
    }
    if not filterset.is_valid():
        context["filter_errors"] = [
            (filterset.form[name].label if name in filterset.form.fields else "", error)
            for name, errors in filterset.errors.items()
            for error in errors
        ]
        context["filter_sidebar"] = filter_sidebar_html(filterset=filterset, version=None)
        return page_render(request, "toolkits/toolkit_list.html", context, status=400)
    context["filter_sidebar"] = filter_sidebar_html(filterset=filterset, version=version)
    # The count and the page's row keys are cached too, per viewer level: a search runs its
    # full-text queries once per version, not on every request that misses the page cache.
    rows_key = list_rows_key(version=version, viewer=viewer_level(request.user), data=request.GET)
    known = list_rows_get(rows_key)
    if known is not None:
        count, number, start, pks = known
        paginator = Paginator(
            KnownRows(count=count, start=start, pks=pks), settings.DIRECTORY_PAGE_SIZE
        )
        page_obj = paginator.page(number)
    else:
        try:
            paginator, page_obj = paginate(request, filterset.qs)
        except PageNotFound as exc:
            context["page_error"] = exc.message
            return page_render(request, "toolkits/toolkit_list.html", context, status=404)
        list_rows_set(
            rows_key,
            count=paginator.count,
            number=page_obj.number,
            start=page_obj.start_index() - 1 if paginator.count else 0,
            pks=[row.pk for row in page_obj.object_list],
        )
    context.update(
        cards=toolkit_cards(
            rows=list(page_obj.object_list),
            version=version,
            load=lambda pks: selectors.toolkit_cards_load(pks=pks),
        ),
        page_obj=page_obj,
        paginator=paginator,
        page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        filter_summary=_filter_summary(filterset),
    )
    return page_render(request, "toolkits/toolkit_list.html", context)


@require_safe
@cache_public_page
def toolkit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = request_cache_version(request)
    toolkit = access_toolkit(request.user, slug)
    intro_html, sections_html = toolkit_page_parts(
        toolkit=toolkit,
        version=version,
        topics=lambda: selectors.toolkit_topics(toolkit=toolkit),
        sections=lambda: selectors.toolkit_sections(toolkit=toolkit),
    )
    context = {
        "toolkit": toolkit,
        "intro_html": intro_html,
        "sections_html": sections_html,
        "can_edit": is_toolkit_editor(request.user),
    }
    return page_render(request, "toolkits/toolkit_detail.html", context)


@require_safe
@cache_public_page
def document_detail(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    version = request_cache_version(request)  # read before any row, as the list does
    found = access_document(request.user, slug, document)

    def article_context() -> dict:
        previous, following = selectors.document_neighbours(document=found)
        return {
            "attachments": selectors.document_attachments(document=found),
            "topics": selectors.document_topics(document=found),
            "previous": previous,
            "following": following,
        }

    context = {
        "toolkit": found.toolkit,
        "document": found,
        "article_html": document_article_html(
            document=found, version=version, context=article_context
        ),
        "can_edit": is_toolkit_editor(request.user),
        "can_propose": can_propose(request.user),
    }
    return page_render(request, "toolkits/document_detail.html", context)


@require_safe
@cache_public_page
def toolkit_print(request: HttpRequest, slug: str) -> HttpResponse:
    """Every document of the toolkit on one page, styled for paper."""
    toolkit = access_toolkit(request.user, slug)
    context = {
        "toolkit": toolkit,
        "documents": list(selectors.toolkit_documents_full(toolkit=toolkit)),
    }
    return page_render(request, "toolkits/toolkit_print.html", context)


@require_safe
def toolkit_download(request: HttpRequest, slug: str) -> FileResponse:
    """The toolkit as one zip: documents as Markdown, their attachments, a manifest."""
    toolkit = access_toolkit(request.user, slug)
    response = FileResponse(
        toolkit_zip(toolkit=toolkit),
        as_attachment=True,
        filename=f"{toolkit.slug}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _attachment(request: HttpRequest, slug: str, pk: int) -> tuple[Attachment, bool]:
    toolkit = access_toolkit(request.user, slug)
    attachment = selectors.toolkit_attachment_or_404(toolkit=toolkit, pk=pk)
    return attachment, toolkit.is_public


@require_safe
def attachment_download(request: HttpRequest, slug: str, pk: int, name: str) -> FileResponse:
    attachment, public = _attachment(request, slug, pk)
    if name != attachment.name:
        raise Http404
    return file_response(
        attachment.file, name=attachment.name, content_type=attachment.content_type, public=public
    )


@require_safe
def attachment_thumbnail(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    attachment, public = _attachment(request, slug, pk)
    stem = attachment.name.rsplit(".", 1)[0]
    return file_response(
        attachment.thumbnail, name=f"{stem}-thumbnail.png", content_type="image/png", public=public
    )


@require_safe
def toolkit_cover(request: HttpRequest, slug: str) -> FileResponse:
    toolkit = access_toolkit(request.user, slug)
    return file_response(
        toolkit.cover,
        name=f"{toolkit.slug}-cover.png",
        content_type="image/png",
        public=toolkit.is_public,
    )


@require_safe
@cache_public_page
def search_fragment(request: HttpRequest) -> HttpResponse:
    """The directory search's toolkit card (loaded by htmx): matches the visitor may see."""
    query = SearchField(required=False).clean(request.GET.get("q", ""))
    results = selectors.site_search(user=request.user, query=query) if query else None
    return page_render(
        request, "toolkits/_search_results.html", {"query": query, "results": results}
    )
