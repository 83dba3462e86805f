"""Public campaign pages: the list, a campaign's page and an official's record in a campaign.

Drafts answer 404 to everyone but their team and staff (campaigns.permissions). No page here
shows a constituent: members and meetings appear only as counts.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actlocal.text import whole_number
from directory.cache import cache_public_page, public_csrf_context

from .. import fragments, selectors
from .. import manage_selectors as reads
from ..document_selectors import campaign_documents
from ..geography import web_links
from ..page_cache import PAGE_CACHE, SCOPE
from ..permissions import access_campaign, can_manage, membership
from ..public_filters import CampaignFilter

PAGE_SIZE = 20
# A campaign's and an official's page name the part a miss reads, so it comes with the lookup.
ARTICLE_PAGE_CACHE = cache_public_page(scopes=(SCOPE,), parts=fragments.article_part_keys)
OFFICIAL_PAGE_CACHE = cache_public_page(scopes=(SCOPE,), parts=fragments.official_part_keys)


def _page_number(raw: str, num_pages: int) -> tuple[int | None, str, int]:
    """(page, error message, status): a bad page is 400, a page past the end 404."""
    raw = raw.strip()
    if not raw:
        return 1, "", 200
    if whole_number(raw, max_digits=4300) is None:
        return None, _("“%(page)s” is not a page number.") % {"page": raw[:20]}, 400
    number = int(raw)
    if number < 1 or number > num_pages:
        message = _("There is no page %(page)s; these results have %(pages)s page(s).") % {
            "page": raw[:12],
            "pages": num_pages,
        }
        return None, message, 404
    return number, "", 200


@require_safe
@PAGE_CACHE
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Every public campaign, active ones first, filterable by kind, status and state."""
    versions = fragments.request_versions(request)
    filterset = CampaignFilter(request.GET or None, queryset=selectors.campaigns_listed())
    context = {
        **public_csrf_context(request),
        "filter": filterset,
        "filter_errors": [],
        "filter_summary": [],
        "page_obj": None,
    }
    if request.GET and not filterset.is_valid():
        context["filter_errors"] = [
            f"{filterset.form[name].label}: {error}" if name in filterset.form.fields else error
            for name, errors in filterset.errors.items()
            for error in errors
        ]
        return render(request, "campaigns/campaign_list.html", context, status=400)
    raw_page = request.GET.get("page", "").strip()
    keys = fragments.list_keys(versions=versions, form=filterset.form, page=raw_page)
    found = fragments.list_parts_get(keys)
    if found is not None:
        # A page stored before: its count is all the pagination needs, and no row is read.
        count, results_html, filters_html = found
        paginator = Paginator(range(count), PAGE_SIZE)
        number, _error, _status = _page_number(raw_page, paginator.num_pages)
        page_obj = paginator.page(number or 1)
    else:
        paginator = Paginator(filterset.qs, PAGE_SIZE)
        number, error, status = _page_number(raw_page, paginator.num_pages)
        if number is None:
            context["page_error"] = error
            return render(request, "campaigns/campaign_list.html", context, status=status)
        page_obj = paginator.page(number)
        page_obj.object_list = list(page_obj.object_list)
        results_html = filters_html = None
    context.update(
        filter_summary=filterset.summary() if request.GET else [],
        page_obj=page_obj,
        paginator=paginator,
        page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
    )
    if results_html is None:
        results_html, filters_html = fragments.list_parts_render(context)
        fragments.list_parts_set(
            keys, count=paginator.count, results=results_html, filters=filters_html
        )
    context.update(results_html=results_html, filters_html=filters_html)
    return render(request, "campaigns/campaign_list.html", context)


@require_safe
@ARTICLE_PAGE_CACHE
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The ask, the goals and progress, links, partners, and joining."""
    versions = fragments.request_versions(request)
    campaign = access_campaign(request.user, slug)
    context = {
        **public_csrf_context(request),
        "campaign": campaign,
        "member": membership(request.user, campaign),
        "can_manage": can_manage(request.user, campaign),
        "article_html": fragments.campaign_article(
            request=request,
            campaign=campaign,
            versions=versions,
            context=lambda: {
                "progress": selectors.campaign_progress(campaign=campaign),
                "links": selectors.campaign_links(campaign=campaign),
                "topics": reads.campaign_topics(campaign=campaign),
                "documents": campaign_documents(campaign=campaign, user=request.user),
            },
        ),
    }
    response = render(request, "campaigns/campaign_detail.html", context)
    if not campaign.is_public or request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@OFFICIAL_PAGE_CACHE
def official_detail(request: HttpRequest, slug: str, official: str) -> HttpResponse:
    """An official's public contact details, stance, verified history, meetings and pressure."""
    versions = fragments.request_versions(request)
    campaign = access_campaign(request.user, slug)
    person = selectors.official_for_campaign(campaign=campaign, slug=official)
    if person is None:
        raise Http404
    context = {
        **public_csrf_context(request),
        "campaign": campaign,
        "official": person,
        "body_html": fragments.official_body(
            campaign=campaign,
            official=person,
            versions=versions,
            context=lambda: {
                "record": selectors.official_record(campaign=campaign, official=person),
                "links": web_links(person.links),
            },
        ),
    }
    response = render(request, "campaigns/official_detail.html", context)
    if not campaign.is_public:
        response["Cache-Control"] = "private, no-store"
    return response
