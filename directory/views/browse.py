"""Public directory pages: the overview search, the three list pages and their detail pages.

Anonymous responses are cached whole (see directory.cache); everything personal (who may see
which leader, the message link) depends on the signed-in user, whose pages are never cached.
List pages that miss the page cache are assembled from cached cards, sidebars and counts
(see directory.fragments).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actlocal.permissions import is_member, is_organizer
from actlocal.text import whole_number

from .. import selectors
from ..cache import cache_public_page, request_cache_version
from ..filters import LeaderFilter, OrganizationFilter, ResourceFilter, SearchField
from ..fragments import (
    LEADER_CARD,
    ORGANIZATION_CARD,
    RESOURCE_CARD,
    CardKind,
    cache_set_many,
    cards_for_page,
    directory_summary_cached,
    list_count,
    list_page_rows,
    list_parts_get,
    list_sidebar,
    sidebar_render,
)
from ..leader_sections import leader_private_sections_load
from ..models import visibilities_seen_by
from ..search_sources import search_sources
from ..tallies import LEADER as TALLY_LEADER
from ..tallies import ORGANIZATION as TALLY_ORGANIZATION
from ..tallies import tallies_read


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    if not request.user.is_authenticated:
        # Anonymous pages are shared through the cache, so they must not embed one visitor's
        # CSRF token (base.html puts it in hx-headers); they contain no POST forms.
        context = {**context, "csrf_token": ""}
    return render(request, template, context, status=status)


def _external_href(url: str) -> str:
    """Only web links become links: imported data must not smuggle in `javascript:` URLs."""
    return url if url.lower().startswith(("https://", "http://")) else ""


def _not_found(request: HttpRequest, *, kind: str) -> HttpResponse:
    return _render(request, "directory/not_found.html", {"kind": kind}, status=404)


# --- Pagination ------------------------------------------------------------------------------


class PageNotFound(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CountedPaginator(Paginator):
    """A paginator told its count (from the fragment cache) instead of running COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property


def _paginate(
    request: HttpRequest, queryset, *, count: int | None = None
) -> tuple[Paginator, Page]:
    """The requested page, or PageNotFound with a message saying what was wrong."""
    paginator = CountedPaginator(queryset, settings.DIRECTORY_PAGE_SIZE, count=count)
    raw = request.GET.get("page", "").strip()
    if not raw:
        return paginator, paginator.page(1)
    if whole_number(raw, max_digits=4300) is None:
        raise PageNotFound(_("“%(page)s” is not a page number.") % {"page": raw[:20]})
    number = int(raw)
    if number < 1 or number > paginator.num_pages:
        raise PageNotFound(
            _("There is no page %(page)s; these results have %(pages)s page(s).")
            % {"page": number if number < 10**9 else raw[:12], "pages": paginator.num_pages}
        )
    return paginator, paginator.page(number)


def _filter_summary(filterset) -> list[str]:
    """Human words for the filters in use, e.g. ['Massachusetts', 'Housing', 'matching “rent”']."""
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, ""):
            continue
        if name == "q":
            parts.append(_("matching “%(query)s”") % {"query": value})
        elif isinstance(value, str):
            choices = dict(getattr(filterset.form.fields[name], "choices", ()))
            parts.append(str(choices.get(value, value)))
        else:
            parts.append(str(value))
    return parts


@dataclass(frozen=True)
class ListSpec:
    """What differs between the three list pages."""

    name: str
    template: str
    card: CardKind
    # The field str() of a row shows: page rows are loaded with their key and this field only.
    title_field: str
    # Whether who is looking changes which rows match (leaders' visibility).
    viewer_dependent: bool = False
    # The tallies' subject (directory.tallies) when the list's count may be read from them.
    tally_subject: str = ""


