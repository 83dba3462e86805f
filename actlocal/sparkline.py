"""A sparkline as a small SVG: a trend at a glance above an organizer's tables.

Drawn on the server from numbers (no chart library, no script), with presentation attributes
only (no style=), and a <title> that says the numbers for people who cannot see the line.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


def sparkline_svg(*, values: list[int], title: str, width: int = 240, height: int = 48) -> str:
    """An SVG polyline of `values` (oldest first), scaled to the largest, with a dot at the end."""
    pad = 3
    top = max(values, default=0) or 1
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = [
        (pad + i * step, height - pad - (value / top) * (height - 2 * pad))
        for i, value in enumerate(values or [0])
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<polyline points="{line}" fill="none" stroke="#1f4fb5" stroke-width="2" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="3" fill="#163a86"/>'
        "</svg>"
    )
