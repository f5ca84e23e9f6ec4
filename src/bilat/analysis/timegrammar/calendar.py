"""Calendar arithmetic against an anchor date: nearest year, weekdays, relative offsets."""

from __future__ import annotations

import calendar
import datetime as dt

PAST, FUTURE, NEAREST = "past", "future", "nearest"
LEAN_FUTURE = "lean_future"  # nearest, in a sentence that speaks of the future
# Unstated years lean to the past: news mostly reports what happened. A later date must be at
# least twice as close as an earlier one to win, unless the sentence speaks of the future.
WEIGHTS = {NEAREST: (1, 2), LEAN_FUTURE: (2, 1)}  # direction -> (weight before, weight after)
UNITS = ("year", "month", "week", "day")  # coarse to fine


def parse_anchor(anchor: str | None) -> tuple[dt.date | None, str]:
    """The anchor as a date and its precision: "2023-08-21" (day); "2023-08" reads as the 15th
    (month), "2023" as 1 July (year), so that "nearest" stays fair on either side."""
    if not anchor:
        return None, "day"
    parts = [p for p in anchor.strip()[:10].split("-") if p]
    try:
        nums = [int(p) for p in parts]
        precision = {1: "year", 2: "month", 3: "day"}[len(nums)]
        fill = {1: [7, 1], 2: [15], 3: []}[len(nums)]
        return dt.date(*(nums + fill)), precision
    except (ValueError, IndexError, KeyError, TypeError):
        return None, "day"


def cost(lo: dt.date, hi: dt.date, anchor: dt.date, direction: str) -> float | None:
    """How far a period lies from the anchor, weighted by direction; None when ruled out."""
    if direction == PAST and lo > anchor:
        return None
    if direction == FUTURE and hi < anchor:
        return None
    if lo <= anchor <= hi:
        return 0
    before, after = WEIGHTS.get(direction, (1, 1))
    if hi < anchor:
        return (anchor - hi).days * before
    return (lo - anchor).days * after


def valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year else 2000, month)[1]  # 2000: Feb 29 allowed


def nearest_year(month: int, day: int | None, anchor: dt.date, direction: str = NEAREST) -> int:
    """The year that puts month/day nearest the anchor (or latest before / first after it)."""
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = day if day and valid_day(year, month, day) else None
        if day and d is None:
            continue
        if d is not None:
            lo = hi = dt.date(year, month, d)
        else:  # a month is near the anchor when the anchor falls inside it or close to it
            lo = dt.date(year, month, 1)
            hi = dt.date(year, month, calendar.monthrange(year, month)[1])
        gap = cost(lo, hi, anchor, direction)
        if gap is not None and (best is None or gap < best[0]):
            best = (gap, year)
    return best[1] if best else anchor.year


def span_year(m1: int, d1: int | None, m2: int, d2: int | None, anchor: dt.date,
              direction: str) -> int:
    """The start year that puts a span of days or months (m1/d1 .. m2/d2) nearest the anchor."""
    best: tuple[float, int] | None = None
    wraps = (m2, d2 or 31) < (m1, d1 or 0)  # "28 December - 3 January"
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        y2 = year + 1 if wraps else year
        if not (valid_day(year, m1, d1 or 1) and valid_day(y2, m2, d2 or 1)):
            continue
        lo = dt.date(year, m1, d1 or 1)
        hi = dt.date(y2, m2, d2 or calendar.monthrange(y2, m2)[1])
        gap = cost(lo, hi, anchor, direction)
        if gap is not None and (best is None or gap < best[0]):
            best = (gap, year)
    return best[1] if best else anchor.year


def weekday_date(weekday: int, anchor: dt.date, direction: str, strict: bool = False) -> dt.date:
    """The nearest date with ISO weekday `weekday` on or before the anchor (on or after it for
    the future); `strict` skips the anchor's own day ("next Monday", "lundi dernier")."""
    if direction == FUTURE:
        ahead = (weekday - anchor.isoweekday()) % 7
        return anchor + dt.timedelta(days=ahead or (7 if strict else 0))
    back = (anchor.isoweekday() - weekday) % 7
    return anchor - dt.timedelta(days=back or (7 if strict else 0))


def add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + offset
    return idx // 12, idx % 12 + 1


def finer(unit: str, precision: str) -> bool:
    """Whether `unit` is finer than an anchor of `precision` can tell (a day on a month)."""
    return UNITS.index(unit) > UNITS.index(precision)


def relative_value(unit: str, offset: int, anchor: dt.date | None,
                   precision: str = "day") -> str | None:
    """The value of "yesterday", "next week", "last month", "this year" against the anchor."""
    if anchor is None or finer(unit, precision):
        return None
    if unit == "day":
        return (anchor + dt.timedelta(days=offset)).isoformat()
    if unit == "week":  # a week has no day precision: its month when it lies in one month
        monday = anchor - dt.timedelta(days=anchor.isoweekday() - 1) + dt.timedelta(weeks=offset)
        sunday = monday + dt.timedelta(days=6)
        same = (monday.year, monday.month) == (sunday.year, sunday.month)
        return f"{monday:%Y-%m}" if same else None
    if unit == "month":
        y, m = add_months(anchor.year, anchor.month, offset)
        return f"{y:04d}-{m:02d}"
    if unit == "year":
        return f"{anchor.year + offset:04d}"
    return None


def fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """TIMEX-like text: "2023-10-13", "2023-10", "2023", "XXXX-10-13"."""
    out = f"{year:04d}" if year is not None else "XXXX"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out
