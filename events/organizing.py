"""Events' part of "My organizing" (actlocal.organizing): the events and kits a person is on
the team of, each with the one thing that waits for them next."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actlocal.organizing import (
    CURRENT,
    DRAFT,
    PAST,
    NextAction,
    OrganizingItem,
    OrganizingSource,
    organizing_source_register,
)

from .manage_selectors import event_roles_exist, events_organized_by
from .models import Event, EventRole
from .permissions import can_create_events

# The desk opens this long before the start: people arrive early.
DESK_OPENS_BEFORE = timedelta(hours=3)


def _url(name: str, event: Event) -> str:
    return reverse(name, kwargs={"slug": event.slug})


def event_next_action(event: Event) -> NextAction | None:
    """What the team should do next about `event` (annotated by events_organized_by)."""
    now = timezone.now()
    if event.my_role == EventRole.Role.CHECKIN:
        if event.status == Event.Status.PUBLISHED and event.ends_at >= now:
            return NextAction(_("Open the check-in desk"), _url("events:checkin", event))
        return None
    if event.status == Event.Status.DRAFT:
        return NextAction(_("Review and publish"), _url("events:publish", event))
    if event.status == Event.Status.CANCELLED:
        return None
    if event.ends_at < now:
        return NextAction(_("See who came"), _url("events:manage", event))
    if event.starts_at - DESK_OPENS_BEFORE <= now:
        return NextAction(_("Check people in"), _url("events:checkin", event))
    if event.pending_nominations:
        label = ngettext(
            "Answer %(n)s nomination", "Answer %(n)s nominations", event.pending_nominations
        ) % {"n": event.pending_nominations}
        return NextAction(label, _url("events:invitation_list", event))
    if event.is_invite_only and not event.invitations_sent:
        return NextAction(_("Invite people"), _url("events:invite_leaders", event))
    return NextAction(_("Open the dashboard"), _url("events:manage", event))


def _group(event: Event) -> str:
    if event.status == Event.Status.DRAFT:
        return DRAFT
    if event.status == Event.Status.CANCELLED or event.ends_at < timezone.now():
        return PAST
    return CURRENT


def _status(event: Event) -> str:
    if event.status != Event.Status.PUBLISHED:
        return str(event.get_status_display())
    if event.ends_at < timezone.now():
        return _("Over")
    if event.is_invite_only:
        return _("Published, invite-only")
    return _("Published")


def _organized(user: Any) -> list[Event]:
    # Events and kits come from one query, shared by both sections of the page.
    cache = user.__dict__
    if "_events_organized" not in cache:
        cache["_events_organized"] = events_organized_by(user=user)
    return cache["_events_organized"]


def _items(user: Any) -> list[OrganizingItem]:
    items = []
    for event in _organized(user):
        if event.is_template:
            continue  # kits have their own section
        items.append(
            OrganizingItem(
                title=event.title,
                url=_url("events:manage", event),
                group=_group(event),
                status=_status(event),
                role=str(EventRole.Role(event.my_role).label),
                when=event.starts_at,
                time_zone=event.time_zone,
                next_action=event_next_action(event),
            )
        )
    return items


def _kit_items(user: Any) -> list[OrganizingItem]:
    return [
        OrganizingItem(
            title=kit.title,
            url=_url("events:manage", kit),
            group=CURRENT,
            status=_("Kit"),
            role=str(EventRole.Role(kit.my_role).label),
            next_action=NextAction(_("New event from this kit"), _url("events:kit_use", kit))
            if can_create_events(user)
            else None,
        )
        for kit in _organized(user)
        if kit.is_template
    ]


def _new_actions(user: Any) -> list[NextAction]:
    if not can_create_events(user):
        return []
    return [
        NextAction(_("New event"), reverse("events:create")),
        NextAction(_("New from a kit"), reverse("events:kit_list")),
    ]


def register() -> None:
    organizing_source_register(
        OrganizingSource(
            key="events",
            heading=gettext_lazy("Events"),
            items=_items,
            has_role=lambda user: event_roles_exist(user=user),
            new_actions=_new_actions,
        )
    )
    organizing_source_register(
        OrganizingSource(
            key="kits",
            heading=gettext_lazy("Event kits"),
            items=_kit_items,
            # Kits are events' teams too: event_roles_exist already answered for them.
            has_role=lambda user: False,
        )
    )
