"""Builders of periods: as of, since, relative words, weekdays, parts of a year."""

from __future__ import annotations

import datetime as dt
import re

from .calendar import FUTURE, NEAREST, PAST, finer, fmt, relative_value, weekday_date
from .lexicon import Lexicon, norm
from .reading import Cand, Ctx, count, direction, future_context, point, resolve
from .rules import Rule

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


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


def build_ago(m: re.Match[str], rule: Rule, ctx: Ctx) -> Cand | None:
    n = count(m.groupdict().get("n"), ctx.lex)
    if n is None:
        return None
    value = relative_value(rule.category or "year", -n, ctx.anchor, ctx.precision)
    return Cand(m.start(), m.end(), "relative", value, year_from_text=False)


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


PERIOD_BUILDERS = {
    "as_of": build_as_of,
    "since": build_since,
    "relative": build_relative,
    "ago": build_ago,
    "weekday": build_weekday,
    "weekday_range": build_weekday_range,
    "part": build_part,
}
