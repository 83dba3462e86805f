"""/events/<slug>/rsvp/<token>/: the signed link in every email, usable without signing in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import RSVP, Event
from events.tokens import rsvp_link_token
from events.views.rsvp import rsvp_link_url
from tests.directory.factories import LeaderFactory

from .factories import EventFactory, QuestionFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def link(rsvp: RSVP, *, slug: str | None = None) -> str:
    return reverse(
        "events:rsvp_link",
        kwargs={"slug": slug or rsvp.event.slug, "token": rsvp_link_token(rsvp)},
    )


@pytest.fixture
def rsvp(db) -> RSVP:
    leader = LeaderFactory(name="Lina Linkholder", visibility="organizers")
    return RSVPFactory(event=EventFactory(title="Open Convening"), leader=leader)


def test_link_shows_the_rsvp_without_signing_in(anon_client, rsvp):
    response = anon_client.get(link(rsvp))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Your RSVP to Open Convening" in content
    assert "Lina Linkholder" in content
    assert "You have a seat." in content
    assert rsvp.leader.email not in content
    assert rsvp.leader.phone not in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_rsvp_link_url_helper_matches_the_route(anon_client, rsvp):
    assert anon_client.get(rsvp_link_url(rsvp)).status_code == 200


@pytest.mark.parametrize(
    "token",
    ["garbage", "x" * 300, "eyJyIjoxLCJjIjoiQUJDREVGIn0:1abc:forged", ""],
)
def test_forged_or_garbage_token_is_404(anon_client, rsvp, token):
    url = f"/events/{rsvp.event.slug}/rsvp/{token}/"

    response = anon_client.get(url)

    assert response.status_code == 404


def test_token_for_another_events_address_is_404(anon_client, rsvp):
    other = EventFactory()

    assert anon_client.get(link(rsvp, slug=other.slug)).status_code == 404
    assert anon_client.post(link(rsvp, slug=other.slug), {"action": "cancel"}).status_code == 404
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_stale_token_stops_working_when_the_rsvp_is_gone(anon_client, rsvp):
    url = link(rsvp)
    rsvp.delete()

    assert anon_client.get(url).status_code == 404


def test_token_with_a_changed_checkin_code_is_404(anon_client, rsvp):
    url = link(rsvp)
    RSVP.objects.filter(pk=rsvp.pk).update(checkin_code="ZZZZZZ")

    assert anon_client.get(url).status_code == 404


def test_change_needs_and_answers_through_the_link(anon_client, rsvp):
    question = QuestionFactory(event=rsvp.event, label="Your organization?")

    response = anon_client.post(
        link(rsvp),
        {
            "going": "yes",
            "accessibility_needs": "Captioning",
            "dietary_needs": "",
            f"question_{question.pk}": "Neighbors United",
        },
    )

    assert response.status_code == 302
    # Back to the same person's link; its signature carries the second it was made in.
    assert response["Location"].split(":")[0] == link(rsvp).split(":")[0]
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.accessibility_needs == "Captioning"
    assert rsvp.answers == {question.answer_key: "Neighbors United"}


def test_switch_to_not_going_and_back(anon_client, rsvp):
    anon_client.post(link(rsvp), {"going": "no"})
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.DECLINED

    anon_client.post(link(rsvp), {"going": "yes"})
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_cancel_through_the_link(anon_client, rsvp):
    response = anon_client.post(link(rsvp), {"action": "cancel"}, follow=True)

    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED
    assert "Your RSVP is cancelled." in response.content.decode()


def test_leave_the_waitlist_through_the_link(anon_client):
    event = EventFactory(capacity=1)
    RSVPFactory(event=event)
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    page = anon_client.get(link(waiting)).content.decode()
    anon_client.post(link(waiting), {"action": "cancel"})

    assert "You are number 1 on the waitlist." in page
    assert "Leave the waitlist" in page
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.CANCELLED


def test_invalid_form_through_the_link_is_400_and_nothing_changes(anon_client, rsvp):
    response = anon_client.post(link(rsvp), {"going": "perhaps", "dietary_needs": "Vegan"})

    assert response.status_code == 400
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING
    assert rsvp.dietary_needs == ""


def test_cancelled_event_link_shows_the_notice_and_refuses_changes(anon_client, rsvp):
    Event.objects.filter(pk=rsvp.event_id).update(status=Event.Status.CANCELLED)

    page = anon_client.get(link(rsvp))
    response = anon_client.post(link(rsvp), {"going": "no"})

    assert page.status_code == 200
    assert "This event has been cancelled." in page.content.decode()
    assert response.status_code == 400
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_past_event_link_refuses_cancelling_with_400(anon_client):
    start = timezone.now() - timedelta(hours=2)
    rsvp = RSVPFactory(event=EventFactory(starts_at=start, ends_at=start + timedelta(hours=5)))

    response = anon_client.post(link(rsvp), {"action": "cancel"})

    assert response.status_code == 400
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_invite_only_link_works_without_signing_in_and_shows_the_address_when_going(
    anon_client, event
):
    going = RSVPFactory(event=event)
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)

    going_page = anon_client.get(link(going)).content.decode()
    waiting_page = anon_client.get(link(waiting)).content.decode()

    assert "12 Main Street" in going_page
    assert "12 Main Street" not in waiting_page


def test_invite_only_link_holder_can_decline_and_say_yes_again(anon_client, event):
    rsvp = RSVPFactory(event=event)

    anon_client.post(link(rsvp), {"going": "no"})
    anon_client.post(link(rsvp), {"going": "yes"})

    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_someone_elses_signed_in_session_does_not_change_whose_rsvp_it_is(member_client, rsvp):
    member_client.post(link(rsvp), {"going": "no"})

    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.DECLINED
    assert not RSVP.objects.filter(leader__user__email="member@example.org").exists()
