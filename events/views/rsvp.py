"""An attendee's own RSVP: the form for signed-in people, the signed link from emails (no login
needed), and sign-up for agenda sessions.

Every change goes through events.services (rsvps, sessions); a refusal (full session, closed
event, no invitation) re-renders the page with the reason, status 400, and nothing changed.
"""

from __future__ import annotations

from contextlib import nullcontext, suppress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.accounts import account_leader_ensure
from actlocal.clientip import client_ip
from actlocal.ratelimit import hit
from actlocal.translated import localized
from directory.models import Leader

from .. import manage_selectors, selectors
from ..forms.rsvp import YES, RSVPForm
from ..models import RSVP, Event, Invitation
from ..permissions import access_event, can_see_address
from ..services.invitations import InvitationError, invitation_accept
from ..services.link_answers import link_answer_record
from ..services.rsvps import RSVPError, rsvp_cancel, rsvp_respond
from ..services.sessions import session_signup as session_signup_service
from ..services.sessions import session_withdraw
from ..tokens import rsvp_link_token
from .public import detail_context, one_step_forms


def _outcome_message(rsvp: RSVP) -> str:
    if rsvp.status == RSVP.Status.GOING:
        return _("You’re going to %(title)s. A confirmation is on its way to your inbox.") % {
            "title": rsvp.event.title
        }
    if rsvp.status == RSVP.Status.WAITLISTED:
        return _(
            "%(title)s is full, so you are number %(rank)s on the waitlist. "
            "We will email you as soon as a seat opens."
        ) % {"title": rsvp.event.title, "rank": selectors.waitlist_rank(rsvp=rsvp)}
    return _("Thanks for letting the team know you can’t make it.")


def _cancel_message(was: str) -> str:
    if was == RSVP.Status.WAITLISTED:
        return _("You have left the waitlist.")
    return _("Your RSVP is cancelled. Thanks for letting the team know.")


def _page_context(event: Event, rsvp: RSVP | None, form: RSVPForm, **extra) -> dict:
    return {
        "event": event,
        "rsvp": rsvp,
        "waitlist_rank": selectors.waitlist_rank(rsvp=rsvp) if rsvp else None,
        "form": form,
        "error": "",
        **extra,
    }


# --- Signed in -------------------------------------------------------------------------------


def _answers_invitation(invitation: Invitation | None, leader: Leader) -> bool:
    """True when the invitation resolves to this leader in the invitation service too."""
    if invitation is None:
        return False
    if invitation.leader_id is not None:
        return invitation.leader_id == leader.pk
    # Exactly the stored address: the service looks the leader up by it.
    return bool(leader.email) and invitation.email == leader.email


def _respond_signed_in(*, request: HttpRequest, event: Event, form: RSVPForm) -> RSVP:
    """The profile is claimed or created in the same transaction as the answer: a refused
    answer leaves no new profile behind either."""
    user = request.user
    # The profile the page already loaded, if any: then there is nothing to claim or create,
    # and the RSVP service's own transaction is the only one needed.
    known = selectors.event_leader_for(user=user)
    with transaction.atomic() if known is None else nullcontext():
        leader = known or account_leader_ensure(user=user)
        if leader is None:
            raise RSVPError(
                _("Confirm your email address first: we sent you a link when you signed up.")
            )
        invitation = None
        if event.is_invite_only:
            invitation = selectors.invitation_for(user=user, event=event, leader=leader)
        if _answers_invitation(invitation, leader):
            # Through the invitation service, so the invitation is marked answered as well.
            try:
                result = invitation_accept(
                    invitation=invitation,
                    going=form.is_going(),
                    details=form.details(),
                    user=user,
                )
            except InvitationError as exc:
                raise RSVPError(str(exc)) from exc
            return result.rsvp
        return rsvp_respond(
            event=event,
            leader=leader,
            actor=user,
            going=form.is_going(),
            details=form.details(),
            invitation=invitation,
        )


