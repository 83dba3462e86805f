"""axe-core on every page type, public, member, organizer and the staff admin pages we
customised, at desktop width and at 390 px: any serious or critical violation fails.

The seeded demo gives every page real data (long names, stance badges, a scoreboard of a real
legislature). Violations are collected over all pages first, so one run lists all of them.
"""

import io

import pytest
from django.core.management import call_command

from actlocal.models import User
from campaigns.demo import DEMO_CAMPAIGN_SLUGS
from campaigns.models import CampaignRole
from directory.demo.accounts import ORGANIZER_EMAIL, STAFF_EMAIL
from directory.models import DuplicateCandidate, Leader, Organization, Resource
from events.models import Event, EventRole

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LEGISLATIVE, ORDINANCE = DEMO_CAMPAIGN_SLUGS


def _pages() -> dict[str, list[str]]:
    """The URLs to check, per role (who is signed in)."""
    event = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED, visibility=Event.Visibility.PUBLIC, is_template=False
        )
        .order_by("starts_at")
        .first()
    )
    leader = Leader.objects.filter(visibility=Leader.Visibility.PUBLIC).order_by("slug").first()
    organization = Organization.objects.order_by("slug").first()
    resource = Resource.objects.order_by("slug").first()
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    managed_event = (
        Event.objects.filter(roles__user=organizer, is_template=False).order_by("pk").first()
        or event
    )
    duplicate = DuplicateCandidate.objects.order_by("pk").first()
    pages = {
        "anonymous": [
            "/",
            "/directory/",
            "/directory/leaders/",
            leader.get_absolute_url(),
            "/directory/organizations/",
            organization.get_absolute_url(),
            "/directory/resources/",
            resource.get_absolute_url(),
            "/directory/map/",
            "/directory/map/?state=MA",
            "/directory/near/?zip=01103&miles=25",
            "/events/",
            event.get_absolute_url(),
            "/campaigns/",
            f"/campaigns/{LEGISLATIVE}/",
            f"/campaigns/{LEGISLATIVE}/scoreboard/",
            f"/campaigns/{ORDINANCE}/scoreboard/",
            "/campaigns/find-my-legislator/",
            "/accounts/login/",
            "/accounts/signup/",
        ],
        "organizer": [
            "/me/",
            f"/directory/organizations/{organization.slug}/manage/",
            f"/events/{managed_event.slug}/manage/",
            f"/events/{managed_event.slug}/checkin/",
            f"/campaigns/{LEGISLATIVE}/manage/",
            f"/campaigns/{LEGISLATIVE}/manage/constituents/",
            f"/campaigns/{LEGISLATIVE}/manage/stances/",
            f"/campaigns/{LEGISLATIVE}/manage/targets/",
            f"/campaigns/{ORDINANCE}/manage/",
            f"/campaigns/{ORDINANCE}/manage/targets/",
            f"/campaigns/{ORDINANCE}/manage/steps/",
        ],
        "staff": [
            "/admin/",
            "/admin/directory/duplicatecandidate/",
            *(
                [f"/admin/directory/duplicatecandidate/{duplicate.pk}/compare/"]
                if duplicate
                else []
            ),
            "/admin/campaigns/campaign/",
            f"/admin/campaigns/campaignmember/{_member_pk()}/change/",
            "/admin/directory/leader/",
        ],
    }
    return pages


def _member_pk() -> int:
    """A campaign membership: its change page has two select2 (autocomplete) fields."""
    from campaigns.models import CampaignMember

    return CampaignMember.objects.order_by("pk").first().pk


def _organizer_on_everything() -> None:
    """The demo organizer leads the pages the organizer role visits."""
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    from campaigns.models import Campaign

    for campaign in Campaign.objects.filter(slug__in=DEMO_CAMPAIGN_SLUGS):
        CampaignRole.objects.get_or_create(
            campaign=campaign, user=organizer, defaults={"role": CampaignRole.Role.LEAD}
        )
    if not EventRole.objects.filter(user=organizer).exists():
        event = Event.objects.filter(status=Event.Status.PUBLISHED, is_template=False).first()
        EventRole.objects.create(event=event, user=organizer, role=EventRole.Role.LEAD)


@pytest.mark.django_db(transaction=True)
def test_every_page_type_has_no_serious_or_critical_violations(page, live_server, sign_in):
    from axe_playwright_python.sync_playwright import Axe

    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    _organizer_on_everything()
    pages = _pages()
    users = {
        "organizer": User.objects.get(email=ORGANIZER_EMAIL),
        "staff": User.objects.get(email=STAFF_EMAIL),
    }
    axe = Axe()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text[:120]}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for role, urls in pages.items():
        if role in users:
            sign_in(users[role])
        else:
            page.context.clear_cookies()
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            for url in urls:
                response = page.goto(live_server.url + url)
                assert response.status == 200, f"{role} {url}: {response.status}"
                # No preload: axe would copy the admin's stylesheets into a <style> element,
                # which the Content-Security-Policy refuses (noise from the tool, not the page).
                violations = axe.run(page, options={"preload": False}).response["violations"]
                for violation in violations:
                    if violation.get("impact") not in {"serious", "critical"}:
                        continue
                    targets = ", ".join(str(n["target"][0]) for n in violation["nodes"][:4])
                    problems.append(
                        f"{role} {width} {url}: {violation['id']} ({violation['impact']}) "
                        f"{violation['help']} -> {targets}"
                    )
    assert not problems, "\n".join(problems)
