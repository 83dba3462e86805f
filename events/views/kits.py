"""Event kits: save an event as a kit, list the kits, start a new event from one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.errors import ServiceError

from .. import manage_selectors as reads
from ..forms.manage import KitSaveForm, KitUseForm
from ..permissions import access_event, can_create_events, can_lead
from ..services.kits import event_create_from_kit, kit_save_from_event


def _require_creator(request: HttpRequest) -> None:
    if not can_create_events(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def kit_save(request: HttpRequest, slug: str) -> HttpResponse:
    """The team saves its event as a kit (a form on the Details page posts here)."""
    event = access_event(request.user, slug, manage=True)
    form = KitSaveForm(
        request.POST if request.method == "POST" else None,
        initial={"title": _("Kit: %(title)s") % {"title": event.title}},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            kit = kit_save_from_event(
                event=event,
                title=form.cleaned_data["title"],
                contents=form.cleaned_data["contents"],
                contents_es=form.cleaned_data["contents_es"],
                actor=request.user,
            )
            messages.success(
                request,
                _("Saved as the kit “%(title)s”. Organizers can now start events from it.")
                % {"title": kit.title},
            )
            return redirect("events:kit_list")
        status = 400
    context = {"event": event, "form": form, "can_lead": can_lead(request.user, event)}
    return render(request, "events/kit_save.html", context, status=status)


@login_required
def kit_list(request: HttpRequest) -> HttpResponse:
    _require_creator(request)
    kits = reads.kits_for(user=request.user)
    return render(
        request,
        "events/kit_list.html",
        {"kits": kits, "is_staff": request.user.is_staff},
    )


@login_required
@require_http_methods(["GET", "POST"])
def kit_use(request: HttpRequest, slug: str) -> HttpResponse:
    _require_creator(request)
    kit = reads.kit_get(slug=slug)
    if kit is None:
        raise Http404
    form = KitUseForm(
        request.POST or None,
        initial={
            "time_zone": kit.time_zone,
            "start_time": kit.local_start.time(),
            "capacity": kit.capacity,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                event = event_create_from_kit(
                    kit=kit,
                    actor=request.user,
                    title=data["title"],
                    starts_at=data["starts_at"],
                    time_zone=data["time_zone"],
                    venue=data["venue"],
                    address=data["address"],
                    city=data["city"],
                    state=data["state"],
                    zip_code=data["zip_code"],
                    capacity=data["capacity"],
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("The event is created from the kit as a draft. Check it, then publish it."),
                )
                return redirect("events:manage", slug=event.slug)
        status = 400
    sessions, followups = reads.kit_contents(kit=kit)
    context = {"kit": kit, "form": form, "sessions": sessions, "followups": followups}
    return render(request, "events/kit_use.html", context, status=status)
