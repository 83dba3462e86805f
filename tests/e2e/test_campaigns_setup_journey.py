"""Journey: a network organizer starts a local ordinance campaign from the playbook, names a new
city council, targets its members, marks a sponsor, works the playbook and reads the dashboard."""

import os

import pytest

from campaigns.models import Campaign, CampaignOfficial, CampaignStep
from tests.actlocal.factories import UserFactory
from tests.campaigns.factories import BodyFactory, DistrictFactory, OfficialFactory
from tests.directory.factories import LeaderFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("CAMPAIGN_SETUP_SHOTS")  # a folder: save screenshots for a visual check


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_organizer_sets_up_an_ordinance_campaign(page, live_server, sign_in, assert_accessible):
    organizer = UserFactory(email="olu@example.org", name="Olu Organizer", organizer=True)
    sign_in(organizer)

    page.goto(f"{live_server.url}/campaigns/new/")
    assert_accessible("create form")
    page.get_by_label("Local ordinance").check()
    page.get_by_label("Title", exact=True).fill("Northampton Surveillance Oversight")
    page.get_by_label("The hard ask", exact=True).fill(
        "Will you vote for council approval of every police surveillance technology?"
    )
    page.get_by_label("Name of the body").fill("Northampton City Council")
    page.get_by_label("City or town").fill("Northampton")
    page.locator("#id_new_body_state").select_option("MA")
    page.get_by_label("Kind of body").select_option("city_council")
    page.get_by_label("Form of government").select_option("mayor_council")
    page.get_by_label("Votes needed").fill("5")
    page.get_by_label("Constituent meetings goal").fill("9")
    page.get_by_label("Status").select_option("active")
    shot(page, "1-create")
    page.get_by_role("button", name="Create the campaign").click()

    page.get_by_text("You lead its team").wait_for()
    campaign = Campaign.objects.get()
    assert campaign.target_body.municipality == "Northampton"
    assert campaign.steps.count() == 9
    body = campaign.target_body
    for n, name in enumerate(["Ana Ward", "Bo Lee", "Cy Moss"], start=1):
        OfficialFactory(
            name=name, district=DistrictFactory(body=body, name=f"Ward {n}"), slug=f"cllr-{n}"
        )
    BodyFactory()  # a state House with nobody on it, to be sure it is not offered

    page.get_by_role("link", name="Officials", exact=True).click()
    page.get_by_role("button", name="Add all 3 current officials not yet targeted").click()
    page.get_by_text("3 officials added.").wait_for()
    assert_accessible("targets")
    page.get_by_label("Sponsor").first.check()
    page.get_by_role("button", name="Save roles of Ana Ward").click()
    page.get_by_text("Saved for Ana Ward.").wait_for()
    assert CampaignOfficial.objects.get(official__name="Ana Ward").is_sponsor
    shot(page, "2-targets")

    page.get_by_role("link", name="Playbook", exact=True).click()
    assert_accessible("playbook")
    near = page.get_by_role("link", name="Find groups and leaders already working on this")
    assert "/directory/near/" in near.get_attribute("href")
    page.get_by_role("button", name="Move Find who already works on it here up").click()
    first = campaign.steps.order_by("position").first()
    assert first.title == "Find who already works on it here"
    page.get_by_role("link", name="Edit Understand the issue and both sides").click()
    page.locator("#id_status").select_option("done")
    page.locator("#id_owner").select_option(label="Olu Organizer")
    page.get_by_role("button", name="Save the step").click()
    page.get_by_text("Step saved.").wait_for()
    shot(page, "3-playbook")
    step = CampaignStep.objects.get(campaign=campaign, title="Understand the issue and both sides")
    assert (step.status, step.owner) == ("done", organizer)

    page.get_by_role("link", name="Opposition", exact=True).click()
    page.get_by_label("Organization", exact=True).check()
    page.locator("#id_name").fill("Citizens for Quiet Streets")
    page.get_by_label("Their arguments").fill("Oversight slows the police down.")
    page.get_by_label("Our responses").fill("Approval takes one council meeting.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Opposition saved.").wait_for()
    assert_accessible("opposition")

    LeaderFactory(name="Rosa Vecina", state="MA", city="Northampton", visibility="public")
    page.get_by_role("link", name="Leadership", exact=True).click()
    page.get_by_label("Find by name").fill("Rosa")
    page.get_by_role("button", name="Find", exact=True).click()
    page.locator("#id_leader").select_option(label="Rosa Vecina (Northampton, MA)")
    page.get_by_label("From a community the ordinance affects").check()
    page.get_by_role("button", name="Add to the leadership").click()
    page.get_by_text("Rosa Vecina joined the leadership.").wait_for()
    assert_accessible("leadership")
    shot(page, "5-leadership")

    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_text("1 of 9 steps done").wait_for()
    assert page.get_by_text("Ana Ward").first.is_visible()
    assert_accessible("dashboard")
    shot(page, "4-dashboard")
