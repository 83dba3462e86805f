"""Events and kits carry toolkit documents; a new event from a kit shows them to its team."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from events.models import EventDocument
from events.services.kits import event_create_from_kit, kit_save_from_event
from tests.toolkits.factories import DocumentFactory, ToolkitFactory

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return reverse("events:documents", args=[event.slug])


@pytest.fixture
def agenda():
    kit = ToolkitFactory(status="published", kind="event_kit", visibility="members")
    return DocumentFactory(toolkit=kit, title="Convening agenda")


def test_the_team_chooses_documents(team_client, event, agenda):
    guide = DocumentFactory(toolkit=agenda.toolkit, title="Facilitator guide")
    response = team_client.post(url(event), {"documents": [agenda.pk, guide.pk]})
    assert response.status_code == 302
    assert list(event.documents.values_list("document__title", flat=True)) == [
        "Convening agenda",
        "Facilitator guide",
    ]
    page = team_client.get(url(event)).content.decode()
    assert agenda.get_absolute_url() in page


def test_a_draft_toolkit_document_is_refused_and_nothing_changes(team_client, event, agenda):
    draft = DocumentFactory(toolkit=ToolkitFactory(status="draft"))
    response = team_client.post(url(event), {"documents": [agenda.pk, draft.pk]})
    assert response.status_code == 400
    assert not EventDocument.objects.exists()


def test_a_new_event_from_a_kit_shows_the_kits_documents_to_its_team(event, agenda, organizer_user):
    EventDocument.objects.create(event=event, document=agenda, position=0)
    kit = kit_save_from_event(event=event, title="Convening kit", actor=organizer_user)
    assert list(kit.documents.values_list("document", flat=True)) == [agenda.pk]
    new = event_create_from_kit(
        kit=kit,
        actor=organizer_user,
        title="Worcester Convening",
        starts_at=datetime(2031, 9, 1, 14, 0, tzinfo=UTC),
        time_zone="America/New_York",
        city="Worcester",
        state="MA",
    )
    client = Client()
    client.force_login(organizer_user)  # the creator leads the new event
    page = client.get(url(new)).content.decode()
    assert "Convening agenda" in page and agenda.get_absolute_url() in page


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("anon_client", 302),
        ("member_client", 404),
        ("team_client", 200),
        ("staff_client", 200),
    ],
)
def test_roles(request, event, client_name, status):
    client = request.getfixturevalue(client_name)
    assert client.get(url(event)).status_code == status


def test_chosen_templates_are_shown_filled_in_for_the_event(team_client, event, lead_user):
    invitation = DocumentFactory(
        toolkit=ToolkitFactory(status="published"),
        title="Invitation email",
        template_for="event_invitation",
        body="Dear {{ leader.first_name }}, join {{ event.title }} at {{ event.place }}. "
        "{{ official.name }} {{ sender.name }} <script>x</script>",
    )
    EventDocument.objects.create(event=event, document=invitation, position=0)
    page = team_client.get(url(event)).content.decode()
    assert f"join {event.title} at" in page
    assert "[____ leader.first_name ____]" in page and "[____ official.name ____]" in page
    assert lead_user.name in page
    assert "<script>x" not in page  # the text is shown escaped


def test_the_rsvp_confirmation_links_the_shared_documents_each_reader_may_see(
    team_client, event, agenda, mailoutbox
):
    from actlocal.delivery import deliver_claimed
    from events.deliveries import RSVP_MAIL
    from events.models import RSVPMail
    from tests.events.factories import RSVPFactory

    public = DocumentFactory(toolkit=ToolkitFactory(status="published"), title="What to expect")
    guide = DocumentFactory(toolkit=ToolkitFactory(status="published"), title="Facilitator guide")
    response = team_client.post(
        url(event),
        {"documents": [public.pk, agenda.pk, guide.pk], "shared": [public.pk, agenda.pk]},
    )
    assert response.status_code == 302
    rsvp = RSVPFactory(event=event)  # going, without an account
    RSVPMail.objects.create(rsvp=rsvp, kind=RSVPMail.Kind.CONFIRMATION)
    deliver_claimed(channel=RSVP_MAIL)
    (message,) = mailoutbox
    assert "What to expect" in message.body and public.get_absolute_url() in message.body
    assert "Facilitator guide" not in message.body  # chosen, but not shared with attendees
    assert "Convening agenda" not in message.body  # members only: not for this reader
    html, _mimetype = message.alternatives[0]
    assert public.get_absolute_url() in html


def test_a_shared_document_must_be_chosen(team_client, event, agenda):
    other = DocumentFactory(toolkit=ToolkitFactory(status="published"))
    response = team_client.post(url(event), {"documents": [agenda.pk], "shared": [other.pk]})
    assert response.status_code == 400
    assert not EventDocument.objects.exists()
