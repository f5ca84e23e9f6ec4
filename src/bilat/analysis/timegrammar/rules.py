"""The time grammar: language-free rule templates filled with one language's words.

Each rule is a compiled regex, the builder that turns its match into a time expression, and the
first tokens it can start with. Rules are tried only where such a token starts (`index`), which
keeps the grammar fast: a 600-word text has a few hundred tokens and most open no rule.
Group names are explained in slots.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import AFTER_WORD, Lexicon, lexicon
from .slots import DASH, START, Slots, fill, relative_forms

TOKEN = re.compile(r"[^\W\d_]+|\d+|\(")  # how text and forms are cut into tokens
DIGITS = "#"  # any number; a number token's key tells its length: "#2" (1-2 digits), "#4" ...
SHORT, YEAR = "#2", "#4"
NUMBER_KEYS = ("#2", "#3", "#4", "#n")


@dataclass(frozen=True)
class Rule:
    name: str
    builder: str  # key of the builder registry in build.py
    regex: re.Pattern[str]
    first: frozenset[str]  # token keys the rule can start with
    category: str | None = None  # part-of-year category, or the unit of an "ago" rule
    order: int = 0  # position in the grammar: breaks ties between readings of equal length


def token_key(token: str) -> str:
    if token[:1].isdigit():
        return NUMBER_KEYS[min(len(token), 5) - 2] if len(token) > 2 else SHORT
    return token.lower()


def first_token(form: str) -> str | None:
    m = TOKEN.search(form)
    return token_key(m.group()) if m else None


def keys_of(lex: Lexicon, names: tuple[str, ...]) -> set[str]:
    """The first tokens of every form in the named lists ("#" and "(" stand for themselves)."""
    out: set[str] = set()
    for name in names:
        if name == DIGITS:
            out.update(NUMBER_KEYS)
            continue
        if name.startswith("#") or name == "(":
            out.add(name)
            continue
        if name in lex.maps:
            forms = lex.forms(name)
        elif name == "relative":
            forms = lex.relative_forms()
        elif name.startswith("relative:"):
            forms = tuple(relative_forms(lex, name.split(":", 1)[1]))
        else:
            forms = lex.words.get(name, ())
        out.update(k for k in map(first_token, forms) if k)
    return out


SLOT_STARTS = {
    "{N}": (SHORT, "#3", "numbers"),
    "{Q}": ("quarters",),
    "{QN}": (SHORT, "=i", "=ii", "=iii", "=iv"),
    "{Y}": (YEAR,),
    "{Y2}": (SHORT, YEAR),
    "{YEAR}": (YEAR, "year_leads", "relative:year", "year_generic"),
    "{M}": ("months",),
    "{ORD}": (SHORT, "#3", "ordinal_prefixes", "ordinal_words", "tens"),
}


def slot_keys(lex: Lexicon, tok: str) -> set[str]:
    """The keys a slot or a literal word of a data pattern can start with."""
    if tok not in SLOT_STARTS:
        return {token_key(tok)}
    out = keys_of(lex, tuple(k for k in SLOT_STARTS[tok] if not k.startswith("=")))
    return out | {k[1:] for k in SLOT_STARTS[tok] if k.startswith("=")}


def closing(pattern: str, i: int) -> int:
    """The index of the parenthesis closing the group opened at i."""
    depth = 0
    for j in range(i, len(pattern)):
        if pattern[j] == "\\":
            continue
        if pattern[j] == "(" and pattern[j - 1:j] != "\\":
            depth += 1
        elif pattern[j] == ")" and pattern[j - 1:j] != "\\":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError(f"unbalanced pattern: {pattern}")


def split_top(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    parts, depth, last = [], 0, 0
    for j, ch in enumerate(pattern):
        if ch == "(" and pattern[j - 1:j] != "\\":
            depth += 1
        elif ch == ")" and pattern[j - 1:j] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[last:j])
            last = j + 1
    return [*parts, pattern[last:]]


def starts(lex: Lexicon, pattern: str) -> tuple[set[str], bool] | None:
    """The first-token keys of a data pattern and whether it can match nothing; None when its
    start is beyond this small reader (a class or an escape): then every key may open it."""
    keys: set[str] = set()
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == " ":
            i += 1
            continue
        if ch == "(":
            j = closing(pattern, i)
            inner = pattern[i + 3:j] if pattern.startswith("(?:", i) else pattern[i + 1:j]
            empty = False
            for alt in split_top(inner):
                sub = starts(lex, alt)
                if sub is None:
                    return None
                keys |= sub[0]
                empty |= sub[1]
            if pattern[j + 1:j + 2] in ("?", "*"):
                i = j + 2
                continue
            if empty:
                i = j + 1
                continue
            return keys, False
        m = re.match(r"\{[A-Z0-9]+\}|[^\W\d_]+|\d+", pattern[i:])
        if m is None:
            return None
        return keys | slot_keys(lex, m.group()), False
    return keys, True


def pattern_keys(lex: Lexicon, pattern: str) -> set[str]:
    """Tokens a data pattern may start with (every known key when it cannot tell)."""
    found = starts(lex, pattern)
    if found is None or found[1]:
        tokens = re.findall(r"\{[A-Z0-9]+\}|[^\W\d_]+|\d+", pattern)
        return set().union(*(slot_keys(lex, t) for t in tokens[:4]))
    return found[0]


class Grammar:
    """Collects the rules of one lexicon; `add` prefixes START unless told the rule has its own."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.s = Slots(lex)
        self.out: list[tuple[str, str, set[str], str, str | None]] = []
        a = lex.alt
        self.frm = rf"(?:(?P<lead>{a('range_from')}){AFTER_WORD})?"
        self.to = rf"(?:\s*{DASH}\s*|\s+(?P<conn>{a('range_to')}|{a('range_and')}){AFTER_WORD})"
        self.to_dash = rf"\s*{DASH}\s*"
        self.mods_b = (rf"(?:(?:(?P<pb>{a('past_before')}){AFTER_WORD})|"
                       rf"(?:(?P<fb>{a('future_before')}){AFTER_WORD}))")
        self.mods_a = (rf"(?:(?:\s+(?P<pa>{a('past_after')}))|"
                       rf"(?:\s+(?P<fa>{a('future_after')})))")
        self.nlead = rf"(?P<nlead>{self.s.numeric_leads}|{self.s.day_leads})"

    def add(self, name: str, builder: str, first: tuple[str, ...] | set[str], pattern: str,
            category: str | None = None, start: str = START) -> None:
        keys = first if isinstance(first, set) else keys_of(self.lex, first)
        if not keys:  # a list the language leaves empty: the rule could never open
            return
        self.out.append((name, builder, keys, start + pattern, category))

    def data(self, name: str, builder: str, pattern: str, category: str | None = None) -> None:
        """A rule written in the language's data, with {SLOTS}."""
        self.add(name, builder, pattern_keys(self.lex, pattern), fill(pattern, self.s), category)


