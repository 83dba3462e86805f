"""The public scoreboard: who is with us, counted against the votes needed.

Who is on it: every current official of the campaign's target body. Officials without a
CampaignOfficial row (nobody has reported on them yet) show as "no response". Former officials
are left off even when they have reports: they no longer vote.

What moves it: only CampaignOfficial.stance, which stance_report_review keeps equal to the latest
verified report. Pending and rejected reports are never read here.

Cost: two queries whatever the number of officials (the rows, with their meetings and actions
as correlated subqueries, and one row of campaign-wide stamps). The result is cached briefly under
a key holding Campaign.updated_at, which verifying a report or recording an action bumps, so a
stance change shows at once; a meeting marked held shows within CACHE_SECONDS.

Never names a constituent: rows carry officials and counts only.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from actlocal.geo import State
from directory.cache import public_cache_version

from .models import Campaign, Meeting, Official, PressureAction, Stance
from .page_cache import SCOPE

CACHE_SECONDS = 60
# The fixed order of the groups, the bar and every export.
STANCE_ORDER: tuple[str, ...] = (
    Stance.SUPPORTS,
    Stance.LEANING_YES,
    Stance.UNDECIDED,
    Stance.LEANING_NO,
    Stance.OPPOSES,
    Stance.NO_RESPONSE,
)


@dataclass(frozen=True)
class Row:
    """One official on the scoreboard. Plain values only: it is pickled into the cache."""

    official_id: int
    name: str
    slug: str
    party: str
    district_id: int | None
    district: str
    region: str
    stance: str
    stance_changed_at: dt.datetime | None
    meetings_held: int
    actions: int
    is_sponsor: bool
    is_champion: bool

    @property
    def stance_label(self) -> str:
        return str(Stance(self.stance).label)


@dataclass(frozen=True)
class Scoreboard:
    campaign_id: int
    votes_needed: int
    meeting_goal: int
    meetings_held: int
    state: str
    municipality: str
    rows: list[Row]
    updated_at: dt.datetime | None
    parties: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    # New for every computation: the views cache what they render from this board under it,
    # so their fragments never outlive the board (and a recomputed board renders afresh).
    token: str = ""

    @property
    def scope(self) -> str:
        """Where the state view counts: the municipality of a local body, else the state.

        A property, not a stored value, so the cached board is rendered in the viewer's language.
        """
        if self.municipality:
            return self.municipality
        try:
            return str(State(self.state).label)
        except ValueError:
            return self.state

    @property
    def supports(self) -> int:
        """Votes we can count on: only "supports"; leaning yes is not a vote yet."""
        return sum(1 for row in self.rows if row.stance == Stance.SUPPORTS)

    @property
    def votes_to_go(self) -> int:
        return max(self.votes_needed - self.supports, 0)


def _rows(campaign: Campaign) -> list[Row]:
    cid = campaign.pk
    held = (
        Meeting.objects.filter(campaign_id=cid, official=OuterRef("pk"), status=Meeting.Status.HELD)
        .order_by()
        .values("official")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # An action aimed at a district without naming anyone counts for its officials.
    actions = (
        PressureAction.objects.filter(campaign_id=cid)
        .filter(
            Q(official=OuterRef("pk")) | Q(official__isnull=True, district=OuterRef("district"))
        )
        .order_by()
        .values("campaign")
        .annotate(total=Sum("count"))
        .values("total")
    )
    values = (
        Official.objects.current()
        .filter(body_id=campaign.target_body_id)
        .annotate(
            target=FilteredRelation(
                "campaign_targets", condition=Q(campaign_targets__campaign_id=cid)
            ),
            current_stance=Coalesce(F("target__stance"), Value(Stance.NO_RESPONSE)),
            changed_at=F("target__stance_changed_at"),
            sponsor=Coalesce(F("target__is_sponsor"), Value(False), output_field=BooleanField()),
            champion=Coalesce(F("target__is_champion"), Value(False), output_field=BooleanField()),
            held=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)),
            action_total=Coalesce(Subquery(actions, output_field=IntegerField()), Value(0)),
        )
        .order_by("district__name", "family_name", "name", "pk")
        .values_list(
            "pk",
            "name",
            "slug",
            "party",
            "district_id",
            "district__name",
            "district__region",
            "current_stance",
            "changed_at",
            "held",
            "action_total",
            "sponsor",
            "champion",
        )
    )
    rows = [
        Row(
            official_id=pk,
            name=name,
            slug=slug,
            party=party,
            district_id=district_id,
            district=district or "",
            region=region or "",
            stance=stance,
            stance_changed_at=changed_at,
            meetings_held=held_count,
            actions=action_count,
            is_sponsor=sponsor,
            is_champion=champion,
        )
        for (
            pk,
            name,
            slug,
            party,
            district_id,
            district,
            region,
            stance,
            changed_at,
            held_count,
            action_count,
            sponsor,
            champion,
        ) in values
    ]
    # "2nd Hampden" before "10th Hampden"; stable, so officials keep SQL's order within one.
    rows.sort(key=lambda row: (not row.district, _natural_key(row.district)))
    return rows


def _natural_key(text: str) -> list:
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", text)
    ]


def _stamps(campaign: Campaign) -> dict:
    """Campaign-wide: meetings held in all, when a meeting or an action last changed."""
    held = Meeting.objects.filter(campaign=OuterRef("pk"), status=Meeting.Status.HELD).order_by()
    actions = PressureAction.objects.filter(campaign=OuterRef("pk")).order_by()
    return (
        Campaign.objects.filter(pk=campaign.pk)
        .annotate(
            held_total=Coalesce(
                Subquery(
                    held.values("campaign").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
            meeting_last=Subquery(
                held.values("campaign").annotate(m=Max("updated_at")).values("m"),
                output_field=DateTimeField(),
            ),
            action_last=Subquery(
                actions.values("campaign").annotate(m=Max("created_at")).values("m"),
                output_field=DateTimeField(),
            ),
        )
        .values("held_total", "meeting_last", "action_last")
        .get()
    )


def scoreboard_compute(*, campaign: Campaign) -> Scoreboard:
    """Build the scoreboard from the database (two queries)."""
    rows = _rows(campaign)
    stamps = _stamps(campaign)
    moments = [row.stance_changed_at for row in rows if row.stance_changed_at]
    moments += [m for m in (stamps["meeting_last"], stamps["action_last"]) if m]
    return Scoreboard(
        campaign_id=campaign.pk,
        votes_needed=campaign.votes_needed,
        meeting_goal=campaign.meeting_goal,
        meetings_held=stamps["held_total"],
        state=campaign.target_body.state,
        municipality=campaign.target_body.municipality,
        rows=rows,
        updated_at=max(moments) if moments else None,
        parties=sorted({row.party for row in rows if row.party}, key=str.casefold),
        regions=sorted({row.region for row in rows if row.region}, key=str.casefold),
        token=secrets.token_hex(8),
    )


def scoreboard_get(*, campaign: Campaign, versions: tuple[int, ...] | None = None) -> Scoreboard:
    """The scoreboard, from the cache when no campaigns row has changed in the meantime.

    `versions`: those a request read before its first row (directory.cache's
    `request_scope_versions` with the campaigns scope last), which spares a round trip."""
    stamp = campaign.updated_at.isoformat() if campaign.updated_at else "-"
    # And the campaigns version, which any campaigns write bumps (a held meeting, a new
    # target): the public page cache renders the page again then, and must not get an older
    # board back for another minute.
    version = versions[-1] if versions else None
    if version is None:
        try:
            version = public_cache_version(SCOPE)
        except Exception:
            version = None
    key = f"campaigns:scoreboard:v4:{campaign.pk}:{stamp}:{version}"
    board = cache.get(key)
    if board is None:
        board = scoreboard_compute(campaign=campaign)
        cache.set(key, board, CACHE_SECONDS)
    return board


# --- Views of the rows -----------------------------------------------------------------------


def stance_counts(rows: list[Row]) -> list[tuple[str, str, int]]:
    """(stance, label, count) for every stance, in the fixed order, zeros included."""
    counted = Counter(row.stance for row in rows)
    return [(s, str(Stance(s).label), counted.get(s, 0)) for s in STANCE_ORDER]


def region_table(rows: list[Row]) -> list[tuple[str, list[int], int]]:
    """The state view: (region, counts in STANCE_ORDER, total) per region, by region name."""
    by_region: dict[str, Counter] = {}
    for row in rows:
        by_region.setdefault(row.region, Counter())[row.stance] += 1
    named = sorted((r for r in by_region if r), key=str.casefold)
    ordered = named + ([""] if "" in by_region else [])
    return [
        (
            region or _("No region given"),
            [by_region[region].get(s, 0) for s in STANCE_ORDER],
            sum(by_region[region].values()),
        )
        for region in ordered
    ]


def filter_rows(
    rows: list[Row], *, stance: str = "", party: str = "", region: str = "", q: str = ""
) -> list[Row]:
    """The rows matching every filter given; `q` is part of a district's or official's name."""
    needle = q.strip().casefold()
    return [
        row
        for row in rows
        if (not stance or row.stance == stance)
        and (not party or row.party == party)
        and (not region or row.region == region)
        and (not needle or needle in row.district.casefold() or needle in row.name.casefold())
    ]


# --- The SVG bar -----------------------------------------------------------------------------

BAR_WIDTH = 600
BAR_X = 20
LEGEND_COLUMN = 200
LABEL_MIN_WIDTH = 30


@dataclass(frozen=True)
class Segment:
    stance: str
    label: str
    count: int
    x: int
    width: int
    legend_x: int
    legend_y: int

    @property
    def text_x(self) -> str:
        """Centre of the segment, formatted here: a template would localise the decimal point."""
        return f"{self.x + self.width / 2:.1f}"

    @property
    def show_count(self) -> bool:
        return self.count > 0 and self.width >= LABEL_MIN_WIDTH


def bar_segments(counts: list[tuple[str, str, int]]) -> list[Segment]:
    """Segments of the stacked bar; widths add up to BAR_WIDTH exactly (cumulative rounding)."""
    total = sum(count for _s, _l, count in counts)
    segments, running = [], 0
    for index, (stance, label, count) in enumerate(counts):
        start = round(running * BAR_WIDTH / total) if total else 0
        running += count
        end = round(running * BAR_WIDTH / total) if total else 0
        segments.append(
            Segment(
                stance=stance,
                label=label,
                count=count,
                x=BAR_X + start,
                width=end - start,
                legend_x=BAR_X + (index % 3) * LEGEND_COLUMN,
                legend_y=96 + (index // 3) * 28,
            )
        )
    return segments


def votes_marker_x(*, votes_needed: int, total: int) -> str | None:
    """Where the "votes needed" line crosses the bar (formatted), when it falls on it."""
    if not total or not 0 < votes_needed <= total:
        return None
    return f"{BAR_X + votes_needed * BAR_WIDTH / total:.1f}"
