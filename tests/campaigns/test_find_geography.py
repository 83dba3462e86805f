"""campaigns.geography: places -> districts and officials (the interface the join flow uses)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from campaigns import geography
from campaigns.models import Body, Official
from tests.campaigns.factories import CampaignMemberFactory

from .govdata import load_government_data

pytestmark = pytest.mark.django_db
LOWER, UPPER = Body.Kind.STATE_LOWER, Body.Kind.STATE_UPPER


@pytest.fixture
def govdata(db):
    load_government_data()


def names(items) -> list[str]:
    return [item.name for item in items]


def test_municipalities_lists_each_town_once(govdata):
    towns = geography.municipalities()

    assert [(t.name, t.state) for t in towns] == [
        ("Abington", "MA"),
        ("Brockton", "MA"),
        ("North Attleborough", "MA"),
    ]
    assert geography.municipalities(state="RI") == []


def test_towns_match_whatever_the_case_and_spacing(govdata):
    [town] = geography.municipality_matches(name="  north   ATTLEBOROUGH ")

    assert town.name == "North Attleborough"
    assert geography.municipality_matches(name="Atlantis") == []


def test_a_whole_town_lies_in_one_house_and_one_senate_district(govdata):
    districts = geography.districts_for_place(state="MA", municipality="abington")

    assert names(districts) == ["7th Plymouth", "First Plymouth and Norfolk", "Eighth", "Fourth"]
    assert not geography.is_split(districts)


def test_a_split_town_lists_every_district_until_a_precinct_is_given(govdata):
    town = geography.districts_for_place(state="MA", municipality="Brockton")
    precinct = geography.districts_for_place(
        state="MA", municipality="Brockton", ward="2", precinct="6a"
    )

    assert geography.is_split(town)
    assert names(geography.group_by_kind(town)[LOWER]) == ["7th Plymouth", "10th Plymouth"]
    assert names(precinct) == ["7th Plymouth", "First Plymouth and Norfolk", "Ninth", "Fourth"]


def test_officials_for_place_gives_the_representative_and_senator(govdata):
    officials = geography.officials_for_place(
        state="MA", municipality="Brockton", ward="1", precinct="2"
    )

    assert list(officials) == [LOWER, UPPER, Body.Kind.US_HOUSE, Body.Kind.EXECUTIVE_COUNCIL]
    assert names(officials[LOWER]) == ["Morgan Lee"]
    assert names(officials[UPPER]) == ["Sam Whitfield"]
    assert officials[Body.Kind.US_HOUSE] == []


def test_officials_whose_term_ended_are_not_listed(govdata):
    Official.objects.filter(name="Alex Rivera").update(
        term_end=timezone.localdate() - datetime.timedelta(days=1)
    )

    officials = geography.officials_for_place(state="MA", municipality="Abington")

    assert officials[LOWER] == []
    assert names(officials[UPPER]) == ["Dana Okafor"]


def test_unknown_places_raise_errors_with_a_message(govdata):
    with pytest.raises(geography.UnknownMunicipality, match="Atlantis"):
        geography.districts_for_place(state="MA", municipality="Atlantis")
    with pytest.raises(geography.UnknownPrecinct, match="no precinct 9 in ward 2"):
        geography.districts_for_place(state="MA", municipality="Brockton", ward="2", precinct="9")
    with pytest.raises(geography.UnknownMunicipality):
        geography.districts_for_place(state="RI", municipality="Brockton")


def test_district_for_body_needs_a_precinct_only_where_that_body_splits_the_town(govdata):
    house = Body.objects.get(kind=LOWER)
    council = Body.objects.get(kind=Body.Kind.EXECUTIVE_COUNCIL)

    assert geography.district_for_body(body=council, municipality="Brockton").name == "Fourth"
    with pytest.raises(geography.PlaceNeedsPrecinct):
        geography.district_for_body(body=house, municipality="Brockton")
    district = geography.district_for_body(
        body=house, municipality="Brockton", ward="1", precinct="1"
    )
    assert district.name == "10th Plymouth"


def test_place_precincts_are_in_natural_order(govdata):
    assert geography.place_precincts(state="MA", municipality="Brockton") == [
        ("1", "1"),
        ("1", "2"),
        ("2", "6A"),
        ("2", "6B"),
    ]


def test_zip_fallback_lists_districts_with_their_shares(govdata):
    seats = geography.seats_for_zip("02301")

    assert [(s.district.name, s.percent) for s in seats] == [
        ("10th Plymouth", 60),
        ("7th Plymouth", 40),
        ("Second Plymouth and Norfolk", 70),
        ("First Plymouth and Norfolk", 30),
    ]
    assert names(seats[0].officials) == ["Morgan Lee"]
    assert geography.districts_for_zip(zip_code="99999") == []


def test_officials_for_member_follows_the_members_districts(govdata):
    districts = geography.districts_for_place(state="MA", municipality="Abington")
    member = CampaignMemberFactory(districts=districts)
    house = Body.objects.get(kind=LOWER)

    assert names(geography.officials_for_member(member=member)) == ["Alex Rivera", "Dana Okafor"]
    assert names(geography.officials_for_member(member=member, body=house)) == ["Alex Rivera"]


def test_only_web_links_of_any_shape_are_kept():
    from campaigns.geography import web_links

    links = [
        {"url": None},
        {"url": 5},
        5,
        "javascript:alert(1)",
        {"url": "HTTPS://example.org/rep", "note": "Homepage"},
        "http://example.org/bio",
    ]
    assert web_links(links) == [
        {"url": "HTTPS://example.org/rep", "note": "Homepage"},
        {"url": "http://example.org/bio", "note": ""},
    ]
    assert web_links("not a list") == []
