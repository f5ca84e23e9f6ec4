"""Builders: from one rule's match to a candidate time expression (or None when it is no date)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .calendar import (
    FUTURE,
    LEAN_FUTURE,
    NEAREST,
    PAST,
    finer,
    fmt,
    nearest_year,
    relative_value,
    span_year,
    valid_day,
    weekday_date,
)
from .lexicon import Lexicon, norm
from .rules import Rule

FIELD = re.compile(r"^(d|m|o|y|ry|yy)([12])[a-z]?$")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
BARE_YEARS = range(1900, 2101)  # a year written with no word around it
TO_YEAR = ("r_dmy_y", "r_mdy_y", "r_num_y")
AND_NEEDS_LEAD = ("r_y_y", "r_mon_mon", "r_num")  # "2012 and 2018" is two years, not a span
PHONE_BEFORE = re.compile(r"\d[\s.\-]$")
PHONE_AFTER = re.compile(r"[\s.\-]\d")
WORD_BEFORE = re.compile(r"([^\W\d_][\w.°]*)\s*$")


@dataclass
class Cand:
    """A match on its way to a TimeExpr; `role` tells the merge step what it may join."""

    start: int
    end: int
    kind: str
    value: str | None
    end_value: str | None = None
    year_from_text: bool = True
    role: str = "time"  # time | block | anchorword (weekday, "today": may take a date after it)
    weak: bool = False  # dropped unless a date follows (an ambiguous weekday form)
    rule: str = ""
    order: int = 0  # index of the rule: breaks ties between readings of equal length


@dataclass
class Ctx:
    text: str
    anchor: dt.date | None
    lex: Lexicon
    precision: str = "day"  # of the anchor: day | month | year

    def lean(self, way: str, start: int) -> str:
        """NEAREST becomes LEAN_FUTURE in a sentence that speaks of the future."""
        return LEAN_FUTURE if way == NEAREST and future_context(self, start) else way


@dataclass
class Point:
    y: int | None = None
    m: int | None = None
    d: int | None = None
    ry: int | None = None  # offset of a relative year ("last year" -> -1)
    numeric: bool = False


def direction(gd: dict[str, str | None]) -> str:
    if gd.get("pb") or gd.get("pa"):
        return PAST
    if gd.get("fb") or gd.get("fa"):
        return FUTURE
    return NEAREST


def point(gd: dict[str, str | None], idx: str, lex: Lexicon) -> Point | None:
    """The day, month and year of point `idx` of a match; None when they make no date."""
    f: dict[str, str] = {}
    for key, val in gd.items():
        if val is not None:
            mm = FIELD.match(key)
            if mm and mm.group(2) == idx:
                f[mm.group(1)] = val
    p = Point()
    if "o" in f:
        p.m = int(f["o"])
    elif "m" in f:
        if not lex.case_ok(f["m"]):
            return None
        p.m = lex.lookup("months", f["m"])
        p.numeric = f["m"].isdigit()
        if p.m is None:
            return None
    if "d" in f:
        p.d = int(f["d"])
        if p.numeric:
            if lex.numeric_order == "mdy":
                p.d, p.m = p.m, p.d
            if p.m is not None and p.m > 12 and p.d is not None and p.d <= 12:
                p.d, p.m = p.m, p.d
    if "y" in f:
        p.y = int(f["y"])
    if "ry" in f:
        rel = lex.relative.get(norm(f["ry"]))
        if rel is None or not lex.case_ok(f["ry"]):
            return None
        p.ry = rel[1]
    if p.m is not None and not 1 <= p.m <= 12:
        return None
    if p.d is not None and p.m is not None and not valid_day(p.y, p.m, p.d):
        return None
    return p


def resolve(p: Point, ctx: Ctx, way: str, start: int = -1) -> tuple[int | None, bool]:
    """The year of a point and whether the text gave it (else the anchor, else unknown)."""
    if p.y is not None:
        return p.y, True
    if p.ry is not None:
        return (ctx.anchor.year + p.ry if ctx.anchor else None), False
    if ctx.anchor is not None and p.m is not None:
        way = ctx.lean(way, start) if start >= 0 else way
        return nearest_year(p.m, p.d, ctx.anchor, way), False
    return None, False


def bare_year(year: int, m: re.Match[str], ctx: Ctx) -> bool:
    """A lone 4-digit number reads as a year in 1900-2100, outside a run of digit groups and
    not after a noun that numbers things ("top 2000", "Room 2021")."""
    text = ctx.text
    if year not in BARE_YEARS:
        return False
    if (PHONE_BEFORE.search(text, max(0, m.start() - 2), m.start())
            or PHONE_AFTER.match(text, m.end())):
        return False
    before = WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
    return not (before and ctx.lex.has("number_nouns", before.group(1)))


def build_point(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    gd = m.groupdict()
    lex = ctx.lex
    has_lead = bool(gd.get("lead") or gd.get("nlead") or direction(gd) != NEAREST)
    if rule.name == "month" and not (has_lead or "month_alone" in lex.flags):
        return None
    p = point(gd, "1", lex)
    if p is None:
        return None
    if p.m is None:  # a year alone
        if p.y is None or (not gd.get("lead") and not bare_year(p.y, m, ctx)):
            return None
        return Cand(m.start(), m.end(), "year", fmt(p.y))
    if p.ry is not None and p.y is None and ctx.anchor is None:
        return Cand(m.start(), m.end(), "date", None, year_from_text=False)
    year, from_text = resolve(p, ctx, direction(gd), m.start())
    return Cand(m.start(), m.end(), "date", fmt(year, p.m, p.d), year_from_text=from_text)


def build_range(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    gd = m.groupdict()
    lex = ctx.lex
    lead = gd.get("lead") or gd.get("nlead")
    conn = gd.get("conn")
    if conn and lex.has("range_and", conn) and not lead and rule.name in AND_NEEDS_LEAD:
        return None
    p1, p2 = point(gd, "1", lex), point(gd, "2", lex)
    if p1 is None or p2 is None:
        return None
    if gd.get("yy2"):  # "2022-23": the end year shares the start's century
        if p1.y is None:
            return None
        yy = gd["yy2"]
        p2.y = int(yy) if len(yy) == 4 else p1.y // 100 * 100 + int(yy)
    if rule.name == "r_num" and not (lead or gd.get("paren") or p1.y or p2.y):
        return None  # "21-25/8" alone could be anything; a lead word or a year makes it a date
    if rule.name == "r_num" and gd.get("m1") is None and gd.get("d2") is None:
        return None  # "22-3-1973" is one date, not the 22nd to March 1973
    if rule.name == "r_y_y":
        if p1.y is None or p2.y is None or not 0 < p2.y - p1.y <= 200:
            return None
        if not lead and (p1.y not in BARE_YEARS or p2.y not in BARE_YEARS):
            return None
        return Cand(m.start(), m.end(), "range", fmt(p1.y), fmt(p2.y))
    if rule.name in TO_YEAR:  # "(22 mars 1973 - 2023)": a dated start, a year as the end
        if p1.y is None or p2.y is None or not 0 < p2.y - p1.y <= 200:
            return None
        return Cand(m.start(), m.end(), "range", fmt(p1.y, p1.m, p1.d), fmt(p2.y))
    # What one end leaves out, the other supplies: "21-25 August 2023", "August 21-25".
    if p1.m is None and p1.d is not None:
        p1.m = p2.m
    if p2.m is None and p2.d is not None:
        p2.m = p1.m
    if p1.m is None or p2.m is None:
        return None
    if p1.d is not None and not valid_day(p1.y or p2.y, p1.m, p1.d):
        return None
    order = (p1.m, p1.d or 0) <= (p2.m, p2.d or 31)
    from_text = True
    if p1.y is None and p2.y is not None:
        p1.y = p2.y if order else p2.y - 1
    elif p1.y is None and (p1.ry is not None or p2.ry is not None):
        p1.y, from_text = resolve(p1 if p1.ry is not None else p2, ctx, NEAREST)
    elif p1.y is None and ctx.anchor is not None:
        # Months without days are reported periods (past); a span of days lies nearest.
        way = PAST if p1.d is None else ctx.lean(NEAREST, m.start())
        p1.y, from_text = span_year(p1.m, p1.d, p2.m, p2.d, ctx.anchor, way), False
    elif p1.y is None:
        from_text = False
    if p2.y is None and p2.ry is not None:
        p2.y, _ = resolve(p2, ctx, NEAREST)
    elif p2.y is None and p1.y is not None:
        p2.y = p1.y if order else p1.y + 1
    known = p1.y is not None and p2.y is not None
    if known and ((p2.y, p2.m, p2.d or 31) < (p1.y, p1.m, p1.d or 0) or p2.y - p1.y > 200):
        return None
    end = fmt(p2.y, p2.m, p2.d)
    start = fmt(p1.y, p1.m, p1.d)
    if start == end:
        return None
    return Cand(m.start(), m.end(), "range", start, end, year_from_text=from_text)


def build_as_of(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    gd = m.groupdict()
    if gd.get("now") is not None:
        value = relative_value("month", 0, ctx.anchor, ctx.precision)
        return Cand(m.start(), m.end(), "as_of", value, year_from_text=False)
    p = point(gd, "1", ctx.lex)
    if p is None:
        return None
    endof = gd.get("endof") is not None
    year, from_text = resolve(p, ctx, PAST)
    if p.m is None:
        if p.y is None and p.ry is None:
            return None
        if year is None:
            return Cand(m.start(), m.end(), "as_of", None, year_from_text=False)
        return Cand(m.start(), m.end(), "as_of", fmt(year, 12 if endof else None),
                    year_from_text=from_text)
    return Cand(m.start(), m.end(), "as_of", fmt(year, p.m, p.d), year_from_text=from_text)


def build_since(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    p = point(m.groupdict(), "1", ctx.lex)
    if p is None or (p.m is None and p.y is None and p.ry is None):
        return None
    year, from_text = resolve(p, ctx, PAST)
    if year is None and p.ry is not None:
        return Cand(m.start(), m.end(), "since", None, year_from_text=False)
    return Cand(m.start(), m.end(), "since", fmt(year, p.m, p.d), year_from_text=from_text)


def build_relative(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    phrase = m.group("rel")
    rel = ctx.lex.relative.get(norm(phrase))
    if rel is None or not ctx.lex.case_ok(phrase):
        return None
    unit, offset = rel
    role = "anchorword" if unit == "day" else "time"
    return Cand(m.start(), m.end(), "relative",
                relative_value(unit, offset, ctx.anchor, ctx.precision),
                year_from_text=False, role=role)


def count(text: str | None, lex: Lexicon) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else lex.lookup("numbers", text)


def build_ago(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    n = count(m.groupdict().get("n"), ctx.lex)
    if n is None:
        return None
    value = relative_value(rule.category or "year", -n, ctx.anchor, ctx.precision)
    return Cand(m.start(), m.end(), "relative", value, year_from_text=False)


def future_context(ctx: Ctx, start: int) -> bool:
    """Whether the words before `start` in its sentence speak of the future ("will", "sẽ")."""
    window = ctx.text[max(0, start - 80):start]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("! "), window.rfind("? "))
    return bool(ctx.lex.future_re.search(window[cut + 1:]))


def build_weekday(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    gd = m.groupdict()
    lex = ctx.lex
    word = gd["w"]
    if not lex.case_ok(word):
        return None
    wd = lex.lookup("weekdays", word)
    if wd is None or not 1 <= wd <= 7:
        return None
    way = direction(gd)
    strict = way != NEAREST  # "next Monday" said on a Monday is a week away
    weak = lex.has("weekdays_weak", word) and not (gd.get("lead") or way != NEAREST)
    if weak and "weak_ok_capitalised" in lex.flags and word.split()[-1][:1].isupper():
        weak = False
    if way == NEAREST:
        way = FUTURE if future_context(ctx, m.start()) else PAST
    known = ctx.anchor is not None and not finer("day", ctx.precision)
    value = weekday_date(wd, ctx.anchor, way, strict).isoformat() if known else None
    return Cand(m.start(), m.end(), "relative", value, year_from_text=False,
                role="anchorword", weak=weak)


def build_weekday_range(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    """"from Wednesday to Saturday": the first day as a weekday, the last the next such day."""
    lex = ctx.lex
    first, last = lex.lookup("weekdays", m.group("w")), lex.lookup("weekdays", m.group("w2"))
    if first is None or last is None or first == last:
        return None
    if ctx.anchor is None or finer("day", ctx.precision):
        return Cand(m.start(), m.end(), "range", None, None, year_from_text=False)
    way = FUTURE if future_context(ctx, m.start()) else PAST
    start = weekday_date(first, ctx.anchor, way)
    end = start + dt.timedelta(days=(last - first) % 7)
    return Cand(m.start(), m.end(), "range", start.isoformat(), end.isoformat(),
                year_from_text=False)


def part_year(gd: dict[str, str | None], ctx: Ctx, last_month: int) -> tuple[int | None, bool]:
    """The year of a part of a year: stated, relative, "the year", or the anchor's latest."""
    p = point(gd, "1", ctx.lex)
    if p is not None and p.y is not None:
        return p.y, True
    if p is not None and p.ry is not None:
        return (ctx.anchor.year + p.ry if ctx.anchor else None), False
    if ctx.anchor is None:
        return None, False
    if gd.get("gy") is not None:
        return ctx.anchor.year, False
    # "the first 10 months" said before October is over speaks of last year's.
    return (ctx.anchor.year if ctx.anchor.month >= last_month else ctx.anchor.year - 1), False


