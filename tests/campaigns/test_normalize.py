"""Both data sources' spellings of a district or town come down to one key."""

import pytest

from campaigns.normalize import district_key, municipality_key


@pytest.mark.parametrize(
    ("crosswalk", "openstates"),
    [
        ("Seventh Plymouth", "7th Plymouth"),
        ("First Plymouth & Norfolk", "First Plymouth and Norfolk"),
        ("First Plymouth & Norfolk", "1st Plymouth and Norfolk"),
        ("Twenty-first Middlesex", "21st Middlesex"),
        ("Thirty-Second Middlesex", "32nd Middlesex"),
        ("Tenth  Plymouth", "10th plymouth"),
        ("SECOND HAMPDEN", "2nd Hampden"),
        ("Berkshire, Hampden, Franklin & Hampshire", "Berkshire, Hampden, Franklin and Hampshire"),
    ],
)
def test_crosswalk_and_open_states_names_share_a_key(crosswalk, openstates):
    assert district_key(crosswalk) == district_key(openstates)


def test_district_key_reads_ordinals_as_numbers():
    assert district_key("Seventh Plymouth") == "7 plymouth"
    assert district_key("Twenty-first Middlesex") == "21 middlesex"
    assert district_key("First Plymouth & Norfolk") == "1 plymouth and norfolk"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Seventh Plymouth", "Eighth Plymouth"),
        ("First Plymouth and Norfolk", "Plymouth and Norfolk"),
        ("Second Bristol", "Second Bristol and Plymouth"),
    ],
)
def test_different_districts_keep_different_keys(one, other):
    assert district_key(one) != district_key(other)


def test_municipality_key_ignores_case_spacing_and_accents():
    assert municipality_key("North  Attleborough") == municipality_key("north attleborough")
    assert municipality_key(" Manchester-by-the-Sea ") == municipality_key("manchester by the sea")
    assert municipality_key("Sainte-Île") == "sainte ile"
