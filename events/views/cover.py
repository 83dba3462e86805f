"""The event's cover picture: the team sets or removes it; anyone who may see the event gets
the file (invite-only covers only through the same access check as the page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from actlocal.errors import ServiceError

from ..forms.cover import EventCoverForm
from ..models import Event
from ..permissions import access_event
from ..services.cover import event_cover_remove, event_cover_set


@login_required
@require_http_methods(["GET", "POST"])
def cover_manage(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug, manage=True)
    form, status = EventCoverForm(), 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            event_cover_remove(event=event, actor=request.user)
            messages.success(request, _("The cover picture was removed."))
            return redirect("events:cover_manage", slug=event.slug)
        form = EventCoverForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                event_cover_set(
                    event=event,
                    actor=request.user,
                    data=form.cleaned_data["image"].read(),
                    alt=form.cleaned_data["alt"],
                )
            except ServiceError as exc:
                form.add_error("image", str(exc))
            else:
                messages.success(request, _("The cover picture was saved."))
                return redirect("events:cover_manage", slug=event.slug)
        status = 400
    return render(
        request, "events/cover_manage.html", {"event": event, "form": form}, status=status
    )


@require_GET
def cover_file(request: HttpRequest, slug: str, size: str) -> HttpResponse:
    event = access_event(request.user, slug)
    name = {"cover": event.cover_image, "thumb": event.cover_thumbnail}.get(size, "")
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    if event.visibility == Event.Visibility.PUBLIC and event.status != Event.Status.DRAFT:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        # An invite-only or draft picture is for the people who may see the event.
        patch_cache_control(response, private=True, no_store=True)
    return response
