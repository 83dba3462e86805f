"""Answering an invitation (personal token or shareable link) and nominating someone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import invite_selectors, selectors
from ..forms.invitations import AnswererForm, NominationForm
from ..forms.rsvp import RSVPForm
from ..models import RSVP, Event, Invitation, InviteLink
from ..permissions import access_event, can_view
from ..services.invitations import AcceptResult, InvitationError, invitation_accept
from ..services.link_answers import link_answer_confirm as link_answer_confirm_service
from ..services.link_answers import link_answer_record, link_answer_usable
from ..services.nominations import NominationError, can_nominate, nomination_create
from ..tokens import rsvp_link_token

SIGN_IN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _no_longer_valid() -> tuple[str, str, int]:
    # Whoever holds the link may not be the person invited: no name, no address, no reason.
    return (
        _("This invitation is no longer valid"),
        _("Contact the organizing team if you think this is a mistake."),
        410,
    )


def _unavailable(request: HttpRequest, *, title: str, reason: str, status: int, event=None):
    response = render(
        request,
        "events/invitation_unavailable.html",
        {"title": title, "reason": reason, "event": event},
        status=status,
    )
    # The token is in the URL: keep it from other sites' Referer. Not "no-referrer", which
    # makes browsers post the form with "Origin: null" and fail Django's CSRF origin check.
    response["Referrer-Policy"] = "same-origin"
    return response


def _find(token: str) -> tuple[Invitation | None, InviteLink | None]:
    """Personal invitations first, then links; both compared in constant time."""
    invitation = invite_selectors.invitation_by_token(token=token)
    if invitation is not None:
        return invitation, None
    return None, invite_selectors.invite_link_by_token(token=token)


def _closed_reason(invitation, link, event: Event) -> tuple[str, str, int] | None:
    """(title, explanation, status) when this token cannot be answered now, else None."""
    if invitation is not None and invitation.status == Invitation.Status.REVOKED:
        return _no_longer_valid()
    if link is not None and not link.is_usable:
        return (
            _("This invite link no longer works"),
            _("The link has expired, has been used as many times as allowed, or was turned off."),
            410,
        )
    if event.is_template or event.status == Event.Status.DRAFT:
        return (
            _("This event is not open yet"),
            _("Please try again once the team publishes it."),
            404,
        )
    if event.status == Event.Status.CANCELLED:
        return (_("This event was cancelled"), _("There is nothing to answer any more."), 410)
    if not event.accepts_rsvps:
        return (_("This event has already taken place"), _("Answers are closed."), 410)
    return None


def _forms(request: HttpRequest, *, invitation, link, event: Event, rsvp: RSVP | None):
    data = request.POST if request.method == "POST" else None
    rsvp_form = RSVPForm(data, event=event, rsvp=rsvp)
    answerer = None
    if link is not None and not request.user.is_authenticated:
        answerer = AnswererForm(data)
    elif (
        invitation is not None
        and rsvp is None
        and invitation.leader_id is None
        and not invite_selectors.leader_email_exists(email=invitation.email)
    ):
        # First time we hear from this address: ask the name for their profile.
        answerer = AnswererForm(data, ask_email=False, initial={"name": invitation.name})
    return rsvp_form, answerer


def _done(request: HttpRequest, result: AcceptResult, event: Event) -> HttpResponse:
    rsvp = result.rsvp
    if rsvp is None or rsvp.status == RSVP.Status.DECLINED:
        messages.info(request, _("Thanks for letting us know you can’t make it."))
    elif rsvp.status == RSVP.Status.WAITLISTED:
        messages.warning(
            request,
            _(
                "The event is full, so you are on the waitlist (number %(n)s). "
                "We will email you if a seat opens."
            )
            % {"n": selectors.waitlist_rank(rsvp=rsvp)},
        )
    else:
        messages.success(request, _("You’re going! A confirmation is on its way to your inbox."))
    if request.user.is_authenticated and can_view(request.user, event):
        return redirect(event.get_absolute_url())
    if rsvp is not None:
        token = rsvp_link_token(rsvp)
        return redirect(reverse("events:rsvp_link", kwargs={"slug": event.slug, "token": token}))
    return render(request, "events/invitation_declined.html", {"event": event})


@never_cache
def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    """Show the event and the RSVP form for a personal invitation or an invite link."""
    invitation, link = _find(token)
    if invitation is None and link is None:
        return _unavailable(
            request,
            title=_("We could not find this invitation"),
            reason=_("Check that you copied the whole link from the email."),
            status=404,
        )
    event = (invitation or link).event
    closed = _closed_reason(invitation, link, event)
    if closed:
        title, reason, status = closed
        return _unavailable(request, title=title, reason=reason, status=status, event=event)
    rsvp = invite_selectors.rsvp_answered_for(invitation=invitation, user=request.user, event=event)
    if link is not None and rsvp is not None:
        # A member who already answered changes that answer on the event page, not here.
        messages.info(request, _("You have already answered this invitation."))
        return redirect(event.get_absolute_url())
    rsvp_form, answerer = _forms(request, invitation=invitation, link=link, event=event, rsvp=rsvp)
    status = 200
    if request.method == "POST":
        declining = rsvp_form.is_valid() and not rsvp_form.is_going()
        # A "no" needs neither a name nor an address; the name check runs only for a "yes".
        answerer_valid = answerer is None or declining or answerer.is_valid()
        if rsvp_form.is_valid() and answerer_valid:
            going = rsvp_form.is_going()
            if link is not None and not going:
                return render(request, "events/invitation_declined.html", {"event": event})
            answered = answerer.cleaned_data if answerer and going else {}
            if link is not None and not request.user.is_authenticated:
                return _link_answer(request, link=link, answered=answered, form=rsvp_form)
            try:
                result = invitation_accept(
                    invitation=invitation,
                    link=link,
                    name=answered.get("name", ""),
                    email=answered.get("email", ""),
                    details=rsvp_form.details(),
                    going=going,
                    user=request.user,
                )
            except InvitationError as exc:
                if link is not None:
                    link.refresh_from_db()
                    if not link.is_usable:
                        return _unavailable(
                            request,
                            title=_("This invite link no longer works"),
                            reason=str(exc),
                            status=410,
                            event=event,
                        )
                rsvp_form.add_error(None, str(exc))
            else:
                if result.sign_in is not None and not request.user.is_authenticated:
                    login(request, result.sign_in, backend=SIGN_IN_BACKEND)
                return _done(request, result, event)
        status = 400
    response = render(
        request,
        "events/invitation_respond.html",
        {
            "event": event,
            "invitation": invitation,
            "link": link,
            "rsvp": rsvp,
            "form": rsvp_form,
            "answerer": answerer,
            "show_address": not event.is_invite_only or (rsvp and rsvp.status == RSVP.Status.GOING),
        },
        status=status,
    )
    # The token is in the URL: keep it from other sites' Referer. Not "no-referrer", which
    # makes browsers post the form with "Origin: null" and fail Django's CSRF origin check.
    response["Referrer-Policy"] = "same-origin"
    return response


def _link_answer(request: HttpRequest, *, link: InviteLink, answered: dict, form) -> HttpResponse:
    """Keep a typed answer until its address confirms by mail; the same page for every address."""
    try:
        link_answer_record(
            link=link, name=answered["name"], email=answered["email"], details=form.details()
        )
    except InvitationError:
        link.refresh_from_db()
        if not link.is_usable:
            title, reason, status = _no_longer_valid()
            return _unavailable(request, title=title, reason=reason, status=status, event=None)
        # Still the same page: whether the address is known, invited or removed stays unsaid.
    response = render(request, "events/link_answer_sent.html", {"event": link.event})
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def link_answer_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to a typed address: a button (mail scanners follow links, so a GET
    changes nothing) that attaches the answer and takes the RSVP."""
    answer = invite_selectors.link_answer_by_token(token=token)
    if answer is None or not link_answer_usable(answer):
        title, reason, status = _no_longer_valid()
        if answer is None:
            status = 404
        return _unavailable(request, title=title, reason=reason, status=status)
    event = answer.event
    error, status = "", 200
    if request.method == "POST":
        try:
            result = link_answer_confirm_service(answer=answer, actor=request.user)
        except InvitationError as exc:
            error, status = str(exc), 400
        else:
            return _done(request, result, event)
    response = render(
        request,
        "events/link_answer_confirm.html",
        {"event": event, "answer": answer, "error": error},
        status=status,
    )
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
def nominate(request: HttpRequest, slug: str) -> HttpResponse:
    """Someone going suggests another person to the organizing team."""
    event = access_event(request.user, slug)
    leader = invite_selectors.leader_of(user=request.user)
    if not can_nominate(event=event, leader=leader):
        raise PermissionDenied
    form = NominationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                nomination_create(
                    event=event,
                    nominator_leader=leader,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    reason=form.cleaned_data["reason"],
                )
            except NominationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Thank you: the organizing team will review your nomination of %(name)s.")
                    % {"name": form.cleaned_data["name"]},
                )
                return redirect(event.get_absolute_url())
        status = 400
    return render(
        request, "events/nominate_form.html", {"event": event, "form": form}, status=status
    )
