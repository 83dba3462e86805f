"""The public scoreboard: who is on it, what moves it, its page, JSON, CSV and SVG."""

import csv
import io
import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Meeting, PressureAction
from campaigns.services.stances import stance_report_review
from tests.campaigns.factories import (
    BodyFactory,
    CampaignFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
)

from .scoreboard_seed import assert_no_constituent_data, report, seed_constituents, seed_officials

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(markup) -> ElementTree.Element:
    """Parse our own server's SVG (trusted test data, no entities)."""
    return ElementTree.fromstring(markup)  # noqa: S314


def urls(campaign) -> dict[str, str]:
    return {
        name: reverse(f"campaigns:{name}", args=[campaign.slug])
        for name in ("scoreboard", "scoreboard_json", "scoreboard_csv", "scoreboard_svg")
    }


def board_json(client, campaign, query: str = "") -> dict:
    response = client.get(urls(campaign)["scoreboard_json"] + query)
    assert response.status_code == 200
    return json.loads(response.content)


def csv_rows(client, campaign, query: str = "") -> list[dict]:
    response = client.get(urls(campaign)["scoreboard_csv"] + query)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def stance_of(client, campaign, official) -> dict[str, str]:
    """The official's stance as the page, the JSON and the CSV show it."""
    page = client.get(urls(campaign)["scoreboard"])
    on_page = next(r.stance for r in page.context["rows"] if r.slug == official.slug)
    data = board_json(client, campaign)
    in_json = next(o["stance"] for o in data["officials"] if o["slug"] == official.slug)
    in_csv = next(r["stance"] for r in csv_rows(client, campaign) if r["official"] == official.name)
    return {"page": on_page, "json": in_json, "csv": in_csv}


# --- Who is on it ------------------------------------------------------------------------------


def test_scoreboard_lists_every_current_official_of_the_body_with_no_response_by_default(
    anon_client, campaign, official
):
    former = OfficialFactory(
        district=DistrictFactory(body=campaign.target_body),
        name="Rep. Long Gone",
        term_end=timezone.localdate() - timedelta(days=1),
    )
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    OfficialFactory(district=DistrictFactory(body=senate), name="Sen. Other Chamber")

    response = anon_client.get(urls(campaign)["scoreboard"])

    assert response.status_code == 200
    assert [row.name for row in response.context["rows"]] == [official.name]
    assert response.context["rows"][0].stance == "no_response"
    assert b"Rep. Long Gone" not in response.content and former.slug
    assert b"Sen. Other Chamber" not in response.content


def test_district_table_sorts_district_numbers_naturally(anon_client, campaign):
    for name in ("10th Hampden", "2nd Hampden", "1st Berkshire"):
        OfficialFactory(district=DistrictFactory(body=campaign.target_body, name=name))

    rows = anon_client.get(urls(campaign)["scoreboard"]).context["rows"]

    assert [row.district for row in rows] == ["1st Berkshire", "2nd Hampden", "10th Hampden"]


def test_counts_by_stance_come_in_the_fixed_stance_order(anon_client, campaign, campaign_lead_user):
    officials = seed_officials(campaign, 6)
    stances = ["opposes", "supports", "no_response", "leaning_no", "undecided", "supports"]
    for official, stance in zip(officials, stances, strict=True):
        report(campaign, official, stance, actor=campaign_lead_user)

    response = anon_client.get(urls(campaign)["scoreboard"])

    assert [(stance, count) for stance, _label, count in response.context["bar"]["counts"]] == [
        ("supports", 2),
        ("leaning_yes", 0),
        ("undecided", 1),
        ("leaning_no", 1),
        ("opposes", 1),
        ("no_response", 1),
    ]


def test_votes_count_supports_only_not_leaning_yes(anon_client, campaign_lead_user):
    campaign = CampaignFactory(votes_needed=3)
    first, second, third = seed_officials(campaign, 3)
    report(campaign, first, "supports", actor=campaign_lead_user)
    report(campaign, second, "leaning_yes", actor=campaign_lead_user)

    response = anon_client.get(urls(campaign)["scoreboard"])

    assert response.context["board"].supports == 1
    assert "1</strong> of 3 votes needed" in response.content.decode()
    assert board_json(anon_client, campaign)["supports"] == 1
    assert board_json(anon_client, campaign)["votes_needed"] == 3