def quarter(gd: dict[str, str | None], lex: Lexicon) -> int | None:
    q = gd.get("q")
    if q is None:
        return None
    if q.isdigit():
        return int(q)
    return ROMAN.get(q.lower()) or lex.lookup("quarters", q)


def month_span(gd: dict[str, str | None], cat: str, lex: Lexicon) -> tuple[int, int] | None:
    n = count(gd.get("n"), lex)
    if cat == "first_months":
        if n is None or not 1 <= n <= 12:
            return None
        last = lex.lookup("months", gd["m1"]) if gd.get("m1") else n
        if last is None or last - n + 1 < 1:
            return None
        return last - n + 1, last
    if cat == "last_months":
        return (13 - n, 12) if n and 1 <= n <= 12 else None
    if cat == "half1":
        return 1, 6
    if cat == "half2":
        return 7, 12
    if cat == "quarter":
        q = quarter(gd, lex)
        return (3 * q - 2, 3 * q) if q and 1 <= q <= 4 else None
    return None


def build_part(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    gd = m.groupdict()
    cat = rule.category or ""
    if cat == "fiscal":  # "FY2022/23" -> 2022..2023; "FY2022" -> 2022..2022 (bounds unknown)
        p = point(gd, "1", ctx.lex)
        if p is None or p.y is None:
            return None
        end = p.y
        if gd.get("yy2"):
            yy = gd["yy2"]
            end = int(yy) if len(yy) == 4 else p.y // 100 * 100 + int(yy)
            if not 0 <= end - p.y <= 1:
                return None
        return Cand(m.start(), m.end(), "part_of_year", fmt(p.y), fmt(end))
    span = month_span(gd, cat, ctx.lex)
    if span is None:
        return None
    year, from_text = part_year(gd, ctx, span[1])
    return Cand(m.start(), m.end(), "part_of_year", fmt(year, span[0]), fmt(year, span[1]),
                year_from_text=from_text)


def build_block(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    return Cand(m.start(), m.end(), "block", None, role="block")


BUILDERS: dict[str, Callable[[re.Match[str], Rule, Ctx], Cand | None]] = {
    "point": build_point,
    "range": build_range,
    "as_of": build_as_of,
    "since": build_since,
    "relative": build_relative,
    "ago": build_ago,
    "weekday": build_weekday,
    "weekday_range": build_weekday_range,
    "part": build_part,
    "block": build_block,
}
