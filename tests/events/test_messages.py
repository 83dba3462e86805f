"""Team messages to attendees: audiences, once per person, and the organizer page's permissions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.delivery import deliver_claimed, deliveries_sweep
from events.deliveries import MESSAGE
from events.models import RSVP, Event, EventMessage, MessageDelivery
from events.services.notifications import (
    event_message_create,
    message_audience,
    message_audience_counts,
)

from .factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db


def make_crowd(event):
    now = timezone.now()
    return {
        "seated": RSVPFactory(event=event, status=RSVP.Status.GOING),
        "came": RSVPFactory(event=event, status=RSVP.Status.GOING, checked_in_at=now),
        "walk_in": RSVPFactory(
            event=event, status=RSVP.Status.GOING, checked_in_at=now, is_walk_in=True
        ),
        "waiting": RSVPFactory(event=event, status=RSVP.Status.WAITLISTED, waitlist_position=1),
        "declined": RSVPFactory(event=event, status=RSVP.Status.DECLINED),
    }


def url(event) -> str:
    return reverse("events:message", args=[event.slug])


# --- Audiences and delivery -----------------------------------------------------------------


def test_each_audience_is_the_people_it_names():
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=4))
    crowd = make_crowd(event)

    def members(audience):
        return set(message_audience(event=event, audience=audience))

    assert members("going") == {crowd["seated"], crowd["came"], crowd["walk_in"]}
    assert members("waitlisted") == {crowd["waiting"]}
    assert members("checked_in") == {crowd["came"], crowd["walk_in"]}
    assert members("no_show") == {crowd["seated"]}
    assert message_audience_counts(event=event) == {
        "going": 3,
        "waitlisted": 1,
        "checked_in": 2,
        "no_show": 1,
    }


def test_nobody_is_a_no_show_before_the_event_starts():
    event = EventFactory()
    make_crowd(event)

    assert list(message_audience(event=event, audience="no_show")) == []
    assert message_audience_counts(event=event)["no_show"] == 0


def test_a_message_reaches_its_audience_once_each_and_is_marked_complete(
    mailoutbox, lead_user, event, django_capture_on_commit_callbacks
):
    crowd = make_crowd(event)

    with django_capture_on_commit_callbacks(execute=True):
        message = event_message_create(
            event=event, audience="going", subject="Parking", body="Use lot B.", actor=lead_user
        )
    assert deliveries_sweep().sent == 0  # the sweep after the task finds nothing left

    message.refresh_from_db()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        crowd[k].leader.email for k in ("seated", "came", "walk_in")
    )
    assert message.recipient_count == 3
    assert message.completed_at is not None
    assert message.sent_by == lead_user
    assert MessageDelivery.objects.filter(message=message, sent_at__isnull=False).count() == 3
    mail = mailoutbox[0]
    assert "Parking" in mail.subject
    assert "Use lot B." in mail.body
    assert "/rsvp/" in mail.body
    assert mail.attachments == []


def test_a_team_message_is_plain_text_escaped_in_html(mailoutbox, lead_user, event):
    RSVPFactory(event=event)
    event_message_create(
        event=event,
        audience="going",
        subject="<b>Hi</b>",
        body="<script>x()</script>\nSecond line",
        actor=lead_user,
    )

    deliver_claimed(channel=MESSAGE)

    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    assert "<script>" not in html and "<b>Hi</b>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;<br>Second line" in html
    assert "<script>x()</script>" in mail.body


def test_the_recipients_are_recorded_with_the_message_and_fixed_then(lead_user, event):
    crowd = make_crowd(event)
    message = event_message_create(
        event=event, audience="going", subject="Parking", body="Use lot B.", actor=lead_user
    )
    assert message.deliveries.count() == message.recipient_count == 3
    RSVPFactory(event=event, status=RSVP.Status.GOING)  # signs up after the message
    crowd["seated"].status = RSVP.Status.CANCELLED
    crowd["seated"].save()

    assert deliver_claimed(channel=MESSAGE).sent == 3
    assert message.deliveries.filter(sent_at__isnull=False).count() == 3


def test_with_the_broker_down_messaging_works_and_the_sweep_mails_each_once(
    team_client, event, mailoutbox, broker_down, django_capture_on_commit_callbacks
):
    crowd = make_crowd(event)

    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            url(event),
            {"audience": "going", "subject": "Parking", "body": "Use lot B."},
            follow=True,
        )

    assert response.status_code == 200
    assert mailoutbox == []
    assert MessageDelivery.objects.filter(sent_at=None).count() == 3
    assert deliveries_sweep().sent == 3
    assert deliveries_sweep().sent == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        crowd[k].leader.email for k in ("seated", "came", "walk_in")
    )
    assert EventMessage.objects.get().completed_at is not None


# --- The organizer page ---------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(anon_client, event):
    response = anon_client.get(url(event))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_member_who_may_not_see_the_invite_only_event_gets_404(member_client, event):
    assert member_client.get(url(event)).status_code == 404


def test_a_member_gets_403_for_a_public_event(member_client):
    public = EventFactory(visibility=Event.Visibility.PUBLIC)

    assert member_client.get(url(public)).status_code == 403


def test_an_invitee_is_refused(invitee_client, event):
    assert invitee_client.get(url(event)).status_code == 403


def test_an_attendee_is_refused(attendee_client, event):
    assert attendee_client.get(url(event)).status_code == 403


def test_another_events_team_cannot_see_it(other_team_client, event):
    assert other_team_client.get(url(event)).status_code == 404


def test_a_check_in_volunteer_is_refused(checkin_volunteer_client, event):
    assert checkin_volunteer_client.get(url(event)).status_code == 403
    response = checkin_volunteer_client.post(
        url(event), {"audience": "going", "subject": "x", "body": "y"}
    )
    assert response.status_code == 403
    assert not EventMessage.objects.exists()


def test_the_team_sees_the_form_with_counts_and_the_history(team_client, event, lead_user):
    make_crowd(event)
    EventMessage.objects.create(
        event=event,
        audience="going",
        subject="Earlier note",
        body="x",
        sent_by=lead_user,
        recipient_count=3,
        completed_at=timezone.now(),
    )

    response = team_client.get(url(event))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Going: 3 people" in html
    assert "Waitlisted: 1 person" in html
    assert "Checked in: 2 people" in html
    assert "Earlier note" in html
    assert 'aria-current="page"' in html


def test_staff_may_use_the_page(staff_client, event):
    assert staff_client.get(url(event)).status_code == 200


def test_the_team_sends_a_message_and_everyone_going_gets_it(
    team_client, event, mailoutbox, django_capture_on_commit_callbacks
):
    crowd = make_crowd(event)

    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            url(event),
            {"audience": "waitlisted", "subject": "Still hoping", "body": "Seats may open."},
            follow=True,
        )

    assert response.status_code == 200
    assert "on its way to 1 person" in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == [crowd["waiting"].leader.email]
    message = EventMessage.objects.get()
    assert message.recipient_count == 1
    assert message.completed_at is not None


@pytest.mark.parametrize(
    "data",
    [
        {"audience": "going", "subject": "", "body": "text"},
        {"audience": "going", "subject": "Hi", "body": "   "},
        {"audience": "everyone", "subject": "Hi", "body": "text"},
        {"audience": "no_show", "subject": "Hi", "body": "text"},  # nobody, event not started
        {"audience": "going", "subject": "x" * 201, "body": "text"},
        {},
    ],
)
def test_invalid_messages_are_refused_with_400_and_nothing_is_sent(
    team_client, event, mailoutbox, data
):
    make_crowd(event)

    response = team_client.post(url(event), data)

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not EventMessage.objects.exists()
    assert mailoutbox == []


def test_the_page_answers_get_and_post_only(team_client, event):
    assert team_client.put(url(event)).status_code == 405
