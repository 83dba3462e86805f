"""The public campaign pages missing the page cache (a new query string, a signed-in person)
reuse their rendered parts (campaigns.fragments): a campaign's article per viewer level, an
official's record, the list's results and filter form. Their queries do not grow with what the
pages hold, a change shows at once, and no part crosses languages, viewer levels or drafts."""

import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign, CampaignOfficial, PressureAction
from campaigns.models_documents import CampaignDocument
from tests.toolkits.factories import DocumentFactory, ToolkitFactory

from .factories import CampaignFactory, MeetingFactory
from .scoreboard_seed import report

pytestmark = pytest.mark.django_db

LIST = reverse("campaigns:list")
_fresh = itertools.count()


def fresh(url: str) -> str:
    """`url` with a parameter no page knows: the page cache misses, the parts do not."""
    return f"{url}{'&' if '?' in url else '?'}v={next(_fresh)}"


def page(url: str, client=None, language: str = "en") -> str:
    response = (client or Client()).get(fresh(url), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def queries(url: str, client=None) -> int:
    with CaptureQueriesContext(connection) as context:
        page(url, client)
    return len(context.captured_queries)


def stored(kind: str) -> list[str]:
    """The keys of the campaigns' parts of one kind in the cache ("article", "official", ...)."""
    client = cache._cache.get_client()
    prefix = len(cache.make_key(""))
    pattern = cache.make_key(f"campaigns:{kind}:*")
    return [key.decode()[prefix:] for key in client.scan_iter(match=pattern)]


def official_url(campaign, official) -> str:
    return reverse("campaigns:official", args=[campaign.slug, official.slug])


def _furnish(campaign, official, *, rows: int, actor) -> None:
    for i in range(rows):
        report(campaign, official, "supports", days_ago=i + 1, actor=actor)
        PressureAction.objects.create(campaign=campaign, kind="calls", official=official)
        MeetingFactory(campaign=campaign, official=official, status="held")
        CampaignDocument.objects.create(
            campaign=campaign, document=DocumentFactory(toolkit=ToolkitFactory()), position=i
        )


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 12])
def test_a_campaign_page_with_its_article_stored_reads_only_the_campaign(
    campaign, official, campaign_lead_user, rows
):
    _furnish(campaign, official, rows=rows, actor=campaign_lead_user)
    CampaignOfficial.objects.filter(campaign=campaign).update(is_champion=True)
    page(campaign.get_absolute_url())
    assert queries(campaign.get_absolute_url()) == 1


@pytest.mark.parametrize("rows", [1, 12])
def test_an_official_page_with_its_record_stored_reads_the_campaign_and_the_official(
    campaign, official, campaign_lead_user, rows
):
    _furnish(campaign, official, rows=rows, actor=campaign_lead_user)
    url = official_url(campaign, official)
    page(url)
    assert queries(url) == 2


@pytest.mark.parametrize("campaigns", [1, 30])
def test_a_list_page_stored_for_its_filters_reads_no_row(campaigns):
    for _ in range(campaigns):
        CampaignFactory()
    for url in (LIST, f"{LIST}?kind=legislative", f"{LIST}?page=1"):
        page(url)
        assert queries(url) == 0


def test_the_list_pages_with_the_stored_count(anon_client):
    for _ in range(45):
        CampaignFactory()
    page(f"{LIST}?page=2")
    html = page(f"{LIST}?page=2&utm=x")
    assert "45 campaigns" in html
    # The links repeat this request's query string, not the one the part was stored from.
    assert 'href="?page=3&amp;utm=x' in html and 'rel="prev"' in html


# --- Changes show at once ----------------------------------------------------------------------


def test_campaign_changes_show_at_once(campaign, official, campaign_lead_user):
    url = campaign.get_absolute_url()
    page(url)
    campaign.ask = "Will you publish every committee vote?"
    campaign.save()
    assert "Will you publish every committee vote?" in page(url)
    MeetingFactory(campaign=campaign, official=official, status="held")
    assert "<strong>1</strong>" in page(url)
    guide = DocumentFactory(toolkit=ToolkitFactory(), title="Op-ed guide")
    CampaignDocument.objects.create(campaign=campaign, document=guide, position=1)
    assert "Op-ed guide" in page(url)
    guide.toolkit.title = "Letters kit"
    guide.toolkit.save()
    assert "Letters kit" in page(url)


