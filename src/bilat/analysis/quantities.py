"""Amounts of money, counts and percentages in a text, read with per-language data.

`lang/<code>/numbers.yaml` says how a language writes numbers (separators, scale words, spelled
numbers, currencies, count nouns, qualifiers, and the words that make a number a date or an
identifier); this engine knows no language by name.

Conventions (tests/analysis/test_quantities*.py hold a row for each):
- A quantity's span runs from its qualifier or currency symbol to its unit: "more than US$3
  billion". `value` is in base units ("4,29 tỷ USD" -> 4290000000.0); money has an ISO 4217
  unit, counts a normalised noun ("people", "projects", "tourists", ...) or None for a bare
  number, percentages the unit "%". Signs are dropped: "giảm 5%", "-5%" are 5. qualifier is
  over | nearly | about | up to | under | range | None. Spelled numbers count only before a
  unit, a currency, a scale word or "percent" ("four projects", not "four").
- Separators: the language's decimal and group marks come from data; a number with both marks
  takes the last as decimal; one mark followed by one, two or four and more digits is decimal
  whatever the language ("1.8 tỷ USD" in Vietnamese is 1.8); one mark followed by exactly three
  digits groups thousands ("1.234 dự án", "13,000 người") unless it is the language's decimal
  mark before a scale word or "%" ("58.125 million" in English is 58.125 million).
- A range ("2-3 billion", "20 – 25%", "2 to 3 million") is one quantity valued at its lower
  bound, qualifier "range" unless the text gives another; "from 20 to 25 percent" is two; a
  range with neither unit nor scale ("12-12", "1-1", "2007-08") is no quantity, nor one whose
  first bound is the larger ("in 2006 to 101 million": a year, then the figure).
- Not quantities: a bare year (four digits 1900-2100 with no unit), dates ("21/8", "22.3.1973",
  "August 21"), durations and times ("30 years", "10:30", "10 giờ"), ordinals ("50th", "22."
  where the data says so), numbers glued to letters ("G20", "COVID-19"), document and phone
  numbers ("No. 15", "15/2020/NĐ-CP", "+84 24 3825 1234"), compounds ("50-year ties"), list
  markers ("1. ") and percentage points. Words match case-blind with diacritics kept.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from bilat import lang
from bilat.analysis.spans import Taken
from bilat.model import Quantity

FALLBACK_LANGUAGE = "en"
MAX_VALUE = 1e16  # ten quadrillion: above any trade, investment or aid figure ever reported
# Current ISO 4217 codes that are also English words written in capitals ("TOP 10", "ALL 5").
_CODE_STOP = frozenset({"ALL", "TOP", "MAD", "BOB", "SOS"})
_SPACES = " \u00a0\u202f\u2009"
_ORDINAL_MARKS = "ºª°"
# Quotes and dashes made plain, one character for one, so that data need write only "'" and "-".
_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-", "‑": "-",
                        "‐": "-", "−": "-"})
# Patterns open with a literal or a class so that the regex engine can skip ahead fast.
_PHONE = re.compile(r"(?:\+\d{1,3}|\(0?\d{1,4}\)|0(?<![\d.,]0)\d{1,4})(?:[ .-]?\d{2,4}){2,}")


def _strip_marks(s: str) -> str:
    """`s` without diacritics, case kept: how a case-sensitive symbol is compared."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def low(text: str) -> str:
    """`text` lower-cased with plain quotes and dashes, diacritics kept ("năm" is not "nam",
    "độ" is not "đô"), one character for one so that offsets carry over."""
    out = text.lower()
    if len(out) != len(text):
        out = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return out.translate(_PUNCT)