DAY = (SHORT, "day_leads")
NDAY = (SHORT, "day_leads", "numeric_leads")
MON = ("month_leads", "past_before", "future_before", "months")
NUM_TAIL = r"(?![\w/]|[.,\-]\d)"  # a numeric date ends before more digits or a code
DM_NUM = r"(?P<d{i}>3[01]|[12]\d|0?[1-9])(?P<s{i}>[/.\-])(?P<m{i}>1[0-2]|0?[1-9])"
Y4 = r"(?:1[5-9]|20|21)\d\d"


def point_rules(g: Grammar) -> None:
    s, lex = g.s, g.lex
    g.add("iso", "point", (YEAR,), s.iso("1") + r"(?![\w\-/])")
    g.add("num_dmy", "point", NDAY,
          rf"(?:{g.nlead}{AFTER_WORD})?" + s.numdate("1") + r"(?![\w/]|[.\-]\d)")
    g.add("num_dm", "point", ("day_leads", "numeric_leads"),
          g.nlead + AFTER_WORD + r"\(?" + DM_NUM.format(i="1") + r"\)?(?![\d/]|[.,\-]\d)")
    g.add("paren_dm", "point", ("(",), r"\((?P<paren>)" + DM_NUM.format(i="1") + r"\)", start="")
    g.add("dmy", "point", DAY, s.dmy("1") + f"{g.mods_a}?")
    if "mdy" in lex.orders:
        g.add("mdy", "point", ("day_leads", "months"), s.mdy("1") + f"{g.mods_a}?")
    g.add("my", "point", MON, rf"(?:{s.month_leads}{AFTER_WORD})?{g.mods_b}?" + s.my("1"))
    g.add("month", "point", MON, rf"(?:(?P<lead>{s.month_leads}){AFTER_WORD})?{g.mods_b}?"
          + s.month("1") + f"{g.mods_a}?")
    g.add("year", "point", (YEAR, "year_leads"),
          rf"(?:(?P<lead>{s.year_leads}){AFTER_WORD})?" + s.year("1") + rf"(?!\s*{s.amount})")


