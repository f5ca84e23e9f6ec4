"""Calendar arithmetic against an anchor date: nearest year, weekdays, relative offsets."""

from __future__ import annotations

import calendar
import datetime as dt

PAST, FUTURE, NEAREST = "past", "future", "nearest"


def parse_anchor(anchor: str | None) -> dt.date | None:
    """The anchor as a date ("2023-08-21"; "2023-08" and "2023" read as their first day)."""
    if not anchor:
        return None
    parts = anchor.strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts if p]
        while len(nums) < 3:
            nums.append(1)
        return dt.date(nums[0], nums[1], nums[2])
    except (ValueError, IndexError):
        return None


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
        if direction == PAST and lo > anchor:
            continue
        if direction == FUTURE and hi < anchor:
            continue
        gap = 0 if lo <= anchor <= hi else min(abs((lo - anchor).days), abs((hi - anchor).days))
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else anchor.year


def weekday_date(weekday: int, anchor: dt.date, direction: str) -> dt.date:
    """The nearest date with ISO weekday `weekday`: on or before the anchor, or after it."""
    delta = (anchor.isoweekday() - weekday) % 7
    if direction == FUTURE:
        return anchor + dt.timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
    return anchor - dt.timedelta(days=delta)


def add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + offset
    return idx // 12, idx % 12 + 1


def relative_value(unit: str, offset: int, anchor: dt.date | None) -> str | None:
    """The value of "yesterday", "next week", "last month", "this year" against the anchor."""
    if anchor is None:
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
