"""The public “Find my legislator” page: town, then (only in split towns) ward and precinct."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.models import District, Official
from tests.campaigns.factories import DistrictAreaFactory

from .govdata import load_government_data

pytestmark = pytest.mark.django_db
URL = reverse("campaigns:find_my_legislator")


@pytest.fixture
def govdata(db):
    load_government_data()


def get(client, **params):
    return client.get(URL, params)


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    "role", ["anon_client", "member_client", "organizer_client", "staff_client"]
)
def test_anyone_can_open_the_page_and_pick_a_known_town(govdata, role, request):
    response = request.getfixturevalue(role).get(URL)

    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1") == 1
    assert '<label for="id_municipality">' in page
    assert '<option value="Abington">' in page
    assert '<option value="North Attleborough">' in page
    assert 'list="municipality-options"' in page


def test_a_town_in_one_district_answers_without_asking_for_a_precinct(govdata, anon_client):
    response = get(anon_client, municipality="Abington")

    assert response.status_code == 200
    page = text(response)
    assert 'name="place"' not in page
    assert "Alex Rivera" in page and "Dana Okafor" in page
    assert "State representative" in page and "State senator" in page
    assert "7th Plymouth" in page and "First Plymouth and Norfolk" in page
    assert "Democratic" in page
    assert 'alt="Photo of Alex Rivera"' in page
    assert 'href="mailto:Alex.Rivera@mahouse.example.gov"' in page
    assert 'href="tel:617-722-2000"' in page
    assert "24 Beacon St., Room 136; Boston, MA 02133" in page
    assert "10 Centre Ave.; Abington, MA 02351" in page
    assert "Morgan Lee" not in page


def test_the_town_name_is_matched_whatever_the_case_and_spacing(govdata, anon_client):
    response = get(anon_client, municipality="  north   attleborough ")

    assert response.status_code == 200
    assert "Jordan Pike" in text(response)
    assert "Sam Whitfield" in text(response)


def test_a_split_town_asks_for_ward_and_precinct_from_its_own_list(govdata, anon_client):
    response = get(anon_client, municipality="brockton")

    assert response.status_code == 200
    page = text(response)
    assert "Brockton is split between districts" in page
    assert '<select name="place"' in page
    assert '<option value="2|6A">Ward 2, precinct 6A</option>' in page
    assert '<option value="1|1">Ward 1, precinct 1</option>' in page
    assert "Alex Rivera" not in page and "Morgan Lee" not in page


def test_choosing_a_precinct_leads_to_a_shareable_address(govdata, anon_client):
    response = get(anon_client, municipality="Brockton", place="2|6A")

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?municipality=Brockton&ward=2&precinct=6A"


def test_a_precinct_shows_its_representative_and_senator(govdata, anon_client):
    response = get(anon_client, municipality="Brockton", ward="2", precinct="6a")

    assert response.status_code == 200
    page = text(response)
    assert "Your legislators in Brockton, Ward 2, precinct 6A" in page
    assert "Alex Rivera" in page and "Dana Okafor" in page
    assert "Morgan Lee" not in page and "Sam Whitfield" not in page
    assert "Choose another precinct" in page


def test_a_precinct_in_a_town_without_wards_needs_no_ward(govdata, anon_client):
    response = get(anon_client, municipality="Abington", ward="-", precinct="3")

    assert response.status_code == 200
    assert "Alex Rivera" in text(response)


def test_an_unknown_town_is_a_clear_400(govdata, anon_client):
    response = get(anon_client, municipality="Atlantis")

    assert response.status_code == 400
    assert "We have no precinct data for “Atlantis”" in text(response)
    assert 'role="alert"' in text(response)


@pytest.mark.parametrize(
    ("ward", "precinct", "message"),
    [
        ("2", "9", "Brockton has no precinct 9 in ward 2."),
        ("", "6A", "Brockton has no precinct 6A."),
        ("7", "1", "Brockton has no precinct 1 in ward 7."),
        ("2", "", "Choose your precinct as well as your ward."),
    ],
)
def test_a_precinct_that_does_not_exist_is_a_400_with_the_real_choices(
    govdata, anon_client, ward, precinct, message
):
    response = get(anon_client, municipality="Brockton", ward=ward, precinct=precinct)

    assert response.status_code == 400
    assert message in text(response)
    assert '<option value="2|6A">' in text(response)


def test_a_made_up_precinct_choice_is_a_400(govdata, anon_client):
    response = get(anon_client, municipality="Brockton", place="9|9")

    assert response.status_code == 400
    assert "Choose your ward and precinct from the list." in text(response)


def test_the_zip_fallback_lists_districts_with_shares_and_says_it_is_approximate(
    govdata, anon_client
):
    response = get(anon_client, zip="02301")

    assert response.status_code == 200
    page = text(response)
    assert "Districts that include ZIP code 02301" in page
    assert "Approximate" in page
    assert "60% of this ZIP code" in page and "40% of this ZIP code" in page
    assert "Morgan Lee" in page and "Alex Rivera" in page and "Sam Whitfield" in page


def test_a_town_wins_over_a_zip_code(govdata, anon_client):
    response = get(anon_client, municipality="Abington", zip="02301")

    assert "Approximate" not in text(response)
    assert "Morgan Lee" not in text(response)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"zip": "abc"}, "is not a ZIP code"),
        ({"zip": "99999"}, "We have no district data for ZIP code 99999"),
        ({"municipality": "", "zip": ""}, "Enter your city or town, or your ZIP code."),
        ({"municipality": "x" * 300}, "at most 100 characters"),
        ({"municipality": "Brockton", "ward": "2", "precinct": "<b>"}, "not a ward or precinct"),
    ],
)
def test_bad_input_is_a_clear_400(govdata, anon_client, params, message):
    response = get(anon_client, **params)

    assert response.status_code == 400
    assert message in text(response)


def test_the_page_works_before_any_data_is_imported(anon_client, db):
    assert anon_client.get(URL).status_code == 200
    assert "No precinct data has been loaded yet" in text(anon_client.get(URL))
    assert get(anon_client, municipality="Abington").status_code == 400


def test_only_web_links_are_shown(govdata, anon_client):
    Official.objects.filter(name="Alex Rivera").update(
        links=[
            {"url": "javascript:alert(1)"},
            {"url": "https://rivera.example.org", "note": "Site"},
        ]
    )

    page = text(get(anon_client, municipality="Abington"))

    assert "javascript:" not in page
    assert '<a href="https://rivera.example.org" rel="noopener">Site</a>' in page


def test_a_district_without_a_current_official_says_so(govdata, anon_client):
    Official.objects.filter(name="Alex Rivera").update(term_end="2020-01-01")

    page = text(get(anon_client, municipality="Abington"))

    assert "We have no current official on record for this district." in page
    assert "Alex Rivera" not in page


def test_the_answer_takes_a_few_queries(govdata, anon_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert get(anon_client, municipality="Brockton", ward="2", precinct="6A").status_code == 200


def test_post_is_not_allowed(govdata, anon_client):
    assert anon_client.post(URL, {"municipality": "Abington"}).status_code == 405


def test_a_town_name_found_in_two_states_asks_which_state(govdata, anon_client):
    DistrictAreaFactory(
        state="RI",
        municipality="Brockton",
        ward="",
        precinct="1",
        district=District.objects.first(),
    )

    ambiguous = get(anon_client, municipality="Brockton")
    chosen = get(anon_client, municipality="Brockton", state="MA")

    assert ambiguous.status_code == 400
    assert "There is a Brockton in several states: choose yours." in text(ambiguous)
    assert '<select name="state"' in text(ambiguous)
    assert chosen.status_code == 200
    assert '<option value="2|6A">' in text(chosen)
