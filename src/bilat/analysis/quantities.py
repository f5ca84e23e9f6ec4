"""Amounts of money, counts and percentages in a text, read with per-language data.

`lang/<code>/numbers.yaml` says how a language writes numbers (separators, scale words, spelled
numbers, currencies, count nouns, qualifiers, and the words that make a number a date or an
identifier); this engine knows no language by name.

Conventions (tests/analysis/test_quantities*.py hold a row for each):
- A quantity's span runs from its qualifier or currency symbol to its unit: "more than US$3
  billion". `value` is in base units ("4,29 tỷ USD" -> 4290000000.0); money has an ISO 4217
  unit, counts a normalised noun ("people", "projects", "tourists", ...) or None for a bare
  number, percentages the unit "%". Signs are dropped: "giảm 5%" is 5.
- Separators: the language's decimal and group marks come from data; a number with both marks
  takes the last as decimal; one mark followed by one, two or four and more digits is decimal
  whatever the language ("1.8 tỷ USD" in Vietnamese is 1.8); one mark followed by exactly three
  digits groups thousands ("1.234 dự án", "13,000 người") unless it is the language's decimal
  mark before a scale word or "%" ("58.125 million" in English is 58.125 million).
- A range ("2-3 billion", "20 – 25%", "2 to 3 million") is one quantity valued at its lower
  bound, qualifier "range" unless the text gives another; "from 20 to 25 percent" is two.
- Not quantities: a bare year (four digits 1900-2100 with no unit), dates ("21/8", "22.3.1973",
  "August 21"), durations and times ("30 years", "10:30", "10 giờ"), ordinals ("50th", "22."
  where the data says so), numbers glued to letters ("G20", "COVID-19"), document and phone
  numbers ("No. 15", "15/2020/NĐ-CP", "+84 24 3825 1234").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from bilat import lang
from bilat.analysis.fold import fold
from bilat.model import Quantity

FALLBACK_LANGUAGE = "en"
# Current ISO 4217 codes that are also English words written in capitals ("TOP 10", "ALL 5").
_CODE_STOP = frozenset({"ALL", "TOP", "MAD", "BOB", "SOS"})
_SPACES = " \u00a0\u202f\u2009"
_ORDINAL_MARKS = "ºª°"
_PHONE = re.compile(r"(?:\+\d{1,3}|\(0?\d{1,4}\)|(?<![\d.,])0\d{1,4})(?:[ .-]?\d{2,4}){2,}")


def _strip_marks(s: str) -> str:
    """`s` without diacritics, case kept: how a case-sensitive symbol is compared."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _alt(words, *, key=fold) -> str:
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
    left: re.Pattern[str]
    not_after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    scales: dict[str, float]
    short_scales: dict[str, float]
    currency_words: dict[str, str]
    symbols: dict[str, tuple[tuple[str, str], ...]]  # folded -> ((as written, ISO code), ...)
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
    """Symbols of every language (this one's first) and ISO codes: folded -> (written, code)."""
    table: dict[str, list[tuple[str, str]]] = {}
    sources = [own.get("symbols") or {}] + [d.get("symbols") or {}
                                            for d in lang.load_all("numbers").values()]
    for section in sources:
        for code, forms in section.items():
            for form in forms:
                table.setdefault(fold(form), []).append((form, code))
    for code in _iso_codes():
        table.setdefault(fold(code), []).append((code, code))
    return {k: tuple(v) for k, v in table.items()}


def _demonyms(code: str | None, endings: list[str]) -> list[str]:
    if not endings or not code:
        return []
    data = lang.load(code, "countries") or {}
    names = [n for ns in (data.get("demonyms") or {}).values() for n in ns]
    return [n + e for n in names for e in endings]


def _context(patterns: list[str] | None, suffix: str, prefix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"{prefix}(?<!\w)(?:{body}){suffix}")


