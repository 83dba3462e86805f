"""allauth hooks: lowercased addresses, an "account already exists" mail that helps, links in
mails built from SITE_URL (never from the Host a request named) and the client IP our rate
limits use.

Leader profiles are claimed or created by the directory's receivers once an address is
confirmed, not here: at sign-up time the address is not yet proven.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal import flows
from allauth.account.utils import user_pk_to_url_str
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from .accounts import account_profile_exists
from .clientip import client_ip
from .languages import active_language, mail_language
from .models import User
from .outbox import mail_enqueue


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def _on_site(value: object, host: str) -> object:
    """`value` moved to SITE_URL if it is a link to the requested host, else unchanged."""
    if not isinstance(value, str) or not host:
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return value
    return site_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
        return user

    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's mail as it would, but send it through the outbox (never lost when
        the mail server or the broker is down, sent once).

        Rendered in the language of the address's account when it saved one (someone signing
        up with a known address must not decide the owner's language), else the request's."""
        # allauth builds some links (sign-up, password reset) from the request's Host; a forged
        # Host must never make a link in a mail point elsewhere.
        request = allauth_context.request
        host = request.get_host() if request is not None else ""
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update({key: _on_site(value, host) for key, value in context.items()})
        saved = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
        language = mail_language(saved=saved or "", used=active_language())
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        mail_enqueue(message=message, language=language)

    def send_account_already_exists_mail(self, email: str) -> None:
        """Someone signed up with a known address: send its owner a link to set a password.

        With prevent-enumeration on, the sign-up page looks the same either way; only the
        mailbox owner learns the account exists. People the network imported have no password
        yet, so the mail explains that their profile is waiting and links straight to choosing
        one (the same one-time link a password reset sends).
        """
        request = allauth_context.request
        existing = User.objects.filter(email__iexact=email, is_active=True).first()
        set_password_url = ""
        if existing is not None:
            token = app_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(existing)
            set_password_url = self.get_reset_password_from_key_url(
                f"{user_pk_to_url_str(existing)}-{token}"
            )
        ctx = {
            "signup_url": flows.signup.get_signup_url(request),
            "password_reset_url": flows.password_reset.get_reset_password_url(request),
            "set_password_url": set_password_url,
            "has_password": bool(existing and existing.has_usable_password()),
            "has_profile": account_profile_exists(user=existing, email=email),
        }
        self.send_mail("account/email/account_already_exists", email, ctx)
