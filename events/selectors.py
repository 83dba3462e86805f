"""Read queries shared by the public events pages, /me/, the home page and the calendar feeds.

List selectors join or prefetch everything their cards show, so a page costs the same number of
queries for 1 event as for 50. Nothing here reads a leader's email or phone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.safestring import SafeString

from actlocal.collation import ReaderOrder
from actlocal.dates import when_range_html
from actlocal.models import Topic
from directory.models import Leader, Organization

from .models import RSVP, Event, Invitation, Session, SessionSignup
from .permissions import can_view
from .tokens import rsvp_from_link_token

# What a list card (and its cache key in events.views.public) reads of an event: the long texts
# and the host's search vector stay in the database. Anything else read on a card would cost a
# query per card.
CARD_FIELDS = (
    "id",
    "slug",
    "cover_thumbnail",
    "title",
    "title_es",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "time_zone",
    "city",
    "state",
    "latitude",
    "longitude",
    "capacity",
    "updated_at",
    "host_organization__id",
    "host_organization__name",
    "host_organization__slug",
)


def events_carded(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """`queryset` (from events_listed) with what a card shows: seats taken and topics.

    Correlated subqueries, not joins: PostgreSQL evaluates such costly output columns after
    the sort and LIMIT, so only for the rows of the shown page (EXPLAIN ANALYZE: loops=20 of
    about 300 listed), and Django's count() leaves unused annotations out. Call `cards_fill`
    on the rows.
    """
    going = (
        RSVP.objects.filter(event=OuterRef("pk"), status=RSVP.Status.GOING)
        .order_by()
        .values("event")
        .annotate(n=Count("id"))
        .values("n")
    )
    topics = (
        Topic.objects.filter(events=OuterRef("pk"))
        .order_by(ReaderOrder("name"), "id")
        .values(row=JSONObject(id="id", slug="slug", name="name", name_es="name_es"))
    )
    annotations: dict[str, Any] = {
        "card_going": Coalesce(Subquery(going, output_field=IntegerField()), Value(0))
    }
    if connections[queryset.db].vendor == "postgresql":
        annotations["card_topic_rows"] = ArraySubquery(topics)
    return queryset.only(*CARD_FIELDS).annotate(**annotations)


def _topic_rows_fill(events: list[Event]) -> None:
    """One query for the topics of rows that came without them (SQLite has no ARRAY)."""
    missing = [event for event in events if not hasattr(event, "card_topic_rows")]
    if not missing:
        return
    rows: dict[int, list[dict]] = {event.pk: [] for event in missing}
    links = (
        Event.topics.through.objects.filter(event_id__in=list(rows))
        .order_by(ReaderOrder("topic__name"), "topic__id")
        .values_list("event_id", "topic_id", "topic__slug", "topic__name", "topic__name_es")
    )
    for event_id, topic_id, slug, name, name_es in links:
        rows[event_id].append({"id": topic_id, "slug": slug, "name": name, "name_es": name_es})
    for event in missing:
        event.card_topic_rows = rows[event.pk]  # type: ignore[attr-defined]


def cards_fill(events: list[Event]) -> list[Event]:
    """Set `going_count`, `seats_left` and `card_topics` on rows of `events_carded` (no query).

    seats_left is None for events without a limit, and may be negative if the capacity was
    lowered.
    """
    _topic_rows_fill(events)
    for event in events:
        # The card attributes come from events_carded's annotations, not from the model.
        event.going_count = event.card_going  # type: ignore[attr-defined]
        event.seats_left = (  # type: ignore[attr-defined]
            None if event.capacity is None else event.capacity - event.going_count  # type: ignore[attr-defined]
        )
        event.card_topics = [  # type: ignore[attr-defined]
            Topic(id=row["id"], slug=row["slug"], name=row["name"], name_es=row["name_es"])
            for row in event.card_topic_rows  # type: ignore[attr-defined]
        ]
    return events


def events_listed() -> QuerySet[Event]:
    """Upcoming, published, public events (never kits), in date order, with their host.

    Cards read more: see `events_carded` and `cards_fill`.
    """
    return (
        Event.objects.listed()
        .upcoming()
        .select_related("host_organization")
        .order_by("starts_at", "id")
    )


def events_upcoming_public(*, limit: int = 3) -> list[Event]:
    """The next few public events, for the home page."""
    return cards_fill(list(events_carded(events_listed())[:limit]))


def event_leader_for(*, user: Any) -> Leader | None:
    """The viewer's own leader profile (None for anonymous people and accounts without one)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = user.__dict__
    if "_events_leader" not in cache:
        cache["_events_leader"] = Leader.objects.filter(user=user).defer("search_vector").first()
    return cache["_events_leader"]


