"""The staff admin of events: lists load for staff, refuse others, hide tokens and private
fields, and route edits of existing events through the services."""

from datetime import timedelta

import pytest
from django.forms import MultiWidget
from django.urls import reverse

from events.models import (
    RSVP,
    Event,
    EventMessage,
    Invitation,
    InviteLink,
    MessageDelivery,
    Nomination,
    ReminderDelivery,
)
from events.tokens import new_token
from tests.actlocal.factories import staff_login
from tests.directory.factories import LeaderFactory

from .factories import (
    EventFactory,
    EventRoleFactory,
    InvitationFactory,
    QuestionFactory,
    RSVPFactory,
    SessionFactory,
)

MODELS = [
    "event",
    "invitation",
    "invitelink",
    "nomination",
    "rsvp",
    "reminderdelivery",
    "messagedelivery",
    "eventmessage",
]


def _put(data: dict, name: str, bound) -> None:
    widget = bound.field.widget
    value = bound.value()
    if isinstance(widget, MultiWidget):
        for index, part in enumerate(widget.decompress(value)):
            data[f"{name}_{index}"] = "" if part is None else str(part)
    elif isinstance(value, list | tuple):
        data[name] = [str(v) for v in value]
    elif value is True:
        data[name] = "on"
    elif value is not None and value is not False:
        data[name] = str(value)


def form_errors(response) -> list:
    """Errors of the admin form and its inlines, for assertion messages."""
    errors = [response.context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in response.context["inline_admin_formsets"]]
    return errors


