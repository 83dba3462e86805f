"""Public campaign pages: the list, a campaign's page, an official's record."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, CampaignOfficial, Meeting, PressureAction
from campaigns.services.stances import stance_report_review
from tests.directory.factories import OrganizationFactory, ResourceFactory

from .factories import (
    BodyFactory,
    CampaignFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
)
from .scoreboard_seed import assert_no_constituent_data, report, seed_constituents, seed_officials

pytestmark = pytest.mark.django_db

LIST = reverse("campaigns:list")


def titles(response) -> list[str]:
    return [c.title for c in response.context["page_obj"].object_list]


# --- The list ----------------------------------------------------------------------------------


def test_list_shows_public_campaigns_active_first_and_never_drafts(anon_client):
    won = CampaignFactory(title="Already Won", status=Campaign.Status.WON)
    CampaignFactory(title="Secret Draft", status=Campaign.Status.DRAFT)
    active = CampaignFactory(title="Going Now")
    Campaign.objects.filter(pk=won.pk).update(created_at=timezone.now() + timedelta(days=1))

    response = anon_client.get(LIST)

    assert response.status_code == 200
    assert titles(response) == [active.title, "Already Won"]
    assert b"Secret Draft" not in response.content


def test_list_card_shows_the_ask_and_progress(anon_client, campaign, official, campaign_lead_user):
    MeetingFactory.create_batch(3, campaign=campaign, official=official, status="held")
    MeetingFactory(campaign=campaign, official=official, status="requested")
    report(campaign, official, "supports", actor=campaign_lead_user)

    content = anon_client.get(LIST).content.decode()

    assert campaign.ask in content
    assert "3 of 100 constituent meetings held" in content
    assert "1 of 81 votes needed" in content


def test_list_progress_ignores_pending_reports_and_former_officials(
    anon_client, campaign, official, campaign_lead_user
):
    report(campaign, official, "supports", verify=None, actor=campaign_lead_user)
    gone = OfficialFactory(
        district=DistrictFactory(body=campaign.target_body),
        term_end=timezone.localdate() - timedelta(days=30),
    )
    CampaignOfficial.objects.create(campaign=campaign, official=gone, stance="supports")

    response = anon_client.get(LIST)

    assert response.context["page_obj"].object_list[0].supporters == 0


def test_list_filters_by_kind_status_and_state(anon_client):
    council = BodyFactory(
        slug="springfield-council",
        name="Springfield Council",
        kind="city_council",
        state="MA",
        municipality="Springfield",
    )
    ny = BodyFactory(slug="ny-assembly", name="NY Assembly", kind="state_lower", state="NY")
    CampaignFactory(title="Ordinance", kind="ordinance", target_body=council)
    CampaignFactory(title="New York Bill", target_body=ny)
    CampaignFactory(title="Finished", status=Campaign.Status.CLOSED)

    assert titles(anon_client.get(LIST + "?kind=ordinance")) == ["Ordinance"]
    assert titles(anon_client.get(LIST + "?state=NY")) == ["New York Bill"]
    assert titles(anon_client.get(LIST + "?status=closed")) == ["Finished"]


@pytest.mark.parametrize("query", ["?kind=party", "?status=draft", "?state=XX", "?page=abc"])
def test_list_bad_filters_answer_400_with_a_message(anon_client, campaign, query):
    response = anon_client.get(LIST + query)

    assert response.status_code == 400
    assert b'role="alert"' in response.content


def test_list_page_past_the_end_is_404(anon_client, campaign):
    assert anon_client.get(LIST + "?page=9").status_code == 404


@pytest.mark.parametrize("n", [1, 25])
def test_list_query_count_is_constant(anon_client, django_assert_num_queries, n):
    for _ in range(n):
        CampaignFactory()

    # The filter form's choices are static; the count, then the page of rows.
    with django_assert_num_queries(2):
        anon_client.get(LIST)


# --- A campaign's page -------------------------------------------------------------------------


def detail(campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.slug])


def test_detail_shows_the_ask_goals_progress_and_links(anon_client, campaign, official):
    Campaign.objects.filter(pk=campaign.pk).update(
        reference="H.1234", summary="Every vote in the open."
    )
    campaign.refresh_from_db()
    campaign.resources.add(ResourceFactory(title="Meeting Toolkit"))
    campaign.coalition_partners.add(OrganizationFactory(name="Transparency Coalition"))
    MeetingFactory(campaign=campaign, official=official, status=Meeting.Status.HELD)

    response = anon_client.get(detail(campaign))
    content = response.content.decode()

    assert response.status_code == 200
    for text in (
        campaign.ask,
        "H.1234",
        "Every vote in the open.",
        "Meeting Toolkit",
        "Transparency Coalition",
        campaign.target_body.name,
    ):
        assert text in content
    assert response.context["progress"].meetings_held == 1
    assert reverse("campaigns:scoreboard", args=[campaign.slug]) in content
    assert reverse("campaigns:find_my_legislator") in content
    assert reverse("campaigns:join", args=[campaign.slug]) in content


def test_member_sees_they_joined_instead_of_the_join_button(constituent_client, campaign):
    content = constituent_client.get(detail(campaign)).content.decode()

    assert "You joined this campaign." in content
    assert reverse("campaigns:join", args=[campaign.slug]) not in content


def test_closed_campaign_takes_no_new_members(anon_client):
    campaign = CampaignFactory(status=Campaign.Status.WON)

    content = anon_client.get(detail(campaign)).content.decode()

    assert reverse("campaigns:join", args=[campaign.slug]) not in content


def test_sponsors_and_champions_are_listed(anon_client, campaign, official):
    CampaignOfficial.objects.create(campaign=campaign, official=official, is_sponsor=True)

    content = anon_client.get(detail(campaign)).content.decode()

    assert "Sponsors and champions" in content and official.name in content


def test_team_sees_a_link_to_the_organizer_tools(campaign_team_client, anon_client, campaign):
    manage = reverse("campaigns:manage", args=[campaign.slug])

    assert manage in campaign_team_client.get(detail(campaign)).content.decode()
    assert manage not in anon_client.get(detail(campaign)).content.decode()


DRAFT_STATUS = [
    ("anon_client", 404),
    ("member_client", 404),
    ("other_campaign_team_client", 404),
    ("campaign_team_client", 200),
    ("staff_client", 200),
]


@pytest.mark.parametrize(("role", "status"), DRAFT_STATUS)
def test_draft_campaign_page_is_for_its_team_and_staff_only(
    request, campaign, official, role, status
):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    client = request.getfixturevalue(role)

    assert client.get(detail(campaign)).status_code == status
    official_url = reverse("campaigns:official", args=[campaign.slug, official.slug])
    assert client.get(official_url).status_code == status


@pytest.mark.parametrize(
    "role",
    [
        "anon_client",
        "member_client",
        "constituent_client",
        "other_campaign_team_client",
        "campaign_team_client",
        "staff_client",
    ],
)
def test_public_campaign_pages_open_to_every_role(request, campaign, official, role):
    client = request.getfixturevalue(role)

    assert client.get(LIST).status_code == 200
    assert client.get(detail(campaign)).status_code == 200
    official_url = reverse("campaigns:official", args=[campaign.slug, official.slug])
    assert client.get(official_url).status_code == 200


def test_unknown_campaign_is_404(anon_client):
    assert anon_client.get(reverse("campaigns:detail", args=["nope"])).status_code == 404


# --- An official's page ------------------------------------------------------------------------


def official_url(campaign, official) -> str:
    return reverse("campaigns:official", args=[campaign.slug, official.slug])


def test_official_page_shows_contacts_stance_and_verified_history_only(
    anon_client, campaign, official, campaign_lead_user
):
    old = report(campaign, official, "undecided", days_ago=20, actor=campaign_lead_user)
    old.evidence_url = "https://news.example.com/undecided"
    old.save(update_fields=["evidence_url"])
    report(campaign, official, "supports", days_ago=2, actor=campaign_lead_user)
    report(campaign, official, "opposes", verify=None, actor=campaign_lead_user)
    report(campaign, official, "leaning_no", verify=False, actor=campaign_lead_user)

    response = anon_client.get(official_url(campaign, official))
    content = response.content.decode()

    assert response.status_code == 200
    assert official.email in content and official.phone in content
    assert response.context["record"].stance == "supports"
    assert [r.stance for r in response.context["record"].history] == ["supports", "undecided"]
    assert "https://news.example.com/undecided" in content
    assert "Opposes" not in content.split('id="stance-heading"')[1].split("</section>")[0]
    assert campaign_lead_user.name not in content  # never the reporter


def test_official_page_counts_meetings_and_lists_pressure(anon_client, campaign, official):
    MeetingFactory.create_batch(2, campaign=campaign, official=official, status="held")
    PressureAction.objects.create(
        campaign=campaign,
        kind="op_ed",
        official=official,
        title="Open the votes",
        outlet="The Republican",
        url="https://news.example.com/op-ed",
    )
    PressureAction.objects.create(
        campaign=campaign, kind="rally", district=official.district, count=40
    )
    other_district = DistrictFactory(body=campaign.target_body)
    PressureAction.objects.create(campaign=campaign, kind="calls", district=other_district)

    response = anon_client.get(official_url(campaign, official))
    content = response.content.decode()

    assert response.context["record"].meetings_held == 2
    assert response.context["record"].actions_total == 41
    assert "Open the votes" in content and "The Republican" in content


def test_official_of_another_body_is_404(anon_client, campaign):
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = OfficialFactory(district=DistrictFactory(body=senate))

    assert anon_client.get(official_url(campaign, senator)).status_code == 404


def test_official_links_are_web_links_only(anon_client, campaign, official):
    official.links = [
        {"url": "https://malegislature.gov/Legislators/Profile/X", "note": "Profile"},
        {"url": "javascript:alert(1)", "note": "Bad"},
        "not a dict",
    ]
    official.save(update_fields=["links"])

    content = anon_client.get(official_url(campaign, official)).content.decode()

    assert "Profile" in content and "javascript:" not in content


def test_no_constituent_data_on_any_public_campaign_page(
    anon_client, campaign, official, campaign_lead_user
):
    seed_officials(campaign, 2)
    seed_constituents(campaign, official)
    for pending in official.stance_reports.all():
        stance_report_review(report=pending, verified=True, actor=campaign_lead_user)

    for url in (LIST, detail(campaign), official_url(campaign, official)):
        response = anon_client.get(url)
        assert response.status_code == 200
        assert_no_constituent_data(response.content)


@pytest.mark.parametrize("n", [1, 30])
def test_official_page_query_count_is_constant(
    anon_client, campaign, official, campaign_lead_user, django_assert_num_queries, n
):
    for i in range(n):
        report(campaign, official, "supports", days_ago=i + 1, actor=campaign_lead_user)
        PressureAction.objects.create(campaign=campaign, kind="calls", official=official)

    with django_assert_num_queries(7):
        anon_client.get(official_url(campaign, official))
