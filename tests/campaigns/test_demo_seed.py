"""The demo campaigns `seed_demo` loads: a legislature, a crosswalk, two campaigns, once."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.utils.html import escape

from actlocal.models import User
from campaigns.demo import DEMO_CAMPAIGN_SLUGS
from campaigns.models import (
    Body,
    Campaign,
    CampaignMember,
    CampaignOfficial,
    CampaignRole,
    CampaignStep,
    District,
    DistrictArea,
    Meeting,
    MeetingAttendee,
    MeetingReport,
    Official,
    PlaybookTemplate,
    StanceReport,
    ZipDistrict,
)
from campaigns.normalize import district_key, municipality_key
from directory.demo.accounts import ORGANIZER_EMAIL
from events.demo import demo_leader

pytestmark = pytest.mark.django_db

LEGISLATIVE, ORDINANCE = DEMO_CAMPAIGN_SLUGS


def seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module, inside a transaction rolled back at the end; each test runs in
    its own savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


def chamber(kind: str) -> Body:
    return Body.objects.get(state="MA", kind=kind, municipality="")


def precinct_districts(town: str, ward: str, precinct: str, body: Body) -> set[str]:
    return set(
        DistrictArea.objects.filter(
            municipality_key=municipality_key(town),
            ward=ward,
            precinct=precinct,
            district__body=body,
        ).values_list("district__name", flat=True)
    )


def test_seeding_creates_the_massachusetts_house_and_senate_with_one_official_per_district(
    seeded,
):
    assert "Demo campaigns loaded" in seeded
    house, senate = chamber(Body.Kind.STATE_LOWER), chamber(Body.Kind.STATE_UPPER)
    assert house.districts.count() == 160
    assert senate.districts.count() == 40
    for body in (house, senate):
        per_district = body.districts.annotate(n=Count("officials")).values_list("n", flat=True)
        assert set(per_district) == {1}
        officials = Official.objects.current().filter(body=body)
        assert all(o.email.endswith(".example") and "555-01" in o.phone for o in officials)
        assert len({o.phone for o in officials}) == officials.count()
    assert house.districts.filter(name="7th Hampden").exists()
    seventh = District.objects.get(body=house, name="7th Hampden")
    assert seventh.ocd_id == "ocd-division/country:us/state:ma/sldl:7th_hampden"
    assert senate.districts.filter(name_key=district_key("First Plymouth & Norfolk")).exists()
    parties = set(Official.objects.filter(body=house).values_list("party", flat=True))
    assert {"Democratic", "Republican"} <= parties


def test_officials_never_share_a_name_or_phone_with_a_leader(seeded):
    from directory.models import Leader

    names = set(Leader.objects.values_list("name", flat=True))
    assert not Official.objects.filter(name__in=names).exists()
    digits = {
        "".join(c for c in p if c.isdigit()) for p in Leader.objects.values_list("phone", flat=True)
    }
    office = {"".join(c for c in o.phone if c.isdigit()) for o in Official.objects.all()}
    assert not digits & office


def test_crosswalk_splits_springfield_inside_ward_six_and_keeps_greenfield_in_one_district(seeded):
    house, senate = chamber(Body.Kind.STATE_LOWER), chamber(Body.Kind.STATE_UPPER)
    assert precinct_districts("Springfield", "6", "6A", house) == {"11th Hampden"}
    assert precinct_districts("Springfield", "6", "6C", house) == {"12th Hampden"}
    greenfield = DistrictArea.objects.filter(municipality_key="greenfield")
    assert set(greenfield.values_list("ward", flat=True)) == {""}
    assert set(
        greenfield.filter(district__body=house).values_list("district__name", flat=True)
    ) == {"2nd Franklin"}
    assert greenfield.filter(district__body=senate).values("district").distinct().count() == 1
    # Every precinct lies in exactly one district of each chamber.
    per_precinct = (
        DistrictArea.objects.values("municipality_key", "ward", "precinct", "district__body")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert set(per_precinct) == {1}
    assert ZipDistrict.objects.filter(zip_code="02138").count() == 3  # two House, one Senate
    assert ZipDistrict.objects.values("zip_code").distinct().count() >= 6


def test_the_legislative_campaign_has_its_team_members_and_meetings_in_every_status(seeded):
    campaign = Campaign.objects.get(slug=LEGISLATIVE)
    organizer = User.objects.get(email__iexact=ORGANIZER_EMAIL)
    assert campaign.kind == Campaign.Kind.LEGISLATIVE and campaign.is_public
    assert campaign.roles.get(user=organizer).role == CampaignRole.Role.LEAD
    assert campaign.meeting_goal > 0 and campaign.votes_needed == 81
    assert campaign.scripts.count() == 6
    assert campaign.targets.count() == 160
    members = campaign.members.all()
    assert members.count() >= 40
    assert members.filter(role=CampaignMember.Role.LEADERSHIP).exists()
    assert members.filter(districts__isnull=True).count() == 0
    meetings = campaign.meetings.all()
    assert set(meetings.values_list("status", flat=True)) == set(Meeting.Status.values)
    for meeting in meetings:
        attendees = meeting.attendees.select_related("member")
        assert attendees.exists()
        # Constituents meet their own representative.
        for attendee in attendees:
            assert attendee.member.districts.filter(pk=meeting.official.district_id).exists()
    held = meetings.filter(status=Meeting.Status.HELD)
    assert MeetingReport.objects.filter(meeting__in=held).count() >= held.count() - 1
    assert MeetingAttendee.objects.filter(meeting__in=held, attended=True).exists()
    assert not MeetingAttendee.objects.filter(
        meeting__status=Meeting.Status.SCHEDULED, attended__isnull=False
    ).exists()
    assert campaign.actions.count() >= 5
    assert set(campaign.actions.values_list("kind", flat=True)) >= {"letter", "op_ed", "calls"}


def test_current_stances_are_the_latest_verified_reports_and_pending_ones_wait(seeded):
    for slug in DEMO_CAMPAIGN_SLUGS:
        campaign = Campaign.objects.get(slug=slug)
        reports = campaign.stance_reports.all()
        assert reports.filter(review=StanceReport.Review.PENDING).exists()
        for target in CampaignOfficial.objects.filter(campaign=campaign):
            latest = (
                reports.filter(official=target.official, review=StanceReport.Review.VERIFIED)
                .order_by("-reported_at", "-id")
                .first()
            )
            assert target.stance == (latest.stance if latest else "no_response")
            assert target.stance_report_id == (latest.pk if latest else None)
    legislative = Campaign.objects.get(slug=LEGISLATIVE)
    assert legislative.stance_reports.filter(review=StanceReport.Review.REJECTED).exists()
    assert set(legislative.stance_reports.values_list("source", flat=True)) == set(
        StanceReport.Source.values
    )
    assert legislative.targets.filter(stance="supports").count() >= 20
    # A history: some officials moved from a verified "undecided" to a later verified stance.
    moved = (
        legislative.stance_reports.filter(review=StanceReport.Review.VERIFIED)
        .values("official")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert moved.exists()


def test_the_ordinance_campaign_follows_the_local_ordinance_playbook(seeded):
    campaign = Campaign.objects.get(slug=ORDINANCE)
    council = campaign.target_body
    assert campaign.kind == Campaign.Kind.ORDINANCE
    assert council.kind == Body.Kind.CITY_COUNCIL and council.municipality == "Springfield"
    assert council.form_of_government == Body.Government.MAYOR_COUNCIL
    assert Official.objects.current().filter(body=council).count() == 13
    template = PlaybookTemplate.objects.get(name="Local ordinance")
    assert list(campaign.steps.values_list("title", flat=True)) == list(
        template.steps.values_list("title", flat=True)
    )
    statuses = set(campaign.steps.values_list("status", flat=True))
    assert {CampaignStep.Status.DONE, CampaignStep.Status.IN_PROGRESS} <= statuses
    assert campaign.targets.filter(is_sponsor=True).count() == 2
    assert campaign.targets.filter(is_champion=True).count() == 1
    assert campaign.coalition_partners.count() >= 2
    leadership = campaign.members.filter(role=CampaignMember.Role.LEADERSHIP)
    assert leadership.filter(affected_community=True).exists()
    opponents = campaign.opponents.all()
    assert {"person", "organization"} <= set(opponents.values_list("kind", flat=True))
    assert all(o.arguments and o.responses for o in opponents)
    assert opponents.filter(official__body=council).exists()


def test_the_demo_leader_has_a_held_meeting_waiting_for_their_report(seeded):
    leader = demo_leader()
    member = CampaignMember.objects.get(campaign__slug=LEGISLATIVE, leader=leader)
    held = Meeting.objects.filter(attendees__member=member, status=Meeting.Status.HELD)
    assert held.filter(report__isnull=True).exists()
    assert Meeting.objects.filter(attendees__member=member, status="scheduled").exists()


def test_a_second_run_creates_nothing(seeded):
    models = (Campaign, Official, District, DistrictArea, Meeting, StanceReport, CampaignMember)
    before = {model: model.objects.count() for model in models}
    output = seed_demo()
    assert "Demo campaigns already loaded; nothing to create." in output
    assert {model: model.objects.count() for model in models} == before


# --- Public pages on demo data -----------------------------------------------------------------

PUBLIC_PAGES = (
    "/campaigns/",
    f"/campaigns/{LEGISLATIVE}/",
    f"/campaigns/{ORDINANCE}/",
    f"/campaigns/{LEGISLATIVE}/scoreboard/",
    f"/campaigns/{ORDINANCE}/scoreboard/",
    f"/campaigns/{LEGISLATIVE}/scoreboard.json",
    "/campaigns/find-my-legislator/",
    "/campaigns/find-my-legislator/?municipality=Springfield&ward=6&precinct=6A",
    "/campaigns/find-my-legislator/?municipality=Greenfield",
)


def member_details() -> set[str]:
    """Names, e-mails and phones of everyone who joined a demo campaign."""
    values: set[str] = set()
    for name, email, phone in CampaignMember.objects.values_list(
        "leader__name", "leader__email", "leader__phone"
    ):
        values |= {v for v in (name, email, phone) if v}
    return values


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_answer_anonymously_and_never_show_a_member(seeded, path):
    response = Client().get(path)
    assert response.status_code == 200, path
    body = response.content.decode()
    if path.endswith(".json"):
        body = json.dumps(json.loads(body), ensure_ascii=False)
    private = member_details()
    assert private
    leaked = sorted(v for v in private if v in body or escape(v) in body)
    assert not leaked, f"{path} shows {leaked[:5]}"


def assert_no_member(path: str, body: str) -> None:
    leaked = sorted(v for v in member_details() if v in body or escape(v) in body)
    assert not leaked, f"{path} shows {leaked[:5]}"


def test_official_pages_and_scoreboard_exports_never_show_a_member(seeded):
    met = Meeting.objects.filter(campaign__slug=LEGISLATIVE, status=Meeting.Status.HELD)
    paths = [f"/campaigns/{LEGISLATIVE}/officials/{meeting.official.slug}/" for meeting in met[:5]]
    paths += [
        f"/campaigns/{slug}/scoreboard.{ext}"
        for slug in DEMO_CAMPAIGN_SLUGS
        for ext in ("csv", "svg")
    ]
    for path in paths:
        response = Client().get(path)
        assert response.status_code == 200, path
        assert_no_member(path, response.content.decode())


def test_find_my_legislator_answers_for_a_split_precinct_with_public_office_contacts(seeded):
    house, senate = chamber(Body.Kind.STATE_LOWER), chamber(Body.Kind.STATE_UPPER)
    rep = Official.objects.get(body=house, district__name="11th Hampden")
    senator = Official.objects.get(body=senate, district__name="Hampden and Hampshire")
    response = Client().get(
        "/campaigns/find-my-legislator/?municipality=Springfield&ward=6&precinct=6A"
    )
    body = response.content.decode()
    for value in (rep.name, rep.email, rep.phone, senator.name, senator.email):
        assert escape(value) in body


def test_the_scoreboard_counts_the_demo_supporters_against_the_votes_needed(seeded):
    campaign = Campaign.objects.get(slug=LEGISLATIVE)
    data = Client().get(f"/campaigns/{LEGISLATIVE}/scoreboard.json").json()
    assert data["votes_needed"] == 81
    assert data["supports"] == campaign.targets.filter(stance="supports").count()
    assert data["meetings_held"] == campaign.meetings.filter(status="held").count()
    supporter = campaign.targets.filter(stance="supports").select_related("official").first()
    # The table is paged: the search finds any official on the first page.
    page = (
        Client()
        .get(f"/campaigns/{LEGISLATIVE}/scoreboard/", {"q": supporter.official.name})
        .content.decode()
    )
    assert escape(supporter.official.name) in page
    assert "Supports</span>" in page


TEAM_PAGES = ("", "meetings/", "stances/", "constituents/", "actions/", "targets/", "team/")
ORDINANCE_PAGES = ("steps/", "opposition/", "leadership/")


def test_the_demo_organizer_opens_every_team_page_of_both_campaigns(seeded):
    client = Client()
    client.force_login(User.objects.get(email__iexact=ORGANIZER_EMAIL))
    for slug in DEMO_CAMPAIGN_SLUGS:
        pages = TEAM_PAGES + (ORDINANCE_PAGES if slug == ORDINANCE else ())
        for page in pages:
            path = f"/campaigns/{slug}/manage/{page}"
            assert client.get(path).status_code == 200, path


def test_the_demo_leader_can_open_the_report_form_of_their_held_meeting(seeded):
    leader = demo_leader()
    meeting = Meeting.objects.get(
        attendees__member__leader=leader, status=Meeting.Status.HELD, report__isnull=True
    )
    client = Client()
    client.force_login(leader.user)
    response = client.get(f"/campaigns/{LEGISLATIVE}/meetings/{meeting.pk}/report/")
    assert response.status_code == 200
