"""Journey: a leader finds their legislators by town and precinct, then joins a campaign.

The officials and the precinct crosswalk are loaded the way staff load them, with the import
commands, from files in Open States' CSV format and the crosswalk format, including the naming
differences between the two ("7th Plymouth" / "Seventh Plymouth", "and" / "&").
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from campaigns.models import Body, CampaignMember, Official
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import CampaignFactory
from tests.directory.factories import LeaderFactory

OFFICIALS_CSV = """\
id,name,given_name,family_name,current_party,current_district,current_chamber,email,image,\
capitol_address,capitol_voice,district_address,district_voice
ocd-person/e2e-0001,Rosa Delgado,Rosa,Delgado,Democratic,7th Plymouth,lower,\
rosa.delgado@house.example.gov,,24 Beacon St. Room 134 Boston MA 02133,617-722-2001,,
ocd-person/e2e-0002,Tom Whitcomb,Tom,Whitcomb,Republican,8th Plymouth,lower,\
tom.whitcomb@house.example.gov,,24 Beacon St. Room 236 Boston MA 02133,617-722-2002,,
ocd-person/e2e-0003,Alma Nguyen,Alma,Nguyen,Democratic,First Plymouth and Norfolk,upper,\
alma.nguyen@senate.example.gov,,24 Beacon St. Room 410 Boston MA 02133,617-722-1003,,
"""

# Abington lies in one House district; Brockton is split, so its precincts decide.
CROSSWALK_CSV = """\
city_town,Ward,Pct,State_Rep,State_Senate,US_House,Gov_Council
Abington,-,1,Seventh Plymouth,First Plymouth & Norfolk,Eighth,Fourth
Abington,-,2,Seventh Plymouth,First Plymouth & Norfolk,Eighth,Fourth
Brockton,1,1,Seventh Plymouth,First Plymouth & Norfolk,Eighth,Fourth
Brockton,1,2,Eighth Plymouth,First Plymouth & Norfolk,Eighth,Fourth
Brockton,2,6A,Eighth Plymouth,First Plymouth & Norfolk,Eighth,Fourth
"""


@pytest.fixture
def legislature(db, tmp_path):
    officials = tmp_path / "ma.csv"
    officials.write_text(OFFICIALS_CSV)
    crosswalk = tmp_path / "precincts.csv"
    crosswalk.write_text(CROSSWALK_CSV)
    # Either command refuses a file it cannot fully match with CommandError, failing the test.
    call_command("import_officials", str(officials), stdout=io.StringIO())
    call_command("import_precincts", str(crosswalk), stdout=io.StringIO())
    house = Body.objects.get(state="MA", kind=Body.Kind.STATE_LOWER, municipality="")
    campaign = CampaignFactory(
        title="Open Committee Votes",
        slug="open-committee-votes",
        target_body=house,
        ask="Will you vote to make every committee vote public?",
    )
    user = UserFactory(email="lena@example.org", name="Lena Okoro")
    LeaderFactory(user=user, name="Lena Okoro", email=user.email, city="Brockton", state="MA")
    return {
        "campaign": campaign,
        "user": user,
        "rep": Official.objects.get(openstates_id="ocd-person/e2e-0002"),
        "other_rep": Official.objects.get(openstates_id="ocd-person/e2e-0001"),
        "senator": Official.objects.get(openstates_id="ocd-person/e2e-0003"),
    }


@pytest.mark.django_db(transaction=True)
def test_leader_finds_their_legislators_by_town_and_precinct_and_joins_a_campaign(
    page, live_server, assert_accessible, sign_in, legislature
):
    campaign, rep, senator = legislature["campaign"], legislature["rep"], legislature["senator"]
    other_rep = legislature["other_rep"]
    sign_in(legislature["user"])

    # Brockton is split between House districts, so the page asks for the ward and precinct.
    page.goto(live_server.url + "/campaigns/find-my-legislator/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find my legislator")
    assert_accessible("find my legislator")
    page.get_by_label(re.compile(r"^City or town")).fill("Brockton")
    page.get_by_role("button", name="Find my legislators").click()
    expect(page.get_by_role("heading", name="Brockton is split between districts")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(rep.name)
    assert_accessible("find my legislator asking for the precinct")
    page.get_by_label("Your ward and precinct").select_option(label="Ward 1, precinct 2")
    page.get_by_role("button", name="Show my legislators").click()

    # Their representative and senator with contact details; not the other half of town's rep.
    expect(page).to_have_url(re.compile(r"municipality=Brockton.*ward=1.*precinct=2"))
    answer = page.get_by_role("region", name="Your legislators in Brockton, Ward 1, precinct 2")
    representative = answer.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=re.compile(r"^State representative"))
    )
    expect(representative.get_by_role("heading", level=4)).to_have_text(rep.name)
    expect(representative).to_contain_text(rep.email)
    expect(representative).to_contain_text(rep.phone)
    expect(representative).to_contain_text(rep.office_address)
    senate = answer.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=re.compile(r"^State senator"))
    )
    expect(senate.get_by_role("heading", level=4)).to_have_text(senator.name)
    expect(senate).to_contain_text(senator.email)
    expect(page.get_by_role("main")).not_to_contain_text(other_rep.name)
    assert_accessible("find my legislator answer")

    # On to a campaign, and join it: the split town asks for the precinct again, and the
    # leader is matched to their own representative.
    page.get_by_role("link", name="See the campaigns you can join").click()
    assert_accessible("campaign list")
    page.get_by_role("link", name=campaign.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)
    assert_accessible("campaign page")
    page.get_by_role("link", name="Join this campaign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Join {campaign.title}")
    assert_accessible("join form")
    page.get_by_label(re.compile(r"^City or town")).fill("Brockton")
    page.get_by_role("button", name="Join the campaign").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"ward|precinct", re.I))
    assert not CampaignMember.objects.filter(campaign=campaign).exists()
    assert_accessible("join form asking for the precinct")
    page.get_by_label(re.compile(r"^Ward")).fill("1")
    page.get_by_label(re.compile(r"^Precinct")).fill("2")
    page.get_by_role("button", name="Join the campaign").click()

    expect(page.get_by_role("status")).to_contain_text(f"You have joined {campaign.title}.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your part in {campaign.title}")
    mine = page.get_by_role("region", name="Your official")
    expect(mine.get_by_role("heading", level=3)).to_have_text(rep.name)
    expect(mine).to_contain_text(rep.email)
    expect(page.get_by_role("main")).not_to_contain_text(other_rep.name)
    assert_accessible("after joining")

    member = CampaignMember.objects.get(campaign=campaign, leader__user=legislature["user"])
    assert (member.municipality, member.ward, member.precinct) == ("Brockton", "1", "2")
    districts = set(member.districts.values_list("pk", flat=True))
    assert rep.district_id in districts
    assert other_rep.district_id not in districts
