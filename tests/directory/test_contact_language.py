"""A relayed message reaches the leader in the leader's language, not the sender's."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Leader
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def test_an_english_members_message_reaches_a_spanish_leader_in_spanish(
    member_client, django_capture_on_commit_callbacks
):
    recipient = LeaderFactory(
        user=UserFactory(language="es"), name="Rosa", visibility=Leader.Visibility.PUBLIC
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("directory:leader_contact", kwargs={"slug": recipient.slug}),
            {"subject": "Tenant meeting", "body": "Would you speak?"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.body.startswith("Hola, Rosa:")


def test_a_leader_without_a_saved_language_gets_the_default_whatever_the_sender_uses(
    member_client, django_capture_on_commit_callbacks
):
    recipient = LeaderFactory(name="Rosa", visibility=Leader.Visibility.PUBLIC)
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            reverse("directory:leader_contact", kwargs={"slug": recipient.slug}),
            {"subject": "Reunión", "body": "¿Puede hablar?"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    (sent,) = mail.outbox
    assert sent.body.startswith("Hello Rosa,")
