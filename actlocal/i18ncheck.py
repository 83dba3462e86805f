"""`make i18n-check`: the translation catalogs are valid, complete and in step with the code.

Fails (exit status 1), listing the offending msgids, when:

- `msgfmt --check` refuses a catalog (a placeholder missing or renamed in a translation, a
  broken header);
- a catalog has an entry with no translation, or one marked fuzzy (msgmerge's guess, which
  gettext ignores, so the page would show English);
- running `makemessages -l <language>` for the django and djangojs domains over the tree would
  add a msgid (a string marked in the code but not in the catalog) or drop one (a string gone
  from the code, left in the catalog).

The tree is left as it was: the catalogs are copied aside before makemessages and put back
after, so the check never rewrites what is committed. Uses the gettext tools (`msgfmt`,
`xgettext`, `msgmerge`) that makemessages needs anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
DOMAINS = ("django", "djangojs")
# Never scanned for strings: installed packages, generated files, the tests' own text.
IGNORED = (".venv", "var", "node_modules", "tests", "bench", "docs")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"{context}{self.msgid!r}"


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted PO string: {text[:40]}")
    # PO strings use C escapes; unicode_escape would mangle UTF-8, so only these are undone.
    body = text[1:-1]
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def parse_po(text: str) -> list[Entry]:
    """The entries of a PO file (the header entry included, obsolete ones marked)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None
    started = False

    def finish() -> None:
        nonlocal entry, target, started
        if started:
            entries.append(entry)
        entry, target, started = Entry(), None, False

    for raw in text.splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            if started and target is not None and target[0] == "msgstr":
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
            finish()
        if obsolete:
            entry.obsolete = True
        if keyword == "msgctxt":
            entry.msgctxt, target, started = _unquote(rest), ("msgctxt", None), True
        elif keyword == "msgid":
            entry.msgid, target, started = _unquote(rest), ("msgid", None), True
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = _unquote(rest), ("msgid_plural", None)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            while len(entry.msgstr) <= index:
                entry.msgstr.append("")
            entry.msgstr[index], target = _unquote(rest), ("msgstr", index)
        elif keyword == "" and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index or 0] += _unquote(rest)
            elif name == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + _unquote(rest)
            elif name == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + _unquote(rest)
            else:
                entry.msgid += _unquote(rest)
    finish()
    return entries


def _live(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if not entry.obsolete and entry.msgid != ""]


def catalog_problems(path: Path) -> list[str]:
    """What is wrong with one catalog by itself: msgfmt's errors, empty and fuzzy entries."""
    problems: list[str] = []
    result = subprocess.run(  # noqa: S603  (our own catalog paths, no shell)
        [shutil.which("msgfmt") or "msgfmt", "--check", "--output-file", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        errors = [
            line for line in result.stderr.splitlines() if "warning: header field" not in line
        ]
        problems.extend(f"{path.name}: msgfmt: {line}" for line in errors)
    for entry in _live(parse_po(path.read_text(encoding="utf-8"))):
        if "fuzzy" in entry.flags:
            problems.append(f"{path.name}: fuzzy: {entry.label()}")
        elif not entry.msgstr or any(not text for text in entry.msgstr):
            problems.append(f"{path.name}: empty: {entry.label()}")
    return problems


def msgid_changes(*, before: str, after: str, name: str) -> list[str]:
    """The msgids `after` (the catalog makemessages wrote) adds to or drops from `before`."""
    old = {entry.key: entry for entry in _live(parse_po(before))}
    new = {entry.key: entry for entry in _live(parse_po(after))}
    added = [f"{name}: not in the catalog: {new[key].label()}" for key in new if key not in old]
    gone = [f"{name}: no longer in the code: {old[key].label()}" for key in old if key not in new]
    return sorted(added) + sorted(gone)


def _makemessages(language: str, domain: str) -> None:
    ignores = [arg for name in IGNORED for arg in ("--ignore", name)]
    # The survey charts' SVG templates carry marked strings too; makemessages skips .svg by default.
    extensions = ["--extension", "html,txt,py,svg"] if domain == "django" else []
    subprocess.run(  # noqa: S603  (fixed arguments, no shell)
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            language,
            "--domain",
            domain,
            "--no-obsolete",
            *extensions,
            "--verbosity",
            "0",
            *ignores,
        ],
        cwd=BASE_DIR,
        check=True,
    )


def catalogs_in_step(language: str = "es") -> list[str]:
    """Run makemessages on the tree and report what it would change; the tree is restored."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as saved:
        existed = folder.is_dir()
        if existed:
            shutil.copytree(folder, Path(saved) / "LC_MESSAGES")
        try:
            for domain in DOMAINS:
                path = folder / f"{domain}.po"
                before = path.read_text(encoding="utf-8") if path.exists() else ""
                _makemessages(language, domain)
                after = path.read_text(encoding="utf-8") if path.exists() else ""
                problems += msgid_changes(before=before, after=after, name=path.name)
        finally:
            if folder.is_dir():
                shutil.rmtree(folder)
            if existed:
                shutil.copytree(Path(saved) / "LC_MESSAGES", folder)
    return problems


def check(locale_dir: Path = LOCALE_DIR, *, with_makemessages: bool = True) -> list[str]:
    problems: list[str] = []
    for path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        problems += catalog_problems(path)
    if with_makemessages:
        for language_dir in sorted(p for p in locale_dir.iterdir() if p.is_dir()):
            problems += catalogs_in_step(language_dir.name)
    return problems


def main() -> int:
    problems = check()
    for line in problems:
        print(line)
    if problems:
        print(f"i18n-check: {len(problems)} problem(s); see docs/i18n.md", file=sys.stderr)
        return 1
    print("i18n-check: catalogs valid, complete and in step with the code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
