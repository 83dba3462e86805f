"""A pseudo-Spanish catalog built at test time from the project's own msgids.

Every msgstr is its msgid with each run of words wrapped in ⟦…⟧, and placeholders (%(x)s, %s,
{x}), HTML tags and entities left outside the brackets, so text a template or a format string
puts *into* a translated sentence is still checked. Strings a third-party catalog (Django,
allauth, the admin) translates are wrapped in ⟪…⟫, so they count as translated too. What is
left bare on a page is text that never went through gettext, or went through it with a msgid
that extraction cannot see (`_(variable)`): in both cases a Spanish reader would get English.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

OPEN, CLOSE = "⟦", "⟧"
THIRD_OPEN, THIRD_CLOSE = "⟪", "⟫"
REPO = Path(__file__).resolve().parents[2]
# What makemessages reads: the code and templates that ship, not tests, docs or bench.
SOURCES = ("actlocal", "directory", "toolkits", "events", "campaigns", "surveys", "portal")
SOURCES += ("templates",)

_KEEP = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-z]"  # %(name)s, %(count)d
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%"  # %s, %d, %%
    r"|\{[\w.\[\]]*\}"  # {name}, {0}
    r"|<[^<>]+>"  # HTML tags
    r"|&#?\w+;"  # entities
    r"|\s+"
)


def pseudo(text: str) -> str:
    """Wrap every run of text between placeholders, tags and spaces in ⟦…⟧."""
    out: list[str] = []
    position = 0
    for match in _KEEP.finditer(text):
        if match.start() > position:
            out.append(OPEN + text[position : match.start()] + CLOSE)
        out.append(match.group())
        position = match.end()
    if position < len(text):
        out.append(OPEN + text[position:] + CLOSE)
    # Neighbouring runs joined by a single space read as one phrase: one bracket pair.
    return re.sub(f"{CLOSE}( ){OPEN}", r"\1", "".join(out))


# -- a minimal .po reader and writer (no polib in the project) ------------------------------


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def po_entries(path: Path) -> list[dict[str, str]]:
    """The entries of a .po file: flags, msgctxt, msgid, msgid_plural (header and obsolete
    entries skipped)."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current.get("msgid"):
                entries.append(current)
            current, key = {}, ""
        elif line.startswith("#,"):
            current["flags"] = line  # python-format and the like: msgfmt checks them
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key:
                current[key] += _unquote(line)
        else:
            key = line.split(" ", 1)[0]
            if key.startswith("msgstr"):
                key = ""  # ours are written fresh
            else:
                current[key] = _unquote(line)
    return entries


def _write_pseudo(entries: list[dict[str, str]], path: Path) -> None:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Language: es\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for entry in entries:
        if "flags" in entry:
            lines.append(entry["flags"].replace("fuzzy, ", "").replace(", fuzzy", ""))
        if "msgctxt" in entry:
            lines.append("msgctxt " + _quote(entry["msgctxt"]))
        lines.append("msgid " + _quote(entry["msgid"]))
        if "msgid_plural" in entry:
            lines.append("msgid_plural " + _quote(entry["msgid_plural"]))
            lines.append("msgstr[0] " + _quote(pseudo(entry["msgid"])))
            lines.append("msgstr[1] " + _quote(pseudo(entry["msgid_plural"])))
        else:
            lines.append("msgstr " + _quote(pseudo(entry["msgid"])))
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def extract(workdir: Path) -> Path:
    """Run makemessages over the shipped sources into `workdir/locale` (never the repo's own
    locale folder) and return the extracted .po."""
    farm = workdir / "src"
    farm.mkdir()
    for name in SOURCES:
        (farm / name).symlink_to(REPO / name)
    locale = workdir / "locale"
    here = os.getcwd()
    try:
        os.chdir(farm)
        with override_settings(LOCALE_PATHS=[str(locale)]):
            call_command(
                "makemessages",
                locale=["es"],
                domain="django",
                symlinks=True,
                # SVG templates (charts' titles) hold strings too: extract them like HTML.
                extensions=["html", "txt", "py", "svg"],
                no_location=True,
                ignore_patterns=["*/migrations/*"],
                verbosity=0,
            )
    finally:
        os.chdir(here)
    return locale / "es" / "LC_MESSAGES" / "django.po"


def build(workdir: Path) -> tuple[Path, set]:
    """Extract, write the pseudo catalog, compile it; return the locale folder and the
    catalog keys it defines (as Django's catalogs key them)."""
    extracted = extract(workdir)
    entries = po_entries(extracted)
    _write_pseudo(entries, extracted)
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(extracted.with_suffix(".mo")), str(extracted)],
        check=True,
    )
    keys: set = set()
    for entry in entries:
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            keys |= {(msgid, 0), (msgid, 1)}
        else:
            keys.add(msgid)
    return workdir / "locale", keys


def _third_party_marked(ours: set) -> None:
    catalog = trans_real.translation("es")._catalog
    for table in catalog._catalogs:
        for key, value in list(table.items()):
            if key and key not in ours and isinstance(value, str) and value:
                table[key] = THIRD_OPEN + value + THIRD_CLOSE


@contextmanager
def pseudo_spanish(locale: Path, ours: set) -> Iterator[None]:
    """Serve the pseudo catalog as "es" while the block runs (Django drops its cached
    catalogs when LOCALE_PATHS changes, on the way in and out)."""
    with override_settings(LOCALE_PATHS=[str(locale)]):
        trans_real._translations = {}
        _third_party_marked(ours)
        try:
            yield
        finally:
            trans_real._translations = {}
            translation.deactivate()
