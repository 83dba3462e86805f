"""Which language a person reads: on pages, in mail and in cached fragments.

The rules, in one place so pages, the outbox and the caches agree:

- Pages: the language cookie, else the browser's Accept-Language (Django's LocaleMiddleware).
  The switcher sets the cookie; for a signed-in person it holds their saved preference
  (`User.language`), kept there by `actlocal.middleware.user_language_middleware`.
- Mail: the recipient's saved preference, else the language the recipient was using when they
  caused the mail (stamped on the delivery row, never the language of someone acting on their
  behalf), else settings.LANGUAGE_CODE. The delivery loop applies it around every send.
- Caches: every cached rendering carries the active language in its key (`cache_language`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

# The language codes a person may choose (settings.LANGUAGES: "en", "es").
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def language_supported(code: str | None) -> str:
    """`code` as one of LANGUAGES ("es-mx" -> "es"), or "" when it is none of them."""
    if not code:
        return ""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return ""


def user_language(user: Any) -> str:
    """The saved preference of an account ("" for none, anonymous or no account)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return language_supported(getattr(user, "language", ""))


def mail_language(*, saved: str = "", used: str = "") -> str:
    """The language of a mail: the recipient's saved one, else the one they used, else the
    site's default."""
    return language_supported(saved) or language_supported(used) or settings.LANGUAGE_CODE


def active_language() -> str:
    """The language of the current request (or override), as one of LANGUAGES."""
    return language_supported(translation.get_language())


def self_service_language(*, actor: Any, recipient_user_id: int | None) -> str:
    """The active language when the person acting is the mail's recipient (or acts anonymously
    for themselves, through a personal link); "" when someone else acts for them, whose
    language must never decide the recipient's mail."""
    acting_for_self = (
        actor is None
        or not getattr(actor, "is_authenticated", False)
        or (recipient_user_id is not None and getattr(actor, "pk", None) == recipient_user_id)
    )
    return active_language() if acting_for_self else ""


def cache_language() -> str:
    """The language part of every cache key of rendered text: the active language."""
    return active_language() or settings.LANGUAGE_CODE
