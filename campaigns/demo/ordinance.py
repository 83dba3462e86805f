"""The demo local ordinance campaign: community control over police surveillance in Springfield.

Made from the default "Local ordinance" playbook (its steps copied by the campaign service), with
the first steps done and the next under way, two sponsors and a champion on the City Council,
coalition partners from the directory's Massachusetts groups, Springfield leaders (several from
affected communities) in its leadership, and the opposition with its arguments and our answers.
"""

from __future__ import annotations

from datetime import timedelta

from actlocal.models import Topic
from directory.models import Organization

from ..models import (
    Campaign,
    CampaignOfficial,
    CampaignStep,
    Meeting,
    MeetingReport,
    Official,
    Opponent,
    PlaybookTemplate,
    PressureAction,
)
from ..normalize import district_key
from ..services.campaigns import campaign_create, scripts_save, target_roles_set, targets_add_all
from ..services.ordinance import leadership_add
from ..services.stances import stance_report_create, stance_report_review
from .data import AT_LARGE
from .legislative import backdate_reviews, demo_meeting
from .texts import (
    OPPONENTS,
    ORDINANCE,
    ORDINANCE_ACTIONS,
    ORDINANCE_SCRIPTS,
    REPORT_NOTES,
    STEP_PROGRESS,
)

PLAYBOOK = "Local ordinance"
PARTNERS = 4
# Council stances in seat order (wards 1-8, then at large); "" = nobody has reported yet.
COUNCIL_STANCES = (
    "supports",
    "undecided",
    "leaning_yes",
    "",
    "opposes",
    "supports",
    "undecided",
    "leaning_no",
    "supports",
    "leaning_yes",
    "",
    "undecided",
    "",
)
SPONSORS = (0, 5)  # seat indexes: they introduce the ordinance
CHAMPION = 8  # argues for it in the Council


def ordinance_campaign(loader) -> Campaign:
    gov, rng, organizer = loader.gov, loader.rng, loader.organizer
    partners = list(
        Organization.objects.filter(state="MA")
        .exclude(kind=Organization.Kind.NATIONAL)
        .order_by("slug")[:PARTNERS]
    )
    data = {k: v for k, v in ORDINANCE.items() if k != "slug"}
    campaign = campaign_create(
        actor=organizer,
        data={
            **data,
            "kind": Campaign.Kind.ORDINANCE,
            "target_body": gov.council,
            "starts_on": loader.today(-120),
            "ends_on": loader.today(150),
            "status": Campaign.Status.ACTIVE,
            "stale_after_weeks": 3,
        },
        topics=Topic.objects.filter(slug="policing-surveillance"),
        partners=partners,
        playbook=PlaybookTemplate.objects.filter(name=PLAYBOOK).first(),
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        slug=ORDINANCE["slug"], created_at=loader.now - timedelta(days=125)
    )
    campaign.slug = ORDINANCE["slug"]
    loader.counts.campaigns += 1
    scripts_save(campaign=campaign, actor=organizer, bodies=ORDINANCE_SCRIPTS)
    targets_add_all(campaign=campaign, actor=organizer)
    _steps(loader, campaign)

    councillors = _seats(loader)
    members = _leadership(loader, campaign)
    _stances(loader, campaign, councillors)
    for index, official in enumerate(councillors):
        if index in SPONSORS or index == CHAMPION:
            target = CampaignOfficial.objects.get(campaign=campaign, official=official)
            target_roles_set(
                target=target,
                actor=organizer,
                is_sponsor=index in SPONSORS,
                is_champion=index == CHAMPION,
            )
    _meetings(loader, campaign, councillors, members)
    backdate_reviews(campaign)
    _opposition(loader, campaign, councillors)
    PressureAction.objects.bulk_create(
        PressureAction(
            campaign=campaign,
            kind=kind,
            district=gov.district(gov.council, AT_LARGE),
            title=title,
            outlet=outlet,
            url="https://news.example.org/opinion/surveillance-oversight" if outlet else "",
            count=rng.randint(30, 80) if kind == "calls" else 1,
            happened_on=loader.today(-rng.randint(3, 40)),
            created_by=organizer,
        )
        for kind, title, outlet in ORDINANCE_ACTIONS
    )
    loader.counts.actions += len(ORDINANCE_ACTIONS)
    return campaign


