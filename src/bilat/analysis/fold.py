"""Case and diacritic folding that keeps character offsets.

Matching on folded text lets one pattern find "thăm chính thức", "Thăm Chính Thức" and the
diacritic-less "tham chinh thuc" of a careless page, while every match still points at the same
characters of the original text (each character folds to exactly one character).
"""

from __future__ import annotations

import unicodedata
from functools import cache

_SPECIAL = {"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ß", "æ": "a",
            "’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-", "‑": "-", "‐": "-"}


@cache
def fold_char(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else base


class _Table(dict):
    """A str.translate table that learns each character on first sight."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char(chr(code))
        return value


_TABLE = _Table()


def fold(text: str) -> str:
    """Lower case, diacritics removed, đ -> d; len(fold(t)) == len(t)."""
    if text.isascii():
        return text.lower().replace("`", "'")
    return text.translate(_TABLE)
