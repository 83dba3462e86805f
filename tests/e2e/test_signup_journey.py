"""Journey: a new leader signs up, confirms their address, goes public and finds themself."""

import re

import pytest
from django.conf import settings

from directory.models import Leader

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.mark.django_db(transaction=True)
def test_new_leader_signs_up_confirms_goes_public_and_appears_in_the_directory(
    page, live_server, mailoutbox, assert_accessible
):
    # Sign up with name, email and password.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join the network").first.click()
    page.wait_for_url("**/accounts/signup/")
    assert page.get_by_role("heading", level=1).inner_text() == "Join the network"
    assert_accessible("signup")
    page.get_by_label("Your name").fill("Noor Newcomer")
    page.get_by_label("Email").fill("Noor.Newcomer@Example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    page.wait_for_url("**/accounts/confirm-email/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert_accessible("verification sent")

    # Follow the confirmation link from the outbox.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["noor.newcomer@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    # Mail links point at SITE_URL, never at the host the request came in on; here the site is
    # the live server, so open the same path there.
    assert link.startswith(settings.SITE_URL + "/")
    page.goto(live_server.url + link.removeprefix(settings.SITE_URL))
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm Email Address"
    assert_accessible("confirm email")
    page.get_by_role("button", name="Confirm").click()

    # Confirming signs them in on their new profile, visible to members only at first.
    page.wait_for_url("**/me/")
    assert page.get_by_role("heading", level=1).inner_text() == "My profile"
    assert_accessible("my profile")
    assert page.get_by_label("Your name", exact=True).input_value() == "Noor Newcomer"

    # Complete the profile and make it public, with consent.
    page.get_by_label("City", exact=True).fill("Cambridge")
    page.get_by_label("State", exact=True).select_option("MA")
    page.get_by_label(re.compile(r"^ZIP code")).fill("02139")
    page.get_by_label("Housing", exact=True).check()
    page.get_by_label("Community organizer", exact=True).check()
    page.get_by_label(re.compile(r"^Short bio")).fill("Tenant organizer in Cambridgeport.")
    page.get_by_label("Public: anyone can see my profile").check()
    page.get_by_label(re.compile("I agree that ActLocal shows my profile")).check()
    page.get_by_role("button", name="Save my profile").click()
    page.get_by_text("Your profile has been saved.").wait_for()
    assert page.get_by_role("link", name="See my public profile").is_visible()

    leader = Leader.objects.get(email="noor.newcomer@example.org")
    assert leader.visibility == Leader.Visibility.PUBLIC
    assert leader.consent_at is not None

    # Signed out, they find themself in the public directory.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/directory/leaders/")
    page.get_by_role("link", name="Noor Newcomer").first.click()
    page.wait_for_url(f"**/directory/leaders/{leader.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Noor Newcomer"
    content = page.content()
    assert "noor.newcomer@example.org" not in content.lower()
    assert "Tenant organizer in Cambridgeport." in content
