"""Regex fragments of the time grammar, filled with one language's words.

Each rule is a compiled regex plus the name of the builder that turns a match into a TimeExpr.
Group names carry the meaning: `d1`, `m1`, `y1` are the day, month and year of the first (or
only) point, `d2`/`m2`/`y2` of a range's end; a letter after the digit tells apart the
alternatives of one slot (`m1a`, `m1b`), since a regex may not repeat a group name. Other groups:
`ry` a relative year ("last year"), `o` an ISO month (never day/month swapped), `lead` a lead word,
`conn` a range connector, `pb`/`pa`/`fb`/`fa` past/future modifiers, `w` a weekday, `rel` a
relative phrase, `n` a count, `q` a quarter, `gy` "the year", `endof`, `now`, `paren`.
"""

from __future__ import annotations

import re

from .lexicon import AFTER_WORD, Lexicon, alternation, norm, suffix_alt

START = r"(?<![\w.,:/+\-–])"  # a rule never starts inside a word, number, time or code
DASH = r"[-–—‑]"
NUM_END = r"(?!\d|[.,]\d|\s*%)"  # a number that is not part of a longer amount or a percentage


class Slots:
    """Regex fragments over one lexicon; each call names its groups with (index, alternative)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        a = lex.alt
        self.months = a("months")
        self.weekdays = a("weekdays")
        suffixes = lex.words["day_suffixes"]
        self.day_suffix = suffix_alt(suffixes) if suffixes else None
        self.day_leads = a("day_leads")
        self.numeric_leads = a("numeric_leads")
        self.year_leads = a("year_leads")
        self.month_leads = a("month_leads")
        self.relyear = alt_of(lex, "year")
        self.ysuf = suffix_alt(lex.words["year_suffixes"])
        self.amount = a("amount_words")

    def day(self, i: str, lead: bool = True) -> str:
        suffix = rf"(?:{self.day_suffix})?" if self.day_suffix else ""
        body = rf"(?P<d{i}>3[01]|[12]\d|0?[1-9])(?!\d){suffix}"
        return rf"(?:{self.day_leads}{AFTER_WORD})?{body}" if lead else body

    def month(self, i: str) -> str:
        # A dot after an abbreviation only when a number follows ("Dec. 5"), not a full stop.
        return rf"(?P<m{i}>{self.months})(?:\.(?=\s*\d))?"

    def year(self, i: str) -> str:
        return rf"(?P<y{i}>(?:1[5-9]|20|21)\d\d){NUM_END}(?:\s*{self.ysuf})?"

    def yearx(self, i: str) -> str:
        """A year as digits (with an optional lead) or as a relative year ("last year")."""
        return rf"(?:(?:{self.year_leads}{AFTER_WORD})?{self.year(i)}|(?P<ry{i}>{self.relyear}))"

    def dm_sep(self) -> str:
        return rf"(?:\s+{self.lex.alt('day_month_joiners')})?\s*"

    def my_sep(self) -> str:
        joiners = self.lex.alt("month_year_joiners")
        return rf"(?:\s*,\s*|\s*[/.]\s*|\s*{DASH}\s*|\s+{joiners}{AFTER_WORD}|\s+)"

    def dmy(self, i: str, year: str = "opt") -> str:
        y = rf"{self.my_sep()}{self.yearx(i)}"
        y = {"opt": f"(?:{y})?", "req": y, "no": ""}[year]
        return rf"{self.day(i)}{self.dm_sep()}{self.month(i)}{y}"

    def mdy(self, i: str, year: str = "opt") -> str:
        y = rf"\s*,?\s*{self.year(i)}"
        y = {"opt": f"(?:{y})?", "req": y, "no": ""}[year]
        lead = rf"(?:{self.day_leads}{AFTER_WORD})?"
        return rf"{lead}{self.month(i)}\s+{self.day(i, lead=False)}(?!\s*[/:]\d){y}"

    def my(self, i: str) -> str:
        return rf"{self.month(i)}{self.my_sep()}{self.yearx(i)}"

    def numdate(self, i: str) -> str:
        """d/m/yyyy, d.m.yyyy, d-m-yyyy (the same separator twice)."""
        return (rf"(?P<d{i}>\d{{1,2}})(?P<s{i}>[/.\-])(?P<m{i}>\d{{1,2}})(?P=s{i})"
                rf"(?P<y{i}>(?:1[5-9]|20|21)\d\d)(?!\d)")

    def iso(self, i: str) -> str:
        return (rf"(?P<y{i}>(?:1[5-9]|20|21)\d\d)(?P<s{i}>[-/.])(?P<o{i}>0?[1-9]|1[0-2])"
                rf"(?P=s{i})(?P<d{i}>3[01]|[12]\d|0?[1-9])(?!\d)")

    def dateish(self, i: str) -> str:
        """Any point a lead word ("as of", "since") can take, from a day to a year."""
        alts = [
            self.dmy(i + "a"),
            rf"(?:{self.day_leads}{AFTER_WORD})?" + self.numdate(i + "c"),
            self.iso(i + "i"),
            self.my(i + "d"),
            rf"(?:{self.month_leads}{AFTER_WORD})?{self.month(i + 'e')}",
            rf"(?:{self.year_leads}{AFTER_WORD})?{self.year(i + 'f')}",
            rf"(?P<ry{i}g>{self.relyear})",
        ]
        if "mdy" in self.lex.orders:
            alts.insert(1, self.mdy(i + "b"))
        return "(?:" + "|".join(alts) + ")"


def alt_of(lex: Lexicon, unit: str) -> str:
    """The relative phrases of one unit ("last year", "năm nay" for "year")."""
    return alternation(relative_forms(lex, unit))


def relative_forms(lex: Lexicon, unit: str) -> list[str]:
    return [f for f in lex.raw_relative if lex.relative.get(norm(f), ("", 0))[0] == unit]


def spaced(pattern: str) -> str:
    """A data pattern's literal spaces become \\s+ (outside character classes)."""
    out, in_class, prev = [], False, ""
    for ch in pattern:
        if ch == "[" and prev != "\\":
            in_class = True
        elif ch == "]" and prev != "\\":
            in_class = False
        out.append(r"(?:\s+)" if ch == " " and not in_class else ch)
        prev = ch
    return "".join(out)