# --- What moves it -----------------------------------------------------------------------------


def test_unverified_report_does_not_move_the_scoreboard_but_verifying_it_does(
    anon_client, campaign, official, campaign_lead_user
):
    pending = report(campaign, official, "supports", verify=None, actor=campaign_lead_user)

    assert stance_of(anon_client, campaign, official) == dict.fromkeys(
        ("page", "json", "csv"), "no_response"
    ) | {"csv": "No response"}

    stance_report_review(report=pending, verified=True, actor=campaign_lead_user)

    assert stance_of(anon_client, campaign, official) == {
        "page": "supports",
        "json": "supports",
        "csv": "Supports",
    }


def test_the_latest_verified_report_wins_by_when_it_was_reported(
    anon_client, campaign, official, campaign_lead_user
):
    report(campaign, official, "opposes", days_ago=1, actor=campaign_lead_user)
    # Verified later, but reported earlier: it does not override the newer statement.
    report(campaign, official, "supports", days_ago=10, actor=campaign_lead_user)

    assert stance_of(anon_client, campaign, official)["json"] == "opposes"


def test_rejecting_the_current_report_falls_back_to_the_previous_verified_one(
    anon_client, campaign, official, campaign_lead_user
):
    report(campaign, official, "leaning_yes", days_ago=5, actor=campaign_lead_user)
    latest = report(campaign, official, "supports", days_ago=1, actor=campaign_lead_user)
    assert stance_of(anon_client, campaign, official)["json"] == "supports"

    stance_report_review(report=latest, verified=False, actor=campaign_lead_user)

    assert stance_of(anon_client, campaign, official)["json"] == "leaning_yes"


def test_a_pending_report_of_another_campaign_changes_nothing_here(
    anon_client, campaign, official, campaign_lead_user
):
    other = CampaignFactory(target_body=campaign.target_body)
    report(other, official, "supports", actor=campaign_lead_user)

    assert stance_of(anon_client, campaign, official)["json"] == "no_response"


# --- Meetings, actions, last updated ----------------------------------------------------------


def test_meetings_held_and_pressure_actions_are_counted_per_official(
    anon_client, campaign, official, campaign_lead_user
):
    MeetingFactory.create_batch(2, campaign=campaign, official=official, status="held")
    MeetingFactory(campaign=campaign, official=official, status="scheduled")
    MeetingFactory(official=official, status="held")  # another campaign
    PressureAction.objects.create(campaign=campaign, kind="calls", official=official, count=40)
    PressureAction.objects.create(
        campaign=campaign, kind="rally", district=official.district, count=1
    )

    data = board_json(anon_client, campaign)

    assert data["meetings_held"] == 2
    assert data["officials"][0]["meetings_held"] == 2
    assert data["officials"][0]["actions"] == 41
    table = anon_client.get(urls(campaign)["scoreboard"]).context["rows"]
    assert (table[0].meetings_held, table[0].actions) == (2, 41)


def test_last_updated_is_the_latest_stance_change_or_meeting(anon_client, campaign, official):
    assert board_json(anon_client, campaign)["updated_at"] is None

    meeting = MeetingFactory(campaign=campaign, official=official, status=Meeting.Status.HELD)
    Campaign.objects.filter(pk=campaign.pk).update(updated_at=timezone.now())

    stamp = board_json(anon_client, campaign)["updated_at"]
    assert stamp[:19] == meeting.updated_at.isoformat()[:19]


# --- Filters -----------------------------------------------------------------------------------


@pytest.fixture
def mixed(campaign, campaign_lead_user):
    west = seed_officials(campaign, 2, party="Democratic", region="Hampden County")
    east = seed_officials(campaign, 1, party="Republican", region="Suffolk County")
    report(campaign, west[0], "supports", actor=campaign_lead_user)
    report(campaign, east[0], "supports", actor=campaign_lead_user)
    return west, east


