"""Reads of the invitation pages: answering a token or link, nominating, and the organizer's
invitation list, people pickers and invite links.

The `*_or_404` ones answer 404 for a row that is not the event's, like the access helpers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from directory.models import Affiliation, Leader

from .models import RSVP, Event, Invitation, InviteLink, LinkAnswer, Nomination
from .tokens import find_by_token


def invitation_by_token(*, token: str) -> Invitation | None:
    """The personal invitation with this token (event and leader loaded), in constant time."""
    return find_by_token(Invitation.objects.select_related("event", "leader"), token)


def invite_link_by_token(*, token: str) -> InviteLink | None:
    """The invite link with this token (event loaded), compared in constant time."""
    return find_by_token(InviteLink.objects.select_related("event"), token)


def link_answer_by_token(*, token: str) -> LinkAnswer | None:
    """The typed answer a confirmation mail links to (event loaded), compared in constant time."""
    return find_by_token(LinkAnswer.objects.select_related("event"), token)


def rsvp_answered_for(*, invitation: Invitation | None, user: Any, event: Event) -> RSVP | None:
    """The answer already on record for whoever this token (or signed-in member) stands for."""
    if invitation is not None:
        who = Q(pk=invitation.leader_id) if invitation.leader_id else Q(email=invitation.email)
    elif user.is_authenticated:
        who = Q(user=user)
    else:
        return None
    return RSVP.objects.filter(event=event, leader__in=Leader.objects.filter(who)).first()


def leader_email_exists(*, email: str) -> bool:
    """Whether a leader profile already has this exact address."""
    return Leader.objects.filter(email=email).exists()


def leader_of(*, user: Any) -> Leader | None:
    """The account's leader profile, or None."""
    return Leader.objects.filter(user=user).first()


def invitations_matching(
    *, event: Event, leader_pks: list[int], emails: list[str]
) -> QuerySet[Invitation]:
    """The event's invitations to these profiles or addresses (only what the picker shows)."""
    return event.invitations.filter(Q(leader__in=leader_pks) | Q(email__in=emails)).only(
        "id", "status", "email", "leader_id"
    )


def leaders_invitable(*, user: Any) -> QuerySet[Leader]:
    """The leaders this user may see in the directory: a team role widens nothing (a plain
    member on an event's team sees public and members-only profiles, never organizers-only)."""
    return Leader.objects.visible_to(user)


def leaders_visible_pks(*, user: Any, pks: set[int]) -> set[int]:
    """Which of these leader ids this user may see in the directory."""
    return set(leaders_invitable(user=user).filter(pk__in=pks).values_list("pk", flat=True))


def leaders_for_picker(*, user: Any) -> QuerySet[Leader]:
    """The invitable leaders with their topics and organizations, by name."""
    # The page never prints addresses or phone numbers: they are not loaded at all except
    # email, which decides whether someone can be invited.
    return (
        leaders_invitable(user=user)
        .defer("search_vector", "phone", "bio")
        .prefetch_related(
            "topics",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organization").only(
                    "id", "leader_id", "organization__name", "organization__slug"
                ),
            ),
        )
        .order_by("name", "id")
    )


def _attendee_leader_ids(*, event_id: int) -> QuerySet[RSVP, Any]:
    came = RSVP.objects.filter(event_id=event_id).filter(
        Q(status=RSVP.Status.GOING) | Q(attendance=RSVP.Attendance.ATTENDED)
    )
    return came.values("leader_id")


def parent_attendees_invitable(*, user: Any, parent_id: int) -> QuerySet[Leader]:
    """The invitable leaders going to (or who came to) the event `parent_id`."""
    return leaders_invitable(user=user).filter(pk__in=_attendee_leader_ids(event_id=parent_id))


def parent_attendees_for_picker(*, user: Any, parent_id: int) -> QuerySet[Leader]:
    """The same leaders as `parent_attendees_invitable`, loaded for the picker's rows."""
    return leaders_for_picker(user=user).filter(pk__in=_attendee_leader_ids(event_id=parent_id))


def event_invitations_listed(*, event: Event, status: str = "") -> QuerySet[Invitation]:
    """The event's invitations (of one status, if given) with their leaders, newest first."""
    invitations = event.invitations.select_related("leader").order_by("-created_at", "-id")
    if status:
        invitations = invitations.filter(status=status)
    return invitations


def event_invitation_counts(*, event: Event) -> dict[str, int]:
    """How many of the event's invitations have each status, in one query."""
    return dict(event.invitations.values_list("status").annotate(n=Count("id")).order_by())


def event_nominations_pending(*, event: Event) -> QuerySet[Nomination]:
    """The nominations waiting for the team, with who nominated."""
    return event.nominations.filter(status=Nomination.Status.PENDING).select_related("nominated_by")


def event_invitation_or_404(*, event: Event, pk: int) -> Invitation:
    """One of the event's invitations, with its leader."""
    return get_object_or_404(Invitation.objects.select_related("leader"), pk=pk, event=event)


def event_nomination_or_404(*, event: Event, pk: int) -> Nomination:
    """One of the event's nominations."""
    return get_object_or_404(Nomination, pk=pk, event=event)


def event_invite_link_get(*, event: Event, pk: int) -> InviteLink | None:
    """One of the event's invite links, or None."""
    return InviteLink.objects.filter(event=event, pk=pk).first()


def event_invite_links_listed(*, event: Event) -> QuerySet[InviteLink]:
    """The event's invite links with who created each."""
    return event.invite_links.select_related("created_by")