def fill(pattern: str, s: Slots) -> str:
    """A data pattern with its {SLOTS} replaced by named-group fragments: {N} a count (digits or
    a number word), {YEAR} a year (with a lead word), a relative year or "the year", {Y} four
    digits, {Y2} the second year of "2022/23", {Q} a quarter word, {QN} a quarter number (1-4,
    I-IV), {M} a month, {ORD} an ordinal ("50th", "thứ 50", "fiftieth"). A space stands for any
    run of white space."""
    lex = s.lex
    number = rf"(?P<n>\d{{1,3}}(?!\d)|{lex.alt('numbers')})"
    quarter_n = r"(?P<q>[1-4]|iv|iii|ii|i)(?![\w])"
    slots = {
        "{N}": number,
        "{YEAR}": rf"(?:{s.yearx('1')}|(?P<gy>{lex.alt('year_generic')}))",
        "{Y}": s.year("1"),
        "{Y2}": r"(?P<yy2>(?:1[5-9]|20|21)?\d\d)(?!\d)",
        "{Q}": rf"(?P<q>{lex.alt('quarters')})",
        "{QN}": quarter_n,
        "{M}": s.month("1"),
        "{ORD}": ordinal_slot(lex),
    }
    out = spaced(pattern)
    for key, frag in slots.items():
        out = out.replace(key, frag)
    return out


def ordinal_slot(lex: Lexicon) -> str:
    """An ordinal number: digits with a suffix or prefix ("50th", "thứ 50"), or a word."""
    suf = suffix_alt(lex.words["ordinal_suffixes"])
    pre = lex.alt("ordinal_prefixes")
    tens = lex.alt("tens")
    joiners = "|".join(re.escape(j) for j in lex.words.get("tens_joiners", ()) if j) or "-"
    units = lex.alt("ordinal_words")
    word = rf"(?:{tens}(?:{joiners})?)?{units}"
    digits = rf"(?:{pre}{AFTER_WORD})?\d{{1,3}}(?!\d)(?:{suf})?"
    return rf"(?P<ord>{digits}|{word})"