def _alt(words, *, key=low) -> str:
    """A regex alternation of literal words, longest first, any run of spaces matching \\s+."""
    forms = sorted({key(w) for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) or "(?!)"


def _norm(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class Grammar:
    """What one language knows about numbers, compiled."""

    decimal: str
    group: str
    ordinal_dot: bool
    digits: re.Pattern[str]
    words: re.Pattern[str] | None
    word_values: dict[str, float]
    multipliers: dict[str, float]
    word_token: re.Pattern[str] | None
    leads: frozenset[str]
    right: re.Pattern[str]
    single: re.Pattern[str]  # `right` without a range
    qual_by_last: dict[str, tuple[str, ...]]  # last word -> qualifiers ending so, longest first
    qual_last_len: int  # the longest such last word: how far back _left need look
    symbol_lengths: tuple[int, ...]
    not_after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    scales: dict[str, float]
    short_scales: dict[str, float]
    currency_words: dict[str, str]
    symbols: dict[str, tuple[tuple[str, str], ...]]  # lowered -> ((as written, ISO code), ...)
    units: dict[str, str]
    qualifiers: dict[str, str]
    guards: dict[str, re.Pattern[str]]
    range_not_after: re.Pattern[str] | None


def _data(language: str | None) -> dict:
    return (lang.load(language, "numbers") if language else None) or lang.load(
        FALLBACK_LANGUAGE, "numbers")


@cache
def _iso_codes() -> frozenset[str]:
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    codes: set[str] = {"XDR"}
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, tender=True))
    return frozenset(codes - _CODE_STOP)


def _symbols(own: dict) -> dict[str, tuple[tuple[str, str], ...]]:
    """Symbols of every language (this one's first) and ISO codes: lowered -> (written, code)."""
    table: dict[str, list[tuple[str, str]]] = {}
    sources = [own.get("symbols") or {}] + [d.get("symbols") or {}
                                            for d in lang.load_all("numbers").values()]
    for section in sources:
        for code, forms in section.items():
            for form in forms:
                table.setdefault(low(form), []).append((form, code))
    for code in _iso_codes():
        table.setdefault(low(code), []).append((code, code))
    return {k: tuple(v) for k, v in table.items()}


def _demonyms(code: str, d: dict) -> list[str]:
    """Plural demonyms ("Cambodians", "Vietnamese", "Vietnamiens") from the language's
    countries.yaml: each demonym with the plural endings, and bare where it ends in a suffix
    whose singular is its plural ("-ese", "-ais")."""
    endings, invariant = d.get("demonym_endings") or [], tuple(d.get("demonym_invariant") or ())
    data = lang.load(code, "countries") or {}
    names = [n for ns in (data.get("demonyms") or {}).values() for n in ns]
    return [n + e for n in names for e in endings] + [
        n for n in names if invariant and low(n).endswith(invariant)]


def _context(patterns: list[str] | None, suffix: str, prefix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"{prefix}(?<!\w)(?:{body}){suffix}")


