"""Publishing a draft: the checklist of what people look for, then one button.

Reached from the dashboard, from My organizing and from the invite pages (which explain that
invitations need a published event before anyone ticks a box).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError

from .. import manage_selectors as reads
from ..permissions import access_event
from ..services.events import event_publish

# Where the button may send the team afterwards: a fixed name, never a typed address.
AFTER_PUBLISHING = {"invite": "events:invite_leaders", "dashboard": "events:manage"}


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    then = request.POST.get("then") or request.GET.get("then") or "dashboard"
    if then not in AFTER_PUBLISHING:
        then = "dashboard"
    error, status = "", 200
    if request.method == "POST":
        try:
            event = event_publish(event=event, actor=request.user)
        except ServiceError as exc:
            error, status = str(exc), 400
        else:
            messages.success(
                request, _("“%(title)s” is published: it takes RSVPs now.") % {"title": event.title}
            )
            return redirect(AFTER_PUBLISHING[then], slug=event.slug)
    context = {
        "event": event,
        "checklist": reads.event_publish_checklist(event=event),
        "then": then,
        "error": error,
    }
    return render(request, "events/event_publish.html", context, status=status)
