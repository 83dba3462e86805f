"""Mail helpers: the development outbox backend and a helper that renders our mail templates."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import get_random_string

from .languages import mail_language


class OutboxEmailBackend(BaseEmailBackend):
    """Prints every message and keeps a copy as a readable .eml file in EMAIL_OUTBOX_DIR."""

    _lock = threading.Lock()

    def send_messages(self, email_messages) -> int:
        outbox = Path(settings.EMAIL_OUTBOX_DIR)
        outbox.mkdir(parents=True, exist_ok=True)
        ConsoleBackend(stream=sys.stdout, fail_silently=self.fail_silently).send_messages(
            email_messages
        )
        with self._lock:
            for message in email_messages:
                stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
                name = f"{stamp}-{get_random_string(6).lower()}.eml"
                (outbox / name).write_bytes(message.message().as_bytes())
        return len(email_messages)


def send_templated_mail(
    *,
    template: str,
    to: list[str],
    context: dict,
    reply_to: list[str] | None = None,
    headers: dict | None = None,
    attachments: list[tuple[str, bytes | str, str]] | None = None,
    connection=None,
) -> None:
    """Render templates/emails/<template>_subject.txt, _body.txt and _body.html and send them.

    `attachments` are (filename, content, mimetype) triples, e.g. an .ics file as
    "text/calendar; method=REQUEST"; `connection` lets a batch reuse one mail connection.
    """
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    subject = " ".join(subject.splitlines())
    text = render_to_string(f"emails/{template}_body.txt", context)
    html = render_to_string(f"emails/{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=to,
        reply_to=reply_to,
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


def send_templated_mail_by_language(
    *, template: str, recipients: list[tuple[str, str]], context: dict, connection=None
) -> None:
    """One mail per language among `recipients` ((address, saved language) pairs), each
    rendered in its own language: for mail to several people at once, such as a team."""
    groups: dict[str, list[str]] = {}
    for address, saved in recipients:
        groups.setdefault(mail_language(saved=saved), []).append(address)
    for language, addresses in sorted(groups.items()):
        with translation.override(language):
            send_templated_mail(
                template=template, to=addresses, context=context, connection=connection
            )