def _try_cancel(request: HttpRequest, rsvp: RSVP | None) -> str:
    """Cancel a seat or leave the waitlist: '' when done (a message is queued), else why not."""
    if rsvp is None or not rsvp.is_active:
        return _("There is no seat or waitlist place to cancel.")
    was = rsvp.status
    try:
        rsvp_cancel(rsvp=rsvp, actor=request.user)
    except RSVPError as exc:
        return str(exc)
    messages.success(request, _cancel_message(was))
    return ""


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def rsvp_form(request: HttpRequest, slug: str) -> HttpResponse:
    """Say yes or no, change needs and answers, cancel or leave the waitlist."""
    event = access_event(request.user, slug)
    posted = request.method == "POST"
    cancelling = posted and request.POST.get("action") == "cancel"
    answering = posted and not cancelling
    # An answer reads the RSVP itself, locked, under the event's lock: the page's copy is only
    # needed to show the form or to cancel (and to re-render a refused answer, below).
    rsvp = None if answering else selectors.rsvp_for(user=request.user, event=event)
    form = RSVPForm(request.POST if answering else None, event=event, rsvp=rsvp)
    error = ""
    if cancelling:
        error = _try_cancel(request, rsvp)
        if not error:
            return redirect(event.get_absolute_url())
    elif answering and form.is_valid():
        try:
            rsvp = _respond_signed_in(request=request, event=event, form=form)
        except RSVPError as exc:
            error = str(exc)
        else:
            messages.success(request, _outcome_message(rsvp))
            return redirect(event.get_absolute_url())
    if answering and (rsvp is None or error):
        rsvp = selectors.rsvp_for(user=request.user, event=event)
    invitation = selectors.invitation_for(user=request.user, event=event)
    context = _page_context(
        event,
        rsvp,
        form,
        invitation=invitation,
        error=error,
        show_address=can_see_address(request.user, event, rsvp),
    )
    return render(request, "events/rsvp_form.html", context, status=400 if posted else 200)


# --- One step, not signed in ------------------------------------------------------------------


def _one_step_data(request: HttpRequest):
    # Coming is what this form is for: there is no "no" to choose on it.
    data = request.POST.copy()
    data["going"] = YES
    return data


@never_cache
@require_POST
def rsvp_one_step(request: HttpRequest, slug: str) -> HttpResponse:
    """Name, email, ZIP and the questions, typed on a public event's page by someone not signed
    in: kept until the address confirms by mail (events.services.link_answers).

    The answer page is the same whatever the address (known, new, removed): it names nobody.
    """
    event = access_event(request.user, slug)
    if request.user.is_authenticated:
        # Members answer as themselves, with their own profile.
        return redirect("events:rsvp", slug=event.slug)
    if not hit(scope="rsvp-one-step", key=client_ip(request), rate=settings.ONE_STEP_RSVP_RATE):
        context = {
            **detail_context(request, event),
            "error": _("Too many answers from your connection. Please try again in an hour."),
        }
        return render(request, "events/event_detail.html", context, status=429)
    forms = one_step_forms(user=request.user, event=event, rsvp=None, data=_one_step_data(request))
    if forms is None:
        context = {**detail_context(request, event), "error": _("This event is not taking RSVPs.")}
        return render(request, "events/event_detail.html", context, status=400)
    rsvp_form, answerer = forms["rsvp_form"], forms["answerer"]
    if not (rsvp_form.is_valid() and answerer.is_valid()):
        context = {**detail_context(request, event), "one_step": forms}
        return render(request, "events/event_detail.html", context, status=400)
    # A refusal gives the same page: whether the address could answer stays unsaid.
    with suppress(InvitationError):
        link_answer_record(
            event=event,
            name=answerer.cleaned_data["name"],
            email=answerer.cleaned_data["email"],
            zip_code=answerer.cleaned_data["zip_code"],
            details=rsvp_form.details(),
        )
    return render(request, "events/link_answer_sent.html", {"event": event, "public": True})


# --- Signed link from an email -----------------------------------------------------------------