def test_filters_narrow_the_officials_in_every_format(anon_client, campaign, mixed):
    west, east = mixed
    query = "?stance=supports&region=Hampden+County"

    page = anon_client.get(urls(campaign)["scoreboard"] + query)
    data = board_json(anon_client, campaign, query)
    rows = csv_rows(anon_client, campaign, query)

    assert [r.name for r in page.context["rows"]] == [west[0].name]
    assert [o["name"] for o in data["officials"]] == [west[0].name]
    assert data["filters"] == {"stance": "supports", "region": "Hampden County"}
    assert data["counts"]["supports"] == 1 and data["supports"] == 2
    assert [r["official"] for r in rows] == [west[0].name]


def test_party_filter(anon_client, campaign, mixed):
    _west, east = mixed

    data = board_json(anon_client, campaign, "?party=Republican")

    assert [o["name"] for o in data["officials"]] == [east[0].name]


@pytest.mark.parametrize(
    "query",
    ["?stance=maybe", "?party=Whig", "?region=Atlantis"],
)
def test_invalid_filters_answer_400_with_a_message_in_every_format(
    anon_client, campaign, mixed, query
):
    page = anon_client.get(urls(campaign)["scoreboard"] + query)
    assert page.status_code == 400
    assert b"We could not use these filters" in page.content
    data = anon_client.get(urls(campaign)["scoreboard_json"] + query)
    assert data.status_code == 400 and json.loads(data.content)["errors"]
    for name in ("scoreboard_csv", "scoreboard_svg"):
        response = anon_client.get(urls(campaign)[name] + query)
        assert response.status_code == 400
        assert response.content.strip()


def test_a_nul_byte_in_a_filter_is_a_400_in_every_format(anon_client, campaign, mixed):
    query = "?stance=supports&party=%00"
    page = anon_client.get(urls(campaign)["scoreboard"] + query)
    assert page.status_code == 400
    assert b"cannot be stored" in page.content
    data = anon_client.get(urls(campaign)["scoreboard_json"] + query)
    assert data.status_code == 400 and json.loads(data.content)["errors"]
    for name in ("scoreboard_csv", "scoreboard_svg"):
        assert anon_client.get(urls(campaign)[name] + query).status_code == 400


def test_state_view_counts_every_official_by_region_whatever_the_filters(
    anon_client, campaign, mixed
):
    response = anon_client.get(urls(campaign)["scoreboard"] + "?party=Republican")

    regions = {name: (counts, total) for name, counts, total in response.context["regions"]}
    assert regions["Hampden County"] == ([1, 0, 0, 0, 0, 1], 2)
    assert regions["Suffolk County"] == ([1, 0, 0, 0, 0, 0], 1)
    assert "All of Massachusetts" in response.content.decode()


def test_local_body_state_view_is_the_municipality(anon_client):
    council = BodyFactory(
        slug="springfield-council",
        name="Springfield City Council",
        kind="city_council",
        municipality="Springfield",
    )
    campaign = CampaignFactory(kind="ordinance", target_body=council)
    seed_officials(campaign, 2)

    response = anon_client.get(urls(campaign)["scoreboard"])

    assert "Across Springfield" in response.content.decode()


# --- Formats -----------------------------------------------------------------------------------


