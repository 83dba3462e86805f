"""The letter and op-ed outline: its parts, the whole text, and word counts against the limits.

The limits are the usual ones newspapers print (they vary; the editor of each outlet decides),
so they are advice shown next to the count, never a reason to refuse a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models_letters import Letter

WORD = re.compile(r"\S+")
LIMITS: dict[str, tuple[int, int]] = {
    Letter.Kind.LETTER: (150, 250),
    Letter.Kind.OP_ED: (600, 800),
}
PARTS: tuple[tuple[str, object, object], ...] = (
    ("hook", _("The hook"), _("Why now: the news, the vote, the moment your piece answers.")),
    ("story", _("The local story"), _("What happened here, to people the readers know.")),
    ("ask", _("The ask"), _("What the official or the readers should do, in one sentence.")),
    ("about", _("Who you are"), _("One line: why you have standing to say this.")),
)


@dataclass(frozen=True)
class WordCount:
    words: int
    low: int
    high: int

    @property
    def verdict(self) -> str:
        if self.words < self.low:
            return str(_("short"))
        if self.words > self.high:
            return str(_("too long"))
        return str(_("within the usual length"))

    @property
    def fits(self) -> bool:
        return self.low <= self.words <= self.high


def words_in(text: str) -> int:
    return len(WORD.findall(text or ""))


def letter_text(*, letter: Letter) -> str:
    """The piece as an editor receives it: the parts in order, one paragraph each."""
    parts = [getattr(letter, name).strip() for name, _label, _help in PARTS]
    return "\n\n".join(part for part in parts if part)


def letter_word_count(*, letter: Letter) -> WordCount:
    low, high = LIMITS.get(letter.kind, LIMITS[Letter.Kind.LETTER])
    return WordCount(words=words_in(letter_text(letter=letter)), low=low, high=high)
