"""make i18n-check: catalogs valid, complete and in step with the code (actlocal.i18ncheck)."""

import shutil
from pathlib import Path

import pytest

from actlocal import i18ncheck

DATA = Path(__file__).parent / "data"
CLEAN = """msgid ""
msgstr ""
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Hello"
msgstr "Hola"
"""


def test_a_broken_catalog_fails_naming_each_faulty_msgid():
    problems = i18ncheck.catalog_problems(DATA / "broken_catalog.po")
    text = "\n".join(problems)
    assert "empty: 'Not translated yet'" in text
    assert "fuzzy: 'A guess'" in text
    assert "msgfmt:" in text and "'name'" in text  # the placeholder renamed in Spanish
    assert "empty: [verb] 'Two lines of text'" in text  # one plural form missing
    assert "Traducido" not in text and "'Translated'" not in text


def test_a_clean_catalog_passes(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(CLEAN, encoding="utf-8")
    assert i18ncheck.catalog_problems(path) == []


def test_the_committed_catalogs_pass_by_themselves():
    paths = sorted(i18ncheck.LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    assert paths
    assert [problem for path in paths for problem in i18ncheck.catalog_problems(path)] == []


def test_msgids_added_or_dropped_by_makemessages_are_listed():
    before = CLEAN + '\nmsgid "Gone"\nmsgstr "Ido"\n'
    after = CLEAN + '\nmsgid "New"\nmsgstr ""\n\n#~ msgid "Gone"\n#~ msgstr "Ido"\n'
    assert i18ncheck.msgid_changes(before=before, after=after, name="django.po") == [
        "django.po: not in the catalog: 'New'",
        "django.po: no longer in the code: 'Gone'",
    ]
    assert i18ncheck.msgid_changes(before=CLEAN, after=CLEAN, name="django.po") == []


def test_the_in_step_check_reports_and_leaves_the_tree_as_it_was(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    folder = locale / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(CLEAN, encoding="utf-8")
    monkeypatch.setattr(i18ncheck, "LOCALE_DIR", locale)

    def fake_makemessages(language, domain):
        # What makemessages does when the code has a string the catalog lacks.
        path = folder / f"{domain}.po"
        path.write_text(CLEAN + '\nmsgid "Only in the code"\nmsgstr ""\n', encoding="utf-8")

    monkeypatch.setattr(i18ncheck, "_makemessages", fake_makemessages)
    problems = i18ncheck.check(locale)
    assert "django.po: not in the catalog: 'Only in the code'" in problems
    assert "djangojs.po: not in the catalog: 'Only in the code'" in problems
    assert (folder / "django.po").read_text(encoding="utf-8") == CLEAN
    assert not (folder / "djangojs.po").exists()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext's xgettext")
def test_the_javascript_catalog_is_in_step_with_the_scripts():
    # The djangojs domain is small: the real makemessages run over static/ stays quick.
    before = (i18ncheck.LOCALE_DIR / "es/LC_MESSAGES/djangojs.po").read_text(encoding="utf-8")
    i18ncheck._makemessages("es", "djangojs")
    path = i18ncheck.LOCALE_DIR / "es/LC_MESSAGES/djangojs.po"
    try:
        after = path.read_text(encoding="utf-8")
        assert i18ncheck.msgid_changes(before=before, after=after, name="djangojs.po") == []
    finally:
        path.write_text(before, encoding="utf-8")
