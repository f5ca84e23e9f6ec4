"""Merge benchmark: how many of a set's same-happening pairs (pairs.json) are merged.

    python -m bilat.bench.merge [--set ../shared/dev --set ../shared/train] [--gold-only] [-v]

With no --set, every one of ../shared/dev and ../shared/train that has a pairs.json. Per set,
two figures: merging the gold events themselves (the merge rules alone), and merging what
bilat extracts from the documents (the whole pipeline). A pair counts when one merged event
has reports from both documents.

A wrong merge is a merged event that joins what the gold annotation says are different
happenings: two reports of one document (a document's gold events are distinct happenings by
annotation), or reports whose gold events (an extracted report is aligned to the gold event of
its document that its evidence sentence tells) have dates that cannot be one happening, are
visits by different visitors, or are meetings or calls between different people. Merges that
join documents no chain of pairs links are counted apart ("unlinked"): many are right (one
founding of relations recalled by two articles), the rest are for a reader to judge. Missed
pairs and wrong merges are listed; -v lists the unlinked merges too.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from bilat.know.merge import dates_compatible, merge_reports, people_differ
from bilat.model import MergedEvent, Report

SHARED = Path(__file__).resolve().parents[4] / "shared"
DEFAULT_SETS = ("dev", "train")


def gold_reports(folder: Path) -> list[Report]:
    published = {}
    with (folder / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            published[r["id"]] = r.get("published") or None
    reports = []
    for path in sorted((folder / "gold").glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        for k, e in enumerate(g["events"]):
            reports.append(Report(
                event_id=f"{g['doc']}#{k}", content_id=g["doc"], doc_id=g["doc"],
                type=e["type"], actors=tuple(e["actors"]), date_start=e.get("date_start"),
                date_end=e.get("date_end"), status=e.get("status") or "happened",
                evidence=e.get("evidence") or "", people=tuple(e.get("people") or ()),
                published=published.get(g["doc"])))
    return reports


def embedder_vectors():
    from bilat.know.embed import get_embedder

    cache: dict[str, np.ndarray] = {}

    def vectors(batch: list[Report]) -> np.ndarray:
        missing = [r for r in batch if r.event_id not in cache]
        if missing:
            for r, v in zip(missing, get_embedder().passages([r.evidence for r in missing]),
                            strict=True):
                cache[r.event_id] = v
        return np.stack([cache[r.event_id] for r in batch])

    return vectors


def pairs_merged(merged: list[MergedEvent], pairs: list[list[str]]) -> tuple[int, list]:
    docs = [{r.doc_id for r in m.sources} for m in merged]
    missed = [p for p in pairs if not any({p[0], p[1]} <= d for d in docs)]
    return len(pairs) - len(missed), missed


# -- wrong merges -----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _date_agrees(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def align(reports: list[Report], gold: list[Report]) -> dict[str, Report]:
    """Each report's gold event: one of its document with the same actors, told by the same
    words (most of the gold evidence within the report's), else of the same type and date."""
    by_doc: dict[str, list[Report]] = {}
    for g in gold:
        by_doc.setdefault(g.doc_id, []).append(g)
    out = {}
    for r in reports:
        words = _words(r.evidence)
        best, best_score = None, 0.0
        for g in by_doc.get(r.doc_id, ()):
            if set(g.actors) != set(r.actors):
                continue
            gw = _words(g.evidence)
            within = len(gw & words) / len(gw) if gw else 0.0
            same = g.type == r.type
            dated = _date_agrees(g.date_start, r.date_start)
            if within < 0.5 and not (same and dated):
                continue
            score = within + 0.3 * same + 0.2 * dated
            if score > best_score:
                best, best_score = g, score
        if best is not None:
            out[r.event_id] = best
    return out


def _different(a: Report, b: Report, type_: str) -> bool:
    """Do two gold events of one merged event tell different happenings?"""
    if a.doc_id == b.doc_id:
        return a.event_id != b.event_id
    if not dates_compatible(replace(a, type=type_), replace(b, type=type_)):
        return True
    if a.type == b.type == "VISIT" and a.actors[0] != b.actors[0]:
        return True  # different visitors (gold actors: visitor first)
    return (type_ in {"MEETING", "PHONE_CALL"} and len(a.people) >= 2 and len(b.people) >= 2
            and people_differ(a, b))


def wrong_merged(merged: list[MergedEvent], gold_of: dict[str, Report] | None = None
                 ) -> list[MergedEvent]:
    """Merged events joining different happenings: two reports of one document, or (given
    each report's gold event) gold events that cannot be one happening."""
    wrong = []
    for m in merged:
        if len({r.content_id for r in m.sources}) < len(m.sources):
            wrong.append(m)
            continue
        if gold_of is None:
            continue
        golds = [gold_of[r.event_id] for r in m.sources if r.event_id in gold_of]
        if any(_different(x, y, m.type) for i, x in enumerate(golds) for y in golds[i + 1:]):
            wrong.append(m)
    return wrong


def wrong_merges(merged: list[MergedEvent], gold_of: dict[str, Report] | None = None) -> int:
    return len(wrong_merged(merged, gold_of))


def unlinked(merged: list[MergedEvent], pairs: list[list[str]]) -> list[MergedEvent]:
    """Merged events joining two documents that no chain of pairs links."""
    parent: dict[str, str] = {}

    def find(d: str) -> str:
        while parent.get(d, d) != d:
            d = parent[d]
        return d

    for a, b, *_ in pairs:
        parent[find(a)] = find(b)
    return [m for m in merged if len({find(r.doc_id) for r in m.sources}) > 1]


# -- running ----------------------------------------------------------------------------------

def extracted_reports(folder: Path) -> list[Report]:
    from bilat.config import Settings
    from bilat.ingest import ingest
    from bilat.store import open_store
    from bilat.store.record import load_reports

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.duckdb")
        ingest([str(folder / "docs.jsonl")], store, Settings())
        reports = load_reports(store)
        store.close()
    return reports


@dataclass
class Result:
    """One merge of one set, against its pairs."""

    reports: int
    merged: list[MergedEvent]
    hit: int
    pairs: int
    missed: list
    wrong: list[MergedEvent]
    unlinked: list[MergedEvent] = field(default_factory=list)

    def line(self, label: str) -> str:
        multi = sum(1 for m in self.merged if m.source_count > 1)
        rate = f"{self.hit / self.pairs:.0%}" if self.pairs else "-"
        return (f"  {label}: {self.hit}/{self.pairs} pairs merged ({rate}); "
                f"wrong merges {len(self.wrong)}; {self.reports} reports -> "
                f"{len(self.merged)} events, {multi} from several documents "
                f"({len(self.unlinked)} unlinked)")


def measure(reports: list[Report], pairs: list, gold_of: dict[str, Report] | None) -> Result:
    merged = merge_reports(reports, embedder_vectors())
    hit, missed = pairs_merged(merged, pairs)
    return Result(reports=len(reports), merged=merged, hit=hit, pairs=len(pairs),
                  missed=missed, wrong=wrong_merged(merged, gold_of),
                  unlinked=unlinked(merged, pairs))


def _show(res: Result, gold_of: dict[str, Report], verbose: bool) -> None:
    for a, b, note in res.missed:
        print(f"    missed {a} {b}: {note[:80]}")
    shown = [("wrong", res.wrong)] + ([("unlinked", res.unlinked)] if verbose else [])
    for title, events in shown:
        for m in events:
            print(f"    {title}: {m.type} {'-'.join(m.actors)} {m.date_start}")
            for r in m.sources:
                g = gold_of.get(r.event_id)
                gold = f" [gold {g.type} {g.date_start}]" if g and g is not r else ""
                print(f"      {r.doc_id} {r.date_start} {r.status}{gold}: {r.evidence[:90]}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", type=Path, action="append",
                    help="a folder with docs.jsonl, gold/ and pairs.json (repeatable)")
    ap.add_argument("--dev", type=Path, help=argparse.SUPPRESS)  # the former spelling
    ap.add_argument("--gold-only", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also list the merges joining documents that no pair links")
    args = ap.parse_args(argv)
    sets = list(args.sets or []) + ([args.dev] if args.dev else [])
    if not sets:
        sets = [SHARED / s for s in DEFAULT_SETS if (SHARED / s / "pairs.json").exists()]
    if not sets:
        raise SystemExit(f"no set with a pairs.json under {SHARED}: name one with --set")
    totals: dict[str, list[int]] = {}
    for folder in sets:
        pairs = json.loads((folder / "pairs.json").read_text(encoding="utf-8"))
        gold = gold_reports(folder)
        gold_of = {g.event_id: g for g in gold}
        with (folder / "docs.jsonl").open(encoding="utf-8") as fh:
            docs = sum(1 for line in fh if line.strip())
        print(f"{folder.name} ({folder}): {docs} documents, {len(pairs)} pairs")
        runs = [("gold events", gold, gold_of)]
        if not args.gold_only:
            extracted = extracted_reports(folder)
            runs.append(("extracted events", extracted, align(extracted, gold)))
        for label, reports, aligned in runs:
            res = measure(reports, pairs, aligned)
            print(res.line(label))
            _show(res, aligned, args.verbose)
            t = totals.setdefault(label, [0, 0, 0])
            t[0], t[1], t[2] = t[0] + res.hit, t[1] + res.pairs, t[2] + len(res.wrong)
    if len(sets) > 1:
        print("all sets:")
        for label, (hit, n, wrong) in totals.items():
            print(f"  {label}: {hit}/{n} pairs merged ({hit / n:.0%}); wrong merges {wrong}")


if __name__ == "__main__":
    main()
