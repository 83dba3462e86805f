"""Organizer pages for invitations: the list, inviting from the directory, from addresses,
from a parent event's attendees, invite links, and the resend / revoke / nomination buttons."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actlocal.text import whole_number
from directory.models import Leader

from .. import invite_selectors
from ..forms.invitations import (
    InvitationStatusForm,
    InviteEmailsForm,
    InviteLeaderFilter,
    InviteLinkForm,
    SelectPeopleForm,
)
from ..models import Event, Invitation
from ..permissions import access_event, can_see_contact, can_see_invitation_email
from ..services import nominations
from ..services.invitations import (
    InvitationError,
    InviteResult,
    invitation_resend,
    invitation_revoke,
    invitations_create,
    invite_link_create,
    invite_link_revoke,
)

PAGE_SIZE = 50


def _manage(request: HttpRequest, slug: str) -> Event:
    return access_event(request.user, slug, manage=True)


def _report(request: HttpRequest, result: InviteResult, *, no_email: int = 0) -> None:
    if result.created_count:
        messages.success(
            request,
            ngettext(
                "%(n)s invitation created; it is being sent.",
                "%(n)s invitations created; they are being sent.",
                result.created_count,
            )
            % {"n": result.created_count},
        )
    if result.skipped_count:
        messages.info(
            request,
            ngettext(
                "%(n)s address was already invited and was skipped.",
                "%(n)s addresses were already invited and were skipped.",
                result.skipped_count,
            )
            % {"n": result.skipped_count},
        )
    if no_email:
        messages.warning(
            request,
            ngettext(
                "%(n)s person has no email address and was not invited.",
                "%(n)s people have no email address and were not invited.",
                no_email,
            )
            % {"n": no_email},
        )


def _page(request: HttpRequest, queryset: QuerySet):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _invited_by_leader(event: Event, leaders) -> dict[int, Invitation]:
    """Each listed leader's invitation to this event (matched by profile or by address)."""
    leaders = list(leaders)
    emails = {leader.email: leader.pk for leader in leaders if leader.email}
    found: dict[int, Invitation] = {}
    invitations = invite_selectors.invitations_matching(
        event=event, leader_pks=[leader.pk for leader in leaders], emails=list(emails)
    )
    listed = {leader.pk for leader in leaders}
    for invitation in invitations:
        key = (
            invitation.leader_id if invitation.leader_id in listed else emails.get(invitation.email)
        )
        if key is not None:
            found.setdefault(key, invitation)
    return found


def _people_rows(event: Event, leaders) -> list[dict]:
    invited = _invited_by_leader(event, leaders)
    rows = []
    for leader in leaders:
        invitation = invited.get(leader.pk)
        # Someone removed from the event can be invited anew: only the team lifts a removal.
        open_ = invitation is None or invitation.status == Invitation.Status.REVOKED
        invitable = bool(leader.email)
        rows.append(
            {
                "leader": leader,
                "invitation": invitation,
                "invitable": invitable,
                "can_tick": invitable and open_,
            }
        )
    return rows


def _label_invitations(user, invitations: list[Invitation]) -> None:
    """Set `shown_email` and `shown_name` on each invitation: what this user may see of it.

    A profile's name shows only when the user may see that profile in the directory: a team
    member who typed an address must not learn whose profile it is.
    """
    leader_ids = {inv.leader_id for inv in invitations if inv.leader_id}
    if leader_ids and not can_see_contact(user):
        visible = invite_selectors.leaders_visible_pks(user=user, pks=leader_ids)
    else:
        visible = leader_ids
    for invitation in invitations:
        invitation.shown_email = (
            invitation.email if can_see_invitation_email(user, invitation) else ""
        )
        if invitation.leader_id is None or invitation.leader_id in visible:
            name = invitation.name or (invitation.leader.name if invitation.leader_id else "")
        else:
            # The stored name may be the profile's: only the name they typed themselves.
            name = invitation.name if invitation.shown_email else ""
        invitation.shown_name = name


def _invitee_label(user, invitation: Invitation) -> str:
    """How a message names an invitee to this user: never what they may not see."""
    _label_invitations(user, [invitation])
    return invitation.shown_email or invitation.shown_name or _("this person")


