"""The organizer dashboard, the attendee export and the team's cancellation of an RSVP."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actlocal.errors import ServiceError

from .. import manage_selectors as reads
from ..dashboard import dashboard_get, export_csv_lines, going_list
from ..models import Event
from ..permissions import access_event, can_lead, can_see_contact
from ..services.removal import rsvp_remove

GOING_PAGE_SIZE = 50


@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    page_obj = Paginator(going_list(event=event), GOING_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "data": dashboard_get(event=event),
        "page_obj": page_obj,
        "can_lead": can_lead(request.user, event),
        "show_contact": can_see_contact(request.user),
        "desk_closed": event.finalized_at is not None,
        "checklist": (
            reads.event_publish_checklist(event=event)
            if event.status == Event.Status.DRAFT and not event.is_template
            else None
        ),
    }
    return render(request, "events/manage_dashboard.html", context)


@require_GET
def attendees_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """People going, waiting or who attended, with their answers; streamed row by row."""
    event = access_event(request.user, slug, manage=True)
    response = StreamingHttpResponse(
        export_csv_lines(event=event, contact=can_see_contact(request.user)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    # Contact details: never kept by a browser or proxy cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def rsvp_cancel_by_team(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The team cancels someone's seat or waitlist place, removing them from the event (their
    links end; only a new invitation lets them back); the first person waiting moves up."""
    event = access_event(request.user, slug, manage=True)
    rsvp = reads.event_rsvp_or_404(event=event, pk=pk)
    name = rsvp.leader.name
    if not rsvp.is_active:
        messages.info(request, _("%(name)s has no active RSVP to cancel.") % {"name": name})
        return redirect("events:manage", slug=event.slug)
    try:
        rsvp_remove(rsvp=rsvp, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The RSVP of %(name)s is cancelled.") % {"name": name})
    return redirect("events:manage", slug=event.slug)