def range_rules(g: Grammar) -> None:
    s, lex, frm, to = g.s, g.lex, g.frm, g.to
    from_day = ("range_from", *DAY)
    from_mon = ("range_from", "day_leads", "months")
    g.add("r_dd_m", "range", from_day, frm + s.day("1") + to + s.day("2") + s.dm_sep()
          + s.month("2") + rf"(?:{s.my_sep()}{s.yearx('2')})?")
    g.add("r_dmy_dmy", "range", from_day, frm + s.dmy("1") + to + s.dmy("2"))
    g.add("r_dmy_y", "range", from_day, frm + s.dmy("1", "req") + g.to_dash + s.year("2"))
    if "mdy" in lex.orders:
        g.add("r_m_dd", "range", from_mon, frm + s.mdy("1", "no") + to + s.day("2")
              + rf"(?:\s*,?\s*{s.year('2')})?")
        g.add("r_mdy_mdy", "range", from_mon, frm + s.mdy("1") + to + s.mdy("2"))
        g.add("r_mdy_y", "range", from_mon, frm + s.mdy("1", "req") + g.to_dash + s.year("2"))
    y_tail = (rf"(?:(?:/|\s+{lex.alt('month_year_joiners')}{AFTER_WORD}|\s*{DASH}\s*)"
              rf"(?P<y2>{Y4}))?")
    num1 = (rf"(?P<d1>3[01]|[12]\d|0?[1-9])(?:(?P<s1>[/.\-])(?P<m1>1[0-2]|0?[1-9])"
            rf"(?:(?P=s1)(?P<y1>{Y4}))?)?")
    num2 = (rf"(?:(?P<d2>3[01]|[12]\d|0?[1-9])[/.\-])?(?P<m2>1[0-2]|0?[1-9])"
            rf"(?:[/.\-](?P<y2a>{Y4})|{y_tail})")
    g.add("r_num", "range", ("range_from", "(", *NDAY),
          frm + rf"(?:{g.nlead}{AFTER_WORD})?(?P<paren>\()?" + num1 + to + num2 + r"\)?" + NUM_TAIL)
    g.add("r_num_y", "range", ("range_from", *NDAY),
          frm + rf"(?:{g.nlead}{AFTER_WORD})?" + s.numdate("1") + g.to_dash + s.year("2")
          + NUM_TAIL)
    g.add("r_mon_mon", "range", ("range_from", "month_leads", "months"),
          frm + rf"(?:{s.month_leads}{AFTER_WORD})?" + s.month("1")
          + rf"(?:{s.my_sep()}{s.year('1')})?" + to + s.month("2")
          + rf"(?:{s.my_sep()}{s.yearx('2')})?")
    g.add("r_y_y", "range", ("range_from", "year_leads", YEAR),
          frm + rf"(?:{s.year_leads}{AFTER_WORD})?" + s.year("1") + to
          + rf"(?:{s.year_leads}{AFTER_WORD})?"
          + rf"(?:{s.year('2')}|(?<=[-–—‑/])(?P<yy2>\d\d)(?![\d\w]))")


