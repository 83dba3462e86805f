"""The delivery loop sends every mail in its recipient's language, whoever caused it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from actlocal import delivery
from actlocal.models import OutboxMail

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def language_channel():
    """A channel over OutboxMail rows that records the language each send ran under."""
    seen: list[tuple[int, str]] = []
    saved = {"to-es@example.org": "es"}

    def send(row, connection):
        seen.append((row.pk, translation.get_language()))

    channel = delivery.Channel(
        name="test.language",
        model=OutboxMail,
        send=send,
        recipient_language=lambda row: saved.get(row.to[0], ""),
    )
    delivery.channel_register(channel)
    yield channel, seen
    delivery._channels.pop(channel.name)


def _row(to: str, language: str = "") -> OutboxMail:
    return OutboxMail.objects.create(to=[to], subject="s", body_text="b", language=language)


def test_the_saved_preference_then_the_language_used_then_the_default(language_channel):
    channel, seen = language_channel
    saved = _row("to-es@example.org", language="en")  # the saved "es" wins over "en" used
    used = _row("someone@example.org", language="es")
    neither = _row("nobody@example.org")

    with translation.override("es"):  # the worker's own language never matters
        delivery.deliver_claimed(channel=channel, pks=[saved.pk, used.pk, neither.pk])

    assert dict(seen) == {saved.pk: "es", used.pk: "es", neither.pk: "en-us"}


def test_the_account_mail_to_a_known_address_is_in_its_owners_language(
    anon_client, django_capture_on_commit_callbacks
):
    UserFactory(email="rosa@example.org", language="es")
    with django_capture_on_commit_callbacks(execute=True):
        anon_client.post(
            reverse("account_signup"),
            {
                "name": "Someone Else",
                "email": "rosa@example.org",
                "password1": "a-long-enough-passphrase",
                "password2": "a-long-enough-passphrase",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    (sent,) = mail.outbox
    assert sent.to == ["rosa@example.org"]
    assert sent.subject.endswith("Ya tiene una cuenta en ActLocal")
    assert OutboxMail.objects.get().language == "es"


def test_an_account_mail_follows_the_request_when_no_account_saved_a_language(
    anon_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anon_client.post(
            reverse("account_signup"),
            {
                "name": "Nueva Persona",
                "email": "nueva@example.org",
                "password1": "a-long-enough-passphrase",
                "password2": "a-long-enough-passphrase",
            },
            HTTP_ACCEPT_LANGUAGE="es",
        )
    (sent,) = mail.outbox
    assert sent.subject.endswith(
        "Confirme su dirección de correo electrónico para unirse a ActLocal"
    )