def _by_last_word(phrases) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        out.setdefault(phrase.rsplit(" ", 1)[-1], []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _number_words(nw: dict) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(the pattern of a spelled number, the pattern of one of its words), on lower-case text."""
    if not nw:
        return None, None
    add, mul = _alt(nw.get("add", {})), _alt(nw.get("multiply", {}))
    tail, lead = _alt(nw.get("tail", {})), _alt(nw.get("lead", {}))
    j = nw.get("joiner", r"\s+")
    first = rf"(?:(?:{lead})(?:{j})(?:{mul})|{add}|{mul})"
    seq = rf"(?:{first}(?:(?:{j})(?:{add}|{mul}|{tail}))*|(?:{lead}))(?!\w)"  # start: in code
    token = "|".join(x for x in (add, mul, tail, lead) if x != "(?!)")
    return re.compile(seq), re.compile(token)


@cache
def grammar(language: str | None) -> Grammar:
    d = _data(language)
    code = language if language and lang.load(language, "numbers") else FALLBACK_LANGUAGE
    dec, grp = d["decimal"], d["group"]
    sp = f"[{_SPACES}]"
    spaced = rf"\d{{1,3}}(?:{sp}\d{{3}})+(?:[.,]\d+)?(?!\d)|" if d.get("group_space") else ""
    digit = rf"(?:{spaced}\d+(?:[.,]\d+)*)"
    nw = d.get("number_words") or {}
    words_re, token_re = _number_words(nw)
    values = {_norm(low(k)): float(v) for part in ("add", "tail", "lead")
              for k, v in (nw.get(part) or {}).items()}
    multipliers = {_norm(low(k)): float(v) for k, v in (nw.get("multiply") or {}).items()}

    scales = {_norm(low(k)): float(v) for k, v in (d.get("scales") or {}).items()}
    shorts = {_norm(low(k)): float(v) for k, v in (d.get("short_scales") or {}).items()}
    cur_words = {_norm(low(w)): c for c, ws in (d.get("currencies") or {}).items() for w in ws}
    symbols = _symbols(d)
    units = {_norm(low(w)): "people" for w in _demonyms(code, d)}
    units.update({_norm(low(w)): u for u, ws in (d.get("units") or {}).items() for w in ws})
    quals = {_norm(low(w)): q for q, ws in (d.get("qualifiers") or {}).items() for w in ws}

    by_last = _by_last_word(quals)
    cur = _alt(list(cur_words) + list(symbols), key=lambda w: w)
    sym = _alt(symbols, key=lambda w: w)
    short = _alt(shorts, key=lambda w: w)
    stop = _alt(d.get("filler_stop") or [])
    filler = rf"(?!(?:{stop})(?!\w))[^\W\d][\w-]*(?:'[^\W\d]+)?\s+"  # not "countries' people"
    range_words = _alt(d.get("range_words") or [])
    rest = (
        rf"(?:\s?(?P<sshort>{short})(?=\s?(?:{sym}))|(?P<gshort>{short})(?![^\W\d_])"
        rf"|(?P<scale>(?:\s*(?:{_alt(scales, key=lambda w: w)})(?![^\W\d_]))+))?"
        rf"(?:\s*(?P<pct>{_alt(d.get('percent') or ['%'])})(?!\w)"
        rf"|\s*(?:(?:{_alt(d.get('connectors') or [])})\s*)?(?P<cur>{cur})(?![^\W\d_])"
        rf"|\s+(?P<fill>(?:{filler}){{0,{int(d.get('fillers', 0))}}})"
        rf"(?P<noun>{_alt(units, key=lambda w: w)})(?!\w))?")
    right = re.compile(
        rf"(?:(?P<range>\s*-\s*|\s+(?:{range_words})\s+)(?P<num2>{digit}))?{rest}")
    single = re.compile(rf"(?P<range>(?!))?(?P<num2>(?!))?{rest}")
    return Grammar(
        decimal=dec, group=grp, ordinal_dot=bool(d.get("ordinal_dot")),
        digits=re.compile(digit), words=words_re, word_values=values,
        multipliers=multipliers, word_token=token_re,
        leads=frozenset(_norm(low(k)) for k in (nw.get("lead") or {})),
        right=right, single=single,
        qual_by_last=by_last,
        qual_last_len=max(map(len, by_last), default=0),
        symbol_lengths=tuple(sorted({len(x) for x in symbols}, reverse=True)),
        not_after=_context(d.get("not_after"), r"\s*\Z"),
        not_before=_context(d.get("not_before"), r"(?!\w)", r"\s*"),
        scales=scales, short_scales=shorts, currency_words=cur_words, symbols=symbols,
        units=units, qualifiers=quals,
        guards={_norm(low(w)): re.compile(rf"\s+(?:{g})(?!\w)")
                for w, g in (d.get("guards") or {}).items()},
        range_not_after=_context(d.get("range_not_after"), r"\s*\Z"))


def parse_number(s: str, g: Grammar, *, scaled: bool = False) -> float | None:
    """The value of a written number under the separator rules above, None for a non-number
    ("22.3.1973"). `scaled`: a scale word or "%" follows, so a decimal mark stays decimal."""
    parts = re.split(f"[{_SPACES}]", s)
    if len(parts) > 1:  # "13 000" / "1 234,5": space-grouped, a trailing mark is decimal
        return float("".join(parts).replace(",", "."))
    marks = [c for c in s if c in ".,"]
    if not marks:
        return float(s)
    if len(set(marks)) == 2:
        dec = marks[-1]
        head, _, tail = s.rpartition(dec)
        if dec in head or not _grouped(head.split(marks[0])):
            return None
        return float(head.replace(marks[0], "") + "." + tail)
    mark = marks[0]
    groups = s.split(mark)
    if len(groups) > 2:
        return float("".join(groups)) if _grouped(groups) else None
    head, tail = groups
    if len(tail) != 3 or head == "0":
        return float(f"{head}.{tail}")
    if mark == g.group and len(head) <= 3:
        return float(head + tail)
    if mark == g.decimal and scaled:
        return float(f"{head}.{tail}")
    return float(head + tail) if len(head) <= 3 else float(f"{head}.{tail}")


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(x) == 3 for x in groups[1:])


def _word_value(s: str, g: Grammar) -> float | None:
    """The value of a spelled number: units add up, a multiplier scales what came before it
    (from the last hundred on), "hundred"-sized multipliers close a group."""
    total = current = 0.0
    for m in g.word_token.finditer(s):
        w = _norm(m.group())
        if w in g.multipliers:
            mul = g.multipliers[w]
            if mul >= 100:
                total += (current or 1) * mul
                current = 0.0
            else:
                current = (current or 1) * mul
        else:
            current += g.word_values.get(w, 0.0)
    return (total + current) or None


def _symbol_code(written: str, lowered: str, g: Grammar) -> str | None:
    for form, code in g.symbols.get(_norm(lowered), ()):
        if _strip_marks(_norm(written)) == _strip_marks(form):
            return code
    return None


def _currency(written: str, lowered: str, g: Grammar) -> str | None:
    return g.currency_words.get(_norm(lowered)) or _symbol_code(written, lowered, g)


def _scale_value(written: str, g: Grammar) -> float:
    """The product of the scale words in `written`: "nghìn tỷ" -> 10^12."""
    value = 1.0
    for word in written.split():
        value *= g.scales.get(word, 1.0)
    return value


def _glued(t: str, i: int) -> bool:
    return 0 <= i < len(t) and t[i].isalpha()


@dataclass(frozen=True)
class Left:
    """What stands before a number: where the quantity starts, its qualifier, its symbol."""

    head: int
    qualifier: str | None = None
    pre: tuple[int, int] | None = None  # span of a currency symbol or code


def _back_spaces(t: str, p: int) -> int:
    while p > 0 and t[p - 1] in _SPACES:
        p -= 1
    return p


def _left(text: str, t: str, s: int, g: Grammar) -> Left:
    """The symbol ("US$", "USD ") and the qualifier ("more than", "hơn") right before `s`, by
    dictionary look-ups of the few lengths they come in."""
    p = _back_spaces(t, s)
    pre = None
    for n in g.symbol_lengths:
        if n <= p and t[p - n:p] in g.symbols and not (p > n and t[p - n - 1].isalpha()) and (
                _symbol_code(text[p - n:p], t[p - n:p], g)):
            pre, p = (p - n, p), _back_spaces(t, p - n)
            break
    # the word before p; looked for no further back than a qualifier's last word is long, so
    # a long line without spaces is not rescanned for every number on it
    lo = max(0, p - g.qual_last_len - 1)
    k = max(t.rfind(" ", lo, p), t.rfind("\n", lo, p))
    last = t[k + 1:p] if k >= 0 or lo == 0 else None
    for phrase in g.qual_by_last.get(last, ()):
        n = len(phrase)
        if t[p - n:p] == phrase and not (p > n and t[p - n - 1].isalnum()):
            return Left(p - n, g.qualifiers[phrase], pre)
    return Left(pre[0] if pre else s, None, pre)


def _skip_left(t: str, s: int, e: int, pre: tuple[int, int] | None) -> bool:
    """Whether what precedes a written number at [s, e) makes it no quantity."""
    prev = t[s - 1] if s else " "
    if (prev.isalpha() and not pre) or prev in "/:#№":
        return True  # "G20", "21/8", "#3" (phone numbers are found apart)
    if prev in "-.," and s > 1 and t[s - 2].isalnum():
        return True  # "COVID-19", "v.1", "2-12-1960"
    return t[e:e + 1] in (".", ")") and t[e + 1:e + 2].isspace() and _line_start(t, s)


def _line_start(t: str, s: int) -> bool:
    """Only spaces between the start of its line and s (walked back from s: a long line is
    not sliced for every number on it)."""
    while s > 0 and t[s - 1] != "\n":
        if not t[s - 1].isspace():
            return False
        s -= 1
    return True


def _skip_right(t: str, core_end: int, r: re.Match[str], g: Grammar) -> bool:
    """Whether what follows the number (or range) makes it no quantity."""
    after = t[core_end:core_end + 2]
    if after[:1] in "/:-." and after[1:2].isdigit():
        return True  # "21/8", "10:30", "2-12-1960", "21-25/8"
    if after[:1] == "-" and after[1:2].isalpha():
        return True  # "50-year ties", "36-NQ/TW", "21-cannon salute"
    if after[:1] in _ORDINAL_MARKS or (after[:1] == "." and after[1:2] in _ORDINAL_MARKS):
        return True  # "50º", "50.º"
    if g.not_before and g.not_before.match(t, core_end):
        return True  # "21 August", "10 giờ", "30 years"
    if r.end() == core_end and _glued(t, core_end):
        return True  # "50th", "10h30", "5G"
    return g.ordinal_dot and r.end() == core_end and t[core_end:core_end + 1] == "." and (
        t[core_end + 1:core_end + 2].isspace() and t[core_end + 2:core_end + 3].isalpha())


def _candidate(text: str, t: str, g: Grammar, s: int, e: int, spelled: bool,
               phones: Taken) -> Quantity | None:
    """The quantity a number at [s, e) starts, or None when it is no quantity. `t` is
    low(text)."""
    if phones.overlaps(s, s + 1):  # inside a phone number
        return None
    if spelled and s and t[s - 1].isalnum():
        return None  # "often" holds no "ten"
    left = _left(text, t, s, g)
    head = left.head
    if not spelled and _skip_left(t, s, e, left.pre):  # a list marker "1. " too
        return None
    if g.not_after and not left.pre and g.not_after.search(t, max(0, s - 30), s):
        return None
    r = g.right.match(t, e)
    if r.group("num2") and g.range_not_after and g.range_not_after.search(
            t, max(0, head - 20), head):
        r = g.single.match(t, e)  # "from 20 to 25 percent": two figures
    if r.group("num2") and _falling(t[s:e], r.group("num2"), g):
        r = g.single.match(t, e)  # "in 2006 to 101 million": a range never falls
    core_end = r.end("num2") if r.group("num2") else e
    if _skip_right(t, core_end, r, g):
        return None
    return _build(text, t, g, s, e, spelled, left, r)


def _falling(first: str, second: str, g: Grammar) -> bool:
    """Whether a range's first bound exceeds its second: no range but a year or a base
    before the figure ("from 13 million in 2006 to 101 million")."""
    a, b = parse_number(first, g, scaled=True), parse_number(second, g, scaled=True)
    return a is not None and b is not None and a > b


def _unit(text: str, t: str, g: Grammar, left: Left, r: re.Match[str]
          ) -> tuple[str | None, str, int]:
    """(unit, kind, end of the quantity) from the words around the number."""
    end = r.end()
    currency = None
    if left.pre:
        a, b = left.pre
        currency = _symbol_code(text[a:b], t[a:b], g)
    cur, noun = r.group("cur"), r.group("noun")
    if cur:
        code = _currency(text[r.start("cur"):r.end("cur")], cur, g)
        guard = g.guards.get(_norm(cur))
        if code and not (guard and guard.match(t, r.end("cur"))):
            currency = currency or code
        elif not currency:
            end = r.start("cur")  # "5 đồng chí": no currency, the number alone
    if r.group("pct"):
        return "%", "percent", end
    if currency:
        return currency, "money", end
    if noun:
        guard = g.guards.get(_norm(noun))
        if guard and guard.match(t, r.end("noun")):
            return None, "count", r.start("noun")  # "5 tấn công" is no tonnage
        return g.units[_norm(noun)], "count", end
    return None, "count", end


def _build(text: str, t: str, g: Grammar, s: int, e: int, spelled: bool,
           left: Left, r: re.Match[str]) -> Quantity | None:
    short = r.group("sshort") or r.group("gshort")
    scale = _scale_value(r.group("scale"), g) if r.group("scale") else (
        g.short_scales.get(_norm(short), 1.0) if short else 1.0)
    unit, kind, end = _unit(text, t, g, left, r)
    if short and kind != "money":
        return None  # "300m" is metres, not millions
    if r.group("num2") and unit is None and scale == 1.0:
        return None  # "12-12", "1-1 draw", "2007-08": a bare range is a date or a score
    if spelled:
        value = _word_value(t[s:e], g)
        if value is None or (unit is None and scale == 1.0) or (
                t[s:e] in g.leads and scale == 1.0):
            return None  # "four" alone, "a project"
    else:
        value = parse_number(t[s:e], g, scaled=scale != 1.0 or kind == "percent")
        if value is None:
            return None
        year = len(t[s:e]) == 4 and t[s:e].isdigit() and 1900 <= value <= 2100
        if year and scale == 1.0 and kind == "count" and (unit is None or r.group("fill")):
            return None  # "in 2023", "In 2019 Vietnamese tourists"
    end = len(t[:end].rstrip())
    qual, head = left.qualifier, left.head
    if r.group("num2") and qual is None:
        qual = "range"
    # Decimal arithmetic: 4.1 * 10^9 is 4100000000, not 4099999999.9999995.
    exact = float(Decimal(repr(value)) * Decimal(repr(scale)))
    if not math.isfinite(exact) or exact > MAX_VALUE:
        return None  # "1000…0 USD" with 300 zeros is no figure any report gives
    return Quantity(start=head, end=end, text=text[head:end], value=exact, unit=unit,
                    kind=kind, qualifier=qual)


def find_quantities(text: str, language: str | None) -> list[Quantity]:
    """Every amount of money, count and percentage in `text`: sorted by start, non-overlapping
    (the longest wins), offsets into `text`."""
    g = grammar(language)
    t = low(text)
    phones = Taken(m.span() for m in _PHONE.finditer(t))
    found: list[Quantity] = []
    for m in g.digits.finditer(t):
        if q := _candidate(text, t, g, m.start(), m.end(), False, phones):
            found.append(q)
    if g.words:
        for m in g.words.finditer(t):
            if q := _candidate(text, t, g, m.start(), m.end(), True, phones):
                found.append(q)
    chosen: list[Quantity] = []
    for q in sorted(found, key=lambda q: (q.start, q.start - q.end)):
        if chosen and q.start < chosen[-1].end:  # overlap: the longer stays
            if q.end - q.start > chosen[-1].end - chosen[-1].start:
                chosen[-1] = q
            continue
        chosen.append(q)
    return _one_decimal_mark(chosen, g)


_ONE_MARK = re.compile(r"(?<![\d.,])(\d+)([.,])(\d{3})(?![\d.,]*\d)")


def _one_decimal_mark(found: list[Quantity], g: Grammar) -> list[Quantity]:
    """A text that writes "$1192,559 million" (four digits before the mark: no thousands
    group) uses the group mark as its decimal mark, and so "$888,913 million" in it is 888.913
    million, not 888,913 million: each scaled amount of one mark and three digits after it is
    read the way the unambiguous one was."""
    def split(q: Quantity) -> tuple[str, str, float] | None:
        m = _ONE_MARK.search(q.text)
        if q.kind != "money" or m is None or m.group(2) != g.group:
            return None
        head, tail = m.group(1), m.group(3)
        for whole in (float(head + tail), float(f"{head}.{tail}")):
            scale = q.value / whole
            if scale >= 1e6 and round(scale) in (1e6, 1e9, 1e12):
                return head, tail, whole
        return None

    parts = {id(q): split(q) for q in found}
    if not any(p and len(p[0]) > 3 and p[2] == float(f"{p[0]}.{p[1]}")
               for p in parts.values()):
        return found
    out = []
    for q in found:
        p = parts[id(q)]
        if p and len(p[0]) <= 3 and p[2] == float(p[0] + p[1]):
            q = replace(q, value=q.value / 1000)
        out.append(q)
    return out