def period_rules(g: Grammar) -> None:
    s, a = g.s, g.lex.alt
    endof = rf"(?:(?P<endof>{a('end_of')}){AFTER_WORD})"
    until_now = a("since_until_now")
    g.add("as_of", "as_of", ("as_of",),
          rf"(?P<lead>{a('as_of')}){AFTER_WORD}{endof}?" + s.dateish("1"))
    g.add("end_of", "as_of", ("end_of",), endof + s.dateish("1"))
    g.add("now", "as_of", ("now",), rf"(?P<now>{a('now')})")
    g.add("since", "since", ("since",),
          rf"(?P<lead>{a('since')}){AFTER_WORD}" + s.dateish("1") + rf"(?:\s+{until_now})?")
    g.add("from_now", "since", ("range_from",),
          rf"(?P<lead>{a('range_from')}){AFTER_WORD}" + s.dateish("1") + rf"\s+{until_now}")
    g.add("rel", "relative", ("relative",), rf"(?P<rel>{a('relative')})")
    for unit, pats in g.lex.ago_patterns.items():
        for pat in pats:
            g.data("ago_" + unit, "ago", pat, unit)
    g.add("r_wd_wd", "weekday_range", ("range_from",),
          g.frm + rf"(?P<w>{s.weekdays})" + g.to + rf"(?P<w2>{s.weekdays})")
    g.add("weekday", "weekday", ("weekday_leads", "past_before", "future_before", "weekdays"),
          rf"(?:(?P<lead>{a('weekday_leads')}){AFTER_WORD})?{g.mods_b}?(?P<w>{s.weekdays}){g.mods_a}?")
    for cat, pats in g.lex.part_patterns.items():
        for pat in pats:
            g.data("part_" + cat, "part", pat, cat)


def block_rules(g: Grammar) -> None:
    """Spans that hold numbers or time words but are no time: they win their overlaps."""
    a = g.lex.alt
    g.add("block_doc", "block", ("doc_numbers",),
          rf"{a('doc_numbers')}\s*(?:[^\W\d]{{1,3}}\.?\s*)?\d[\w/.\-]*")
    g.add("block_code", "block", (DIGITS,), r"(?<![\w/])\d+(?:/\d+)*/\d{2,4}/[^\W\d][\w\-]*",
          start="")
    g.add("block_words", "block", ("blocks",), a("blocks"))
    for pat in g.lex.patterns.get("block_patterns", ()):
        g.data("block_pattern", "block", pat)


@cache
def rules(language: str | None) -> tuple[Rule, ...]:
    """Every rule of one language, compiled once."""
    g = Grammar(lexicon(language))
    for part in (point_rules, range_rules, period_rules, block_rules):
        part(g)
    compiled = []
    for name, builder, keys, pat, cat in g.out:
        try:
            regex = re.compile(pat, re.IGNORECASE)
        except re.error as err:  # a bad data pattern names its rule
            raise ValueError(f"time rule {name!r} of {language!r}: {err}") from err
        compiled.append(Rule(name, builder, regex, frozenset(keys), cat, len(compiled)))
    return tuple(compiled)


@cache
def index(language: str | None) -> dict[str, tuple[Rule, ...]]:
    """token key -> the rules that may start at such a token."""
    out: dict[str, list[Rule]] = {}
    for rule in rules(language):
        for key in rule.first:
            out.setdefault(key, []).append(rule)
    return {k: tuple(v) for k, v in out.items()}
