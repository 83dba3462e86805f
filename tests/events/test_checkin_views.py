"""The check-in desk pages: who may use them, search, one-tap toggle, walk-ins and counts,
with htmx and without JavaScript."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Leader
from events.models import RSVP, Event
from tests.directory.factories import LeaderFactory

from .factories import RSVPFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(name, event, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


@pytest.fixture
def guest(event):
    leader = LeaderFactory(name="Grace Guest", email="grace@private.example.org")
    return RSVPFactory(event=event, leader=leader, checkin_code="K7PQ2M")


ROLES = [
    ("anon_client", 404),
    ("member_client", 404),
    ("invitee_client", 403),
    ("attendee_client", 403),
    ("other_team_client", 404),
    ("checkin_volunteer_client", 200),
    ("team_client", 200),
    ("staff_client", 200),
]


@pytest.mark.parametrize(("client_name", "status"), ROLES)
def test_the_desk_opens_for_the_team_volunteers_and_staff_only(request, event, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(_url("checkin", event)).status_code == status
    assert client.get(_url("checkin_counts", event)).status_code == status
    assert client.get(_url("checkin_search", event), {"q": "x"}, **HTMX).status_code == status


@pytest.mark.parametrize(("client_name", "status"), [r for r in ROLES if r[1] != 200])
def test_people_off_the_desk_cannot_check_in_or_register(
    request, event, guest, client_name, status
):
    client = request.getfixturevalue(client_name)
    toggle = client.post(_url("checkin_toggle", event, pk=guest.pk), {"action": "check_in"})
    walk_in = client.post(_url("checkin_walk_in", event), {"name": "Sneaky Pete"})
    assert (toggle.status_code, walk_in.status_code) == (status, status)
    guest.refresh_from_db()
    assert guest.checked_in_at is None
    assert not Leader.objects.filter(name="Sneaky Pete").exists()


def test_the_desk_page_has_the_search_box_counts_and_walk_in_form(checkin_volunteer_client, event):
    html = checkin_volunteer_client.get(_url("checkin", event)).content.decode()
    # With the whole list on the page the browser narrows it (test_checkin_door.py); the
    # search box still submits to the server without JavaScript.
    assert 'name="q"' in html and f'action="{_url("checkin", event)}"' in html
    assert f'hx-get="{_url("checkin_counts", event)}"' in html and "every 10s" in html
    assert f'action="{_url("checkin_walk_in", event)}"' in html
    assert "django_htmx/htmx" in html
    # Volunteers do not get a link to the organizer dashboard.
    assert _url("manage", event) not in html


def test_htmx_search_finds_people_by_name_and_returns_just_the_list(team_client, event, guest):
    RSVPFactory(event=event, leader=LeaderFactory(name="Otto Other"))
    response = team_client.get(_url("checkin_search", event), {"q": "grace gu"}, **HTMX)
    html = response.content.decode()
    assert "Grace Guest" in html and "Otto Other" not in html
    assert "<html" not in html
    assert f'hx-post="{_url("checkin_toggle", event, pk=guest.pk)}"' in html
    # Private contact details are not shown at the desk.
    assert "grace@private.example.org" not in html


def test_search_finds_people_by_check_in_code_whatever_the_case(team_client, event, guest):
    for typed in ("k7pq2m", " K7PQ-2M "):
        html = team_client.get(_url("checkin_search", event), {"q": typed}, **HTMX).content
        assert b"Grace Guest" in html


def test_search_never_lists_people_who_declined_or_cancelled(team_client, event):
    RSVPFactory(event=event, status=RSVP.Status.DECLINED, leader=LeaderFactory(name="Dan Gone"))
    RSVPFactory(event=event, status=RSVP.Status.CANCELLED, leader=LeaderFactory(name="Dan Away"))
    html = team_client.get(_url("checkin_search", event), {"q": "Dan"}, **HTMX).content.decode()
    assert "Dan Gone" not in html and "Dan Away" not in html
    assert "0 matches" in html


def test_search_without_htmx_shows_the_desk_with_results(team_client, event, guest):
    response = team_client.get(_url("checkin_search", event), {"q": "Grace"}, follow=True)
    assert response.redirect_chain[-1][0] == _url("checkin", event) + "?q=Grace"
    assert "Grace Guest" in response.content.decode()
    assert [r.pk for r in response.context["results"]] == [guest.pk]


def test_htmx_check_in_swaps_just_the_row_and_refreshes_the_counts(
    checkin_volunteer_client, event, guest
):
    response = checkin_volunteer_client.post(
        _url("checkin_toggle", event, pk=guest.pk), {"action": "check_in", "q": "Grace"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="checkin-row-{guest.pk}"')
    assert "Checked in at" in html and 'value="undo"' in html
    assert response["HX-Trigger"] == "checkin-changed"
    guest.refresh_from_db()
    assert guest.checked_in_at is not None


def test_htmx_undo_puts_the_check_in_button_back(team_client, event, guest):
    guest.checked_in_at = timezone.now()
    guest.save()
    response = team_client.post(
        _url("checkin_toggle", event, pk=guest.pk), {"action": "undo"}, **HTMX
    )
    assert 'value="check_in"' in response.content.decode()
    guest.refresh_from_db()
    assert guest.checked_in_at is None


def test_a_double_tap_on_check_in_does_not_undo_it(team_client, event, guest):
    url = _url("checkin_toggle", event, pk=guest.pk)
    team_client.post(url, {"action": "check_in"}, **HTMX)
    team_client.post(url, {"action": "check_in"}, **HTMX)
    guest.refresh_from_db()
    assert guest.checked_in_at is not None


def test_check_in_without_javascript_redirects_back_to_the_search(team_client, event, guest):
    response = team_client.post(
        _url("checkin_toggle", event, pk=guest.pk), {"action": "check_in", "q": "Grace"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("checkin", event) + "?q=Grace"
    page = team_client.get(response["Location"]).content.decode()
    assert "Grace Guest is checked in." in page
    guest.refresh_from_db()
    assert guest.checked_in_at is not None


def test_a_waitlisted_person_cannot_be_checked_in(team_client, event):
    waiting = RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    response = team_client.post(
        _url("checkin_toggle", event, pk=waiting.pk), {"action": "check_in"}, **HTMX
    )
    assert "not on the list of people going" in response.content.decode()
    assert "HX-Trigger" not in response
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_toggle_of_an_unknown_or_foreign_rsvp_is_not_found(team_client, event):
    elsewhere = RSVPFactory()
    for pk in (elsewhere.pk, 999999):
        assert (
            team_client.post(
                _url("checkin_toggle", event, pk=pk), {"action": "check_in"}
            ).status_code
            == 404
        )
    elsewhere.refresh_from_db()
    assert elsewhere.checked_in_at is None


def test_toggle_with_an_unknown_action_is_a_bad_request(team_client, event, guest):
    url = _url("checkin_toggle", event, pk=guest.pk)
    assert team_client.post(url, {"action": "explode"}).status_code == 400
    assert team_client.post(url, {}).status_code == 400
    assert team_client.get(url).status_code == 405
    guest.refresh_from_db()
    assert guest.checked_in_at is None


def _finalize(event):
    Event.objects.filter(pk=event.pk).update(
        status=Event.Status.COMPLETED, finalized_at=timezone.now()
    )


def test_after_finalization_the_desk_refuses_changes_with_a_message(team_client, event, guest):
    _finalize(event)
    page = team_client.get(_url("checkin", event)).content.decode()
    assert "Attendance for this event is final" in page
    assert _url("checkin_walk_in", event) not in page

    htmx = team_client.post(
        _url("checkin_toggle", event, pk=guest.pk), {"action": "check_in"}, **HTMX
    )
    assert "Attendance for this event is final" in htmx.content.decode()
    plain = team_client.post(
        _url("checkin_toggle", event, pk=guest.pk), {"action": "check_in"}, follow=True
    )
    assert "Attendance for this event is final" in plain.content.decode()
    walk_in = team_client.post(_url("checkin_walk_in", event), {"name": "Late Larry"})
    assert walk_in.status_code == 409
    assert "Attendance for this event is final" in walk_in.content.decode()
    guest.refresh_from_db()
    assert guest.checked_in_at is None
    assert not Leader.objects.filter(name="Late Larry").exists()


def test_a_walk_in_is_registered_checked_in_and_counted(checkin_volunteer_client, event):
    response = checkin_volunteer_client.post(
        _url("checkin_walk_in", event),
        {"name": "Wally Walker", "email": "Wally@Example.org", "zip_code": "02139"},
        follow=True,
    )
    assert "Wally Walker is registered and checked in." in response.content.decode()
    rsvp = RSVP.objects.get(event=event, leader__email="wally@example.org")
    assert rsvp.is_walk_in and rsvp.checked_in_at and rsvp.status == RSVP.Status.GOING
    counts = checkin_volunteer_client.get(_url("checkin_counts", event))
    assert counts.context["counts"] == {"going": 1, "checked_in": 1, "walk_ins": 1}


def test_a_walk_in_with_an_invalid_email_is_a_bad_request_and_changes_nothing(team_client, event):
    leaders_before = Leader.objects.count()
    response = team_client.post(
        _url("checkin_walk_in", event), {"name": "Bad Email", "email": "not-an-email"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert Leader.objects.count() == leaders_before
    assert not RSVP.objects.filter(event=event).exists()


@pytest.mark.parametrize(
    "data",
    [{"name": ""}, {"name": "   "}, {"name": "Zed", "zip_code": "abc"}, {"name": "x" * 200}],
    ids=["no-name", "blank-name", "bad-zip", "long-name"],
)
def test_walk_in_form_errors_are_shown_with_400(team_client, event, data):
    response = team_client.post(_url("checkin_walk_in", event), data)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not RSVP.objects.filter(event=event).exists()


def test_a_walk_in_at_a_full_event_gets_a_clear_message_and_changes_nothing(team_client, event):
    event.capacity = 1
    event.save()
    RSVPFactory(event=event)
    response = team_client.post(_url("checkin_walk_in", event), {"name": "Fran Full"})
    assert response.status_code == 409
    assert "The event is full" in response.content.decode()
    assert not Leader.objects.filter(name="Fran Full").exists()
    assert RSVP.objects.filter(event=event).count() == 1


def test_walk_in_needs_post(team_client, event):
    assert team_client.get(_url("checkin_walk_in", event)).status_code == 405


def test_counts_count_only_people_going(team_client, event):
    RSVPFactory(event=event, checked_in_at=timezone.now(), is_walk_in=True)
    RSVPFactory(event=event)
    RSVPFactory(event=event, status=RSVP.Status.CANCELLED)
    RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    response = team_client.get(_url("checkin_counts", event), **HTMX)
    assert response.context["counts"] == {"going": 2, "checked_in": 1, "walk_ins": 1}
    assert "<html" not in response.content.decode()


def test_check_in_times_show_in_the_events_time_zone(team_client, event, guest):
    event.time_zone = "America/Los_Angeles"
    event.save()
    guest.checked_in_at = datetime(2030, 1, 1, 21, 30, tzinfo=UTC)
    guest.save()
    html = team_client.get(_url("checkin", event), {"q": "Grace"}).content.decode()
    assert "Checked in at 1:30 PM PST" in html
