"""Public events pages: the list with its filters, an event's page and the calendar files.

Invite-only events, drafts and kits never appear in the list or the feed; their pages answer 404
to everyone but invitees, people who answered, the team and staff (events.permissions).
"""

from __future__ import annotations

import hashlib

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actlocal.cached_parts import cache_get_many, cache_set_many, cached_part
from actlocal.languages import cache_language
from actlocal.text import whole_number
from directory.cache import cache_public_page, public_csrf_context
from directory.map_config import map_config

from .. import fragments, ics, selectors
from ..filters import EventFilter
from ..forms.invitations import AnswererForm
from ..forms.rsvp import RSVPForm
from ..models import RSVP, Event
from ..permissions import (
    access_event,
    can_check_in,
    can_manage,
    can_see_address,
)
from ..services.link_answers import public_answer_open

PAGE_SIZE = 20
# Anonymous visitors get these pages from the public page cache, stale after any change to an
# event, RSVP or session (events.apps connects every events model) or to the directory. Each
# names the parts a miss reads, so they come with the page cache's lookup.
LIST_PAGE_CACHE = cache_public_page(scopes=(fragments.SCOPE,), parts=fragments.list_part_keys)
DETAIL_PAGE_CACHE = cache_public_page(scopes=(fragments.SCOPE,), parts=fragments.event_part_keys)
NEAR_PAGE_CACHE = cache_public_page(scopes=(fragments.SCOPE,), parts=fragments.near_part_keys)
FEED_LIMIT = 500
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