@login_required
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Invitations by status, with links and pending nominations."""
    event = _manage(request, slug)
    form = InvitationStatusForm(request.GET)
    status = 200
    if form.is_valid():
        invitations = invite_selectors.event_invitations_listed(
            event=event, status=form.cleaned_data["status"]
        )
    else:
        invitations = invite_selectors.event_invitations_listed(event=event).none()
        status = 400
    counts = invite_selectors.event_invitation_counts(event=event)
    page_obj = _page(request, invitations)
    _label_invitations(request.user, list(page_obj.object_list))
    context = {
        "event": event,
        "form": form,
        "page_obj": page_obj,
        "counts": [
            (value, label, counts.get(value, 0)) for value, label in Invitation.Status.choices
        ],
        "total": sum(counts.values()),
        "links": event.invite_links.all(),
        "nominations": invite_selectors.event_nominations_pending(event=event),
    }
    return render(request, "events/manage_invite_list.html", context, status=status)


@login_required
@require_POST
def invitation_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    """Resend or revoke one invitation."""
    services = {"resend": invitation_resend, "revoke": invitation_revoke}
    if action not in services:
        raise Http404
    event = _manage(request, slug)
    invitation = invite_selectors.event_invitation_or_404(event=event, pk=pk)
    try:
        services[action](invitation=invitation, actor=request.user)
    except InvitationError as exc:
        messages.error(request, str(exc))
    else:
        done = {
            "resend": _("The invitation to %(who)s is being sent again."),
            "revoke": _(
                "The invitation to %(who)s was revoked: their RSVP is cancelled and their links "
                "no longer work. Only a new invitation lets them back."
            ),
        }
        messages.success(request, done[action] % {"who": _invitee_label(request.user, invitation)})
    return redirect("events:invitation_list", slug=event.slug)


@login_required
@require_POST
def nomination_decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    """Approve (an invitation goes out) or decline a nomination."""
    if decision not in ("approve", "decline"):
        raise Http404
    event = _manage(request, slug)
    nomination = invite_selectors.event_nomination_or_404(event=event, pk=pk)
    try:
        nominations.nomination_decide(
            nomination=nomination, approve=decision == "approve", actor=request.user
        )
    except InvitationError as exc:  # NominationError included
        messages.error(request, str(exc))
    else:
        if decision == "approve":
            text = _("%(name)s was approved and is being invited.")
        else:
            text = _("The nomination of %(name)s was declined.")
        messages.success(request, text % {"name": nomination.name})
    return redirect("events:invitation_list", slug=event.slug)


def _invite_people(request: HttpRequest, event: Event, choices: QuerySet[Leader]):
    """Handle the "invite selected" POST; returns an error message or None."""
    form = SelectPeopleForm(request.POST, queryset=choices)
    if not form.is_valid():
        return "; ".join(form.errors["people"])
    chosen = form.cleaned_data["people"]
    try:
        result = invitations_create(event=event, recipients=form.recipients(), actor=request.user)
    except InvitationError as exc:
        return str(exc)
    _report(request, result, no_email=sum(1 for leader in chosen if not leader.email))
    return None


@login_required
def invite_leaders(request: HttpRequest, slug: str) -> HttpResponse:
    """Filter the directory, tick people, invite them."""
    event = _manage(request, slug)
    filterset = InviteLeaderFilter(
        request.GET, queryset=invite_selectors.leaders_for_picker(user=request.user)
    )
    status, error = 200, None
    if request.method == "POST":
        # Only ids the picker could have offered this user: any other id refuses the whole POST.
        choices = invite_selectors.leaders_invitable(user=request.user)
        error = _invite_people(request, event, choices)
        if error is None:
            return redirect(request.get_full_path())
        status = 400
    if filterset.is_valid():
        page_obj = _page(request, filterset.qs)
    else:
        page_obj, status = None, 400
    context = {
        "event": event,
        "filter": filterset,
        "page_obj": page_obj,
        "rows": _people_rows(event, page_obj.object_list) if page_obj else [],
        "error": error,
    }
    return render(request, "events/manage_invite_leaders.html", context, status=status)


@login_required
def invite_parent_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    """For a follow-up: invite people who are going to (or came to) the parent event."""
    event = _manage(request, slug)
    if event.parent_id is None:
        raise Http404
    choices = invite_selectors.parent_attendees_invitable(
        user=request.user, parent_id=event.parent_id
    )
    status, error = 200, None
    if request.method == "POST":
        error = _invite_people(request, event, choices)
        if error is None:
            return redirect("events:invite_parent_attendees", slug=event.slug)
        status = 400
    attendees = invite_selectors.parent_attendees_for_picker(
        user=request.user, parent_id=event.parent_id
    )
    page_obj = _page(request, attendees)
    context = {
        "event": event,
        "parent": event.parent,
        "page_obj": page_obj,
        "rows": _people_rows(event, page_obj.object_list),
        "error": error,
    }
    return render(request, "events/manage_invite_parent.html", context, status=status)


@login_required
def invite_emails(request: HttpRequest, slug: str) -> HttpResponse:
    """Paste addresses or upload a CSV; everything is checked before anything is created."""
    event = _manage(request, slug)
    form = InviteEmailsForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = invitations_create(
                    event=event, recipients=form.recipients(), actor=request.user
                )
            except InvitationError as exc:
                form.add_error(None, str(exc))
            else:
                _report(request, result)
                return redirect("events:invitation_list", slug=event.slug)
        status = 400
    return render(
        request, "events/manage_invite_emails.html", {"event": event, "form": form}, status=status
    )


@login_required
def invite_links(request: HttpRequest, slug: str) -> HttpResponse:
    """Create shareable links with a use limit and an expiry; list and turn them off."""
    event = _manage(request, slug)
    status = 200
    form = InviteLinkForm(event=event)
    if request.method == "POST" and "revoke" in request.POST:
        pk = whole_number(request.POST["revoke"])
        link = invite_selectors.event_invite_link_get(event=event, pk=pk) if pk else None
        if link is None:
            raise Http404
        invite_link_revoke(link=link, actor=request.user)
        messages.success(request, _("The link was turned off."))
        return redirect("events:invite_links", slug=event.slug)
    if request.method == "POST":
        form = InviteLinkForm(request.POST, event=event)
        if form.is_valid():
            try:
                invite_link_create(event=event, actor=request.user, **form.cleaned_data)
            except InvitationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The link is ready: copy it from the list below."))
                return redirect("events:invite_links", slug=event.slug)
        status = 400
    links = [
        {"link": link, "url": settings.SITE_URL + link.get_absolute_url()}
        for link in invite_selectors.event_invite_links_listed(event=event)
    ]
    context = {"event": event, "form": form, "links": links}
    return render(request, "events/manage_invite_links.html", context, status=status)
