"""Data for the campaigns benchmark, made once in the benchmark database (see bench/campaigns.py).

One legislative campaign (slug `bench-votes`) on the Massachusetts House of the benchmark
database: 200 districts with a current official each (slugs `bench-official-*`), 40 Senate
districts for the crosswalk import to match, 20,000 constituent meetings, 5,000 stance reports
and 1,000 pressure actions, all written with bulk_create. Current stances are then set in one
UPDATE from the latest verified report per official: the rule stance_report_review keeps.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

CAMPAIGN_SLUG = "bench-votes"  # short: the report's path column is 40 characters wide
OFFICIAL_PREFIX = "bench-official-"
BODY_SLUG = "bench-ma-house"
SENATE_SLUG = "bench-ma-senate"
STATE = "MA"
SEED = 17
ACTIONS = 1_000
SENATE_DISTRICTS = 40
COUNTIES = (
    "Barnstable",
    "Berkshire",
    "Bristol",
    "Essex",
    "Franklin",
    "Hampden",
    "Hampshire",
    "Middlesex",
    "Norfolk",
    "Plymouth",
    "Suffolk",
    "Worcester",
)
# Share of meetings per status, and of stance reports per review outcome.
MEETING_STATUSES = (("held", 60), ("scheduled", 15), ("requested", 10), ("cancelled", 10))
MEETING_STATUSES += (("refused", 5),)
REVIEWS = (("verified", 70), ("pending", 20), ("rejected", 10))


def district_names(count: int) -> list[tuple[str, str]]:
    """(name, county): '1st Barnstable', '1st Berkshire', ... as Open States writes them."""
    from campaigns.demo.data import ordinal

    names: list[tuple[str, str]] = []
    n = 1
    while len(names) < count:
        names += [(f"{ordinal(n)} {county}", county) for county in COUNTIES]
        n += 1
    return names[:count]


def senate_names(count: int = SENATE_DISTRICTS) -> list[str]:
    from campaigns.normalize import ORDINALS

    words = [w.capitalize() for w, n in sorted(ORDINALS.items(), key=lambda i: i[1]) if n <= 4]
    names = [f"{word} {county}" for county in COUNTIES for word in words]
    return names[:count]


def _chamber(*, kind: str, name: str, slug: str):
    from campaigns.models import Body

    body = Body.objects.filter(state=STATE, kind=kind, municipality="").first()
    if body is None:
        body = Body.objects.create(name=name, slug=slug, state=STATE, kind=kind)
    return body


def _districts(body, names: list[tuple[str, str]]) -> list:
    from campaigns.models import District
    from campaigns.normalize import district_key

    known = {d.name_key: d for d in body.districts.all()}
    new = [
        District(body=body, name=name, name_key=district_key(name), region=region)
        for name, region in names
        if district_key(name) not in known
    ]
    District.objects.bulk_create(new)
    known.update({d.name_key: d for d in new})
    return [known[district_key(name)] for name, _region in names]


def _government(*, officials: int):
    """The House with `officials` districts and officials, and a Senate with 40 districts."""
    from campaigns.demo.data import OFFICIAL_FAMILY, OFFICIAL_GIVEN
    from campaigns.models import Body, Official

    house = _chamber(kind=Body.Kind.STATE_LOWER, name="Massachusetts House", slug=BODY_SLUG)
    senate = _chamber(kind=Body.Kind.STATE_UPPER, name="Massachusetts Senate", slug=SENATE_SLUG)
    districts = _districts(house, district_names(officials))
    _districts(senate, [(name, "") for name in senate_names()])
    have = set(
        Official.objects.filter(slug__startswith=OFFICIAL_PREFIX).values_list("slug", flat=True)
    )
    rows = []
    for i, district in enumerate(districts):
        slug = f"{OFFICIAL_PREFIX}{i:04d}"
        if slug in have:
            continue
        given = OFFICIAL_GIVEN[i % len(OFFICIAL_GIVEN)]
        family = OFFICIAL_FAMILY[(i // len(OFFICIAL_GIVEN) + i) % len(OFFICIAL_FAMILY)]
        rows.append(
            Official(
                name=f"{given} {family}",
                given_name=given,
                family_name=family,
                slug=slug,
                party="Republican" if i % 6 == 0 else "Democratic",
                body=house,
                district=district,
                email=f"rep{i:04d}@house.ma.example",
                phone=f"857-555-{i:04d}",
                office_address=f"State House, Room {100 + i}, Boston, MA 02133",
            )
        )
    Official.objects.bulk_create(rows)
    return house, list(
        Official.objects.filter(slug__startswith=OFFICIAL_PREFIX).order_by("slug")[:officials]
    )


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([value for value, _w in pairs], [weight for _v, weight in pairs])[0]


def _campaign_fill(campaign, officials, *, meetings: int, reports: int, rng, now) -> None:
    from campaigns.models import CampaignOfficial, Meeting, PressureAction, Stance, StanceReport

    CampaignOfficial.objects.bulk_create(
        [CampaignOfficial(campaign=campaign, official=o) for o in officials],
        ignore_conflicts=True,
    )
    rows = []
    for _i in range(meetings):
        official = rng.choice(officials)
        status = _weighted(rng, MEETING_STATUSES)
        days = rng.randint(-300, -1) if status in ("held", "refused") else rng.randint(-20, 60)
        rows.append(
            Meeting(
                campaign=campaign,
                official=official,
                status=status,
                scheduled_at=None if status == "requested" else now + timedelta(days=days),
                format=rng.choice(Meeting.Format.values),
                place="District office",
                created_at=now - timedelta(days=rng.randint(1, 330)),
            )
        )
    Meeting.objects.bulk_create(rows, batch_size=5000)
    stances = Stance.values
    StanceReport.objects.bulk_create(
        [
            StanceReport(
                campaign=campaign,
                official=rng.choice(officials),
                stance=rng.choice(stances),
                source=rng.choice(StanceReport.Source.values),
                evidence_url="https://news.example.org/bench",
                reported_at=now - timedelta(days=rng.randint(1, 300), minutes=rng.randint(0, 999)),
                review=(review := _weighted(rng, REVIEWS)),
                reviewed_at=now if review != "pending" else None,
            )
            for _i in range(reports)
        ],
        batch_size=5000,
    )
    actions = []
    for _i in range(ACTIONS):
        official = rng.choice(officials)
        named = rng.random() < 0.7  # the rest are aimed at the district, naming no one
        actions.append(
            PressureAction(
                campaign=campaign,
                kind=rng.choice(PressureAction.Kind.values),
                official=official if named else None,
                district=None if named else official.district,
                title="Benchmark action",
                count=rng.randint(1, 40),
                happened_on=(now - timedelta(days=rng.randint(1, 200))).date(),
            )
        )
    PressureAction.objects.bulk_create(actions, batch_size=5000)
    current_stances_update(campaign)


def current_stances_update(campaign) -> int:
    """Every target's stance = its latest verified report (or no response), in one UPDATE."""
    from django.db.models import OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from campaigns.models import CampaignOfficial, Stance, StanceReport

    latest = StanceReport.objects.filter(
        campaign_id=campaign.pk, official_id=OuterRef("official_id"), review="verified"
    ).order_by("-reported_at", "-id")
    return CampaignOfficial.objects.filter(campaign=campaign).update(
        stance_report=Subquery(latest.values("pk")[:1]),
        stance=Coalesce(Subquery(latest.values("stance")[:1]), Value(Stance.NO_RESPONSE)),
        stance_changed_at=timezone.now(),
    )


