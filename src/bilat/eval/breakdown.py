"""Where the errors are: scores per language, per event type, and every event error sorted into
a family (missed, false; wrong type, actors, date or precision), so a change is measured where
it acts and "what goes wrong on unseen text" is a count, not an impression."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from bilat.eval.score import KINDS, PRF, Record, _actors, event_match, match, score_document

FAMILIES = ("missed", "false", "type", "actors", "date", "precision")


def by_language(golds: Mapping[str, Record], preds: Mapping[str, Record]
                ) -> dict[str, dict[str, PRF]]:
    """Totals per language of the document (as extraction read it; "?" when unknown)."""
    out: dict[str, dict[str, PRF]] = {}
    for doc in sorted(golds):
        pred = preds.get(doc) or {}
        code = str(pred.get("language") or golds[doc].get("language") or "?")
        rows = score_document(golds[doc], pred)
        acc = out.setdefault(code, {k: PRF(0, 0, 0) for k in KINDS})
        for k in KINDS:
            acc[k] = acc[k] + rows[k]
    return dict(sorted(out.items()))


def by_type(golds: Mapping[str, Record], preds: Mapping[str, Record]) -> dict[str, PRF]:
    """Strict event scores per event type (a prediction counts under the type it claims)."""
    out: dict[str, PRF] = {}
    for doc in sorted(golds):
        ge = list(golds[doc].get("events") or [])
        pe = list((preds.get(doc) or {}).get("events") or [])
        for kind in {e.get("type") for e in ge} | {e.get("type") for e in pe}:
            g = [e for e in ge if e.get("type") == kind]
            p = [e for e in pe if e.get("type") == kind]
            hits = len(match(g, p, lambda a, b: event_match(a, b, True)))
            out[str(kind)] = out.get(str(kind), PRF(0, 0, 0)) + PRF(hits, len(p), len(g))
    return dict(sorted(out.items()))


def _family(gold: Record, pred: Record) -> str | None:
    """Why `pred` is not `gold` when it is nearly it; None when the two are unrelated."""
    same_actors = _actors(gold.get("actors")) == _actors(pred.get("actors"))
    same_type = gold.get("type") == pred.get("type")
    g, p = gold.get("date_start"), pred.get("date_start")
    if same_actors and same_type:
        if g and p and (str(g).startswith(str(p)) or str(p).startswith(str(g))):
            return "precision"
        return "date"
    if same_actors and event_match(gold, pred, strict=False):
        return "type"
    if same_type and _actors(gold.get("actors")) & _actors(pred.get("actors")) and (
            g == p or (g and p and str(g)[:4] == str(p)[:4])):
        return "actors"
    return None


def error_families(golds: Mapping[str, Record], preds: Mapping[str, Record]) -> Counter[str]:
    """Every event error once: a gold event unmatched (strict) is explained by the nearest
    unmatched prediction (type, actors, date, precision) or counted as missed; predictions
    left over are false."""
    counts: Counter[str] = Counter()
    for doc in sorted(golds):
        ge = list(golds[doc].get("events") or [])
        pe = list((preds.get(doc) or {}).get("events") or [])
        hits = match(ge, pe, lambda a, b: event_match(a, b, True))
        gold_left = [g for i, g in enumerate(ge) if i not in {gi for gi, _ in hits}]
        pred_left = [p for i, p in enumerate(pe) if i not in {pi for _, pi in hits}]
        for g in gold_left:
            for family in ("precision", "date", "type", "actors"):
                found = next((p for p in pred_left if _family(g, p) == family), None)
                if found is not None:
                    pred_left.remove(found)
                    counts[family] += 1
                    break
            else:
                counts["missed"] += 1
        counts["false"] += len(pred_left)
    return counts
