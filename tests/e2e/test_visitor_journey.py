"""A visitor searches the directory, filters a list and opens a profile, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.actlocal.factories import TopicFactory
from tests.directory.factories import (
    AffiliationFactory,
    LeaderFactory,
    OrganizationFactory,
    ResourceFactory,
)


@pytest.fixture
def directory_data():
    voting = TopicFactory(slug="voting-elections", name="Voting and elections", featured=True)
    housing = TopicFactory(slug="housing", name="Housing")
    union = OrganizationFactory(
        name="Lakeshore Voters League", city="Toledo", state="OH", topics=[voting]
    )
    ResourceFactory(title="Lakeshore poll worker kit", provider=union, topics=[voting])
    leader = LeaderFactory(
        name="Renata Lakeshore",
        city="Toledo",
        state="OH",
        topics=[voting],
        bio="Recruits poll workers across Lucas County.",
    )
    AffiliationFactory(leader=leader, organization=union, role_title="Volunteer coordinator")
    LeaderFactory(name="Oscar Toledo Housing", city="Toledo", state="OH", topics=[housing])
    LeaderFactory(name="Wanda Lakeshore", city="Madison", state="WI", topics=[voting])
    LeaderFactory(name="Hidden Lakeshore", state="OH", topics=[voting], visibility="members")
    return {"leader": leader}


@pytest.mark.django_db(transaction=True)
def test_visitor_searches_filters_and_opens_a_leader_profile(
    page, live_server, assert_accessible, directory_data
):
    page.goto(live_server.url + "/directory/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The network directory")
    assert_accessible("directory overview")

    # One search box across the whole directory; results grouped by kind.
    page.get_by_label("Search leaders, organizations and resources").fill("lakeshore")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("lakeshore")
    expect(page.get_by_role("link", name="Lakeshore Voters League")).to_be_visible()
    expect(page.get_by_role("link", name="Lakeshore poll worker kit")).to_be_visible()
    expect(page.get_by_role("link", name="Hidden Lakeshore")).to_have_count(0)
    assert_accessible("overview search results")

    page.get_by_role("link", name=re.compile(r"See all 2 matching leaders")).click()
    expect(page).to_have_url(re.compile(r"/directory/leaders/\?q=lakeshore$"))
    expect(page.get_by_role("heading", name="2 leaders")).to_be_visible()
    assert_accessible("leader list")

    # Narrow the list by state and topic in the sidebar; the URL can be shared.
    page.get_by_label("State", exact=True).select_option("OH")
    page.get_by_label("Topic", exact=True).select_option("voting-elections")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"state=OH.*topic=voting-elections"))
    expect(page.get_by_role("heading", name="1 leader")).to_be_visible()
    expect(page.get_by_role("link", name="Wanda Lakeshore")).to_have_count(0)
    assert_accessible("filtered leader list")

    page.get_by_role("link", name="Renata Lakeshore").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Renata Lakeshore")
    expect(page.get_by_text("Volunteer coordinator")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in to send a message")).to_be_visible()
    assert directory_data["leader"].email not in page.content()
    assert_accessible("leader profile")

    page.get_by_role("link", name="Lakeshore Voters League").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lakeshore Voters League")
    assert_accessible("organization profile")


@pytest.mark.django_db(transaction=True)
def test_visitor_reaches_voting_resources_in_one_click_and_sees_bad_filters_explained(
    page, live_server, assert_accessible, directory_data
):
    page.goto(live_server.url + "/directory/")
    page.get_by_role("link", name=re.compile(r"^Voting and elections")).first.click()
    expect(page).to_have_url(re.compile(r"/directory/resources/\?topic=voting-elections$"))
    expect(page.get_by_role("link", name="Lakeshore poll worker kit")).to_be_visible()
    page.get_by_role("link", name="Lakeshore poll worker kit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lakeshore poll worker kit")
    assert_accessible("resource profile")

    response = page.goto(live_server.url + "/directory/resources/?topic=not-a-topic")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("There is no topic")
    assert_accessible("bad filter message")
