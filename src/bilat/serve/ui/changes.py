"""Change statistics of a pair: its events this month against the average month of the
twelve before. An event counts in the month it is dated (month precision at least: one
dated only "2023" is in no month)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

MONTHS = 12


@dataclass(frozen=True)
class Change:
    month: str  # "2026-12"
    this_month: int
    average: float  # events a month over the MONTHS before
    by_type: list[tuple[str, int, float]]  # (type, this month, average)

    @property
    def trend(self) -> str:
        """"quiet", "above", "below" or "same" (within a quarter of the average, at least
        one event, of it)."""
        if not self.this_month and not self.average:
            return "quiet"
        room = max(1.0, 0.25 * self.average)
        if self.this_month >= self.average + room:
            return "above"
        if self.this_month <= self.average - room:
            return "below"
        return "same"


def _months_before(today: dt.date, count: int) -> list[str]:
    out, year, month = [], today.year, today.month
    for _ in range(count):
        month -= 1
        if not month:
            year, month = year - 1, 12
        out.append(f"{year:04d}-{month:02d}")
    return out


def month_change(events: list[dict[str, Any]], today: dt.date) -> Change:
    current = f"{today.year:04d}-{today.month:02d}"
    window = set(_months_before(today, MONTHS))
    now: Counter = Counter()
    before: Counter = Counter()
    for e in events:
        month = (e.get("date_start") or "")[:7]
        if len(month) < 7:
            continue
        if month == current:
            now[e["type"]] += 1
        elif month in window:
            before[e["type"]] += 1
    types = sorted(set(now) | set(before), key=lambda t: (-now[t], -before[t], t))
    return Change(current, sum(now.values()), sum(before.values()) / MONTHS,
                  [(t, now[t], before[t] / MONTHS) for t in types])
