"""The zoomable national map: clusters per grid cell, single places from POINTS_ZOOM, a capped
payload for any box, and only public things (public consented leaders, organizations, public
events still to come)."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.map_clusters import MAX_FEATURES, POINTS_ZOOM
from directory.models import Leader, Organization, Scope
from events.models import Event
from tests.events.factories import EventFactory

from .factories import LeaderFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

URL = reverse("directory:map_clusters_geojson")
WORLD = "-180,-90,180,90"


def clusters(client, bbox: str, zoom: int, **params) -> dict:
    response = client.get(URL, {"bbox": bbox, "zoom": zoom, **params})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def organizations_at(points: list[tuple[float, float]], prefix: str = "Group") -> None:
    Organization.objects.bulk_create(
        Organization(
            name=f"{prefix} {i}",
            slug=f"{prefix.lower()}-{i}",
            kind=Organization.Kind.LOCAL_GROUP,
            scope=Scope.LOCAL,
            city="Somewhere",
            state="MA",
            latitude=lat,
            longitude=lng,
        )
        for i, (lat, lng) in enumerate(points)
    )


def grid(n: int) -> list[tuple[float, float]]:
    """n distinct points spread over the lower 48 states."""
    return [(25 + (i % 40) * 0.5, -124 + (i // 40) * 2.0) for i in range(n)]


def test_nearby_places_are_counted_in_one_cluster_per_cell(anon_client):
    organizations_at([(42.30 + i * 0.005, -71.10 + i * 0.004) for i in range(30)], "Boston")
    organizations_at([(34.00 + i * 0.005, -118.30 + i * 0.004) for i in range(10)], "LA")

    data = clusters(anon_client, "-125,24,-66,50", 5)

    assert data["mode"] == "clusters"
    assert [(f["properties"]["layer"], f["properties"]["count"]) for f in data["features"]] == [
        ("organization", 30),
        ("organization", 10),
    ]
    assert all("name" not in f["properties"] for f in data["features"])
    lng, lat = data["features"][0]["geometry"]["coordinates"]
    assert 42.3 < lat < 42.5 and -71.1 < lng < -70.9  # the cluster sits among its places


def test_zoomed_in_each_place_is_its_own_marker_with_its_page(anon_client):
    organization = OrganizationFactory(name="Riverside Tenants", latitude=42.37, longitude=-71.1)

    data = clusters(anon_client, "-71.2,42.3,-71.0,42.4", POINTS_ZOOM)

    assert data["mode"] == "points"
    (feature,) = data["features"]
    assert feature["properties"] == {
        "type": "organization",
        "name": "Riverside Tenants",
        "url": organization.get_absolute_url(),
        "city": organization.city,
        "state": "MA",
    }


def test_only_places_inside_the_box_are_counted(anon_client):
    organizations_at([(42.35, -71.05)], "Inside")
    organizations_at([(34.05, -118.25)], "Outside")

    data = clusters(anon_client, "-72,42,-70,43", POINTS_ZOOM)

    assert [f["properties"]["name"] for f in data["features"]] == ["Inside 0"]


@pytest.mark.parametrize("zoom", [5, 8, 11, POINTS_ZOOM, 18])
@pytest.mark.parametrize("bbox", [WORLD, "-1000,-1000,1000,1000"])
def test_a_huge_box_never_returns_more_than_the_cap(anon_client, zoom, bbox):
    organizations_at(grid(MAX_FEATURES + 80))

    data = clusters(anon_client, bbox, zoom)

    assert len(data["features"]) <= MAX_FEATURES
    assert data["cap"] == MAX_FEATURES
    if zoom >= 11:  # cells this small hold one place each here
        assert len(data["features"]) == MAX_FEATURES
        assert data["truncated"] is True


@pytest.mark.parametrize("n", [5, 300])
def test_the_queries_do_not_grow_with_the_places(anon_client, django_assert_num_queries, n):
    organizations_at(grid(n))
    # One query per layer (leaders, organizations, events), clusters or points alike.
    for zoom in (6, POINTS_ZOOM):
        with django_assert_num_queries(3):
            anon_client.get(URL, {"bbox": WORLD, "zoom": zoom})


def _private_and_public_things():
    now = timezone.now()
    boston = {"latitude": 42.36, "longitude": -71.06}
    LeaderFactory(name="Public Pat", **boston)
    LeaderFactory(name="Members Mo", visibility=Leader.Visibility.MEMBERS, **boston)
    LeaderFactory(name="Organizers Oz", visibility=Leader.Visibility.ORGANIZERS, **boston)
    EventFactory(title="Open Town Hall", **boston)
    EventFactory(title="Invited Dinner", visibility=Event.Visibility.INVITE_ONLY, **boston)
    EventFactory(title="Draft Rally", status=Event.Status.DRAFT, **boston)
    EventFactory(
        title="Last Year's Picnic",
        starts_at=now - timedelta(days=300),
        ends_at=now - timedelta(days=300) + timedelta(hours=2),
        **boston,
    )


@pytest.mark.parametrize("client_name", ["anon_client", "member_client", "organizer_client"])
def test_only_public_consented_people_and_public_upcoming_events_are_placed(request, client_name):
    client = request.getfixturevalue(client_name)
    _private_and_public_things()

    points = clusters(client, "-72,42,-70,43", POINTS_ZOOM)
    grouped = clusters(client, "-72,42,-70,43", 6)

    names = sorted(f["properties"]["name"] for f in points["features"])
    assert names == ["Open Town Hall", "Public Pat"]
    assert sorted(
        (f["properties"]["layer"], f["properties"]["count"]) for f in grouped["features"]
    ) == [
        ("event", 1),
        ("leader", 1),
    ]
    body = json.dumps(points)
    assert "@" not in body  # no address of any kind


def test_a_public_profile_without_consent_never_shows_even_if_the_row_says_public(anon_client):
    leader = LeaderFactory(name="Unsure Una", latitude=42.36, longitude=-71.06)
    # The database forbids public without consent; a row made private again keeps its consent
    # date, and a private one is never shown whatever its consent.
    Leader.objects.filter(pk=leader.pk).update(visibility=Leader.Visibility.MEMBERS)

    data = clusters(anon_client, "-72,42,-70,43", POINTS_ZOOM)

    assert data["features"] == []


def test_the_kind_filter_picks_one_layer(anon_client):
    _private_and_public_things()
    OrganizationFactory(name="Union Hall Group", latitude=42.36, longitude=-71.06)

    events = clusters(anon_client, "-72,42,-70,43", POINTS_ZOOM, kind="event")
    groups = clusters(anon_client, "-72,42,-70,43", POINTS_ZOOM, kind="local_group")

    assert [f["properties"]["name"] for f in events["features"]] == ["Open Town Hall"]
    assert [f["properties"]["name"] for f in groups["features"]] == ["Union Hall Group"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"zoom": 5}, "Give the map area (bbox)."),
        ({"bbox": "1," * 80 + "1", "zoom": 5}, "The map area must be four numbers"),
        ({"bbox": "a,b,c,d", "zoom": 5}, "The map area must be four numbers"),
        ({"bbox": "1,2,3", "zoom": 5}, "The map area must be four numbers"),
        ({"bbox": "nan,1,2,3", "zoom": 5}, "The map area must be four numbers"),
        ({"bbox": "-70,40,-75,43", "zoom": 5}, "The map area has no width or height."),
        ({"bbox": WORLD, "zoom": 99}, "The zoom level must be 18 or less."),
        ({"bbox": WORLD, "zoom": "x"}, "The zoom level must be a whole number."),
        ({"bbox": WORLD, "zoom": 5, "kind": "secret"}, "Unknown kind"),
    ],
)
def test_bad_input_is_a_400_with_its_message(anon_client, params, message):
    response = anon_client.get(URL, params)

    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_national_map_tells_its_script_where_the_clusters_are(anon_client):
    OrganizationFactory()

    page = anon_client.get(reverse("directory:map"), {"topic": ""}).content.decode()
    plain = anon_client.get(reverse("directory:map")).content.decode()

    assert f'data-clusters-url="{URL}"' in plain
    assert "data-clusters-url" in page


def test_the_scripts_new_words_go_through_gettext_with_a_fallback():
    script = (Path(__file__).resolve().parents[2] / "static/js/map.js").read_text()

    assert 'typeof gettext === "function" ? gettext(text) : text' in script
    assert 't("Zoom in here")' in script
