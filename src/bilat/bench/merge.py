"""Merge benchmark on the dev set: how many of ../shared/dev/pairs.json are merged.

    python -m bilat.bench.merge [--dev ../shared/dev]

Two figures: merging the gold events themselves (the merge rules alone), and merging what
bilat extracts from the documents (the whole pipeline). A pair counts when one merged event
has reports from both documents. A wrong merge is a merged event holding two gold events of
one document (a document's gold events are distinct happenings by annotation).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

from bilat.know.merge import MergedEvent, Report, merge_reports


def gold_reports(dev: Path) -> list[Report]:
    published = {}
    with (dev / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            published[r["id"]] = r.get("published") or None
    reports = []
    for path in sorted((dev / "gold").glob("*.json")):
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


def wrong_merges(merged: list[MergedEvent]) -> int:
    return sum(1 for m in merged if len({r.content_id for r in m.sources}) < len(m.sources))


def extracted_merge(dev: Path) -> list[MergedEvent]:
    from bilat.config import Settings
    from bilat.ingest import ingest
    from bilat.store import open_store
    from bilat.store.record import load_reports

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "dev.duckdb")
        ingest([str(dev / "docs.jsonl")], store, Settings())
        reports = load_reports(store)
        store.close()
    return merge_reports(reports, embedder_vectors())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[4] / "shared"
                    / "dev")
    ap.add_argument("--gold-only", action="store_true")
    args = ap.parse_args(argv)
    pairs = json.loads((args.dev / "pairs.json").read_text(encoding="utf-8"))
    gold = merge_reports(gold_reports(args.dev), embedder_vectors())
    hit, missed = pairs_merged(gold, pairs)
    print(f"merge (gold events): {hit}/{len(pairs)} pairs merged ({hit / len(pairs):.0%}); "
          f"wrong merges {wrong_merges(gold)}")
    for a, b, note in missed:
        print(f"  missed {a} {b}: {note[:70]}")
    if not args.gold_only:
        extracted = extracted_merge(args.dev)
        hit, missed = pairs_merged(extracted, pairs)
        print(f"merge (extracted events): {hit}/{len(pairs)} pairs merged "
              f"({hit / len(pairs):.0%}); {len(extracted)} merged events")
        for a, b, note in missed:
            print(f"  missed {a} {b}: {note[:70]}")


if __name__ == "__main__":
    main()