def _number_words(nw: dict) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(the pattern of a spelled number, the pattern of one of its words), on lower-case text."""
    if not nw:
        return None, None
    low = str.lower
    add, mul = _alt(nw.get("add", {}), key=low), _alt(nw.get("multiply", {}), key=low)
    tail, lead = _alt(nw.get("tail", {}), key=low), _alt(nw.get("lead", {}), key=low)
    j = nw.get("joiner", r"\s+")
    first = rf"(?:(?:{lead})(?:{j})(?:{mul})|{add}|{mul})"
    seq = rf"(?<!\w)(?:{first}(?:(?:{j})(?:{add}|{mul}|{tail}))*|(?:{lead}))(?!\w)"
    token = "|".join(x for x in (add, mul, tail, lead) if x != "(?!)")
    return re.compile(seq, re.IGNORECASE), re.compile(token)


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
    values = {k.lower(): float(v) for part in ("add", "tail", "lead")
              for k, v in (nw.get(part) or {}).items()}
    multipliers = {k.lower(): float(v) for k, v in (nw.get("multiply") or {}).items()}

    scales = {_norm(fold(k)): float(v) for k, v in (d.get("scales") or {}).items()}
    shorts = {_norm(fold(k)): float(v) for k, v in (d.get("short_scales") or {}).items()}
    cur_words = {_norm(fold(w)): c for c, ws in (d.get("currencies") or {}).items() for w in ws}
    symbols = _symbols(d)
    units = {_norm(fold(w)): u for u, ws in (d.get("units") or {}).items() for w in ws}
    units.update({_norm(fold(w)): "people" for w in
                  _demonyms(code, d.get("demonym_endings") or [])})
    quals = {_norm(fold(w)): q for q, ws in (d.get("qualifiers") or {}).items() for w in ws}

    cur = _alt(list(cur_words) + list(symbols), key=lambda w: w)
    sym = _alt(symbols, key=lambda w: w)
    short = _alt(shorts, key=lambda w: w)
    stop = _alt(d.get("filler_stop") or [])
    filler = rf"(?!(?:{stop})(?!\w))[^\W\d][\w'’-]*\s+"
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
    left = re.compile(
        rf"(?:(?<!\w)(?P<qual>{_alt(quals, key=lambda w: w)})\s*)?"
        rf"(?:(?<![^\W\d_])(?P<pre>{sym})\s*)?\Z")
    return Grammar(
        decimal=dec, group=grp, ordinal_dot=bool(d.get("ordinal_dot")),
        digits=re.compile(rf"(?<![\d.,]){digit}"), words=words_re, word_values=values,
        multipliers=multipliers, word_token=token_re,
        leads=frozenset(k.lower() for k in (nw.get("lead") or {})),
        right=right, single=single, left=left,
        not_after=_context(d.get("not_after"), r"\s*\Z"),
        not_before=_context(d.get("not_before"), r"(?!\w)", r"\s*"),
        scales=scales, short_scales=shorts, currency_words=cur_words, symbols=symbols,
        units=units, qualifiers=quals,
        guards={_norm(fold(w)): re.compile(rf"\s+(?:{g})(?!\w)")
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
    for m in g.word_token.finditer(s.lower()):
        w = m.group()
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


def _symbol_code(written: str, folded: str, g: Grammar) -> str | None:
    for form, code in g.symbols.get(_norm(folded), ()):
        if _strip_marks(_norm(written)) == _strip_marks(form):
            return code
    return None


def _currency(written: str, folded: str, g: Grammar) -> str | None:
    return g.currency_words.get(_norm(folded)) or _symbol_code(written, folded, g)


def _scale_value(written: str, g: Grammar) -> float:
    """The product of the scale words in `written` (folded): "nghin ty" -> 10^12."""
    value = 1.0
    for word in written.split():
        value *= g.scales.get(word, 1.0)
    return value


def _glued(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalpha()


def _candidate(text: str, folded: str, low: str, g: Grammar, s: int, e: int,
               value: float | None, spelled: bool, phones: list[tuple[int, int]]
               ) -> Quantity | None:
    """The quantity a number at [s, e) starts, or None when it is no quantity."""
    if any(a <= s < b for a, b in phones):
        return None
    lm = g.left.search(folded, max(0, s - 60), s)
    pre = lm.group("pre") if lm else None
    head = lm.start() if lm and lm.group().strip() else s
    prev = folded[s - 1] if s else " "
    if not spelled and ((prev.isalpha() and not pre) or prev in "/:+#№" or (
            prev in "-." and s > 1 and folded[s - 2].isalnum())):
        return None  # "G20", "21/8", "COVID-19", "v.1"
    if g.not_after and not pre and g.not_after.search(low, max(0, s - 30), s):
        return None
    r = g.right.match(folded, e)
    if r.group("num2") and g.range_not_after and g.range_not_after.search(
            low, max(0, head - 20), head):
        r = g.single.match(folded, e)  # "from 20 to 25 percent": two figures
    core_end = r.end("num2") if r.group("num2") else e
    after = folded[core_end:core_end + 2]
    if (after[:1] in "/:" and after[1:2].isdigit()) or after[:1] in _ORDINAL_MARKS or (
            after[:1] == "." and after[1:2] in _ORDINAL_MARKS):
        return None
    if g.not_before and g.not_before.match(low, core_end):
        return None
    if r.end() == core_end and _glued(folded, core_end):
        return None  # "50th", "10h30", "5G"
    if g.ordinal_dot and r.end() == core_end and folded[core_end:core_end + 1] == "." and (
            low[core_end + 1:core_end + 2].isspace() and low[core_end + 2:core_end + 3].isalpha()):
        return None  # German "am 22. März", Polish "50. rocznica"
    return _build(text, folded, low, g, s, e, value, spelled, lm, pre, r)


def _build(text, folded, low, g: Grammar, s, e, value, spelled, lm, pre, r) -> Quantity | None:
    has_range = r.group("num2") is not None
    short = r.group("sshort") or r.group("gshort")
    scale = _scale_value(r.group("scale"), g) if r.group("scale") else (
        g.short_scales.get(_norm(short), 1.0) if short else 1.0)
    pct, noun, cur = r.group("pct"), r.group("noun"), r.group("cur")
    end = r.end()
    unit, kind = None, "count"
    currency = _symbol_code(text[lm.start("pre"):lm.end("pre")], pre, g) if pre else None
    if cur:
        code = _currency(text[r.start("cur"):r.end("cur")], cur, g)
        guard = g.guards.get(_norm(cur))
        if code and not (guard and guard.match(low, r.end("cur"))):
            currency = currency or code
        elif not currency:
            end = r.start("cur")
            cur = None
    if noun:
        guard = g.guards.get(_norm(noun))
        if guard and guard.match(low, r.end("noun")):
            noun, end = None, r.start("noun")
    if pct:
        unit, kind = "%", "percent"
    elif currency:
        unit, kind = currency, "money"
    elif noun:
        unit = g.units[_norm(noun)]
    if short and not currency:
        return None  # "300m" is metres, not millions
    if spelled and unit is None and scale == 1.0:
        return None
    if spelled and _word_value(text[s:e], g) is None:
        return None
    if not spelled:
        value = parse_number(folded[s:e], g, scaled=scale != 1.0 or pct is not None)
        if value is None:
            return None
        year_like = re.fullmatch(r"\d{4}", folded[s:e]) and 1900 <= value <= 2100
        if year_like and scale == 1.0 and not pct and not currency and (
                noun is None or r.group("fill")):
            return None
    elif text[s:e].lower() in g.leads and scale == 1.0:
        return None
    if has_range and unit is None and scale == 1.0:
        end = e  # "2007-08", "21-25": no range without a unit or a scale
        has_range = False
    end = len(folded[:end].rstrip())
    start = lm.start() if lm and lm.group().strip() else s
    qual = g.qualifiers.get(_norm(lm.group("qual"))) if lm and lm.group("qual") else None
    if has_range and qual is None:
        qual = "range"
    return Quantity(start=start, end=end, text=text[start:end], value=value * scale, unit=unit,
                    kind=kind, qualifier=qual)


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in text)


def find_quantities(text: str, language: str | None) -> list[Quantity]:
    """Every amount of money, count and percentage in `text`: sorted by start, non-overlapping
    (the longest wins), offsets into `text`."""
    g = grammar(language)
    folded, low = fold(text), _lower(text)
    phones = [m.span() for m in _PHONE.finditer(folded)]
    found: list[Quantity] = []
    for m in g.digits.finditer(folded):
        q = _candidate(text, folded, low, g, m.start(), m.end(), None, False, phones)
        if q:
            found.append(q)
    if g.words:
        for m in g.words.finditer(text):
            v = _word_value(m.group(), g)
            q = _candidate(text, folded, low, g, m.start(), m.end(), v, True, phones)
            if q:
                found.append(q)
    chosen: list[Quantity] = []
    for q in sorted(found, key=lambda q: (q.start - q.end, q.start)):
        if all(q.end <= c.start or q.start >= c.end for c in chosen):
            chosen.append(q)
    return sorted(chosen, key=lambda q: q.start)
