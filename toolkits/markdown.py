"""Markdown to safe HTML: markdown-it-py with raw HTML off, then nh3 as the last word.

Raw HTML in a document is shown as text, never interpreted. Whatever the renderer produces is
cleaned again by nh3 with a short allow-list (no scripts, styles, event handlers, iframes or
`javascript:` links), and every link gets rel="nofollow noopener". Headings get ids, and their
list is the document's table of contents.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt

WORDS_PER_MINUTE = 200
TOC_LEVELS = (2, 3)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable(["table", "strikethrough"])
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[dict]
    reading_minutes: int


def _heading_ids(tokens) -> list[dict]:
    """Give every heading a unique id; return [{level, id, text}] of the levels the TOC shows."""
    seen: dict[str, int] = {}
    toc = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[index + 1].content if index + 1 < len(tokens) else ""
        base = slugify(text)[:60] or "section"
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchor = f"h-{base}" if count == 0 else f"h-{base}-{count + 1}"
        token.attrSet("id", anchor)
        level = int(token.tag[1])
        if level in TOC_LEVELS:
            toc.append({"level": level, "id": anchor, "text": text})
    return toc


def sanitize_html(html: str) -> str:
    """Keep only harmless tags and attributes; links open nothing else and pass no credit."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def reading_minutes(text: str) -> int:
    return max(1, math.ceil(len(_WORDS.findall(text)) / WORDS_PER_MINUTE))


def markdown_render(text: str) -> Rendered:
    """Sanitized HTML, table of contents and reading time of a Markdown text; never raises."""
    text = (text or "").replace("\x00", "")
    tokens = _parser.parse(text)
    toc = _heading_ids(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    return Rendered(html=sanitize_html(html), toc=toc, reading_minutes=reading_minutes(text))