def _seats(loader) -> list[Official]:
    """The councillors in seat order: wards 1 to 8, then the five at large."""
    gov = loader.gov
    order = [f"Ward {n}" for n in range(1, 9)] + [AT_LARGE]
    seats = []
    for name in order:
        district = gov.district(gov.council, name)
        seats += sorted(gov.officials[district.pk], key=lambda o: o.pk)
    return seats


def _steps(loader, campaign: Campaign) -> None:
    steps = list(CampaignStep.objects.filter(campaign=campaign).order_by("position", "pk"))
    for number, step in enumerate(steps, start=1):
        status, notes = STEP_PROGRESS.get(number, (CampaignStep.Status.TODO, ""))
        step.status, step.notes, step.owner = status, notes, loader.organizer
        step.due_on = loader.today(
            {"done": -90 + 15 * number, "in_progress": 10 * number}.get(status, 20 * number)
        )
    CampaignStep.objects.bulk_update(steps, ["status", "notes", "owner", "due_on"])
    loader.counts.steps += len(steps)


def _leadership(loader, campaign: Campaign) -> list:
    """Springfield leaders join with their ward and lead; so do two from elsewhere in the state.
    Every second one speaks from an affected community."""
    gov = loader.gov
    council = gov.districts[gov.council.pk]
    at_large = council[district_key(AT_LARGE)].pk
    everyone = loader.ma_leaders()
    local = [p for p in everyone if p.city == "Springfield"]
    others = [p for p in everyone if p.city == "Worcester"][:2]

    def council_districts(member, place) -> list[int]:
        ward = council.get(district_key(f"Ward {place.ward}")) if place.ward else None
        return [pk for pk in (ward.pk if ward else None, at_large) if pk]

    members = loader.members_create(campaign, local, extra_districts=council_districts)
    for n, leader in enumerate(local + others):
        leadership_add(
            campaign=campaign, actor=loader.organizer, leader=leader, affected_community=n % 2 == 0
        )
    loader.counts.members += len(others)
    return members


def _stances(loader, campaign: Campaign, councillors: list[Official]) -> None:
    organizer = loader.organizer
    sources = ("statement", "meeting", "questionnaire")
    for index, (official, stance) in enumerate(zip(councillors, COUNCIL_STANCES, strict=False)):
        if not stance:
            continue
        source = sources[index % 3] if index % 3 != 1 else "statement"
        report = stance_report_create(
            campaign=campaign,
            official=official,
            stance=stance,
            source=source,
            reporter=organizer,
            evidence_url="https://news.example.org/springfield/council-forum"
            if source != "meeting"
            else "",
            notes=REPORT_NOTES.get(stance, ("",))[0] if source == "meeting" else "",
            reported_at=loader.now - timedelta(days=5 + 3 * index),
        )
        loader.counts.stance_reports += 1
        if index != 11:  # one councillor's answer still waits for an organizer
            stance_report_review(report=report, verified=True, actor=organizer)


def _meetings(loader, campaign: Campaign, councillors: list[Official], members) -> None:
    """A held meeting with the ward 2 councillor, one scheduled, one requested."""
    if not members:
        return
    held = demo_meeting(
        loader, campaign, councillors[1], Meeting.Status.HELD, members[:3], days=-12
    )
    MeetingReport.objects.create(
        meeting=held,
        answer="undecided",
        quotes="Wants to hear from the police commissioner before deciding.",
        follow_up_needed=True,
        follow_up="Invite the councillor to the neighborhood story session.",
        reporter=loader.organizer,
        created_at=held.scheduled_at + timedelta(hours=3),
    )
    loader.counts.meeting_reports += 1
    demo_meeting(loader, campaign, councillors[6], Meeting.Status.SCHEDULED, members[1:4], days=6)
    demo_meeting(loader, campaign, councillors[3], Meeting.Status.REQUESTED, members[2:4])


def _opposition(loader, campaign: Campaign, councillors: list[Official]) -> None:
    opposing = next(
        (o for o, s in zip(councillors, COUNCIL_STANCES, strict=False) if s == "opposes"), None
    )
    rows = []
    for kind, name, arguments, responses in OPPONENTS:
        person = kind == "person"
        if person and opposing is None:
            continue
        rows.append(
            Opponent(
                campaign=campaign,
                kind=kind,
                name=opposing.name if person else name,
                official=opposing if person else None,
                arguments=arguments,
                responses=responses,
            )
        )
    Opponent.objects.bulk_create(rows)
    loader.counts.opponents += len(rows)
