"""Invented campaigns for `seed_demo`: the Massachusetts legislature and a Springfield ordinance.

What it makes (see government.py, legislative.py, ordinance.py):
- the Massachusetts House (160 districts) and Senate (40) with invented current officials and
  public office contacts, Springfield's City Council (mayor–council; 8 wards and 5 at large), a
  precinct crosswalk for Springfield (split inside ward 6), Worcester, part of Boston and
  Greenfield (no wards, one district per chamber), and ZIP fallbacks for six more towns;
- "Open committee votes", a legislative campaign led by the demo organizer: Massachusetts leaders
  of the demo directory joined with their districts, meetings in every status with attendees and
  reports, verified, pending and rejected stance reports, scripts, letters, op-eds and calls;
- a Springfield ordinance campaign made from the "Local ordinance" playbook, with its steps under
  way, sponsors and a champion on the council, coalition partners from the directory, leadership
  from affected communities, and the opposition with its arguments and our answers.

Current stances come from stance_report_create / stance_report_review, so they are what the site
itself would compute. Dates are relative to the day of seeding. People are drawn with a seeded
`random.Random`, so one directory gives the same campaigns every time. All or nothing: once a demo
campaign exists (matched by slug), `demo_campaigns_load` creates nothing.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from actlocal.models import User
from directory.models import Leader

from ..models import Campaign, CampaignMember, DistrictArea, ZipDistrict
from ..normalize import municipality_key
from .government import STATE, Government, government_ensure
from .texts import LEGISLATIVE, ORDINANCE

__all__ = ["DEMO_CAMPAIGN_SEED", "DEMO_CAMPAIGN_SLUGS", "DemoCampaignCounts", "demo_campaigns_load"]

DEMO_CAMPAIGN_SEED = 2026
DEMO_CAMPAIGN_SLUGS = (LEGISLATIVE["slug"], ORDINANCE["slug"])
ZONE = ZoneInfo("America/New_York")


@dataclass
class DemoCampaignCounts:
    campaigns: int = 0
    bodies: int = 0
    districts: int = 0
    officials: int = 0
    precincts: int = 0
    zip_codes: int = 0
    members: int = 0
    meetings: int = 0
    meeting_reports: int = 0
    stance_reports: int = 0
    actions: int = 0
    steps: int = 0
    opponents: int = 0

    @property
    def total(self) -> int:
        return self.campaigns


@dataclass(frozen=True)
class Place:
    """Where a member lives, as the join form would have recorded it."""

    municipality: str
    ward: str
    precinct: str
    zip_code: str
    district_ids: tuple[int, ...]


def demo_campaigns_load(
    *, organizer: User | None, leader: Leader | None = None, seed: int = DEMO_CAMPAIGN_SEED
) -> DemoCampaignCounts:
    """Create the demo government and campaigns unless a demo campaign exists; `leader` (the
    demo leader login) joins the legislative campaign with meetings of their own."""
    if Campaign.objects.filter(slug__in=DEMO_CAMPAIGN_SLUGS).exists():
        return DemoCampaignCounts()
    with transaction.atomic():
        loader = Loader(organizer=organizer, leader=leader, seed=seed)
        loader.run()
    return loader.counts


class Loader:
    """State shared by the two campaign builders."""

    def __init__(self, *, organizer: User | None, leader: Leader | None, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.organizer = organizer
        self.leader = leader if leader is not None and leader.state == STATE else None
        self.counts = DemoCampaignCounts()
        self.gov: Government | None = None
        self.precincts: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.areas: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.zips: dict[str, list[int]] = {}

    def run(self) -> None:
        from .legislative import legislative_campaign
        from .ordinance import ordinance_campaign

        self.gov = government_ensure(rng=self.rng)
        for name in ("bodies", "districts", "officials", "precincts", "zip_codes"):
            setattr(self.counts, name, self.gov.created[name])
        self.places_index()
        legislative_campaign(self)
        ordinance_campaign(self)

    # --- time ---------------------------------------------------------------------------------
    def at(self, days: int, hour: int, minute: int = 0) -> datetime:
        """`days` from today at `hour`:`minute`, Boston time."""
        day = (self.now.astimezone(ZONE) + timedelta(days=days)).date()
        return datetime.combine(day, time(hour, minute), tzinfo=ZONE)

    def today(self, days: int = 0):
        return (self.now.astimezone(ZONE) + timedelta(days=days)).date()

    # --- where members live -------------------------------------------------------------------
    def places_index(self) -> None:
        areas = DistrictArea.objects.filter(state=STATE).order_by(
            "municipality_key", "ward", "precinct", "district_id"
        )
        for area in areas.values_list(
            "municipality_key", "municipality", "ward", "precinct", "district_id"
        ):
            key, town, ward, precinct, district_id = area
            spot = (town, ward, precinct)
            if not self.areas[(key, ward, precinct)]:
                self.precincts[key].append(spot)
            self.areas[(key, ward, precinct)].append(district_id)
        best: dict[tuple[str, int], tuple[float, int]] = {}
        rows = ZipDistrict.objects.filter(district__body__state=STATE).values_list(
            "zip_code", "district__body_id", "district_id", "share"
        )
        for zip_code, body_id, district_id, share in rows.order_by("zip_code", "district_id"):
            if share > best.get((zip_code, body_id), (-1.0, 0))[0]:
                best[(zip_code, body_id)] = (share, district_id)
        for (zip_code, _body), (_share, district_id) in sorted(best.items()):
            self.zips.setdefault(zip_code, []).append(district_id)

    def place_for(self, leader: Leader) -> Place:
        """A precinct of the leader's town when the crosswalk knows it, else their ZIP code."""
        spots = self.precincts.get(municipality_key(leader.city), [])
        if spots:
            town, ward, precinct = self.rng.choice(spots)
            ids = self.areas[(municipality_key(town), ward, precinct)]
            return Place(town, ward, precinct, leader.zip_code, tuple(ids))
        ids = self.zips.get(leader.zip_code[:5], [])
        return Place(leader.city, "", "", leader.zip_code, tuple(ids))

    def members_create(
        self, campaign: Campaign, leaders: list[Leader], *, extra_districts=None
    ) -> list[CampaignMember]:
        """Join `leaders` to the campaign as constituents, each matched to their districts."""
        places = [self.place_for(leader) for leader in leaders]
        members = CampaignMember.objects.bulk_create(
            [
                CampaignMember(
                    campaign=campaign,
                    leader=leader,
                    municipality=place.municipality,
                    ward=place.ward,
                    precinct=place.precinct,
                    zip_code=place.zip_code,
                    joined_at=self.now - timedelta(days=self.rng.randint(3, 70)),
                )
                for leader, place in zip(leaders, places, strict=True)
            ]
        )
        Through = CampaignMember.districts.through
        rows = []
        for member, place in zip(members, places, strict=True):
            ids = list(place.district_ids)
            if extra_districts is not None:
                ids = extra_districts(member, place)
            rows += [Through(campaignmember_id=member.pk, district_id=pk) for pk in ids]
        Through.objects.bulk_create(rows)
        self.counts.members += len(members)
        return members

    def ma_leaders(self) -> list[Leader]:
        return list(Leader.objects.filter(state=STATE).exclude(email="").order_by("slug"))
