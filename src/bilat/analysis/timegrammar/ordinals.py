"""Ordinal numbers and anniversary phrases ("the 50th anniversary", "kỷ niệm 50 năm")."""

from __future__ import annotations

import re
from functools import cache

from bilat.analysis.spans import Taken

from .lexicon import Lexicon, lexicon, norm
from .rules import TOKEN, pattern_keys, token_key
from .slots import START, Slots, fill, ordinal_slot

DIGITS_RE = re.compile(r"\d{1,3}")


@cache
def _ordinal_re(language: str | None) -> re.Pattern[str]:
    return re.compile(ordinal_slot(lexicon(language)), re.IGNORECASE)


@cache
def _word_re(language: str | None) -> re.Pattern[str]:
    """Splits a worded ordinal into its tens and its unit ("twenty-fifth", "vigésimo quinto")."""
    lex = lexicon(language)
    joiners = "|".join(re.escape(j) for j in lex.words.get("tens_joiners", ()) if j) or "-"
    return re.compile(rf"(?:(?P<tens>{lex.alt('tens')})(?:{joiners})?)?(?P<unit>"
                      rf"{lex.alt('ordinal_words')})", re.IGNORECASE)


def ordinal_value(text: str, lex: Lexicon, language: str | None) -> int | None:
    """The number of a matched ordinal: its digits, or its tens plus its unit word."""
    digits = DIGITS_RE.search(text)
    if digits:
        return int(digits.group())
    m = _word_re(language).fullmatch(text.strip())
    if m is None:
        return None
    unit = lex.lookup("ordinal_words", m.group("unit"))
    tens = lex.lookup("tens", m.group("tens")) if m.group("tens") else 0
    return None if unit is None or tens is None else tens + unit


def parse_ordinal(text: str, language: str | None) -> int | None:
    """50 for "50th", "fiftieth", "thứ 50", "50 năm", "50e", "50.", "cinquantième"; else None."""
    lex = lexicon(language)
    t = text.strip()
    m = _ordinal_re(language).fullmatch(t)
    if m is not None:
        return ordinal_value(m.group("ord"), lex, language)
    # A count of years stands for the anniversary it completes ("50 năm", "50 years").
    count = re.fullmatch(r"(\d{1,3})\s*[-‑]?\s*(\w+)", t)
    if count and norm(count.group(2)) in {norm(u) for u in lex.words.get("anniversary_units", ())}:
        return int(count.group(1))
    whole = [n for s, e, n in find_anniversaries(t, language) if s == 0 and e == len(t)]
    return whole[0] if whole else None


@cache
def _rules(language: str | None, key: str) -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    lex = lexicon(language)
    s = Slots(lex)
    out = []
    for pat in lex.patterns.get(key, ()):
        regex = re.compile(START + fill(pat, s), re.IGNORECASE)
        out.append((regex, frozenset(pattern_keys(lex, pat))))
    return tuple(out)


@cache
def _index(language: str | None, key: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, list[re.Pattern[str]]] = {}
    for regex, keys in _rules(language, key):
        for k in keys:
            out.setdefault(k, []).append(regex)
    return {k: tuple(v) for k, v in out.items()}


def find_anniversaries(text: str, language: str | None) -> list[tuple[int, int, int]]:
    """(start, end, n) for each anniversary phrase: "the 50th anniversary", "kỷ niệm 50 năm",
    "le 50e anniversaire", "50. Jahrestag", "50 rocznica", "50 aniversario", "50 years of
    relations". The caller turns n into a year with a founding date."""
    return _find_counted(text, language, "anniversary_patterns")


def find_elapsed(text: str, language: str | None) -> list[tuple[int, int, int]]:
    """(start, end, n) for each "N years after/since" phrase that a year follows: "24 years
    after the 1998 visit", "sau 24 năm kể từ … năm 1998". An approximate count ("nearly 10
    years after") is none. The caller adds n to the year that follows."""
    approx = {norm(w) for w in lexicon(language).words.get("approximate", ())}
    out = []
    for start, end, n in _find_counted(text, language, "elapsed_patterns"):
        before = text[max(0, start - 30):start].split()
        if approx and any(norm(" ".join(before[-k:])) in approx for k in (1, 2, 3)):
            continue
        out.append((start, end, n))
    return out


def _find_counted(text: str, language: str | None, key: str) -> list[tuple[int, int, int]]:
    lex = lexicon(language)
    found: list[tuple[int, int, int]] = []
    by_token = _index(language, key)
    for tok in TOKEN.finditer(text):
        for regex in by_token.get(token_key(tok.group()), ()):
            m = regex.match(text, tok.start())
            if m is None:
                continue
            gd = m.groupdict()
            if gd.get("ord"):
                n = ordinal_value(gd["ord"], lex, language)
            elif gd.get("n"):
                n = int(gd["n"]) if gd["n"].isdigit() else lex.lookup("numbers", gd["n"])
            else:
                n = None
            if n is not None and 0 < n < 1000:
                found.append((m.start(), m.end(), n))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, int]] = []
    spans = Taken()
    for f in found:
        if not spans.overlaps(f[0], f[1]):
            taken.append(f)
            spans.add(f[0], f[1])
    return sorted(taken)
