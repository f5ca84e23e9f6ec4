"""Sentences with the event types a careful reader found in them, for the decision model.

    python tools/train/decide_data.py --set ../shared/dev --set ../shared/train -o OUT.jsonl

Each document is cleaned and split as `bilat extract` does; a sentence is labelled with the
types of the gold events whose evidence it holds (or that hold it). The articles' text stays in
../shared: OUT is a build product (never committed). Synthetic sentences the team wrote
(tools/train/data/synthetic/*.jsonl) are appended with their own labels.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from bilat.analysis.entities import find_mentions
from bilat.analysis.fold import fold
from bilat.analysis.sentences import split_sentences
from bilat.clean import clean_document
from bilat.config import Settings
from bilat.model import ReadError
from bilat.readers import read_inputs

HERE = Path(__file__).parent
_WS = re.compile(r"\W+")


def _norm(text: str) -> str:
    return _WS.sub(" ", fold(text)).strip()


def _holds(sentence: str, evidence: str) -> bool:
    s, e = _norm(sentence), _norm(evidence)
    if not s or not e:
        return False
    if e in s or (len(s) > 30 and s in e):
        return True
    ew, sw = e.split(), set(s.split())
    return len(ew) >= 6 and sum(w in sw for w in ew) / len(ew) >= 0.8


def _group(gold: dict) -> str:
    """The pair a document is about (its events' most common actor set), for held-out folds."""
    pairs = Counter("-".join(sorted(e.get("actors") or [])) for e in gold.get("events") or [])
    return pairs.most_common(1)[0][0] if pairs else "none:" + gold["doc"]


def spans_of(mentions) -> list[tuple[int, int, str, str | None]]:
    return [(m.start, m.end, m.kind, m.code) for m in mentions]


def rows_for_set(folder: Path) -> list[dict]:
    rows = []
    for item in read_inputs([str(folder / "docs.jsonl")], Settings()):
        if isinstance(item, ReadError):
            continue
        doc = clean_document(item)
        gold_path = folder / "gold" / f"{doc.doc_id}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = doc.published[:10] if doc.published else None
        mentions = find_mentions(doc.text, doc.language, published)
        sentences = split_sentences(doc.text, doc.language)
        k = 0
        for s in sentences:
            inside = []
            while k < len(mentions) and mentions[k].end <= s.start:
                k += 1
            j = k
            while j < len(mentions) and mentions[j].start < s.end:
                m = mentions[j]
                inside.append((m.start - s.start, m.end - s.start, m.kind, m.code))
                j += 1
            events = [e for e in gold.get("events") or []
                      if _holds(s.text, e.get("evidence") or "")]
            rows.append({"doc": doc.doc_id, "set": folder.name, "group": _group(gold),
                         "language": doc.language, "index": s.index, "text": s.text,
                         "spans": inside, "types": sorted({e["type"] for e in events}),
                         "statuses": sorted({e.get("status") or "happened" for e in events})})
    return rows


def synthetic_rows() -> list[dict]:
    rows = []
    for path in sorted((HERE / "data" / "synthetic").glob("*.jsonl")):
        language = path.stem
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            r = json.loads(line)
            spans = [(m.start, m.end, m.kind, m.code)
                     for m in find_mentions(r["text"], language, None)]
            rows.append({"doc": f"syn-{language}-{n}", "set": "synthetic",
                         "group": f"syn-{language}", "language": language, "index": 1,
                         "text": r["text"], "spans": spans, "types": sorted(r["types"]),
                         "statuses": [r["status"]] if r.get("status") else []})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", type=Path, required=True)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--no-synthetic", action="store_true")
    args = ap.parse_args()
    rows = [r for folder in args.set for r in rows_for_set(folder)]
    if not args.no_synthetic:
        rows += synthetic_rows()
    with args.out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    labelled = sum(bool(r["types"]) for r in rows)
    print(f"{len(rows)} sentences, {labelled} with an event -> {args.out}")


if __name__ == "__main__":
    main()