def test_a_verified_report_and_an_action_show_at_once_on_the_official_page(
    campaign, official, campaign_lead_user
):
    url = official_url(campaign, official)
    assert "No verified stance yet." in page(url)
    report(campaign, official, "supports", actor=campaign_lead_user)
    assert "No verified stance yet." not in page(url)
    PressureAction.objects.create(
        campaign=campaign, kind="calls", official=official, title="Call-in day"
    )
    assert "Call-in day" in page(url)
    official.phone = "617-555-0100"
    official.save()
    assert "617-555-0100" in page(url)


def test_a_new_campaign_shows_at_once_on_the_list(campaign):
    page(LIST)
    CampaignFactory(title="Fair Maps Now")
    assert "Fair Maps Now" in page(LIST)
    Campaign.objects.filter(title="Fair Maps Now").update(status=Campaign.Status.DRAFT)
    from directory.cache import public_cache_bump

    public_cache_bump("campaigns")  # as a bulk write must
    assert "Fair Maps Now" not in page(LIST)


# --- Languages, viewer levels, drafts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "english", "spanish"),
    [
        ("detail", "Goals and progress", "Metas y progreso"),
        ("official", "Constituent meetings", "Reuniones con legisladores"),
        ("list", "The ask:", "La petición:"),
    ],
)
def test_english_and_spanish_parts_are_kept_apart(campaign, official, which, english, spanish):
    url = {
        "detail": campaign.get_absolute_url(),
        "official": official_url(campaign, official),
        "list": LIST,
    }[which]
    # Stored in one language first, then each language must still get its own.
    page(url, language="en"), page(url, language="es")
    in_english, in_spanish = page(url, language="en"), page(url, language="es")
    assert english in in_english and spanish not in in_english
    assert spanish in in_spanish and english not in in_spanish


def test_members_only_documents_stay_in_the_members_article(campaign, member_client, anon_client):
    members_only = DocumentFactory(
        toolkit=ToolkitFactory(visibility="members"), title="Members kit"
    )
    CampaignDocument.objects.create(campaign=campaign, document=members_only, position=1)
    url = campaign.get_absolute_url()
    # The member's article is stored first; anonymous visitors must still not get it.
    assert "Members kit" in page(url, member_client)
    assert "Members kit" not in page(url)
    assert "Members kit" in page(url, member_client)
    assert len(stored("article")) == 2


def test_the_take_part_panel_is_each_viewers_own(campaign, constituent_client):
    url = campaign.get_absolute_url()
    assert "You joined this campaign." in page(url, constituent_client)
    assert "You joined this campaign." not in page(url)
    assert "Join this campaign" in page(url)


def test_a_draft_campaign_is_never_stored(campaign, official, campaign_team_client):
    campaign.status = Campaign.Status.DRAFT
    campaign.save()
    for url in (campaign.get_absolute_url(), official_url(campaign, official)):
        page(url, campaign_team_client)
        page(url, campaign_team_client)
        assert Client().get(fresh(url)).status_code == 404
    assert stored("article") == [] and stored("official") == []


def test_a_signed_in_members_campaign_page_reads_the_same_whatever_the_campaign_holds(
    campaign, official, campaign_lead_user, member_client
):
    small = CampaignFactory(target_body=campaign.target_body)
    _furnish(small, official, rows=1, actor=campaign_lead_user)
    _furnish(campaign, official, rows=12, actor=campaign_lead_user)
    counts = []
    for each in (small, campaign):
        first = queries(each.get_absolute_url(), member_client)
        again = queries(each.get_absolute_url(), member_client)
        assert again < first  # the article came from the cache
        counts.append(again)
    # The session, the campaign and the member's own rows (membership, role, toolkit level).
    assert counts[0] == counts[1]