class PageError(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


class _CountedPaginator(Paginator):
    """A paginator told its count (from the cache) instead of counting the rows again."""

    def __init__(self, object_list, per_page: int, *, known_count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _paginate(request: HttpRequest, queryset, count: int | None = None) -> tuple[Paginator, Page]:
    """The requested page, or PageError (400: not a number, 404: past the end)."""
    if count is None:
        paginator = Paginator(queryset, PAGE_SIZE)
    else:
        paginator = _CountedPaginator(queryset, PAGE_SIZE, known_count=count)
    raw = request.GET.get("page", "").strip()
    if not raw:
        return paginator, paginator.page(1)
    if whole_number(raw, max_digits=4300) is None:
        raise PageError(_("“%(page)s” is not a page number.") % {"page": raw[:20]}, 400)
    number = int(raw)
    if number < 1 or number > paginator.num_pages:
        raise PageError(
            _("There is no page %(page)s; these results have %(pages)s page(s).")
            % {"page": number if number < 10**9 else raw[:12], "pages": paginator.num_pages},
            404,
        )
    return paginator, paginator.page(number)


def _filter_errors(filterset: EventFilter) -> list[tuple[str, str]]:
    return [
        (filterset.form[name].label if name in filterset.form.fields else "", error)
        for name, errors in filterset.errors.items()
        for error in errors
    ]


def _card_key(event: Event) -> str:
    """Every value a card shows, hashed: a changed title, seat count, host name or topic is a
    new key by itself, so nothing has to remember to forget a card."""
    host = event.host_organization
    parts = (
        cache_language(),
        event.pk,
        event.slug,
        event.updated_at.isoformat() if event.updated_at else "",
        event.title,
        event.title_es,
        event.kind,
        event.status,
        event.starts_at.isoformat(),
        event.ends_at.isoformat(),
        event.time_zone,
        event.city,
        event.state,
        event.seats_left,
        event.distance,
        (host.pk, host.name) if host else None,
        [(topic.slug, topic.name) for topic in event.card_topics],
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"events:card:v1:{digest}"


def cards_render(events: list[Event]) -> None:
    """Set `card_html` on each event: its list card from the cache, else rendered and kept.

    Cards show public fields only and never the viewer, so they are rendered without the
    request and shared by everyone; one cache round trip for the page.
    """
    keys = {event.pk: _card_key(event) for event in events}
    found = cache_get_many(keys.values())
    missing = {}
    for event in events:
        key = keys[event.pk]
        html = found.get(key)
        if html is None:
            html = missing[key] = render_to_string("events/_event_card.html", {"event": event})
        event.card_html = mark_safe(html)  # noqa: S308 (our template, escaped there)
    cache_set_many(missing)


def _results_html(request: HttpRequest, filterset: EventFilter) -> tuple[Paginator, Page, str]:
    """The requested page of the list's cards, from the rows (PageError for a bad page)."""
    count = fragments.list_count(request, filterset, filterset.qs)
    paginator, page_obj = _paginate(request, selectors.events_carded(filterset.qs), count)
    page_obj.object_list = events = selectors.cards_fill(list(page_obj.object_list))
    for event in events:
        event.distance = filterset.distance_to(event)
    cards_render(events)
    return paginator, page_obj, "".join(event.card_html for event in events)


@require_safe
@LIST_PAGE_CACHE
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming public events, filterable by state, kind, topic and distance from a ZIP.

    A page seen before under the same versions (another query string, a signed-in visitor)
    reads no row: its count and cards and the sidebar are parts kept by the filters as typed
    (events.fragments), which any change to an event, RSVP or topic makes stale. Like a stored
    page, they may lag an event's start by PUBLIC_CACHE_SECONDS."""
    fragments.request_versions(request)  # read before any row (see directory.cache)
    filterset = EventFilter(request.GET or None, queryset=selectors.events_listed())
    context = {
        **public_csrf_context(request),
        "filter": filterset,
        "filters_html": "",
        "filter_errors": [],
        "filter_summary": [],
        "page_error": "",
        "page_obj": None,
        "paginator": None,
        "feed_query": "",
    }
    if request.GET and not filterset.is_valid():
        context["filter_errors"] = _filter_errors(filterset)
        return render(request, "events/event_list.html", context, status=400)
    keys, results, sidebar = fragments.list_parts_get(request)
    to_store: dict[int, object] = {}
    try:
        if results is not None:
            count, results_html = results
            # The cards are `results_html`: no row is read.
            paginator, page_obj = _paginate(request, [], count)
        else:
            paginator, page_obj, results_html = _results_html(request, filterset)
            to_store[0] = (paginator.count, results_html)
    except PageError as exc:
        context["page_error"] = exc.message
        return render(request, "events/event_list.html", context, status=exc.status)
    if sidebar is None:
        sidebar = render_to_string("events/_filter_form.html", {"filter": filterset})
        to_store[1] = sidebar
    fragments.list_parts_set(keys, to_store)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        filter_summary=filterset.summary() if request.GET else [],
        page_obj=page_obj,
        paginator=paginator,
        page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        feed_query=query.urlencode(),
        filters_html=mark_safe(sidebar),  # noqa: S308 (our template, escaped there)
        results_html=mark_safe(results_html),  # noqa: S308 (our template, escaped there)
    )
    return render(request, "events/event_list.html", context)


def detail_context(request: HttpRequest, event: Event) -> dict:
    """Everything an event's page shows to this viewer, rendered for them alone (signed-in
    people, invite-only events, drafts; also used to re-render it with errors)."""
    user = request.user
    rsvp = selectors.rsvp_for(user=user, event=event)
    invitation = None
    if event.is_invite_only and rsvp is None:
        invitation = selectors.invitation_for(user=user, event=event)
    going = rsvp is not None and rsvp.status == RSVP.Status.GOING
    context = {
        "one_step": one_step_forms(user=user, event=event, rsvp=rsvp),
        "event": event,
        "rsvp": rsvp,
        "waitlist_rank": selectors.waitlist_rank(rsvp=rsvp) if rsvp else None,
        "invitation": invitation,
        "is_going": going,
        "show_address": can_see_address(user, event, rsvp),
        "can_manage": can_manage(user, event),
        "can_check_in": can_check_in(user, event),
        "seats": selectors.event_seats(event=event),
        **_event_map(event),
    }
    context.update(_article_data(event=event, user=user, rsvp=rsvp))
    return context


def _article_data(*, event: Event, user, rsvp: RSVP | None) -> dict:
    return {
        "hosts": selectors.event_hosts(event=event),
        "topics": selectors.event_topics(event=event),
        "agenda": selectors.event_agenda(event=event, user=user, rsvp=rsvp),
        **selectors.event_related(event=event, user=user),
    }


def _event_map(event: Event) -> dict:
    """A small map of where a public event is (its ZIP or city centre, never more precise than
    the page says); nothing for invite-only, draft or unplaced events."""
    if (
        event.visibility != Event.Visibility.PUBLIC
        or event.status == Event.Status.DRAFT
        or event.latitude is None
        or event.longitude is None
    ):
        return {}
    feature = {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [round(event.longitude, 4), round(event.latitude, 4)],
        },
        "properties": {
            "type": "event",
            "name": event.title,
            "url": event.get_absolute_url(),
            "city": event.city,
            "state": event.state,
            "topics": [],
        },
    }
    return {
        "event_map": {"type": "FeatureCollection", "features": [feature]},
        "map_config": map_config(),
    }


def one_step_forms(*, user, event: Event, rsvp: RSVP | None, data=None) -> dict | None:
    """The one-step RSVP on a public event's page: the event's questions (going is implied)
    and, for someone not signed in, name, email and ZIP. None when it does not apply."""
    if rsvp is not None or not public_answer_open(event):
        return None
    signed_in = user.is_authenticated
    return {
        "rsvp_form": RSVPForm(data, event=event),
        "answerer": None if signed_in else AnswererForm(data, ask_zip=True),
    }


@require_safe
@DETAIL_PAGE_CACHE
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        fragments.request_versions(request)  # before any row, for the shared parts' keys
    event = access_event(request.user, slug)
    if fragments.article_is_shared(request, event):
        context = _shared_context(request, event)
    else:
        context = detail_context(request, event)
        # The one-step RSVP is a POST form: the shared copy carries a placeholder for the token.
        context.update(public_csrf_context(request, has_form=context["one_step"] is not None))
    response = render(request, "events/event_detail.html", context)
    if event.is_invite_only or request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _shared_context(request: HttpRequest, event: Event) -> dict:
    """An anonymous visitor's page of a public event: the article, the parent's breadcrumb and
    the RSVP panel come from events.fragments, so a stored page reads only the event's row."""
    user = request.user
    page = {
        "event": event,
        "rsvp": None,
        "can_manage": can_manage(user, event),
        "can_check_in": can_check_in(user, event),
        **_event_map(event),
    }

    def article() -> dict:
        return {
            **page,
            "show_address": can_see_address(user, event, None),
            **_article_data(event=event, user=user, rsvp=None),
        }

    def panel() -> dict:
        one_step = one_step_forms(user=user, event=event, rsvp=None)
        return {
            "event": event,
            "user": user,
            "rsvp": None,
            "invitation": None,
            "is_going": False,
            "one_step": one_step,
            "seats": selectors.event_seats(event=event),
            # Only the placeholder, never a token: each visitor's copy gets their own.
            **public_csrf_context(request, has_form=one_step is not None),
        }

    page.update(fragments.event_parts(request, event, article=article, panel=panel))
    # Whether the stored panel holds a form decides whether the page asks for a token.
    page.update(public_csrf_context(request, has_form=public_answer_open(event)))
    return page


def _ics_response(body: bytes, *, filename: str, private: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The event as a calendar file; with the viewer's own RSVP status when they have one.

    `?token=` (the signed change link's token) gives the link holder their own calendar file
    without signing in, as the link page offers it.
    """
    token = request.GET.get("token", "")
    if token:
        rsvp = selectors.rsvp_for_link(slug=slug, token=token)
        if rsvp is None:
            raise Http404
        event = rsvp.event
    else:
        event = access_event(request.user, slug)
        rsvp = selectors.rsvp_for(user=request.user, event=event)
    if rsvp is not None and rsvp.is_active:
        body = ics.calendar_for_rsvp(rsvp)
    else:
        # Someone who said no gets the plain event (a personal file would be a CANCEL).
        show = can_see_address(request.user, event, rsvp)
        body = ics.calendar_for_events([event], name=event.title, show_address=show)
    private = event.is_invite_only or rsvp is not None
    return _ics_response(body, filename=f"{event.slug}.ics", private=private)


@require_safe
def feed_ics(request: HttpRequest) -> HttpResponse:
    """Upcoming public events as a subscribable calendar, narrowed by the list's filters."""
    filterset = EventFilter(request.GET or None, queryset=selectors.events_listed())
    if request.GET and not filterset.is_valid():
        message = "\n".join(
            f"{label}: {error}" if label else str(error)
            for label, error in _filter_errors(filterset)
        )
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    events = list(filterset.qs[:FEED_LIMIT])
    name = _("ActLocal events")
    summary = filterset.summary() if request.GET else []
    if summary:
        name = f"{name} · {', '.join(summary)}"
    body = ics.calendar_for_events(events, name=name)
    return _ics_response(body, filename="actlocal-events.ics", private=False)


NEAR_EVENTS_LIMIT = 5


@require_safe
@NEAR_PAGE_CACHE
def near_part(request: HttpRequest) -> HttpResponse:
    """The next public events within the radius of a ZIP code, for the directory's near-me page
    (directory.near_sections). Public events only, as on the list; bad input is a 400.
    The events shown are a part kept per search (events.fragments): no row is read again."""
    versions = fragments.request_versions(request)  # read before any row (see directory.cache)
    params = request.GET.copy()
    params.pop("page", None)
    filterset = EventFilter(params, queryset=selectors.events_listed())
    if not params.get("zip") or not filterset.is_valid():
        return HttpResponse(status=400)

    def events_html() -> str:
        rows = selectors.events_carded(filterset.qs)[:NEAR_EVENTS_LIMIT]
        events = selectors.cards_fill(list(rows))
        for event in events:
            event.distance = filterset.distance_to(event)
        cards_render(events)
        return render_to_string("events/_near_event_cards.html", {"events": events})

    key = fragments.near_part_keys(versions or 0, request)[0]
    return render(
        request,
        "events/_near_events.html",
        {
            "events_html": cached_part(versions=versions, key=key, render=events_html),
            "list_query": params.urlencode(),
        },
    )
