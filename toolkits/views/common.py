"""Helpers shared by the toolkit views: rendering for the page cache, pages, file responses."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from actlocal.text import whole_number


def page_render(
    request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    if not request.user.is_authenticated:
        # Anonymous pages are shared through the cache: no one visitor's CSRF token in them.
        context = {**context, "csrf_token": ""}
    return render(request, template, context, status=status)


class PageNotFound(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def paginate(request: HttpRequest, queryset) -> tuple[Paginator, Page]:
    """The requested page, or PageNotFound with a message saying what was wrong."""
    paginator = Paginator(queryset, settings.DIRECTORY_PAGE_SIZE)
    raw = request.GET.get("page", "").strip()
    if not raw:
        return paginator, paginator.page(1)
    if whole_number(raw, max_digits=4300) is None:
        raise PageNotFound(_("“%(page)s” is not a page number.") % {"page": raw[:20]})
    number = int(raw)
    if number < 1 or number > paginator.num_pages:
        raise PageNotFound(
            _("There is no page %(page)s; these results have %(pages)s page(s).")
            % {"page": raw[:12], "pages": paginator.num_pages}
        )
    return paginator, paginator.page(number)


def file_response(fieldfile, *, name: str, content_type: str, public: bool) -> FileResponse:
    """A stored file as a download that no browser renders as a page (no HTML, no SVG).

    Always `Content-Disposition: attachment` and `nosniff`, plus a CSP sandbox in case a
    browser ignores both. Files of non-public toolkits are never kept by shared caches.
    """
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ("Cookie",))
    return response