def rsvp_for(*, user: Any, event: Event) -> RSVP | None:
    """The viewer's RSVP to this event, or None."""
    leader = event_leader_for(user=user)
    if leader is None:
        return None
    rsvp = RSVP.objects.filter(event=event, leader=leader).first()
    if rsvp is not None:
        rsvp.event, rsvp.leader = event, leader
    return rsvp


def rsvp_for_link(*, slug: str, token: str) -> RSVP | None:
    """The RSVP a signed change link is for, or None when forged, stale, or for another event."""
    rsvp = rsvp_from_link_token(token)
    if rsvp is None or rsvp.event.slug != slug or rsvp.event.is_template:
        return None
    return rsvp


def invitation_for(*, user: Any, event: Event, leader: Leader | None = None) -> Invitation | None:
    """The viewer's usable invitation to this event (by account email or leader profile)."""
    if not getattr(user, "is_authenticated", False):
        return None
    match = Q(email__iexact=user.email)
    leader = leader or event_leader_for(user=user)
    if leader is not None:
        match |= Q(leader=leader)
    return (
        Invitation.objects.filter(event=event)
        .filter(match)
        .exclude(status__in=[Invitation.Status.REVOKED, Invitation.Status.BOUNCED])
        .order_by("-created_at", "-id")
        .first()
    )


