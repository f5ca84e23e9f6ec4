"""Fact series: every stored figure of one metric between two partners, period by period.

Each period keeps every source's value. Values further apart than the scorer's 2 % are a
conflict: flagged and all kept, never averaged away (4.5 vs 4.7 billion for one year is
something an analyst must see).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TOLERANCE = 0.02  # values within 2 % are the same figure, written differently
ORDER_FREE = frozenset({"TRADE_TOTAL"})  # two-way trade has no direction


@dataclass(frozen=True)
class Figure:
    """One source's value for one period."""

    value: float
    unit: str
    doc: str
    language: str | None
    evidence: str
    published: str | None = None
    change_pct: float | None = None


@dataclass
class Point:
    period: str
    figures: list[Figure] = field(default_factory=list)
    # On a large store `figures` holds the latest sources only; the tally holds every
    # distinct value with how many sources give it and the latest of them.
    tally: list[tuple[float, int, str]] | None = None

    @property
    def values(self) -> list[float]:
        if self.tally is not None:
            return sorted({v for v, _, _ in self.tally})
        return sorted({f.value for f in self.figures})

    @property
    def source_count(self) -> int:
        return sum(n for _, n, _ in self.tally) if self.tally is not None else len(self.figures)

    @property
    def conflict(self) -> bool:
        """Sources disagree beyond rounding."""
        vals = self.values
        return len(vals) > 1 and (vals[-1] - vals[0]) > TOLERANCE * max(abs(vals[-1]), 1e-9)

    @property
    def value(self) -> float:
        """The value most sources give (the latest published on a tie); see `conflict`."""
        # values in order, a group running while values stay within rounding of its first
        # (sorting makes this linear in the number of sources)
        tally = self.tally if self.tally is not None else [
            (f.value, 1, f.published or "") for f in self.figures]
        groups: dict[float, tuple[int, str]] = {}
        key = None
        for value, n, latest in sorted(tally):
            if key is None or abs(value - key) > TOLERANCE * abs(key):
                key = value
            count, last = groups.get(key, (0, ""))
            groups[key] = (count + n, max(last, latest or ""))
        return max(groups.items(), key=lambda kv: kv[1])[0]


@dataclass
class Series:
    metric: str
    source: str | None
    target: str | None
    unit: str
    points: list[Point] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric, "from": self.source, "to": self.target, "unit": self.unit,
            "points": [{"period": p.period, "value": p.value, "conflict": p.conflict,
                        "values": p.values,
                        "sources": [{"doc": f.doc, "language": f.language, "value": f.value,
                                     "evidence": f.evidence} for f in p.figures]}
                       for p in self.points]}


def _key(r: dict[str, Any]) -> tuple:
    src, dst = r.get("from"), r.get("to")
    if r["metric"] in ORDER_FREE and src and dst and src > dst:
        src, dst = dst, src
    return (r["metric"], src, dst, r.get("unit") or "")


def build_series(rows: list[dict[str, Any]],
                 tallies: list[dict[str, Any]] | None = None) -> list[Series]:
    """Group fact rows (metric, from, to, value, unit, period, doc, language, evidence,
    published, change_pct) into series sorted by metric and partners, points by period.

    `tallies` (metric, from, to, unit, period, value, n, latest), when given, count every
    source while `rows` are a sample of them (the latest few per period)."""
    groups: dict[tuple, dict[str, Point]] = {}
    for t in tallies or ():
        if t.get("period") is None or t.get("value") is None:
            continue
        point = groups.setdefault(_key(t), {}).setdefault(t["period"], Point(t["period"]))
        point.tally = (point.tally or []) + [(float(t["value"]), int(t["n"]),
                                              t.get("latest") or "")]
    for r in rows:
        if r.get("period") is None or r.get("value") is None:
            continue
        point = groups.setdefault(_key(r), {}).setdefault(r["period"], Point(r["period"]))
        point.figures.append(Figure(value=float(r["value"]), unit=r.get("unit") or "",
                                    doc=r.get("doc") or "", language=r.get("language"),
                                    evidence=r.get("evidence") or "",
                                    published=r.get("published"),
                                    change_pct=r.get("change_pct")))
    out = []
    for (metric, src, dst, unit), points in sorted(groups.items(),
                                                   key=lambda kv: tuple(x or "" for x in kv[0])):
        out.append(Series(metric, src, dst, unit,
                          [points[p] for p in sorted(points, key=_period_key)]))
    return out


def _period_key(period: str) -> tuple[str, str]:
    """Order periods by where they end: "1992..2023-03" sorts with 2023."""
    return (period.split("..")[-1], period)
