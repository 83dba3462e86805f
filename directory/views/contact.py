"""The contact relay: a signed-in member writes to a leader without seeing their address."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.permissions import is_member
from actlocal.ratelimit import parse_rate

from .. import selectors
from ..forms import ContactMessageForm
from ..models import Leader
from ..services import ContactRateLimitedError, contact_message_send


def access_contactable_leader(user, slug: str) -> Leader:
    """The leader `user` may write to: visible to them, reachable by email, not themself."""
    leader = selectors.leader_contactable_get(user=user, slug=slug)
    if leader is None or leader.user_id == user.pk:
        raise Http404(_("No leader you can contact here."))
    return leader


def _period_label(seconds: int) -> str:
    labels = {1: _("second"), 60: _("minute"), 3600: _("hour"), 86400: _("day")}
    return labels.get(seconds, _("%(seconds)d seconds") % {"seconds": seconds})


def _rate_limited(request: HttpRequest, leader: Leader) -> HttpResponse:
    count, seconds = parse_rate(settings.CONTACT_RELAY_RATE)
    message = _(
        "You have sent the most messages allowed for now (%(count)d per %(period)s). Your "
        "message to %(name)s was not sent. Please try again later."
    ) % {"count": count, "period": _period_label(seconds), "name": leader.name}
    return render(
        request,
        "directory/leader_contact_limited.html",
        {"leader": leader, "message": message},
        status=429,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_leader(request: HttpRequest, slug: str) -> HttpResponse:
    if not is_member(request.user):
        raise Http404
    leader = access_contactable_leader(request.user, slug)
    form = ContactMessageForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                contact_message_send(
                    sender=request.user,
                    recipient=leader,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except ContactRateLimitedError:
                return _rate_limited(request, leader)
            # Delivery happens in the background and is retried if the mail server refuses,
            # so the message is on its way once it is recorded.
            messages.success(
                request,
                _(
                    "Your message to %(name)s is on its way. If they reply, the answer will "
                    "arrive at %(email)s."
                )
                % {"name": leader.name, "email": request.user.email},
            )
            return redirect(leader.get_absolute_url())
        status = 400
    return render(
        request,
        "directory/leader_contact.html",
        {"leader": leader, "form": form},
        status=status,
    )
