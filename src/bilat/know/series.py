"""Fact series: every stored figure of one metric between two partners, period by period.

Each period keeps every source's value. Values further apart than the scorer's 2 % are a
conflict: flagged and all kept, never averaged away (4.5 vs 4.7 billion for one year is
something an analyst must see).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
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


@dataclass(frozen=True)
class Summary:
    """What one period of a series says, over every source."""

    value: float  # the value most sources give (the latest published on a tie)
    values: list[float]  # every distinct value, sorted
    conflict: bool  # sources disagree beyond rounding
    source_count: int


def summarise(tally: list[tuple[float, int, str]]) -> Summary:
    """A period's summary from (value, sources giving it, latest publication) triples."""
    tally = sorted(tally)
    values = sorted({v for v, _, _ in tally})
    conflict = len(values) > 1 and (
        (values[-1] - values[0]) > TOLERANCE * max(abs(values[-1]), 1e-9))
    # values in order, a group running while values stay within rounding of its first
    # (sorting makes this linear in the number of sources)
    groups: dict[float, tuple[int, str]] = {}
    key = None
    for value, n, latest in tally:
        if key is None or abs(value - key) > TOLERANCE * abs(key):
            key = value
        count, last = groups.get(key, (0, ""))
        groups[key] = (count + n, max(last, latest or ""))
    value = max(groups.items(), key=lambda kv: kv[1])[0]
    return Summary(value, values, conflict, sum(n for _, n, _ in tally))


@dataclass
class Point:
    """One period of a series: the sources shown (all of them, or on a large store the
    latest few) and, when those are a sample, the summary over every source."""

    period: str
    figures: list[Figure] = field(default_factory=list)
    summary: Summary | None = None

    @cached_property
    def _summary(self) -> Summary:
        # worked out on first use: a point is complete once build_series returns it
        return self.summary or summarise(
            [(f.value, 1, f.published or "") for f in self.figures])

    @property
    def value(self) -> float:
        """The value most sources give (the latest published on a tie); see `conflict`."""
        return self._summary.value

    @property
    def values(self) -> list[float]:
        return self._summary.values

    @property
    def conflict(self) -> bool:
        """Sources disagree beyond rounding."""
        return self._summary.conflict

    @property
    def source_count(self) -> int:
        return self._summary.source_count


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
                 points: list[dict[str, Any]] | None = None) -> list[Series]:
    """Group fact rows (metric, from, to, value, unit, period, doc, language, evidence,
    published, change_pct) into series sorted by metric and partners, points by period.

    `points` (metric, from, to, unit, period, value, values, conflict, source_count: see
    summarise_points), when given, summarise every source while `rows` are a sample of them
    (the latest few per period)."""
    groups: dict[tuple, dict[str, Point]] = {}
    for t in points or ():
        groups.setdefault(_key(t), {})[t["period"]] = Point(t["period"], summary=Summary(
            float(t["value"]), [float(v) for v in t["values"]], bool(t["conflict"]),
            int(t["source_count"])))
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
    for (metric, src, dst, unit), points_ in sorted(groups.items(),
                                                    key=lambda kv: tuple(x or "" for x in kv[0])):
        out.append(Series(metric, src, dst, unit,
                          [points_[p] for p in sorted(points_, key=_period_key)]))
    return out


def summarise_points(tallies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tallies (metric, from, to, unit, period, value, n, latest: every distinct value of a
    period with how many sources give it) summarised, one row per series point, in the
    form build_series takes. Any other key of a tally (a pair) is kept."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for t in tallies:
        if t.get("period") is None or t.get("value") is None:
            continue
        groups.setdefault((t.get("pair"), *_key(t), t["period"]), []).append(t)
    out = []
    for group in groups.values():
        first = group[0]
        src, dst = _key(first)[1:3]
        summary = summarise([(float(t["value"]), int(t["n"]), t.get("latest") or "")
                             for t in group])
        out.append({**{k: v for k, v in first.items() if k not in ("value", "n", "latest")},
                    "from": src, "to": dst, "value": summary.value, "values": summary.values,
                    "conflict": summary.conflict, "source_count": summary.source_count})
    return out


def _period_key(period: str) -> tuple[str, str]:
    """Order periods by where they end: "1992..2023-03" sorts with 2023."""
    return (period.split("..")[-1], period)
