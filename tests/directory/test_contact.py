"""The contact relay: members write to leaders through the site, never seeing their address."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from actlocal.delivery import deliver_claimed, deliveries_sweep
from actlocal.models import AuditEntry
from directory.deliveries import CONTACT
from directory.models import ContactMessage, Leader
from tests.directory.factories import LeaderFactory

RECIPIENT_EMAIL = "rosa.private@example.net"
MESSAGE = {"subject": "Tenant meeting in March", "body": "Would you speak at our meeting?"}


@pytest.fixture
def recipient(db) -> Leader:
    return LeaderFactory(
        name="Rosa Recipient",
        slug="rosa-recipient",
        email=RECIPIENT_EMAIL,
        phone="617-555-0100",
        visibility=Leader.Visibility.PUBLIC,
    )


def _url(leader: Leader) -> str:
    return reverse("directory:leader_contact", kwargs={"slug": leader.slug})


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """POST a message and run what the view queued for after the commit (the mail)."""

    def post(client, leader: Leader, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(_url(leader), data or MESSAGE)

    return post


# --- who may write to whom -------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(anon_client, recipient):
    for response in (anon_client.get(_url(recipient)), anon_client.post(_url(recipient), MESSAGE)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not ContactMessage.objects.exists()


@pytest.mark.django_db
def test_member_sees_the_form_and_the_privacy_promise(member_client, recipient):
    response = member_client.get(_url(recipient))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Send a message to Rosa Recipient</h1>" in content
    assert "Their email address stays private" in content
    assert "your address is then shared with them" in content
    assert '<label for="id_subject">' in content and '<label for="id_body">' in content


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["member_client", "organizer_client", "staff_client"])
def test_the_page_never_shows_the_recipients_address_or_phone(request, client_fixture, recipient):
    client = request.getfixturevalue(client_fixture)
    for response in (client.get(_url(recipient)), client.post(_url(recipient), {"subject": ""})):
        assert RECIPIENT_EMAIL.encode() not in response.content
        assert b"617-555-0100" not in response.content


@pytest.mark.django_db
def test_members_only_leader_can_be_contacted_by_a_member(member_client):
    leader = LeaderFactory(visibility=Leader.Visibility.MEMBERS)
    assert member_client.get(_url(leader)).status_code == 200


@pytest.mark.django_db
def test_hidden_recipient_is_not_found_for_a_member(member_client, send):
    hidden = LeaderFactory(visibility=Leader.Visibility.ORGANIZERS)
    assert member_client.get(_url(hidden)).status_code == 404
    assert send(member_client, hidden).status_code == 404
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_organizer_can_contact_an_organizers_only_leader(organizer_client):
    hidden = LeaderFactory(visibility=Leader.Visibility.ORGANIZERS)
    assert organizer_client.get(_url(hidden)).status_code == 200


@pytest.mark.django_db
def test_leader_without_an_email_cannot_be_contacted(member_client):
    leader = LeaderFactory(email="")
    assert member_client.get(_url(leader)).status_code == 404


@pytest.mark.django_db
def test_nobody_messages_themself(member_client, member_user):
    assert member_client.get(_url(member_user.leader)).status_code == 404


@pytest.mark.django_db
def test_unknown_leader_is_not_found(member_client):
    response = member_client.get(reverse("directory:leader_contact", kwargs={"slug": "nobody"}))
    assert response.status_code == 404


# --- sending ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_message_is_mailed_to_the_recipient_with_reply_to_the_sender(
    member_client, member_user, recipient, send
):
    response = send(member_client, recipient)

    assert response.status_code == 302
    assert response["Location"] == recipient.get_absolute_url()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [RECIPIENT_EMAIL]
    assert sent.reply_to == ["member@example.org"]
    assert "member@example.org" not in sent.to
    assert "Tenant meeting in March" in sent.subject
    assert "Mara Member" in sent.subject
    assert "Would you speak at our meeting?" in sent.body
    assert "reply to this email" in sent.body
    html, mimetype = sent.alternatives[0]
    assert mimetype == "text/html"
    assert "Would you speak at our meeting?" in html


@pytest.mark.django_db
def test_message_is_recorded_with_its_send_time_and_audited(
    member_client, member_user, recipient, send
):
    send(member_client, recipient)
    message = ContactMessage.objects.get()
    assert message.sender == member_user
    assert message.recipient == recipient
    assert (message.subject, message.body) == (MESSAGE["subject"], MESSAGE["body"])
    assert message.sent_at is not None
    assert AuditEntry.objects.filter(
        action="contact.send", actor=member_user, object_id=str(message.pk)
    ).exists()


@pytest.mark.django_db
def test_sender_is_told_where_replies_will_arrive_without_the_recipients_address(
    member_client, recipient, send
):
    response = send(member_client, recipient)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Your message to Rosa Recipient is on its way. If they reply, the answer will arrive at "
        "member@example.org."
    ]
    assert RECIPIENT_EMAIL not in " ".join(messages)


@pytest.mark.django_db
def test_a_message_is_delivered_once_even_if_delivery_runs_twice(member_client, recipient, send):
    send(member_client, recipient)
    assert deliver_claimed(channel=CONTACT).sent == 0
    assert deliveries_sweep().sent == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_script_in_a_message_is_escaped_in_the_html_mail(member_client, recipient, send):
    data = {"subject": "Hello", "body": "<script>alert('x')</script> see you soon"}
    send(member_client, recipient, data)
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_line_breaks_in_the_subject_cannot_inject_mail_headers(member_client, recipient, send):
    data = {"subject": "Hi\r\nBcc: victim@example.org", "body": "A perfectly normal message."}
    response = send(member_client, recipient, data)
    assert response.status_code == 302
    sent = mail.outbox[0]
    assert sent.bcc == []
    assert "\n" not in sent.subject
    assert ContactMessage.objects.get().subject == "Hi Bcc: victim@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject": "", "body": "A perfectly normal message."}, "subject"),
        ({"subject": "Hello", "body": ""}, "body"),
        ({"subject": "Hello", "body": "short"}, "body"),
        ({"subject": "x" * 151, "body": "A perfectly normal message."}, "subject"),
        ({"subject": "Hello", "body": "x" * 5001}, "body"),
    ],
)
def test_bad_input_is_refused_with_400_and_nothing_is_recorded(
    member_client, recipient, send, data, field
):
    response = send(member_client, recipient, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert b'class="errorlist' in response.content
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


# --- rate limit ------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(CONTACT_RELAY_RATE="2/h/user")
def test_sending_over_the_rate_limit_gets_429_and_records_nothing(member_client, recipient, send):
    for _ in range(2):
        assert send(member_client, recipient).status_code == 302

    response = send(member_client, recipient)

    assert response.status_code == 429
    assert b"2 per hour" in response.content
    assert b"was not sent" in response.content
    assert RECIPIENT_EMAIL.encode() not in response.content
    assert ContactMessage.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db
@override_settings(CONTACT_RELAY_RATE="1/h/user")
def test_the_rate_limit_counts_per_sender(member_client, organizer_client, recipient, send):
    assert send(member_client, recipient).status_code == 302
    assert send(organizer_client, recipient).status_code == 302
    assert send(member_client, recipient).status_code == 429


def test_a_message_the_mail_server_refused_is_retried_by_the_sweep(
    member_client, recipient, send, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from actlocal import mail as mail_module

    def refuse(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(mail_module, "send_templated_mail", refuse)
    response = send(member_client, recipient)
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.sent_at is None and len(mail.outbox) == 0
    assert "mail server down" in message.last_error

    monkeypatch.undo()
    # Its claim holds until the lease passes: a worker may still be trying it.
    assert deliveries_sweep().sent == 0
    assert deliveries_sweep(now=timezone.now() + timedelta(minutes=20)).sent == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert mail.outbox[0].to == [recipient.email]
    # Already sent: a second sweep sends nothing more.
    assert deliveries_sweep(now=timezone.now() + timedelta(hours=1)).sent == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_with_the_broker_down_the_relay_answers_and_the_sweep_mails_once(
    member_client, recipient, send, broker_down
):
    response = send(member_client, recipient)
    assert response.status_code == 302
    assert mail.outbox == []
    assert deliveries_sweep().sent == 1
    assert deliveries_sweep().sent == 0
    assert [m.to for m in mail.outbox] == [[recipient.email]]


@pytest.mark.django_db
def test_a_message_older_than_two_days_is_dropped_not_mailed_late(
    member_client, recipient, send, broker_down
):
    from datetime import timedelta

    from django.utils import timezone

    send(member_client, recipient)
    ContactMessage.objects.update(created_at=timezone.now() - timedelta(days=3))
    assert deliveries_sweep().cancelled == 1
    assert mail.outbox == []
