"""Event and fact precision/recall/F1 with the same rules as ../shared/eval/score.py.

Strict events: same type, same actor set, same start date at the same precision (null only
matches null). Loose events: same actor set, start dates agreeing at the coarser precision, any
type. Facts: same metric, same partners (order-free for TRADE_TOTAL), same period, value within
2 %. Matching is one-to-one and greedy in gold order, as the reference scorer does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Record = Mapping[str, Any]


@dataclass(frozen=True)
class PRF:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.tp / self.predicted
        return 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "predicted": self.predicted,
                "gold": self.gold}


KINDS = ("event_strict", "event_loose", "fact")


def _actors(actors: Iterable[str] | None) -> frozenset[str]:
    return frozenset(a.strip().upper() for a in (actors or []) if a and a.strip())


def _dates_agree(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return True
    if not pred:
        return False
    n = min(len(gold), len(pred))
    return gold[:n] == pred[:n]


def _dates_equal(gold: str | None, pred: str | None) -> bool:
    return (gold or None) == (pred or None)


def normalize_period(period: object) -> str | None:
    """"2023-H1" -> "2023-01..2023-06"; "a/b" -> "a..b"; "x..x" -> "x"."""
    if period is None:
        return None
    p = str(period).strip().upper().replace("/", "..")
    for half, (a, b) in {"H1": ("01", "06"), "H2": ("07", "12")}.items():
        if p.endswith("-" + half):
            return f"{p[:4]}-{a}..{p[:4]}-{b}"
    if ".." in p:
        a, b = p.split("..", 1)
        if a == b:
            return a
    return p


def event_match(gold: Record, pred: Record, strict: bool) -> bool:
    if strict and gold.get("type") != pred.get("type"):
        return False
    if _actors(gold.get("actors")) != _actors(pred.get("actors")):
        return False
    same_date = _dates_equal if strict else _dates_agree
    return same_date(gold.get("date_start"), pred.get("date_start"))


def _partners(fact: Record) -> frozenset[str] | tuple[str, str]:
    pair = [fact.get("from"), fact.get("to")]
    if fact.get("metric") == "TRADE_TOTAL":
        return frozenset(p.upper() for p in pair if p)
    return ((pair[0] or "").upper(), (pair[1] or "").upper())


def fact_match(gold: Record, pred: Record) -> bool:
    if gold.get("metric") != pred.get("metric") or _partners(gold) != _partners(pred):
        return False
    if normalize_period(gold.get("period")) != normalize_period(pred.get("period")):
        return False
    try:
        g, p = float(gold["value"]), float(pred["value"])
    except (KeyError, TypeError, ValueError):
        return False
    return abs(g - p) <= 0.02 * max(abs(g), 1e-9)


def match(golds: list[Record], preds: list[Record],
          same: Callable[[Record, Record], bool]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, prediction index), gold order first."""
    used: set[int] = set()
    hits = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used and same(g, p):
                used.add(pi)
                hits.append((gi, pi))
                break
    return hits


def score_document(gold: Record, pred: Record | None) -> dict[str, PRF]:
    pred = pred or {}
    ge, pe = list(gold.get("events") or []), list(pred.get("events") or [])
    gf, pf = list(gold.get("facts") or []), list(pred.get("facts") or [])
    return {
        "event_strict": PRF(len(match(ge, pe, lambda g, p: event_match(g, p, True))),
                            len(pe), len(ge)),
        "event_loose": PRF(len(match(ge, pe, lambda g, p: event_match(g, p, False))),
                           len(pe), len(ge)),
        "fact": PRF(len(match(gf, pf, fact_match)), len(pf), len(gf)),
    }


def score(golds: Mapping[str, Record], preds: Mapping[str, Record]
          ) -> tuple[dict[str, PRF], dict[str, dict[str, PRF]]]:
    """Totals over all gold documents and the per-document rows; extra predictions are ignored."""
    totals = {k: PRF(0, 0, 0) for k in KINDS}
    per_doc = {}
    for doc in sorted(golds):
        rows = score_document(golds[doc], preds.get(doc))
        per_doc[doc] = rows
        totals = {k: totals[k] + rows[k] for k in KINDS}
    return totals, per_doc
