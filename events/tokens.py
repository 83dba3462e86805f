"""Unguessable tokens for invitation links and signed links for managing an RSVP."""

from __future__ import annotations

import hmac
import secrets

from django.core import signing

SELECTOR_LENGTH = 12
RSVP_LINK_SALT = "events.rsvp-manage"


def new_token() -> tuple[str, str]:
    """A fresh token and its selector (the indexed prefix used to find the row)."""
    token = secrets.token_urlsafe(32)
    return token, token[:SELECTOR_LENGTH]


def find_by_token(queryset, token: str):
    """The row whose token equals `token`, compared in constant time; None if there is none."""
    if not token or len(token) < SELECTOR_LENGTH or len(token) > 64:
        return None
    found = None
    for row in queryset.filter(token_selector=token[:SELECTOR_LENGTH]):
        if hmac.compare_digest(row.token.encode(), token.encode()):
            found = row
    return found


def rsvp_link_token(rsvp) -> str:
    """A signed token that lets the holder change or cancel this RSVP without signing in."""
    return signing.dumps({"r": rsvp.pk, "c": rsvp.checkin_code}, salt=RSVP_LINK_SALT, compress=True)


def rsvp_from_link_token(token: str):
    """The RSVP a signed link points at, or None when the link is forged or stale."""
    from .models import RSVP

    try:
        data = signing.loads(token, salt=RSVP_LINK_SALT)
        return RSVP.objects.select_related("event", "leader").get(
            pk=int(data["r"]), checkin_code=str(data["c"])
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, RSVP.DoesNotExist):
        return None
