"""Account signals that carry the person's language (connected in ActlocalConfig.ready()).

- Signing up saves the language the person signed up in as their preference, so mail that
  others cause later (an organizer's message) reaches them in it; /me/ changes it.
- Signing in applies the saved preference at once, to the messages of that very request too
  (the middleware puts it in the language cookie for every later request).
"""

from __future__ import annotations

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .accounts import account_language_set
from .languages import active_language, user_language


@receiver(user_signed_up, dispatch_uid="actlocal.language_on_signup")
def language_on_signup(sender, request, user, **kwargs) -> None:
    if not user.language and active_language():
        account_language_set(user=user, language=active_language())


@receiver(user_logged_in, dispatch_uid="actlocal.language_on_login")
def language_on_login(sender, request, user, **kwargs) -> None:
    saved = user_language(user)
    if saved:
        translation.activate(saved)
        if request is not None:
            request.LANGUAGE_CODE = saved
