"""allauth hooks: lowercased addresses, and an "account already exists" mail that helps.

Leader profiles are claimed or created by the receivers in actlocal.receivers once an address
is confirmed, not here: at sign-up time the address is not yet proven.
"""

from __future__ import annotations

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal import flows
from allauth.account.utils import user_pk_to_url_str
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from .models import User
from .outbox import mail_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's mail as it would, but send it through the outbox (never lost when
        the mail server or the broker is down, sent once)."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        mail_enqueue(message=self.render_mail(template_prefix, email, ctx))

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
        return user

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
            "has_profile": _has_leader_profile(existing, email),
        }
        self.send_mail("account/email/account_already_exists", email, ctx)


def _has_leader_profile(user: User | None, email: str) -> bool:
    from directory.models import Leader

    if user is not None and Leader.objects.filter(user=user).exists():
        return True
    return Leader.objects.filter(email=email.strip().lower()).exists()
