"""Leave one language out: score the generic path (extract/generic.py, CLDR names, dateparser
dates) on a language that HAS a folder, pretending it has none.

    PYTHONPATH=src python tools/train/measure_generic.py de [--mode generic|today|folder]
        [--grid 5:3,7:4,...] [--set train]

generic: the folder hidden (lang.languages() and lang.load lose it) and the language's own
synthetic prototypes left out; today: the folder hidden, the generic path off (what a
folder-less language gives without it); folder: the language's own rules. Scores with
bilat.eval.score on that language's documents of the set. Never imported by the package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

SHARED = Path("/work/shared")


def hide(code: str) -> None:
    from bilat import lang

    languages, load = lang.languages, lang.load
    lang.languages = lambda: tuple(c for c in languages() if c != code)  # type: ignore
    lang.load = lambda c, name: None if c == code else load(c, name)  # type: ignore


def generic_off() -> None:
    from bilat.analysis import entities
    from bilat.extract.steps import roles

    entities.generic_language = lambda language: False  # type: ignore
    roles.generic_language = lambda language: False  # type: ignore


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("language")
    ap.add_argument("--mode", default="generic", choices=("generic", "today", "folder"))
    ap.add_argument("--grid", default="7:4")
    ap.add_argument("--set", default="train")
    ap.add_argument("--dump")
    a = ap.parse_args()
    if a.mode != "folder":
        hide(a.language)
    if a.mode == "today":
        generic_off()

    from bilat.clean import clean_document
    from bilat.config import Settings
    from bilat.eval.score import score
    from bilat.extract import extract_document, generic
    from bilat.know import embed
    from bilat.model import ReadError
    from bilat.readers import read_inputs

    protos = generic.prototypes().without(a.language)
    generic.prototypes = lambda: protos  # type: ignore
    model = embed.get_embedder()
    cache: dict[str, object] = {}
    real = model.passages

    def passages(texts: list[str]):
        import numpy as np

        missing = [t for t in texts if t not in cache]
        if missing:
            for t, v in zip(missing, real(missing), strict=True):
                cache[t] = v
        return np.stack([cache[t] for t in texts]) if texts else real(texts)

    model.passages = passages  # type: ignore
    base = SHARED / a.set
    docs = []
    for raw in read_inputs([str(base / "docs.jsonl")], Settings()):
        if isinstance(raw, ReadError):
            continue
        doc = clean_document(raw)
        if doc.language == a.language:
            docs.append(doc)
    golds = {d.doc_id: json.loads((base / "gold" / f"{d.doc_id}.json").read_text())
             for d in docs if (base / "gold" / f"{d.doc_id}.json").exists()}
    today = dt.date(2026, 12, 6)
    for setting in a.grid.split(","):
        k, thr = (int(x) for x in setting.split(":"))
        generic.K, generic.THRESHOLD = k, thr
        preds = {}
        for d in docs:
            ex = extract_document(d, today=today)
            preds[d.doc_id] = {"events": [e.to_dict() for e in ex.events],
                               "facts": [f.to_dict() for f in ex.facts]}
        totals, _ = score(golds, preds)
        s, lo = totals["event_strict"], totals["event_loose"]
        print(f"{a.language} {a.mode} k={k} thr={thr} docs={len(golds)} "
              f"strict P/R/F {s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f} "
              f"({s.tp}/{s.predicted}/{s.gold}) "
              f"loose F {lo.f1:.3f} ({lo.tp}/{lo.predicted}/{lo.gold})", flush=True)
        if a.dump:
            with open(a.dump, "w") as fh:
                for doc_id, p in preds.items():
                    fh.write(json.dumps({"doc": doc_id, **p}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
