"""Publishing a draft: the checklist, the button on the dashboard and the invite pages, per role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event

pytestmark = pytest.mark.django_db


def _url(event, name="events:publish") -> str:
    return reverse(name, kwargs={"slug": event.slug})


@pytest.fixture
def draft(event):
    """The team's invite-only convening, still a draft, with no description nor seat limit."""
    Event.objects.filter(pk=event.pk).update(
        status=Event.Status.DRAFT, description="", capacity=None
    )
    event.refresh_from_db()
    return event


def test_the_checklist_says_what_is_missing_and_where_to_fix_it(team_client, draft):
    response = team_client.get(_url(draft))

    assert response.status_code == 200
    content = response.content.decode()
    assert "A description for the event page" in content
    assert content.count("Missing") == 3  # description, capacity, a team of one
    assert f'href="{_url(draft, "events:edit")}"' in content
    assert f'href="{_url(draft, "events:team")}"' in content


def test_publishing_opens_the_event_and_returns_to_the_dashboard(team_client, draft):
    response = team_client.post(_url(draft))

    assert response.status_code == 302
    assert response["Location"] == _url(draft, "events:manage")
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED


@pytest.mark.parametrize(
    ("then", "url_name"),
    [("invite", "events:invite_leaders"), ("https://evil.example", "events:manage")],
)
def test_after_publishing_only_named_pages_are_followed(team_client, draft, then, url_name):
    response = team_client.post(_url(draft), {"then": then})

    assert response["Location"] == _url(draft, url_name)


def test_a_past_draft_is_refused_with_the_reason_and_stays_a_draft(team_client, draft):
    past = timezone.now() - timedelta(days=3)
    Event.objects.filter(pk=draft.pk).update(starts_at=past, ends_at=past + timedelta(hours=2))

    response = team_client.post(_url(draft))

    assert response.status_code == 400
    assert b"it can no longer be published" in response.content
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT


def test_the_dashboard_of_a_draft_shows_the_checklist_and_the_button(team_client, draft):
    content = team_client.get(_url(draft, "events:manage")).content.decode()

    assert "This event is a draft" in content
    assert f'action="{_url(draft)}"' in content


def test_the_dashboard_of_a_published_event_has_no_publish_panel(team_client, event):
    content = team_client.get(_url(event, "events:manage")).content.decode()

    assert "This event is a draft" not in content


def test_the_invite_page_of_a_draft_offers_publishing_before_any_box(team_client, draft):
    response = team_client.get(_url(draft, "events:invite_leaders"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Publish before inviting" in content
    assert 'name="then" value="invite"' in content
    assert 'type="checkbox"' not in content


def test_people_off_the_team_cannot_publish(
    anon_client, member_client, other_team_client, checkin_volunteer_client, draft
):
    assert anon_client.post(_url(draft)).status_code == 302  # to sign in
    assert member_client.post(_url(draft)).status_code == 404
    assert other_team_client.post(_url(draft)).status_code == 404
    assert checkin_volunteer_client.post(_url(draft)).status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
