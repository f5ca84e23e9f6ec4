"""Builders of points and ranges, and the registry of every builder by name."""

from __future__ import annotations

import re
from collections.abc import Callable

from .calendar import NEAREST, PAST, fmt, span_year, valid_day
from .periods import PERIOD_BUILDERS
from .reading import Cand, Ctx, direction, point, resolve
from .rules import Rule

BARE_YEARS = range(1900, 2101)  # a year written with no word around it
TO_YEAR = ("r_dmy_y", "r_mdy_y", "r_num_y")
AND_NEEDS_LEAD = ("r_y_y", "r_mon_mon", "r_num")  # "2012 and 2018" is two years, not a span
PHONE_BEFORE = re.compile(r"\d[\s.\-]$")
PHONE_AFTER = re.compile(r"[\s.\-]\d")
WORD_BEFORE = re.compile(r"([^\W\d_][\w.°]*)\s*$")


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
    listed = False
    if rule.name == "month" and not (has_lead or "month_alone" in lex.flags):
        # a bare month is a date only as a later item of a list ("in May, June and July"):
        # kept for find.join to check that a date comes before it
        if not lex.after_list_gap.search(ctx.text, max(0, m.start() - 20), m.start()):
            return None
        listed = True
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
    return Cand(m.start(), m.end(), "date", fmt(year, p.m, p.d), year_from_text=from_text,
                role="listed" if listed else "time")


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


def build_block(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    return Cand(m.start(), m.end(), "block", None, role="block")


BUILDERS: dict[str, Callable[[re.Match[str], Rule, Ctx], Cand | None]] = {
    "point": build_point,
    "range": build_range,
    "block": build_block,
    **PERIOD_BUILDERS,
}
