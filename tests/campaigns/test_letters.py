"""The letter to the editor / op-ed builder: drafts, word counts, copying, marking published."""

import pytest
from django.urls import reverse

from campaigns.letters import letter_text, letter_word_count, words_in
from campaigns.models import Letter, PressureAction

pytestmark = pytest.mark.django_db

OUTLINE = {
    "kind": "letter",
    "title": "Open the votes",
    "hook": "Last week the committee met behind closed doors.",
    "story": "My neighbor waited three hours to testify.",
    "ask": "Rep. Example should vote to make every committee vote public.",
    "about": "I teach at Central High.",
}


def _new(client, campaign, **overrides):
    return client.post(reverse("campaigns:letters", args=[campaign.slug]), {**OUTLINE, **overrides})


def test_word_counts_against_the_usual_limits():
    letter = Letter(kind="letter", hook="word " * 100, story="word " * 60)
    count = letter_word_count(letter=letter)
    assert (count.words, count.low, count.high, count.fits) == (160, 150, 250, True)
    op_ed = Letter(kind="op_ed", hook="word " * 160)
    assert letter_word_count(letter=op_ed).verdict == "short"
    assert words_in("  two\nwords ") == 2


def test_the_text_joins_the_outline_in_order():
    letter = Letter(hook="Hook.", story="", ask="Ask.", about="Me.")
    assert letter_text(letter=letter) == "Hook.\n\nAsk.\n\nMe."


def test_a_member_drafts_sees_the_count_and_the_text_to_copy(constituent_client, campaign):
    response = _new(constituent_client, campaign)
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{letter.pk}/")
    page = constituent_client.get(response["Location"]).content.decode()
    assert "words: short (usually 150–250)" in page
    assert "My neighbor waited three hours to testify." in page
    assert "data-copy-from" in page and "copy-text.js" in page


def test_published_piece_records_a_pressure_action_on_the_official(
    constituent_client, campaign_team_client, campaign, official
):
    _new(constituent_client, campaign, official=official.slug)
    letter = Letter.objects.get()
    url = reverse("campaigns:letter_status", args=[campaign.slug, letter.pk])
    response = constituent_client.post(
        url, {"status": "published", "outlet": "The Republican", "url": "https://news.example/x"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    action = PressureAction.objects.get()
    assert letter.status == "published" and letter.action == action
    assert (action.kind, action.official, action.outlet) == ("letter", official, "The Republican")
    # The team's record of pressure actions (behind the dashboard's counts) shows it.
    actions = campaign_team_client.get(reverse("campaigns:actions", args=[campaign.slug]))
    assert "The Republican" in actions.content.decode()
    # Published once: marking again is refused with a message and records nothing more.
    again = constituent_client.post(
        url, {"status": "published", "outlet": "Other", "url": "https://news.example/y"}
    )
    assert again.status_code == 400 and "already marked published" in again.content.decode()
    assert PressureAction.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "published", "outlet": "Paper", "url": ""}, "Give the link"),
        ({"status": "published", "outlet": "Paper", "url": "https://x.example"}, "Choose the"),
        ({"status": "submitted", "outlet": ""}, "required"),
        ({"status": "printed", "outlet": "Paper"}, "valid choice"),
    ],
)
def test_bad_status_is_400_and_changes_nothing(constituent_client, campaign, data, message):
    _new(constituent_client, campaign)
    letter = Letter.objects.get()
    response = constituent_client.post(
        reverse("campaigns:letter_status", args=[campaign.slug, letter.pk]), data
    )
    assert response.status_code == 400 and message in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == "draft" and not PressureAction.objects.exists()


def test_submitted_keeps_the_outline_editable(constituent_client, campaign):
    _new(constituent_client, campaign)
    letter = Letter.objects.get()
    constituent_client.post(
        reverse("campaigns:letter_status", args=[campaign.slug, letter.pk]),
        {"status": "submitted", "outlet": "Gazette"},
    )
    response = constituent_client.post(
        reverse("campaigns:letter", args=[campaign.slug, letter.pk]), {**OUTLINE, "title": "New"}
    )
    letter.refresh_from_db()
    assert response.status_code == 302 and (letter.status, letter.title) == ("submitted", "New")


def test_xss_in_the_outline_is_escaped(constituent_client, campaign):
    payload = "<script>alert(1)</script>"
    _new(constituent_client, campaign, title=payload, story=payload)
    letter = Letter.objects.get()
    page = constituent_client.get(reverse("campaigns:letter", args=[campaign.slug, letter.pk]))
    assert payload not in page.content.decode()


def test_roles(client, member_client, campaign_team_client, constituent_client, campaign):
    url = reverse("campaigns:letters", args=[campaign.slug])
    assert client.get(url).status_code == 302  # to sign in
    assert member_client.get(url).status_code == 403  # signed in, not on the campaign
    assert campaign_team_client.get(url).status_code == 200
    assert constituent_client.get(url).status_code == 200


def test_another_persons_piece_is_a_404(constituent_client, campaign_team_client, campaign):
    _new(campaign_team_client, campaign)
    letter = Letter.objects.get()
    url = reverse("campaigns:letter", args=[campaign.slug, letter.pk])
    assert constituent_client.get(url).status_code == 404
    assert constituent_client.post(url, OUTLINE).status_code == 404
    status_url = reverse("campaigns:letter_status", args=[campaign.slug, letter.pk])
    refused = constituent_client.post(status_url, {"status": "submitted", "outlet": "X"})
    assert refused.status_code == 404


def test_the_campaign_page_links_the_builder_for_members_only(client, constituent_client, campaign):
    url = reverse("campaigns:letters", args=[campaign.slug])
    assert url in constituent_client.get(campaign.get_absolute_url()).content.decode()
    assert url not in client.get(campaign.get_absolute_url()).content.decode()
