"""A rule's match read into its parts: the shared ground of the builders."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .calendar import FUTURE, LEAN_FUTURE, NEAREST, PAST, nearest_year, valid_day
from .lexicon import Lexicon, norm

FIELD = re.compile(r"^(d|m|o|y|ry|yy)([12])[a-z]?$")


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
    # | listed (a bare month, a date only after a listed date: "in May and July")
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


def count(text: str | None, lex: Lexicon) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else lex.lookup("numbers", text)


def future_context(ctx: Ctx, start: int) -> bool:
    """Whether the words before `start` in its sentence speak of the future ("will", "sẽ")."""
    window = ctx.text[max(0, start - 80):start]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("! "), window.rfind("? "))
    return bool(ctx.lex.future_re.search(window[cut + 1:]))
