"""The check-in code as a QR code: an SVG for pages, a PNG for mail.

The QR code holds only the code the desk already types (no URL, no name), so a photo of it
reveals nothing a stranger could use. segno draws it in pure Python; the SVG carries no
`style=` attribute, so it passes the Content-Security-Policy.
"""

from __future__ import annotations

import io

import segno


def _qr(code: str) -> segno.QRCode:
    # Level M survives a scuffed phone screen or a printout folded in a pocket.
    return segno.make(code, error="m", micro=False)


def checkin_qr_svg(*, code: str, title: str) -> str:
    """An inline <svg> of `code`, sized by CSS (class `checkin-qr`)."""
    return _qr(code).svg_inline(scale=4, title=title, svgclass="checkin-qr", omitsize=True)


def checkin_qr_png(*, code: str) -> bytes:
    """A PNG of `code` large enough to scan from a phone held at the door."""
    buffer = io.BytesIO()
    _qr(code).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()