LEADERS = ListSpec(
    "leaders",
    "directory/leader_list.html",
    LEADER_CARD,
    "name",
    viewer_dependent=True,
    tally_subject=TALLY_LEADER,
)
ORGANIZATIONS = ListSpec(
    "organizations",
    "directory/organization_list.html",
    ORGANIZATION_CARD,
    "name",
    tally_subject=TALLY_ORGANIZATION,
)
# The filters the tallies are kept by: a list filtered by these alone is counted from them.
TALLIED_FILTERS = {"state", "kind"}


def _tallied_count(request: HttpRequest, *, spec: ListSpec, filterset) -> int | None:
    """The list's count from the tallies when its filters allow (the same work at any size);
    None to count the rows."""
    if not spec.tally_subject:
        return None
    used = {name: value for name, value in filterset.form.cleaned_data.items() if value}
    if set(used) - TALLIED_FILTERS:
        return None
    tallies = tallies_read()
    if tallies is None:
        return None
    if spec.tally_subject == TALLY_LEADER:
        facets = visibilities_seen_by(request.user)
    else:
        facets = [used["kind"]] if "kind" in used else None
    return tallies.count(subject=spec.tally_subject, facets=facets, state=used.get("state"))


RESOURCES = ListSpec("resources", "directory/resource_list.html", RESOURCE_CARD, "title")


def _list_page(
    request: HttpRequest,
    *,
    spec: ListSpec,
    filterset,
    title: str,
    noun_plural: str,
) -> HttpResponse:
    """Render a filtered, paginated list; bad filters answer 400 and bad pages 404.

    Its cards, the sidebar and the count come from the fragment cache when they can, and so,
    for visitors who are not signed in, do the page's row keys (see directory.fragments);
    otherwise the list query runs (it decides who sees what).
    """
    request_cache_version(request)  # fixes the version before any directory row is read
    context = {
        "filter": filterset,
        "list_title": title,
        "noun_plural": noun_plural,
        "page_obj": None,
        "paginator": None,
        "cards": [],
        "filter_errors": [],
        "page_error": "",
        "filter_summary": [],
        "count_capped": False,
    }
    if not filterset.is_valid():
        context["filter_errors"] = [
            (filterset.form[name].label if name in filterset.form.fields else "", error)
            for name, errors in filterset.errors.items()
            for error in errors
        ]
        context["filter_sidebar"] = sidebar_render(request=request, filterset=filterset)
        return _render(request, spec.template, context, status=400)
    parts = list_parts_get(
        request=request,
        list_name=spec.name,
        filterset=filterset,
        viewer_dependent=spec.viewer_dependent,
    )
    count = list_count(
        parts=parts,
        queryset=filterset.count_qs,
        known=lambda: _tallied_count(request, spec=spec, filterset=filterset),
    )
    # A search counts and ranks at most SEARCH_MATCH_LIMIT matches (plus one to know of more).
    count_capped = bool(filterset.form.cleaned_data.get("q")) and selectors.search_capped(count)
    if count_capped:
        count = selectors.SEARCH_MATCH_LIMIT
    context["count_capped"] = count_capped
    try:
        paginator, page_obj = _paginate(
            request,
            selectors.page_rows(queryset=filterset.qs, title_field=spec.title_field),
            count=count,
        )
    except PageNotFound as exc:
        context["page_error"] = exc.message
        context["filter_sidebar"] = list_sidebar(parts=parts, request=request, filterset=filterset)
        cache_set_many(parts.to_store)
        return _render(request, spec.template, context, status=404)
    page_obj.object_list = list_page_rows(
        parts=parts, page_obj=page_obj, title_field=spec.title_field
    )
    cards, new_cards = cards_for_page(
        kind=spec.card,
        rows=page_obj.object_list,
        load=lambda pks: selectors.rows_by_pks(queryset=filterset.queryset, pks=pks),
        version=parts.version,
    )
    context.update(
        filter_sidebar=list_sidebar(parts=parts, request=request, filterset=filterset),
        filter_summary=_filter_summary(filterset),
        page_obj=page_obj,
        paginator=paginator,
        page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        cards=cards,
    )
    cache_set_many({**parts.to_store, **new_cards})
    return _render(request, spec.template, context)


