"""Pressure actions: the organizer page, the service, and what the public sees of them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.models import AuditEntry
from campaigns.models import Campaign, PressureAction
from campaigns.services.actions import PressureActionError, pressure_action_create

from .factories import BodyFactory, DistrictFactory, OfficialFactory

pytestmark = pytest.mark.django_db


def actions_url(campaign) -> str:
    return reverse("campaigns:actions", args=[campaign.slug])


def form_data(**extra) -> dict:
    return {
        "kind": "letter",
        "title": "Let the sunshine in",
        "outlet": "Springfield Republican",
        "url": "https://news.example.com/lte",
        "count": "1",
        "happened_on": timezone.localdate().isoformat(),
        **extra,
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anon_client", 302),
        ("member_client", 403),
        ("constituent_client", 403),
        ("other_campaign_team_client", 403),
        ("campaign_team_client", 200),
        ("staff_client", 200),
    ],
)
def test_actions_page_is_for_the_team_and_staff(request, campaign, official, role, status):
    client = request.getfixturevalue(role)

    assert client.get(actions_url(campaign)).status_code == status
    response = client.post(actions_url(campaign), form_data(official=official.slug))
    assert response.status_code == (302 if status == 200 else status)
    assert PressureAction.objects.exists() == (status == 200)


def test_draft_campaign_actions_page_is_404_to_another_campaigns_team(
    other_campaign_team_client, campaign
):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)

    assert other_campaign_team_client.get(actions_url(campaign)).status_code == 404


def test_team_records_an_action_for_an_official(campaign_team_client, campaign, official):
    response = campaign_team_client.post(
        actions_url(campaign), form_data(official=official.slug), follow=True
    )

    action = PressureAction.objects.get()
    assert (action.official, action.district, action.kind) == (
        official,
        official.district,
        "letter",
    )
    assert action.created_by.email == "campaign-lead@example.org"
    assert "Pressure action recorded." in response.content.decode()
    assert AuditEntry.objects.filter(action="pressure_action.create").exists()


def test_team_records_calls_to_a_district(campaign_team_client, campaign, district):
    campaign_team_client.post(
        actions_url(campaign), form_data(kind="calls", district=district.pk, count="120", url="")
    )

    action = PressureAction.objects.get()
    assert (action.official, action.district, action.count) == (None, district, 120)


def test_the_page_totals_actions_per_official(
    campaign_team_client, campaign, official, campaign_lead_user
):
    for count in (3, 4):
        pressure_action_create(
            campaign=campaign,
            kind="calls",
            official=official,
            count=count,
            actor=campaign_lead_user,
        )

    totals = campaign_team_client.get(actions_url(campaign)).context["totals"]

    assert [(t["official__name"], t["actions"], t["total"]) for t in totals] == [
        (official.name, 2, 7)
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, b"Choose the official or the district"),
        ({"official": "nobody"}, b"Choose one of the current officials"),
        ({"district": "999999"}, b"Choose one of the target body"),
        ({"url": "not a link"}, b"Enter a valid URL"),
        ({"count": "0"}, b"greater than or equal to 1"),
        ({"kind": "petition"}, b"Select a valid choice"),
        ({"happened_on": "2999-01-01"}, b"cannot be in the future"),
    ],
)
def test_bad_action_input_is_400_and_records_nothing(
    campaign_team_client, campaign, official, extra, message
):
    response = campaign_team_client.post(actions_url(campaign), form_data(**extra))

    assert response.status_code == 400
    assert message in response.content
    assert not PressureAction.objects.exists()


def test_an_official_and_a_district_that_do_not_match_are_refused(
    campaign_team_client, campaign, official
):
    elsewhere = DistrictFactory(body=campaign.target_body)

    response = campaign_team_client.post(
        actions_url(campaign), form_data(official=official.slug, district=elsewhere.pk)
    )

    assert response.status_code == 400
    assert b"does not represent" in response.content


def test_another_bodys_official_or_district_is_refused(campaign_team_client, campaign):
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = OfficialFactory(district=DistrictFactory(body=senate))

    for data in ({"official": senator.slug}, {"district": senator.district.pk}):
        assert (
            campaign_team_client.post(actions_url(campaign), form_data(**data)).status_code == 400
        )
    assert not PressureAction.objects.exists()


# --- The service -------------------------------------------------------------------------------


def test_service_refuses_an_action_without_a_target(campaign, campaign_lead_user):
    with pytest.raises(PressureActionError):
        pressure_action_create(campaign=campaign, kind="rally", actor=campaign_lead_user)


def test_service_refuses_another_bodys_official(campaign, campaign_lead_user):
    senate = BodyFactory(slug="ma-senate", name="MA Senate", kind="state_upper")
    senator = OfficialFactory(district=DistrictFactory(body=senate))

    with pytest.raises(PressureActionError):
        pressure_action_create(
            campaign=campaign, kind="rally", official=senator, actor=campaign_lead_user
        )


def test_service_bumps_the_campaign_so_the_cached_scoreboard_shows_the_action(
    anon_client, campaign, official, campaign_lead_user
):
    url = reverse("campaigns:scoreboard_json", args=[campaign.slug])
    assert anon_client.get(url).json()["officials"][0]["actions"] == 0

    pressure_action_create(
        campaign=campaign,
        kind="op_ed",
        official=official,
        actor=campaign_lead_user,
        happened_on=timezone.localdate() - timedelta(days=1),
    )

    assert anon_client.get(url).json()["officials"][0]["actions"] == 1


def test_recorded_by_is_never_shown_publicly(campaign_team_client, anon_client, campaign, official):
    campaign_team_client.post(actions_url(campaign), form_data(official=official.slug))
    public = reverse("campaigns:official", args=[campaign.slug, official.slug])

    content = anon_client.get(public).content.decode()

    assert "Let the sunshine in" in content
    assert "Cam Lead" not in content
