"""The scoreboard costs the same number of queries for 5 officials as for 200."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from campaigns.models import (
    CampaignOfficial,
    District,
    Meeting,
    Official,
    PressureAction,
    StanceReport,
)

pytestmark = pytest.mark.django_db

# access_campaign, the officials with their counts, the campaign-wide stamps.
QUERIES = 3
FORMATS = ["scoreboard", "scoreboard_json", "scoreboard_csv", "scoreboard_svg"]
STANCES = ["supports", "leaning_yes", "undecided", "leaning_no", "opposes"]


def seed(campaign, n: int) -> None:
    """n officials in bulk, with stances, reports, meetings and actions on most of them."""
    body = campaign.target_body
    districts = District.objects.bulk_create(
        District(body=body, name=f"D{i}", name_key=f"d{i}", region=f"R{i % 4}") for i in range(n)
    )
    officials = Official.objects.bulk_create(
        Official(
            name=f"Official {i}", slug=f"q-official-{i}", body=body, district=d, party=f"P{i % 3}"
        )
        for i, d in enumerate(districts)
    )
    now = timezone.now()
    reports = StanceReport.objects.bulk_create(
        StanceReport(
            campaign=campaign,
            official=o,
            stance=STANCES[i % 5],
            source="statement",
            review="verified",
            reported_at=now,
        )
        for i, o in enumerate(officials)
        if i % 6
    )
    CampaignOfficial.objects.bulk_create(
        CampaignOfficial(
            campaign=campaign,
            official=r.official,
            stance=r.stance,
            stance_report=r,
            stance_changed_at=now,
        )
        for r in reports
    )
    Meeting.objects.bulk_create(
        Meeting(campaign=campaign, official=o, status=Meeting.Status.HELD)
        for i, o in enumerate(officials)
        for _ in range(i % 3)
    )
    PressureAction.objects.bulk_create(
        PressureAction(campaign=campaign, kind="calls", official=o, count=3)
        for i, o in enumerate(officials)
        if i % 2
    )


def measure(client, campaign, django_assert_num_queries, expected: dict[str, int]) -> None:
    for name in FORMATS:
        url = reverse(f"campaigns:{name}", args=[campaign.slug]) + "?region=R1"
        cache.clear()
        with django_assert_num_queries(expected[name], info=name):
            response = client.get(url)
        assert response.status_code == 200, name


@pytest.mark.parametrize("n", [5, 200])
def test_scoreboard_query_count_is_the_same_for_5_and_200_officials(
    anon_client, campaign, django_assert_num_queries, n
):
    seed(campaign, n)

    measure(anon_client, campaign, django_assert_num_queries, dict.fromkeys(FORMATS, QUERIES))


@pytest.mark.parametrize("n", [5, 200])
def test_signed_in_viewer_costs_the_same_for_5_and_200(
    member_client, campaign, django_assert_num_queries, n
):
    seed(campaign, n)

    # The page's header adds the session, the user and the organizer check; the data formats
    # never look at the viewer of a public campaign.
    # The JSON (page-cached for anonymous visitors) reads the session to know the visitor is
    # signed in and must not be given the shared copy.
    expected = dict.fromkeys(FORMATS, QUERIES) | {
        "scoreboard": QUERIES + 3,
        "scoreboard_json": QUERIES + 1,
    }
    measure(member_client, campaign, django_assert_num_queries, expected)


@pytest.mark.parametrize("n", [5, 200])
def test_a_cached_scoreboard_costs_no_query(anon_client, campaign, django_assert_num_queries, n):
    seed(campaign, n)
    url = reverse("campaigns:scoreboard_json", args=[campaign.slug])
    anon_client.get(url)

    with django_assert_num_queries(0):  # the anonymous page cache answers
        anon_client.get(url)


def test_seeded_200_officials_show_with_their_counts(anon_client, campaign):
    seed(campaign, 200)

    data = anon_client.get(reverse("campaigns:scoreboard_json", args=[campaign.slug])).json()

    assert data["officials_total"] == 200
    assert sum(data["counts"].values()) == 200
    assert data["counts"]["no_response"] == 34
    assert data["meetings_held"] == sum(i % 3 for i in range(200))
