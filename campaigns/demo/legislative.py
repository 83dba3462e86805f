"""The demo legislative campaign: "Open committee votes" in the Massachusetts House.

Members are Massachusetts leaders of the demo directory, matched to their districts. Meetings go
to the representatives of districts that have members, in every status; held ones have a report
and a stance report from the meeting. Other officials' stances come from statements, recorded
votes and questionnaires. Every stance report goes through the stance services, so the current
stances are the latest verified reports; review times are then moved back to when an organizer
would have checked them (a service always stamps "now").
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import F, OuterRef, Subquery

from actlocal.models import Topic

from ..models import (
    Campaign,
    CampaignMember,
    CampaignOfficial,
    Meeting,
    MeetingAttendee,
    MeetingReport,
    Official,
    PressureAction,
    StanceReport,
)
from ..services.campaigns import campaign_create, scripts_save, targets_add_all
from ..services.stances import stance_report_create, stance_report_review
from .texts import (
    ACTIONS,
    LEGISLATIVE,
    MEETING_NOTES,
    MEETING_PLACES,
    REJECTED_NOTE,
    REPORT_NOTES,
    SCRIPTS,
    STATEMENT_NOTES,
)

MEMBERS = 48  # of the directory's ~60 Massachusetts leaders
LEADERSHIP = 4
S = Meeting.Status
# One meeting per entry, going round the districts that have members.
MEETING_PLAN = [S.HELD] * 12 + [S.SCHEDULED] * 5 + [S.REQUESTED] * 3
MEETING_PLAN += [S.CANCELLED] * 2 + [S.REFUSED] * 2
ANSWERS = (
    "supports",
    "supports",
    "leaning_yes",
    "undecided",
    "supports",
    "leaning_no",
    "supports",
    "undecided",
    "opposes",
    "leaning_yes",
    "supports",
    "undecided",
)
# Stances of officials known from statements, votes and questionnaires (no meeting yet).
STATEMENT_STANCES = ["supports"] * 26 + ["leaning_yes"] * 8 + ["undecided"] * 6
STATEMENT_STANCES += ["leaning_no"] * 4 + ["opposes"] * 4
PENDING_EVERY = 9  # one statement report in nine still waits for an organizer


def legislative_campaign(loader) -> Campaign:
    gov, rng, organizer = loader.gov, loader.rng, loader.organizer
    data = {k: v for k, v in LEGISLATIVE.items() if k != "slug"}
    campaign = campaign_create(
        actor=organizer,
        data={
            **data,
            "kind": Campaign.Kind.LEGISLATIVE,
            "target_body": gov.house,
            "starts_on": loader.today(-75),
            "ends_on": loader.today(90),
            "status": Campaign.Status.ACTIVE,
            "stale_after_weeks": 4,
        },
        topics=Topic.objects.filter(slug="government-transparency"),
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        slug=LEGISLATIVE["slug"], created_at=loader.now - timedelta(days=80)
    )
    campaign.slug = LEGISLATIVE["slug"]
    loader.counts.campaigns += 1
    scripts_save(campaign=campaign, actor=organizer, bodies=SCRIPTS)
    targets_add_all(campaign=campaign, actor=organizer)

    leaders = [p for p in loader.ma_leaders() if p != loader.leader]
    chosen = rng.sample(leaders, min(MEMBERS, len(leaders)))
    if loader.leader is not None:
        chosen.append(loader.leader)
    members = loader.members_create(campaign, chosen)
    for member in members[:LEADERSHIP]:
        member.role = CampaignMember.Role.LEADERSHIP
    CampaignMember.objects.bulk_update(members[:LEADERSHIP], ["role"])

    house_ids = {district.pk for district in gov.districts[gov.house.pk].values()}
    house_officials = {pk: people for pk, people in gov.officials.items() if pk in house_ids}
    by_district = _members_by_house_district(members, house_officials)
    met = _meetings(loader, campaign, by_district, house_officials)
    if loader.leader is not None:
        _leader_meetings(loader, campaign, members[-1], house_officials)
    _statements(loader, campaign, exclude=met)
    backdate_reviews(campaign)
    _actions(loader, campaign, met)
    return campaign


def _members_by_house_district(members, house_officials) -> dict[int, list[CampaignMember]]:
    Through = CampaignMember.districts.through
    by_district: dict[int, list[CampaignMember]] = defaultdict(list)
    index = {m.pk: m for m in members}
    rows = Through.objects.filter(campaignmember__in=members, district_id__in=house_officials)
    for member_id, district_id in rows.order_by("district_id", "campaignmember_id").values_list(
        "campaignmember_id", "district_id"
    ):
        by_district[district_id].append(index[member_id])
    return by_district


def demo_meeting(loader, campaign, official, status, attendees, *, days=None, hour=10) -> Meeting:
    rng = loader.rng
    if days is None:
        days = {
            S.HELD: -rng.randint(4, 60),
            S.SCHEDULED: rng.randint(3, 30),
            S.CANCELLED: rng.randint(-20, 10),
        }.get(status)
    meeting = Meeting.objects.create(
        campaign=campaign,
        official=official,
        status=status,
        scheduled_at=None if days is None else loader.at(days, hour),
        format=rng.choice(Meeting.Format.values),
        place=rng.choice(MEETING_PLACES) if days is not None else "",
        notes=rng.choice(MEETING_NOTES),
        created_by=loader.organizer,
        created_at=loader.now - timedelta(days=(abs(days or 0) + rng.randint(7, 20))),
    )
    came = status == S.HELD
    MeetingAttendee.objects.bulk_create(
        [
            MeetingAttendee(
                meeting=meeting,
                member=member,
                attended=(i < len(attendees) - 1 or len(attendees) < 3) if came else None,
            )
            for i, member in enumerate(attendees)
        ]
    )
    loader.counts.meetings += 1
    return meeting


def _meetings(loader, campaign, by_district, house_officials) -> set[int]:
    """Meetings in every status; a report and a stance report for each held one."""
    rng, organizer = loader.rng, loader.organizer
    districts = sorted(by_district)
    met: set[int] = set()
    answers = iter(ANSWERS)
    held: list[tuple[Meeting, str]] = []
    for n, status in enumerate(MEETING_PLAN):
        district_id = districts[n % len(districts)] if districts else None
        if district_id is None:
            break
        official = house_officials[district_id][0]
        people = by_district[district_id]
        attendees = rng.sample(people, min(len(people), rng.randint(2, 4)))
        meeting = demo_meeting(
            loader, campaign, official, status, attendees, hour=rng.choice((10, 14, 18))
        )
        met.add(official.pk)
        if status == S.HELD:
            held.append((meeting, next(answers, "undecided")))
    held.sort(key=lambda pair: pair[0].scheduled_at)
    for index, (meeting, answer) in enumerate(held):
        quotes, follow_up_needed, follow_up = REPORT_NOTES[answer]
        MeetingReport.objects.create(
            meeting=meeting,
            answer=answer,
            quotes=quotes,
            follow_up_needed=follow_up_needed,
            follow_up=follow_up,
            reporter=organizer,
            created_at=meeting.scheduled_at + timedelta(hours=4),
        )
        loader.counts.meeting_reports += 1
        report = stance_report_create(
            campaign=campaign,
            official=meeting.official,
            stance=answer,
            source=StanceReport.Source.MEETING,
            reporter=organizer,
            meeting=meeting,
            notes=quotes,
            reported_at=meeting.scheduled_at + timedelta(hours=5),
        )
        loader.counts.stance_reports += 1
        # The two most recent meetings' reports still wait for an organizer.
        if index < len(held) - 2:
            stance_report_review(report=report, verified=True, actor=organizer)
    return met


def _leader_meetings(loader, campaign, member, house_officials) -> None:
    """The demo leader login: a meeting held two days ago waiting for their report, and one to
    come."""
    ids = list(
        member.districts.filter(pk__in=house_officials).order_by("pk").values_list("pk", flat=True)
    )
    if not ids:
        return
    official = house_officials[ids[0]][0]
    neighbours = list(
        CampaignMember.objects.filter(campaign=campaign, districts=ids[0])
        .exclude(pk=member.pk)
        .order_by("pk")[:2]
    )
    demo_meeting(loader, campaign, official, S.HELD, [member, *neighbours], days=-2, hour=17)
    demo_meeting(loader, campaign, official, S.SCHEDULED, [member, *neighbours], days=9, hour=11)


def _statements(loader, campaign, *, exclude: set[int]) -> None:
    """Stances of officials nobody met yet, from statements, votes and questionnaires; a few
    changed over time, one report was rejected and some still wait for verification."""
    rng, organizer = loader.rng, loader.organizer
    officials = list(
        Official.objects.current()
        .filter(body=campaign.target_body)
        .exclude(pk__in=exclude)
        .order_by("slug")
    )
    chosen = rng.sample(officials, min(len(STATEMENT_STANCES) + 1, len(officials)))
    sources = ("statement", "vote", "questionnaire")
    for n, (official, stance) in enumerate(zip(chosen, STATEMENT_STANCES, strict=False)):
        source = sources[n % 3]
        days = rng.randint(3, 70)
        if n % 7 == 0 and stance in ("supports", "leaning_yes"):
            # Moved over time: an earlier, verified "undecided" comes first in the history.
            early = _report(loader, campaign, official, "undecided", "questionnaire", days + 30)
            stance_report_review(report=early, verified=True, actor=organizer)
        report = _report(loader, campaign, official, stance, source, days)
        if n % PENDING_EVERY != PENDING_EVERY - 1:
            stance_report_review(report=report, verified=True, actor=organizer)
    if len(chosen) > len(STATEMENT_STANCES):
        rejected = _report(loader, campaign, chosen[-1], "supports", "statement", 6, REJECTED_NOTE)
        stance_report_review(report=rejected, verified=False, actor=organizer)


def _report(loader, campaign, official, stance, source, days_ago, notes=None) -> StanceReport:
    slug = official.slug
    evidence = {
        "statement": f"https://news.example.org/forums/{slug}",
        "vote": f"https://malegislature.example/roll-calls/rules-amendment#{slug}",
        "questionnaire": f"https://drafts.example.org/questionnaires/{slug}.pdf",
    }[source]
    loader.counts.stance_reports += 1
    return stance_report_create(
        campaign=campaign,
        official=official,
        stance=stance,
        source=source,
        reporter=loader.organizer,
        evidence_url=evidence,
        notes=notes if notes is not None else STATEMENT_NOTES[source],
        reported_at=loader.now - timedelta(days=days_ago, hours=loader.rng.randint(1, 8)),
    )


def backdate_reviews(campaign: Campaign) -> None:
    """An organizer checks a report about a day after it comes in; the current stance changed
    when its report was checked."""
    reviewed = StanceReport.objects.filter(campaign=campaign).exclude(reviewed_at=None)
    reviewed.update(reviewed_at=F("reported_at") + timedelta(days=1))
    reviewed_at = StanceReport.objects.filter(pk=OuterRef("stance_report_id")).values("reviewed_at")
    CampaignOfficial.objects.filter(campaign=campaign).exclude(stance_report=None).update(
        stance_changed_at=Subquery(reviewed_at[:1])
    )


def _actions(loader, campaign: Campaign, met: set[int]) -> None:
    rng, organizer = loader.rng, loader.organizer
    targets = list(Official.objects.filter(pk__in=met).order_by("slug")) or list(
        Official.objects.filter(body=campaign.target_body).order_by("slug")[:8]
    )
    rows = []
    for n, (kind, title, outlet) in enumerate(ACTIONS):
        official = targets[n % len(targets)]
        on_district = kind == "rally"
        rows.append(
            PressureAction(
                campaign=campaign,
                kind=kind,
                official=None if on_district else official,
                district=official.district if on_district else None,
                title=title,
                outlet=outlet,
                url=f"https://news.example.org/opinion/{n + 1}" if outlet else "",
                count=rng.randint(20, 60) if kind == "calls" else 1,
                happened_on=loader.today(-rng.randint(2, 50)),
                created_by=organizer,
            )
        )
    PressureAction.objects.bulk_create(rows)
    loader.counts.actions += len(rows)
