"""Name keys that make two spellings of one district or town compare equal."""

from __future__ import annotations

import re
import unicodedata

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_NUMBERED = re.compile(r"^(\d+)(st|nd|rd|th)?$")


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    return re.findall(r"[a-z0-9]+", text.replace("-", " "))


def district_key(name: str) -> str:
    """'Seventh Plymouth', '7th Plymouth' -> '7 plymouth'; '&' and 'and' agree; case and
    spacing ignored; 'Twenty-first Middlesex' -> '21 middlesex'."""
    words = _words(name)
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in TENS and nxt in ORDINALS and ORDINALS[nxt] < 10:
            out.append(str(TENS[word] + ORDINALS[nxt]))
            i += 2
            continue
        if word in ORDINALS:
            out.append(str(ORDINALS[word]))
        elif match := _NUMBERED.match(word):
            out.append(str(int(match.group(1))))
        else:
            out.append(word)
        i += 1
    return " ".join(out)


def municipality_key(name: str) -> str:
    """'North  Attleborough', 'north attleborough' -> 'north attleborough'."""
    return " ".join(_words(name))
