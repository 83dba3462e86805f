"""allauth hooks: lowercased addresses, and an "account already exists" mail that helps.

Leader profiles are claimed or created by the directory's receivers once an address is
confirmed, not here: at sign-up time the address is not yet proven.
"""

from __future__ import annotations

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal import flows
from allauth.account.utils import user_pk_to_url_str
from allauth.core import context

from .accounts import account_profile_exists
from .models import User


class AccountAdapter(DefaultAccountAdapter):
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
        request = context.request
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