def rsvp_from_link(*, slug: str, token: str) -> RSVP:
    """The RSVP a signed link is for; 404 when forged, stale or for another event's address."""
    rsvp = selectors.rsvp_for_link(slug=slug, token=token)
    if rsvp is None:
        raise Http404
    return rsvp


def _link_extra(request: HttpRequest, rsvp: RSVP, token: str) -> dict:
    event = rsvp.event
    return {
        "token": token,
        "link_url": reverse("events:rsvp_link", kwargs={"slug": event.slug, "token": token}),
        "show_address": can_see_address(request.user, event, rsvp),
        "agenda": selectors.event_agenda(event=event, user=request.user, rsvp=rsvp),
        "is_going": rsvp.status == RSVP.Status.GOING,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def rsvp_manage_link(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The same choices as the form, for whoever holds the link: no sign-in needed."""
    rsvp = rsvp_from_link(slug=slug, token=token)
    event = rsvp.event
    link_url = reverse("events:rsvp_link", kwargs={"slug": slug, "token": token})
    posted = request.method == "POST"
    cancelling = posted and request.POST.get("action") == "cancel"
    form = RSVPForm(request.POST if posted and not cancelling else None, event=event, rsvp=rsvp)
    error = ""
    if cancelling:
        error = _try_cancel(request, rsvp)
        if not error:
            return redirect(link_url)
    elif posted and form.is_valid():
        try:
            rsvp = rsvp_respond(
                event=event,
                leader=rsvp.leader,
                actor=request.user,
                going=form.is_going(),
                details=form.details(),
                invitation=rsvp.invitation,
            )
        except RSVPError as exc:
            error = str(exc)
        else:
            messages.success(request, _outcome_message(rsvp))
            return redirect(link_url)
    context = _page_context(event, rsvp, form, error=error, **_link_extra(request, rsvp, token))
    return render(request, "events/rsvp_manage.html", context, status=400 if posted else 200)


# --- Agenda sessions ---------------------------------------------------------------------------


@require_POST
def session_signup(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Sign up for a session that needs it, or withdraw; from the event page or the link page."""
    token = request.POST.get("token", "")
    if token:
        rsvp = rsvp_from_link(slug=slug, token=token)
        event = rsvp.event
        back = reverse("events:rsvp_link", kwargs={"slug": slug, "token": token})
    else:
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("events:detail", kwargs={"slug": slug}))
        event = access_event(request.user, slug)
        rsvp = selectors.rsvp_for(user=request.user, event=event)
        back = event.get_absolute_url()
    session = manage_selectors.event_session_or_404(event=event, pk=pk)
    action = request.POST.get("action")
    try:
        if action not in ("signup", "withdraw"):
            raise RSVPError(_("Choose to sign up or to withdraw."))
        if rsvp is None:
            raise RSVPError(_("Only people going to the event can sign up for its sessions."))
        if action == "signup":
            session_signup_service(session=session, rsvp=rsvp, actor=request.user)
            message = _("You are signed up for “%(title)s”.")
        else:
            session_withdraw(session=session, rsvp=rsvp, actor=request.user)
            message = _("You have withdrawn from “%(title)s”.")
    except RSVPError as exc:
        return _session_refused(request, event=event, rsvp=rsvp, token=token, error=str(exc))
    messages.success(request, message % {"title": localized(session, "title")})
    return redirect(f"{back}#session-{session.pk}")


def _session_refused(
    request: HttpRequest, *, event: Event, rsvp: RSVP | None, token: str, error: str
) -> HttpResponse:
    if token and rsvp is not None:
        form = RSVPForm(event=event, rsvp=rsvp)
        context = _page_context(event, rsvp, form, error=error, **_link_extra(request, rsvp, token))
        return render(request, "events/rsvp_manage.html", context, status=400)
    context = {**detail_context(request, event), "error": error}
    return render(request, "events/event_detail.html", context, status=400)


def rsvp_link_url(rsvp: RSVP) -> str:
    """The path of the signed change/cancel link (emails make it absolute)."""
    return reverse(
        "events:rsvp_link", kwargs={"slug": rsvp.event.slug, "token": rsvp_link_token(rsvp)}
    )
