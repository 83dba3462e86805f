"""Who may see and run an event. 404 for what you may not see, 403 for what you may not change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from actlocal.permissions import is_organizer, is_staff

from .models import RSVP, Event, EventRole, Invitation

MANAGE_ROLES = (EventRole.Role.LEAD, EventRole.Role.CO_ORGANIZER)
CHECKIN_ROLES = (EventRole.Role.LEAD, EventRole.Role.CO_ORGANIZER, EventRole.Role.CHECKIN)


def team_role(user: Any, event: Event) -> str | None:
    """The user's role on this event's team (cached on the user per event), or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = user.__dict__.setdefault("_event_roles", {})
    if event.pk not in cache:
        cache[event.pk] = (
            EventRole.objects.filter(event_id=event.pk, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[event.pk]


def can_manage(user: Any, event: Event) -> bool:
    return is_staff(user) or team_role(user, event) in MANAGE_ROLES


def can_lead(user: Any, event: Event) -> bool:
    """Leads (and staff) change the team itself."""
    return is_staff(user) or team_role(user, event) == EventRole.Role.LEAD


def can_check_in(user: Any, event: Event) -> bool:
    return is_staff(user) or team_role(user, event) in CHECKIN_ROLES


def can_create_events(user: Any) -> bool:
    """Network organizers and staff start events (and use kits)."""
    return is_organizer(user)


def is_invited(user: Any, event: Event) -> bool:
    """Invited (an invitation to the account's email or profile) or already answered."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    leader = getattr(user, "leader", None) if hasattr(user, "leader") else None
    invitations = Invitation.objects.filter(event=event).exclude(status=Invitation.Status.REVOKED)
    if invitations.filter(email__iexact=user.email).exists():
        return True
    if leader is None:
        return False
    return (
        invitations.filter(leader=leader).exists()
        or RSVP.objects.filter(event=event, leader=leader, removed_at=None).exists()
    )


def can_view(user: Any, event: Event) -> bool:
    hidden = event.is_template or event.status == Event.Status.DRAFT
    if not hidden and event.visibility == Event.Visibility.PUBLIC:
        return True  # open to everyone: no need to look up the viewer's role
    if can_check_in(user, event):
        return True
    if hidden:
        return False
    return is_invited(user, event)


def access_event(user: Any, slug: str, *, manage: bool = False, checkin: bool = False) -> Event:
    """The event if the user may see it (404 otherwise); 403 if they may see it but not run it."""
    event = Event.objects.select_related("host_organization", "parent").filter(slug=slug).first()
    if event is None or not can_view(user, event):
        raise Http404
    if manage and not can_manage(user, event):
        raise PermissionDenied
    if checkin and not can_check_in(user, event):
        raise PermissionDenied
    return event


def can_see_address(user: Any, event: Event, rsvp: RSVP | None = None) -> bool:
    """Invite-only addresses show only to people going and to the team."""
    if not event.is_invite_only:
        return True
    if can_check_in(user, event):
        return True
    return rsvp is not None and rsvp.status == RSVP.Status.GOING


def can_see_contact(user: Any) -> bool:
    """Private email and phone of people on an event's lists: as in the directory, only staff
    and network organizers; an event team role adds nothing."""
    return is_organizer(user)


def can_see_invitation_email(user: Any, invitation: Invitation) -> bool:
    """Addresses are private as in the directory: staff and network organizers see every
    invitee's; anyone else on the team only an address they typed in themselves."""
    if can_see_contact(user):
        return True
    return bool(
        invitation.address_typed
        and invitation.invited_by_id is not None
        and invitation.invited_by_id == getattr(user, "pk", None)
    )