# --- Overview --------------------------------------------------------------------------------


@cache_public_page
def overview(request: HttpRequest) -> HttpResponse:
    """One search box across leaders, organizations and resources; topics and kinds to browse."""
    query = SearchField(required=False).clean(request.GET.get("q", ""))
    context = {"query": query, "results": None, "summary": None}
    if query:
        context["results"] = selectors.directory_search(user=request.user, query=query)
        # Other apps' groups (toolkits...) load from their own URLs: no queries added here.
        context["search_sources"] = search_sources()
    else:
        context["summary"] = directory_summary_cached(request=request)
    return _render(request, "directory/overview.html", context)


# --- Leaders ---------------------------------------------------------------------------------


@cache_public_page
def leader_list(request: HttpRequest) -> HttpResponse:
    filterset = LeaderFilter(request.GET, queryset=selectors.leader_list(user=request.user))
    return _list_page(
        request,
        spec=LEADERS,
        filterset=filterset,
        title=_("Local leaders"),
        noun_plural=_("leaders"),
    )


@cache_public_page
def leader_detail(request: HttpRequest, slug: str) -> HttpResponse:
    leader = selectors.leader_get_visible(user=request.user, slug=slug)
    if leader is None:
        # Hidden and missing leaders look the same, so visibility settings leak nothing.
        return _not_found(request, kind="leader")
    is_self = request.user.is_authenticated and leader.user_id == request.user.pk
    context = {
        "leader": leader,
        "is_self": is_self,
        "can_message": is_member(request.user) and not is_self,
        # What other apps add (events: attendance) is sensitive: only the leader, organizers and
        # staff see it (never cached: those requests are signed in).
        "private_sections": (
            leader_private_sections_load(leader=leader)
            if is_self or is_organizer(request.user)
            else []
        ),
    }
    return _render(request, "directory/leader_detail.html", context)


# --- Organizations ---------------------------------------------------------------------------


@cache_public_page
def organization_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganizationFilter(request.GET, queryset=selectors.organization_list())
    return _list_page(
        request,
        spec=ORGANIZATIONS,
        filterset=filterset,
        title=_("Partner organizations"),
        noun_plural=_("organizations"),
    )


@cache_public_page
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.organization_get(slug=slug)
    if organization is None:
        return _not_found(request, kind="organization")
    limit = selectors.DETAIL_LIST_LIMIT
    affiliations = selectors.organization_affiliations(organization=organization, user=request.user)
    resources = selectors.organization_resources(organization=organization)
    chapters = list(selectors.organization_chapters(organization=organization))
    resource_rows, resource_count = selectors.first_rows_and_count(queryset=resources, limit=limit)
    affiliation_rows, affiliation_count = selectors.first_rows_and_count(
        queryset=affiliations, limit=limit
    )
    context = {
        "organization": organization,
        "website_href": _external_href(organization.website),
        "chapters": chapters,
        "resources": resource_rows,
        "resource_count": resource_count,
        "affiliations": affiliation_rows,
        "affiliation_count": affiliation_count,
    }
    return _render(request, "directory/organization_detail.html", context)


# --- Resources -------------------------------------------------------------------------------


@cache_public_page
def resource_list(request: HttpRequest) -> HttpResponse:
    filterset = ResourceFilter(request.GET, queryset=selectors.resource_list())
    return _list_page(
        request,
        spec=RESOURCES,
        filterset=filterset,
        title=_("Resources"),
        noun_plural=_("resources"),
    )


@cache_public_page
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = selectors.resource_get(slug=slug)
    if resource is None:
        return _not_found(request, kind="resource")
    context = {"resource": resource, "link_href": _external_href(resource.url)}
    return _render(request, "directory/resource_detail.html", context)


@require_GET
def organization_logo(request: HttpRequest, slug: str) -> HttpResponse:
    """An organization's logo (organizations are public)."""
    name = selectors.organization_logo_name(slug=slug)
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=3600)
    return response