def test_svg_is_valid_xml_with_the_numbers_in_title_and_desc(
    anon_client, campaign, campaign_lead_user
):
    officials = seed_officials(campaign, 4)
    report(campaign, officials[0], "supports", actor=campaign_lead_user)
    report(campaign, officials[1], "opposes", actor=campaign_lead_user)

    response = anon_client.get(urls(campaign)["scoreboard_svg"])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = parse_svg(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "4 officials" in root.find(f"{SVG}title").text
    desc = root.find(f"{SVG}desc").text
    assert "Supports: 1" in desc and "Opposes: 1" in desc and "No response: 2" in desc
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "Supports: 1" in legend and "No response: 2" in legend
    widths = [
        int(r.get("width"))
        for r in root.iter(f"{SVG}rect")
        if (r.get("fill") or "").startswith("url(") and r.get("height") == "40"
    ]
    assert sum(widths) == 600


def test_page_embeds_the_same_svg_next_to_a_text_table(anon_client, campaign, official):
    content = anon_client.get(urls(campaign)["scoreboard"]).content.decode()

    start, end = content.index("<svg"), content.index("</svg>") + len("</svg>")
    root = parse_svg(content[start:end])
    assert root.get("aria-labelledby") == "scoreboard-bar-title scoreboard-bar-desc"
    assert '<table class="scoreboard-counts">' in content


def test_svg_with_no_officials_still_renders(anon_client, campaign):
    root = parse_svg(anon_client.get(urls(campaign)["scoreboard_svg"]).content)

    assert "No officials to show" in [t.text for t in root.iter(f"{SVG}text")]


def test_csv_cells_are_safe_from_formula_injection(anon_client, campaign):
    district = DistrictFactory(body=campaign.target_body, name="=HYPERLINK(1)", region="@SUM")
    OfficialFactory(district=district, name="+Evil Name", party="-Party")

    response = anon_client.get(urls(campaign)["scoreboard_csv"])

    assert (
        response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-scoreboard.csv"'
    )
    row = csv_rows(anon_client, campaign)[0]
    assert row["district"] == "'=HYPERLINK(1)"
    assert row["region"] == "'@SUM"
    assert row["official"] == "'+Evil Name"
    assert row["party"] == "'-Party"


def test_json_shape(anon_client, campaign, official, campaign_lead_user):
    report(campaign, official, "supports", actor=campaign_lead_user)

    data = board_json(anon_client, campaign)

    assert data["campaign"]["slug"] == campaign.slug
    assert data["votes_needed"] == campaign.votes_needed
    assert data["counts"] == {
        "supports": 1,
        "leaning_yes": 0,
        "undecided": 0,
        "leaning_no": 0,
        "opposes": 0,
        "no_response": 0,
    }
    assert data["officials"][0] | {"stance_changed_at": None} == {
        "name": official.name,
        "slug": official.slug,
        "party": official.party,
        "district": official.district.name,
        "region": "",
        "stance": "supports",
        "stance_changed_at": None,
        "meetings_held": 0,
        "actions": 0,
        "url": reverse("campaigns:official", args=[campaign.slug, official.slug]),
    }
    assert data["updated_at"]


def test_public_formats_may_be_cached_briefly(anon_client, campaign, official):
    for name in ("scoreboard_json", "scoreboard_csv", "scoreboard_svg"):
        assert anon_client.get(urls(campaign)[name])["Cache-Control"] == "public, max-age=60"


# --- Privacy -----------------------------------------------------------------------------------


def test_no_constituent_name_or_email_in_any_public_format(
    anon_client, campaign, official, campaign_lead_user
):
    seed_constituents(campaign, official)
    for pending in official.stance_reports.all():
        stance_report_review(report=pending, verified=True, actor=campaign_lead_user)

    for url in urls(campaign).values():
        response = anon_client.get(url)
        assert response.status_code == 200
        assert_no_constituent_data(response.content)
    assert board_json(anon_client, campaign)["officials"][0]["stance"] == "supports"


# --- Who may see it ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anon_client", 404),
        ("member_client", 404),
        ("other_campaign_team_client", 404),
        ("campaign_team_client", 200),
        ("staff_client", 200),
    ],
)
def test_draft_scoreboard_is_for_its_team_and_staff_only(request, campaign, role, status):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    client = request.getfixturevalue(role)

    for url in urls(campaign).values():
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "role", ["anon_client", "member_client", "constituent_client", "other_campaign_team_client"]
)
def test_public_scoreboard_is_open_to_everyone(request, campaign, official, role):
    client = request.getfixturevalue(role)

    for url in urls(campaign).values():
        assert client.get(url).status_code == 200


def test_scoreboard_refuses_writes(anon_client, campaign):
    assert anon_client.post(urls(campaign)["scoreboard"]).status_code == 405
