"""Documents' Markdown becomes safe HTML: no raw HTML, no script, links marked nofollow."""

from html.parser import HTMLParser

import pytest

from toolkits.markdown import markdown_render


class ActiveContent(HTMLParser):
    """Collects what a browser would act on: dangerous tags, handlers, script URLs, styles."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "svg", "iframe", "style", "object", "embed", "form", "math"}:
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.found.append(name)
            if name in {"href", "src"} and value.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(value)


def active_content(html: str) -> list:
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)></svg>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '[x](https://ok.example "t" onmouseover=alert(1))',
    "<<script>script>alert(1)<</script>/script>",
    "# Heading <script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_active_content_survives(payload):
    html = markdown_render(f"Intro\n\n{payload}\n\nEnd").html
    assert active_content(html) == []
    assert "Intro" in html


def test_the_checker_sees_active_content():
    assert active_content('<img src=x onerror="alert(1)"><a href="javascript:x">') != []


def test_raw_html_is_shown_as_text():
    html = markdown_render("<b>bold?</b>").html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_links_get_nofollow_noopener():
    html = markdown_render("[The guide](https://example.org/guide)").html
    assert 'href="https://example.org/guide"' in html
    assert 'rel="nofollow noopener"' in html


def test_headings_get_ids_and_make_the_table_of_contents():
    rendered = markdown_render(
        "# Title\n\n## Before the meeting\n\n### Roles\n\n## Before the meeting\n"
    )
    assert rendered.toc == [
        {"level": 2, "id": "h-before-the-meeting", "text": "Before the meeting"},
        {"level": 3, "id": "h-roles", "text": "Roles"},
        {"level": 2, "id": "h-before-the-meeting-2", "text": "Before the meeting"},
    ]
    assert '<h2 id="h-before-the-meeting">' in rendered.html


def test_reading_time_counts_words():
    assert markdown_render("word " * 10).reading_minutes == 1
    assert markdown_render("word " * 401).reading_minutes == 3


@pytest.mark.parametrize(
    "broken", ["[unclosed](", "```\nno end", "| a |\n|--", "*" * 5000, "\x00\x01\x02", "[" * 3000]
)
def test_broken_markdown_renders_without_error(broken):
    assert isinstance(markdown_render(broken).html, str)
