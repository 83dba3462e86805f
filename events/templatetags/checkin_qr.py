"""`{% checkin_qr rsvp %}`: the person's check-in code as an inline QR code."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..qr import checkin_qr_svg

register = template.Library()


@register.simple_tag
def checkin_qr(code: str) -> str:
    # segno escapes the title and the SVG contains nothing from the user but the code,
    # which is made of letters and digits.
    svg = checkin_qr_svg(code=code, title=_("Check-in code %(code)s") % {"code": code})
    return mark_safe(svg)  # noqa: S308
