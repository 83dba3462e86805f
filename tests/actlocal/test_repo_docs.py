"""The repository stands on its own: no file points at notes outside it, and the docs it names
exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Local state and tool caches, not part of a clone.
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "var",
    "node_modules",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".import_linter_cache",
    "__pycache__",
    "test-results",
}
# Written in two halves so this file does not match itself.
OUTSIDE_REFERENCES = ("../" + "shared", "shared/" + "ARCHITECTURE", "shared/" + "CONVENTIONS")


def _repo_files():
    for path in ROOT.rglob("*"):
        if path.is_file() and not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def test_no_file_in_the_repo_mentions_the_notes_outside_it():
    offenders = []
    for path in _repo_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (images, fonts) cannot hold a link
        if any(reference in text for reference in OUTSIDE_REFERENCES):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_architecture_and_conventions_docs_are_in_the_repo():
    architecture = (ROOT / "docs" / "architecture.md").read_text()
    conventions = (ROOT / "docs" / "conventions.md").read_text()
    for section in ("Layers and the import rules", "How a request flows", "Delivery", "Caches"):
        assert section in architecture
    assert "ServiceError" in conventions
    readme = (ROOT / "README.md").read_text()
    assert "docs/architecture.md" in readme and "docs/conventions.md" in readme
    assert "portal/" in readme


def test_relative_links_in_the_docs_stay_inside_the_repo_and_exist():
    link = re.compile(r"\]\(([^)#\s]+)")
    for doc in [ROOT / "README.md", ROOT / "DEVELOPERS.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in link.findall(doc.read_text()):
            if re.match(r"[a-z]+:", target):
                continue  # a web address, not a file
            resolved = (doc.parent / target).resolve()
            assert resolved.is_relative_to(ROOT), f"{doc.name} links outside the repo: {target}"
            assert resolved.exists(), f"{doc.name} links to a missing file: {target}"
