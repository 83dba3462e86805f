"""Every template a template includes or extends exists (a moved partial breaks no page)."""

import re
from pathlib import Path

from django.template import TemplateDoesNotExist
from django.template.loader import get_template

ROOT = Path(__file__).resolve().parents[2] / "templates"
REFERENCE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")


def test_every_included_or_extended_template_exists():
    missing = []
    for path in sorted(ROOT.rglob("*.html")):
        for name in REFERENCE.findall(path.read_text()):
            try:
                get_template(name)
            except TemplateDoesNotExist:
                missing.append(f"{path.relative_to(ROOT)} -> {name}")
    assert missing == []