def stances_mismatched(campaign) -> int:
    """Targets whose stance is not that of their latest verified report (0 when all agree)."""
    from campaigns.models import CampaignOfficial, StanceReport

    wrong = 0
    latest: dict[int, tuple[str, int]] = {}
    verified = StanceReport.objects.filter(campaign=campaign, review="verified").order_by(
        "official_id", "-reported_at", "-id"
    )
    for official_id, stance, pk in verified.values_list("official_id", "stance", "pk"):
        latest.setdefault(official_id, (stance, pk))
    for official_id, stance, report_id in CampaignOfficial.objects.filter(
        campaign=campaign
    ).values_list("official_id", "stance", "stance_report_id"):
        expected = latest.get(official_id, ("no_response", None))
        wrong += (stance, report_id) != expected
    return wrong


def campaigns_prepare(*, officials: int, meetings: int, reports: int) -> str:
    """Seed what is missing (a campaign of another size is made again); a one-line summary."""
    from django.db import connection, transaction
    from django.utils import timezone

    from campaigns.models import Campaign

    rng, now = random.Random(SEED), timezone.now()
    started = time.monotonic()
    what = f"{officials:,} officials, {meetings:,} meetings, {reports:,} stance reports"
    campaign = Campaign.objects.filter(slug=CAMPAIGN_SLUG).first()
    if campaign is not None and (
        campaign.meetings.count(),
        campaign.stance_reports.count(),
        campaign.targets.count(),
    ) == (meetings, reports, officials):
        return f"already seeded: {what}"
    with transaction.atomic():
        if campaign is not None:
            campaign.delete()
        house, people = _government(officials=officials)
        campaign = Campaign.objects.create(
            kind=Campaign.Kind.LEGISLATIVE,
            title="Benchmark: open committee votes",
            slug=CAMPAIGN_SLUG,
            target_body=house,
            ask="Will you vote to publish every committee vote?",
            meeting_goal=meetings,
            votes_needed=len(people) // 2 + 1,
            status=Campaign.Status.ACTIVE,
        )
        _campaign_fill(campaign, people, meetings=meetings, reports=reports, rng=rng, now=now)
    with connection.cursor() as cursor:
        for table in (
            "campaigns_meeting",
            "campaigns_stancereport",
            "campaigns_campaignofficial",
            "campaigns_official",
            "campaigns_pressureaction",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return f"seeded in {time.monotonic() - started:.1f}s: {what}"
