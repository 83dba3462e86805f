"""The check-in desk: search, one-tap check-in and undo, walk-ins and live counts.

Everything works as plain GET/POST pages; with htmx (request.htmx) the search results, a single
row and the counts are swapped in place instead of reloading the page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actlocal.errors import ServiceError

from .. import manage_selectors as reads
from ..dashboard import checkin_counts, checkin_roster, checkin_search
from ..forms.checkin import CheckinSearchForm, CheckinToggleForm, WalkInForm
from ..models import Event
from ..permissions import access_event, can_manage
from ..services.checkin import rsvp_check_in, rsvp_check_in_undo, walk_in_register

# htmx listens for this event to refresh the counts right after a change.
CHANGED_EVENT = "checkin-changed"


def _desk_open(event: Event) -> bool:
    return (
        event.finalized_at is None
        and not event.is_template
        and event.status == Event.Status.PUBLISHED
    )


def _desk_url(event: Event, query: str = "") -> str:
    url = reverse("events:checkin", kwargs={"slug": event.slug})
    return f"{url}?{urlencode({'q': query})}" if query else url


def _query(request: HttpRequest) -> str:
    form = CheckinSearchForm(request.GET)
    return form.cleaned_data["q"].strip() if form.is_valid() else ""


def _results(event: Event, query: str) -> dict:
    """Matches for a typed query, or else everyone going, which the desk narrows as you type."""
    if query:
        return {"results": checkin_search(event=event, query=query), "roster": None}
    roster = checkin_roster(event=event)
    return {"results": roster.rows, "roster": roster}


def _render_desk(
    request: HttpRequest,
    event: Event,
    *,
    query: str = "",
    walk_in_form: WalkInForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "event": event,
        "desk_open": _desk_open(event),
        "can_manage": can_manage(request.user, event),
        "search_form": CheckinSearchForm(initial={"q": query}),
        "query": query,
        **_results(event, query),
        "counts": checkin_counts(event=event),
        "walk_in_form": walk_in_form or WalkInForm(),
    }
    return render(request, "events/checkin_desk.html", context, status=status)


@require_GET
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, checkin=True)
    return _render_desk(request, event, query=_query(request))


@require_GET
def search(request: HttpRequest, slug: str) -> HttpResponse:
    """The results list for the search box (htmx); without htmx, the desk page with results."""
    event = access_event(request.user, slug, checkin=True)
    query = _query(request)
    if not request.htmx:
        return redirect(_desk_url(event, query))
    context = {"event": event, "desk_open": _desk_open(event), "query": query}
    context.update(_results(event, query))
    return render(request, "events/_checkin_results.html", context)


@require_POST
def toggle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Check someone in, or undo it; htmx gets the updated row, a plain POST a redirect."""
    event = access_event(request.user, slug, checkin=True)
    rsvp = reads.event_rsvp_or_404(event=event, pk=pk, with_event=False)
    form = CheckinToggleForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Unknown check-in action."), status=400, content_type="text/plain")
    action, query = form.cleaned_data["action"], form.cleaned_data["q"]
    error = ""
    try:
        if action == "check_in":
            rsvp = rsvp_check_in(rsvp=rsvp, actor=request.user)
        else:
            rsvp = rsvp_check_in_undo(rsvp=rsvp, actor=request.user)
    except ServiceError as exc:
        error = str(exc)
    if request.htmx:
        # 200 even on a refusal: htmx swaps only successful responses, and the row carries
        # the message where the volunteer is looking.
        response = render(
            request,
            "events/_checkin_row.html",
            {
                "event": event,
                "rsvp": rsvp,
                "error": error,
                "desk_open": _desk_open(event) and not error,
                "query": query,
                "announce": True,
            },
        )
        if not error:
            response["HX-Trigger"] = CHANGED_EVENT
        return response
    if error:
        messages.error(request, error)
    elif rsvp.checked_in_at:
        messages.success(request, _("%(name)s is checked in.") % {"name": rsvp.leader.name})
    else:
        messages.success(
            request, _("Check-in of %(name)s was undone.") % {"name": rsvp.leader.name}
        )
    return redirect(_desk_url(event, query))


@require_POST
def walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    """Register someone at the door and check them in, unless the event is full."""
    event = access_event(request.user, slug, checkin=True)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _render_desk(request, event, walk_in_form=form, status=400)
    try:
        rsvp = walk_in_register(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            zip_code=form.cleaned_data["zip_code"],
            actor=request.user,
        )
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _render_desk(request, event, walk_in_form=form, status=409)
    messages.success(
        request,
        _("%(name)s is registered and checked in.") % {"name": rsvp.leader.name},
    )
    return redirect(_desk_url(event))


@require_GET
def counts(request: HttpRequest, slug: str) -> HttpResponse:
    """The live numbers (polled by the desk every few seconds)."""
    event = access_event(request.user, slug, checkin=True)
    return render(
        request,
        "events/_checkin_counts.html",
        {"event": event, "counts": checkin_counts(event=event)},
    )
