"""Spanish versions of what people write (an event's description, a toolkit document, a survey).

A model offers a Spanish version of a field by having a `<field>_es` beside it (`description` and
`description_es`), edited in the same forms and the admin. Readers whose language is Spanish see
it when it is filled, everyone else (and Spanish readers when it is empty) the original. Search,
exports and imports keep using the original fields. Markdown or HTML bodies go through the same
sanitising as the original (see toolkits.markdown).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import active_language, language_supported

SPANISH_HELP = _("Shown to readers who use the site in Spanish; leave empty to show the original.")


def spanish_char(verbose_name: Any, max_length: int) -> models.CharField:
    """The optional `<field>_es` beside a CharField."""
    return models.CharField(verbose_name, max_length=max_length, blank=True, help_text=SPANISH_HELP)


def spanish_text(verbose_name: Any, max_length: int | None = None) -> models.TextField:
    """The optional `<field>_es` beside a TextField."""
    return models.TextField(verbose_name, max_length=max_length, blank=True, help_text=SPANISH_HELP)


DEFAULT_LANGUAGE = language_supported(settings.LANGUAGE_CODE) or "en"


def localized(obj: Any, field: str, *, language: str | None = None) -> Any:
    """`obj.<field>` in the reader's language: `<field>_<language>` when it exists and is
    filled, else the original."""
    language = language or active_language()
    if language and language != DEFAULT_LANGUAGE:
        value = getattr(obj, f"{field}_{language}", None)
        if value:
            return value
    return getattr(obj, field)


def localized_item(item: dict, key: str, *, language: str | None = None) -> Any:
    """`item[key]` in the reader's language, for versions kept in JSON (`{"label": ...,
    "label_es": ...}`): `<key>_<language>` when filled, else the original."""
    language = language or active_language()
    if language and language != DEFAULT_LANGUAGE and item.get(f"{key}_{language}"):
        return item[f"{key}_{language}"]
    return item[key]


def text_lines(text: str) -> list[str]:
    """The non-empty lines of a list typed one a line, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def localized_lines(obj: Any, field: str, *, language: str | None = None) -> list[str]:
    """The lines of `obj.<field>` (a list typed one a line, like a question's choices) in the
    reader's language: each line of `<field>_<language>` replaces the original line at the same
    place, and an original without a counterpart stays as it is."""
    originals = text_lines(getattr(obj, field))
    language = language or active_language()
    if not language or language == DEFAULT_LANGUAGE:
        return originals
    translated = text_lines(getattr(obj, f"{field}_{language}", "") or "")
    return [translated[i] if i < len(translated) else line for i, line in enumerate(originals)]