def _waitlist_rank() -> Subquery:
    ahead = (
        RSVP.objects.filter(
            event=OuterRef("event"),
            status=RSVP.Status.WAITLISTED,
            waitlist_position__lte=OuterRef("waitlist_position"),
        )
        .order_by()
        .values("event")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(ahead)


def waitlist_rank(*, rsvp: RSVP) -> int | None:
    """1 for the first person waiting; None when not on the waitlist. Positions are never
    renumbered, so the rank is counted from the people still waiting."""
    if rsvp.status != RSVP.Status.WAITLISTED or rsvp.waitlist_position is None:
        return None
    return RSVP.objects.filter(
        event_id=rsvp.event_id,
        status=RSVP.Status.WAITLISTED,
        waitlist_position__lte=rsvp.waitlist_position,
    ).count()


@dataclass
class Seats:
    """Capacity facts for the detail page."""

    capacity: int | None
    going: int
    waitlisted: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.going, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.going >= self.capacity


def event_seats(*, event: Event) -> Seats:
    counts = event.rsvps.aggregate(
        going=Count("id", filter=Q(status=RSVP.Status.GOING)),
        waitlisted=Count("id", filter=Q(status=RSVP.Status.WAITLISTED)),
    )
    return Seats(capacity=event.capacity, going=counts["going"], waitlisted=counts["waitlisted"])


def event_hosts(*, event: Event) -> list[Organization]:
    """Host first, then co-hosts by name; only the fields a link needs."""
    hosts: list[Any] = [event.host_organization] if event.host_organization_id else []
    co_hosts = event.co_hosts.only("id", "name", "slug").order_by("name", "id")
    return hosts + [org for org in co_hosts if org.pk != event.host_organization_id]


@dataclass
class AgendaItem:
    """A session as the detail page shows it to one viewer."""

    session: Session
    facilitators: list[Leader]
    signup_count: int
    signed_up: bool = False
    time_zone: str = "UTC"  # the event's: a session happens where its event does

    @property
    def when(self) -> SafeString:
        return when_range_html(
            start=self.session.starts_at, end=self.session.ends_at, time_zone=self.time_zone
        )

    @property
    def is_full(self) -> bool:
        capacity = self.session.capacity
        return capacity is not None and self.signup_count >= capacity

    @property
    def seats_left(self) -> int | None:
        capacity = self.session.capacity
        return None if capacity is None else max(capacity - self.signup_count, 0)


def event_agenda(*, event: Event, user: Any, rsvp: RSVP | None = None) -> list[AgendaItem]:
    """The agenda with facilitators the viewer may see (their own visibility settings decide)
    and, for sessions with sign-up, how many people going have a seat and whether `rsvp` does."""
    visible = Leader.objects.visible_to(user).only("id", "name", "slug").order_by("name", "id")
    sessions = (
        event.sessions.annotate(
            signup_count=Count("signups", filter=Q(signups__rsvp__status=RSVP.Status.GOING))
        )
        .prefetch_related(Prefetch("facilitators", queryset=visible, to_attr="visible"))
        .order_by("starts_at", "id")
    )
    mine: set[int] = set()
    if rsvp is not None:
        mine = set(
            SessionSignup.objects.filter(rsvp=rsvp, session__event=event).values_list(
                "session_id", flat=True
            )
        )
    return [
        AgendaItem(
            session=session,
            facilitators=session.visible,
            signup_count=session.signup_count,
            signed_up=session.pk in mine,
            time_zone=event.time_zone,
        )
        for session in sessions
    ]


def event_related(*, event: Event, user: Any) -> dict[str, Any]:
    """The parent event and the follow-ups the viewer may see."""
    parent = event.parent if event.parent_id and can_view(user, event.parent) else None  # type: ignore[arg-type]
    followups = [
        followup
        for followup in event.followups.exclude(status=Event.Status.DRAFT).order_by(
            "starts_at", "id"
        )
        if can_view(user, followup)
    ]
    return {"parent": parent, "followups": followups}


@dataclass
class MyEvents:
    upcoming: list[RSVP] = field(default_factory=list)
    past: list[RSVP] = field(default_factory=list)


def rsvps_for_user(*, user: Any, past_limit: int = 20) -> MyEvents:
    """The viewer's RSVPs: upcoming ones soonest first, then recent past ones (kits never)."""
    leader = event_leader_for(user=user)
    if leader is None:
        return MyEvents()
    base = RSVP.objects.filter(leader=leader, event__is_template=False).exclude(
        event__status=Event.Status.DRAFT
    )
    base = base.select_related("event").annotate(waitlist_rank=_waitlist_rank())
    now = timezone.now()
    upcoming = base.filter(event__ends_at__gte=now).order_by("event__starts_at", "event__id")
    past = base.filter(event__ends_at__lt=now).order_by("-event__starts_at", "-event__id")
    return MyEvents(upcoming=list(upcoming), past=list(past[:past_limit]))


def rsvps_export(*, leader: Leader) -> list[dict]:
    """A person's own RSVPs with everything they told the team, for their data download."""
    rsvps = RSVP.objects.filter(leader=leader).select_related("event").order_by("created_at")
    return [
        {
            "event": rsvp.event.title,
            "event_url": rsvp.event.get_absolute_url(),
            "starts_at": rsvp.event.starts_at,
            "status": rsvp.status,
            "waitlist_position": rsvp.waitlist_position,
            "accessibility_needs": rsvp.accessibility_needs,
            "dietary_needs": rsvp.dietary_needs,
            "answers": rsvp.answers,
            "checked_in_at": rsvp.checked_in_at,
            "attendance": rsvp.attendance,
            "created_at": rsvp.created_at,
        }
        for rsvp in rsvps
    ]


def event_topics(*, event: Event) -> list[Topic]:
    """The event's topics by name."""
    return list(event.topics.order_by(ReaderOrder("name"), "id"))