def admin_form_data(response) -> dict:
    """What a browser would post back from an admin change page, unchanged."""
    data = {}
    form = response.context["adminform"].form
    for bound in form:
        if not bound.field.disabled:
            _put(data, bound.html_name, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for inline_form in formset.forms:
            for bound in inline_form:
                _put(data, bound.html_name, bound)
    return data


@pytest.fixture
def event_data(db):
    event = EventFactory(title="Admin Convening")
    EventRoleFactory(event=event)
    SessionFactory(event=event)
    QuestionFactory(event=event)
    leader = LeaderFactory(name="Rita Rsvp", email="rita@private.example.org")
    rsvp = RSVPFactory(
        event=event, leader=leader, accessibility_needs="Wheelchair access", dietary_needs="Vegan"
    )
    InvitationFactory(event=event, email="rita@private.example.org", leader=leader)
    ReminderDelivery.objects.create(rsvp=rsvp, hours_before=24, claimed_at=event.created_at)
    message = EventMessage.objects.create(event=event, audience="going", subject="Hi", body="x")
    MessageDelivery.objects.create(message=message, rsvp=rsvp)
    token, selector = new_token()
    InviteLink.objects.create(
        event=event,
        token=token,
        token_selector=selector,
        max_uses=5,
        expires_at=event.starts_at,
    )
    Nomination.objects.create(event=event, name="Nia Nominee", email="nia@example.org")
    return event


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_every_events_changelist(staff_client, event_data, model):
    response = staff_client.get(reverse(f"admin:events_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_every_change_page(staff_client, event_data, model):
    obj = Event._meta.apps.get_model("events", model).objects.first()
    response = staff_client.get(reverse(f"admin:events_{model}_change", args=[obj.pk]))
    assert response.status_code == 200


def test_event_changelist_filters_and_searches(staff_client, event_data):
    EventFactory(title="A kit", is_template=True, status=Event.Status.DRAFT)
    url = reverse("admin:events_event_changelist")
    response = staff_client.get(url, {"is_template__exact": "1"})
    assert [e.title for e in response.context["cl"].result_list] == ["A kit"]
    response = staff_client.get(url, {"q": "Admin Conv"})
    assert [e.title for e in response.context["cl"].result_list] == ["Admin Convening"]
    for query in ({"status__exact": "draft"}, {"kind__exact": "dinner"}, {"state__exact": "MA"}):
        assert staff_client.get(url, query).status_code == 200


def test_rsvp_list_finds_by_leader_name_and_shows_no_private_fields(staff_client, event_data):
    response = staff_client.get(reverse("admin:events_rsvp_changelist"), {"q": "Rita"})
    assert len(response.context["cl"].result_list) == 1
    page = response.content.decode()
    assert "Wheelchair access" not in page and "Vegan" not in page
    assert "rita@private.example.org" not in page


def test_invitation_tokens_are_never_shown(staff_client, event_data):
    invitation = Invitation.objects.get()
    pages = [
        staff_client.get(reverse("admin:events_invitation_changelist")),
        staff_client.get(reverse("admin:events_invitation_change", args=[invitation.pk])),
    ]
    for response in pages:
        assert invitation.token not in response.content.decode()
    form = pages[1].context["adminform"].form
    assert "token" not in form.fields


def test_delivery_records_are_read_only(staff_client, event_data):
    for model in ("reminderdelivery", "messagedelivery", "eventmessage"):
        assert staff_client.get(reverse(f"admin:events_{model}_add")).status_code == 403
    delivery = ReminderDelivery.objects.get()
    url = reverse("admin:events_reminderdelivery_change", args=[delivery.pk])
    staff_client.post(url, {"hours_before": "1"})
    delivery.refresh_from_db()
    assert delivery.hours_before == 24


@pytest.mark.parametrize("fixture", ["anon_client", "member_client", "organizer_client"])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(request, event_data, fixture):
    client = request.getfixturevalue(fixture)
    for model in MODELS:
        response = client.get(reverse(f"admin:events_{model}_changelist"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_staff_without_permissions_are_refused(client, event_data):
    staff_login(client)
    for model in MODELS:
        assert client.get(reverse(f"admin:events_{model}_changelist")).status_code == 403


def test_staff_who_may_only_view_events_cannot_change_them(client, event_data):
    staff_login(client, "view_event")
    url = reverse("admin:events_event_change", args=[event_data.pk])
    response = client.get(url)
    assert response.status_code == 200
    client.post(url, {"title": "Changed"})
    event_data.refresh_from_db()
    assert event_data.title == "Admin Convening"


def test_more_seats_set_in_the_admin_promote_from_the_waitlist(staff_client, event_data):
    Event.objects.filter(pk=event_data.pk).update(capacity=1)
    waiting = RSVPFactory(event=event_data, status=RSVP.Status.WAITLISTED, waitlist_position=1)
    url = reverse("admin:events_event_change", args=[event_data.pk])
    data = admin_form_data(staff_client.get(url))
    data["capacity"] = "5"
    response = staff_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    waiting.refresh_from_db()
    assert waiting.status == RSVP.Status.GOING


def test_a_new_time_set_in_the_admin_notifies_attendees(
    staff_client, event_data, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_event_change", args=[event_data.pk])
    data = admin_form_data(staff_client.get(url))
    later = event_data.starts_at + timedelta(hours=1)
    data["starts_at_1"] = later.astimezone(event_data.tzinfo).strftime("%H:%M:%S")
    data["starts_at_0"] = later.astimezone(event_data.tzinfo).strftime("%Y-%m-%d")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    event_data.refresh_from_db()
    assert event_data.starts_at == later
    assert [m.to for m in mailoutbox] == [["rita@private.example.org"]]


def test_cancelling_in_the_admin_tells_attendees(
    staff_client, event_data, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_event_change", args=[event_data.pk])
    data = admin_form_data(staff_client.get(url))
    data["status"] = "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    event_data.refresh_from_db()
    assert event_data.status == Event.Status.CANCELLED
    assert len(mailoutbox) == 1


def test_staff_add_an_event_in_the_admin(staff_client, staff_user):
    url = reverse("admin:events_event_add")
    response = staff_client.get(url)
    assert response.status_code == 200
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{inline.formset.prefix}-{name}"] = management[name].value()
    data.update(
        {
            "title": "Staff Event",
            "slug": "staff-event",
            "kind": "meetup",
            "status": "draft",
            "visibility": "public",
            "starts_at_0": "2031-06-10",
            "starts_at_1": "10:00:00",
            "ends_at_0": "2031-06-10",
            "ends_at_1": "12:00:00",
            "time_zone": "America/Chicago",
            "city": "Chicago",
            "state": "IL",
            "zip_code": "60601",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get(slug="staff-event")
    assert event.created_by == staff_user
    assert event.latitude is not None


def test_staff_pick_the_mail_templates_of_an_event_in_the_admin(staff_client, event_data):
    response = staff_client.get(reverse("admin:events_event_change", args=[event_data.pk]))
    form = response.context["adminform"].form
    assert {"invitation_template", "reminder_template"} <= set(form.fields)
