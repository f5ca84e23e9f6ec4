"""Sentence splitting with exact character offsets, by rules and per-language abbreviations.

A rule splitter is used for every language (Vietnamese included): news sentences end in
". ", "! " or "? " before a capital, a digit or a quote, and paragraphs are lines. What is not
a sentence end (an abbreviation such as "Mr." or "TP.", an initial, a decimal) is data in
lang/<code>/abbreviations.yaml. It is fast enough to run on every document (about 0.1 ms for
600 words), which underthesea's CRF sentence splitter is not.

No sentence is longer than MAX_SENTENCE characters: a longer run without a sentence end (a
scraped table, a list joined by commas) is cut at a clause break (", ", "; ") or a space
near the limit, so that per-sentence work downstream stays bounded.
"""

from __future__ import annotations

import re
from functools import cache

from bilat import lang
from bilat.model import Sentence

# A run of end marks is only tried from its first mark: a long run of dots is not rescanned
# from each of its characters.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s+[\"'“‘«(\[]?[\w])"
                  # a scraped page that lost the space: "với Việt Nam.Phóng viên"
                  r"|(?<=\w{3})\.(?=[^\W\d_]{2})"
                  # ideographic ends need no space after them: "会见了法国总统。双方…"
                  r"|[。！？]++[」』”）]*+(?=\S)")
_LINE = re.compile(r"[^\n]+")
_NON_SPACE = re.compile(r"\S")
# Longest sentence, in characters. News sentences stay far below it (the longest of the
# development set is under 700); it bounds the cost of the quadratic per-sentence steps.
MAX_SENTENCE = 2000
_CLAUSE_BREAKS = ",;:"


@cache
def _abbreviations(language: str | None) -> tuple[frozenset[str], bool]:
    """Lower-cased words that a following period does not end a sentence after, and whether a
    period after a one- or two-digit number is an ordinal ("am 5. Mai")."""
    words: set[str] = set()
    ordinal_dot = False
    for code in (language, "en") if language else lang.languages():
        data = (lang.load(code, "abbreviations") if code else None) or {}
        for w in data.get("abbreviations", []):
            words.add(str(w).lower().rstrip("."))
        ordinal_dot = ordinal_dot or (code == language and bool(data.get("ordinal_dot")))
    return frozenset(words), ordinal_dot


def _is_boundary(text: str, end: int, stop: int, abbreviations: frozenset[str],
                 ordinal_dot: bool) -> bool:
    """Whether the punctuation run text[end:stop] ends a sentence."""
    if text[end] != ".":
        return True
    if stop < len(text) and not text[stop].isspace():
        # no space after the period: an end only between a lower-case word and a capital
        return (text[end - 1].islower() or text[end - 1].isdigit()) and text[stop].isupper() \
            and text[stop + 1:stop + 2].islower()
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].lower().lstrip("(\"'“‘")
    if word in abbreviations:
        return False
    if ordinal_dot and word.isdigit() and len(word) <= 2:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith"
    if "." in word and all(len(p) <= 2 and p.isalpha() for p in word.split(".") if p):
        return False  # "U.S.", "e.g."
    nxt = _NON_SPACE.search(text, stop)  # not text[stop:]: a copy of the rest per period
    return not nxt or not nxt.group().islower()


def split_sentences(text: str, language: str | None,
                    max_chars: int = MAX_SENTENCE) -> list[Sentence]:
    """Sentences of `text` in order, stripped, with offsets: text[s.start:s.end] == s.text;
    none longer than `max_chars`."""
    abbreviations, ordinal_dot = _abbreviations(language)
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        begin = line.start()
        for m in _END.finditer(text, line.start(), line.end()):
            if _is_boundary(text, m.start(), m.end(), abbreviations, ordinal_dot):
                _add(out, text, begin, m.end(), max_chars)
                begin = m.end()
        _add(out, text, begin, line.end(), max_chars)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, max_chars: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > max_chars:
        cut = _cut(text, start, start + max_chars)
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        out.append(Sentence(len(out), start, stop, text[start:stop]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end]))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence that may run to `limit` (text[limit]
    exists): after the last clause break before a space in its second half, else at its last
    space, else at the limit."""
    half = (start + limit) // 2
    for k in range(limit - 1, half, -1):
        if text[k] in _CLAUSE_BREAKS and text[k + 1].isspace():
            return k + 1
    for k in range(limit, start, -1):
        if text[k].isspace():
            return k
    return limit
