"""The team writes to attendees by status: going, waitlisted, checked in, no-show."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ..forms.messages import EventMessageForm
from ..permissions import access_event
from ..services.notifications import event_message_create, message_audience_counts, message_history


@login_required
@require_http_methods(["GET", "POST"])
def message_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    counts = message_audience_counts(event=event)
    form = EventMessageForm(request.POST if request.method == "POST" else None, counts=counts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            message = event_message_create(event=event, actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                ngettext(
                    "Your message is on its way to %(count)d person.",
                    "Your message is on its way to %(count)d people.",
                    message.recipient_count,
                )
                % {"count": message.recipient_count},
            )
            return redirect("events:message", slug=event.slug)
        status = 400
    return render(
        request,
        "events/message_attendees.html",
        {
            "event": event,
            "form": form,
            "counts": counts,
            "history": message_history(event=event),
        },
        status=status,
    )
