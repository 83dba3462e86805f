"""Invitation and reminder mails written from a toolkit template, filled when they are sent."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actlocal.delivery import deliveries_sweep
from events.models import Event, InvitationDelivery
from events.services.kits import event_create_from_kit, kit_save_from_event
from events.services.reminders import reminders_send_due
from tests.directory.factories import LeaderFactory
from tests.toolkits.factories import DocumentFactory, ToolkitFactory

from .factories import EventFactory, InvitationFactory, RSVPFactory
from .setup_roles import MANAGE_PAGE_STATUS, co_organizer, role_client

pytestmark = pytest.mark.django_db

INVITATION_BODY = (
    "Dear {{ leader.first_name }},\n\n{{ event.title }} starts {{ event.starts_at }}.\n\n"
    "Yours, {{ sender.name }} <b>bold</b>"
)
REMINDER_BODY = "Hi {{ leader.first_name }}, see you at {{ event.title }} ({{ event.place }})."


def page_url(event) -> str:
    return reverse("events:documents", args=[event.slug])


def post_url(event) -> str:
    return reverse("events:mail_templates", args=[event.slug])


def template(place: str, body: str, visibility: str = "public", status: str = "published"):
    kit = ToolkitFactory(status=status, visibility=visibility, kind="event_kit")
    return DocumentFactory(toolkit=kit, title=f"{place} text", template_for=place, body=body)


@pytest.fixture
def invitation_template():
    return template("event_invitation", INVITATION_BODY)


@pytest.fixture
def reminder_template():
    return template("event_reminder", REMINDER_BODY)


def test_the_reminder_sweep_sends_the_template_filled_for_each_attendee(
    team_client, event, reminder_template, mailoutbox
):
    now = timezone.now()
    event.starts_at, event.ends_at = now + timedelta(hours=10), now + timedelta(hours=13)
    event.reminder_text = "The team's own reminder."
    event.save()
    response = team_client.post(post_url(event), {"reminder": reminder_template.pk})
    assert response.status_code == 302
    RSVPFactory(
        event=event,
        leader=LeaderFactory(name="Rosa Marquez", email="rosa@example.org"),
        created_at=now - timedelta(days=3),
    )

    assert reminders_send_due(now=now) == 1

    (message,) = mailoutbox
    assert "Hi Rosa, see you at Springfield Convening (Union Hall, Cambridge, MA)." in message.body
    assert "The team's own reminder." not in message.body
    assert "Change or cancel your RSVP" in message.body  # the mandatory parts stay
    assert any(name.endswith(".ics") for name, _c, _t in message.attachments)
    html, _mimetype = message.alternatives[0]
    assert "<p>Hi Rosa, see you at Springfield Convening" in html


def test_the_invitation_is_written_from_the_template_escaped_in_html(
    team_client, event, invitation_template, lead_user, mailoutbox
):
    assert team_client.post(post_url(event), {"invitation": invitation_template.pk}).status_code
    invitation = InvitationFactory(
        event=event, name="Jo Ann Park", email="jo@example.org", invited_by=lead_user
    )
    InvitationDelivery.objects.create(invitation=invitation)

    deliveries_sweep()

    (message,) = mailoutbox
    starts = timezone.localtime(event.starts_at, event.tzinfo)
    assert "Dear Jo,\n\nSpringfield Convening starts" in message.body
    assert f"{starts:%Y}" in message.body and f"Yours, {lead_user.name}" in message.body
    assert invitation.get_absolute_url() in message.body  # the accept link stays
    html, _mimetype = message.alternatives[0]
    assert "<p>Dear Jo,</p>" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html


def test_the_event_time_is_given_in_the_events_own_zone(team_client, event, invitation_template):
    event.starts_at = datetime(2031, 5, 6, 23, 30, tzinfo=UTC)  # 7:30 PM in New York
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    team_client.post(post_url(event), {"invitation": invitation_template.pk})
    page = team_client.get(page_url(event)).content.decode()
    assert "7:30" in page and "11:30" not in page


def test_an_unknown_field_is_sent_as_the_visible_blank(team_client, event, lead_user, mailoutbox):
    # Saved before the check on fields existed (or by an import): it must still send.
    odd = template("event_invitation", "Hello {{ leader.first_name }}, {{ official.name }}!")
    team_client.post(post_url(event), {"invitation": odd.pk})
    invitation = InvitationFactory(event=event, name="", email="x@example.org")
    InvitationDelivery.objects.create(invitation=invitation)
    deliveries_sweep()
    (message,) = mailoutbox
    assert "Hello [____ leader.first_name ____], [____ official.name ____]!" in message.body


def test_no_template_keeps_the_events_own_text(event, mailoutbox):
    event.invitation_text = "Come and plan the year with us."
    event.save()
    InvitationDelivery.objects.create(invitation=InvitationFactory(event=event, name="Jo"))
    deliveries_sweep()
    (message,) = mailoutbox
    assert "Come and plan the year with us." in message.body


def test_a_template_whose_toolkit_went_back_to_draft_is_not_sent(
    team_client, event, invitation_template, mailoutbox
):
    event.invitation_text = "Our own words."
    event.save()
    team_client.post(post_url(event), {"invitation": invitation_template.pk})
    invitation_template.toolkit.status = "draft"
    invitation_template.toolkit.save()
    InvitationDelivery.objects.create(invitation=InvitationFactory(event=event, name="Jo"))
    deliveries_sweep()
    (message,) = mailoutbox
    assert "Our own words." in message.body and "Dear Jo" not in message.body


def test_a_kit_carries_the_choice_and_a_dinner_keeps_its_own(
    event, invitation_template, reminder_template, organizer_user
):
    dinner_template = template("dinner_invitation", "Dinner, {{ leader.first_name }}?")
    event.invitation_template = invitation_template
    event.reminder_template = reminder_template
    event.save()
    EventFactory(parent=event, kind="dinner", title="Dinner", invitation_template=dinner_template)
    kit = kit_save_from_event(event=event, title="Convening kit", actor=organizer_user)
    new = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Worcester Convening",
        starts_at=datetime(2031, 9, 1, 14, 0, tzinfo=UTC),
        time_zone="America/New_York",
        city="Worcester",
        state="MA",
    )
    assert kit.invitation_template_id == invitation_template.pk
    assert new.invitation_template_id == invitation_template.pk
    assert new.reminder_template_id == reminder_template.pk
    (dinner,) = new.followups.all()
    assert dinner.invitation_template_id == dinner_template.pk


def test_a_followup_dinners_invitation_uses_its_own_events_choice(event, mailoutbox):
    event.invitation_template = template("event_invitation", "Convening text")
    event.save()
    dinner = EventFactory(
        parent=event,
        kind="dinner",
        title="Dinner",
        invitation_template=template("dinner_invitation", "Dinner, {{ leader.first_name }}?"),
    )
    InvitationDelivery.objects.create(invitation=InvitationFactory(event=dinner, name="Jo Park"))
    deliveries_sweep()
    (message,) = mailoutbox
    assert "Dinner, Jo?" in message.body and "Convening text" not in message.body


def test_the_page_shows_a_preview_with_the_viewers_name(
    team_client, event, reminder_template, lead_user
):
    team_client.post(post_url(event), {"reminder": reminder_template.pk})
    page = team_client.get(page_url(event)).content.decode()
    assert "Hi Lee, see you at Springfield Convening" in page


@pytest.mark.parametrize("visibility", ["members", "organizers"])
def test_only_a_teammate_who_can_read_a_template_may_choose_it(event, lead_user, visibility):
    private = template("event_invitation", "Secret words", visibility=visibility)
    member = co_organizer(event)  # on the team, but not a network organizer
    client = Client()
    client.force_login(member)
    response = client.post(post_url(event), {"invitation": private.pk})
    event.refresh_from_db()
    if visibility == "members":
        assert response.status_code == 302
        assert event.invitation_template_id == private.pk
    else:
        assert response.status_code == 400
        assert event.invitation_template_id is None
        assert "Secret words" not in client.get(page_url(event)).content.decode()


def test_a_teammate_keeps_a_choice_they_cannot_read_and_never_sees_it(
    team_client, event, reminder_template
):
    private = template("event_invitation", "Secret words", visibility="organizers")
    assert team_client.post(post_url(event), {"invitation": private.pk}).status_code == 302
    client = Client()
    client.force_login(co_organizer(event))
    page = client.get(page_url(event)).content.decode()
    assert "Secret words" not in page and private.title not in page
    assert client.post(post_url(event), {"reminder": reminder_template.pk}).status_code == 302
    event.refresh_from_db()
    assert event.invitation_template_id == private.pk
    assert event.reminder_template_id == reminder_template.pk


def test_a_document_that_is_not_a_template_for_the_mail_is_refused(team_client, event):
    script = template("campaign_script", "Call {{ official.name }}")
    draft = template("event_invitation", "Draft", status="draft")
    for pk in (script.pk, draft.pk, 999999, "abc"):
        response = team_client.post(post_url(event), {"invitation": pk})
        assert response.status_code == 400
    event.refresh_from_db()
    assert event.invitation_template_id is None


@pytest.mark.parametrize("role", list(MANAGE_PAGE_STATUS))
def test_roles_for_the_picker(request, event, role, invitation_template):
    client = role_client(request, role, event)
    expected = MANAGE_PAGE_STATUS[role]
    response = client.post(post_url(event), {"invitation": invitation_template.pk})
    assert response.status_code == (302 if expected == 200 else expected)
    event.refresh_from_db()
    assert (event.invitation_template_id is not None) == (expected == 200)
    assert Event.objects.filter(invitation_template__isnull=False).count() == (expected == 200)
