"""Demo attachments drawn with Pillow, so the demo needs no binary files in the repository."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

INK = (30, 41, 59)
PAPER = (255, 255, 255)


def seating_plan_png() -> bytes:
    """A table with the five meeting roles around it and the official at the head."""
    image = Image.new("RGB", (640, 400), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((170, 130, 470, 270), outline=INK, width=4)
    seats = {
        "Official": (320, 95),
        "Facilitator": (120, 170),
        "Storyteller": (120, 240),
        "Asker": (520, 170),
        "Note-taker": (520, 240),
        "Closer": (320, 310),
    }
    for label, (x, y) in seats.items():
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), outline=INK, width=3)
        draw.text((x - 30, y + 26), label, fill=INK)
    draw.text((20, 20), "Constituent meeting: who sits where", fill=INK)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sign_in_sheet_pdf() -> bytes:
    """A one-page PDF with an empty sign-in table."""
    image = Image.new("RGB", (1240, 1754), PAPER)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    draw.text((100, 80), "Sign-in sheet", fill=INK)
    columns = [100, 400, 620, 860, 1140]
    headers = ["Name", "Town", "Email", "Phone (optional)"]
    for x, header in zip(columns, headers, strict=False):
        draw.text((x + 8, 150), header, fill=INK)
    for row in range(26):
        y = 140 + row * 60
        draw.line((100, y, 1140, y), fill=INK, width=2)
    for x in columns:
        draw.line((x, 140, x, 140 + 25 * 60), fill=INK, width=2)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=150)
    return out.getvalue()
