"""Train the decision model: which event types a sentence tells (multi-label logistic).

    python tools/train/decide_model.py SENTENCES.jsonl [--cv 5] [-o src/bilat/models/decide.npz]

SENTENCES comes from decide_data.py. `--cv K` first scores K folds held out by pair (no pair of
states is in both the training and the scoring part of a fold) and writes each sentence's
held-out probabilities beside SENTENCES (.oof.jsonl), so the extraction can be scored with a
model that never saw the document. Training is full-batch Adam on the logistic loss with L2,
from zero weights: deterministic.
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

import numpy as np
from features import BUCKETS, STATE_KINDS, features
from linear import LinearModel

TYPES = ("RELATIONS_ESTABLISHED", "VISIT", "MEETING", "CONSULTATION", "PHONE_CALL", "AGREEMENT",
         "PARTNERSHIP_UPGRADE", "ANNIVERSARY", "AID", "EXERCISE", "SUPPORT_STATEMENT", "OTHER")
LABELS = ("ANY", *TYPES)


def featurize(row: dict) -> list[int]:
    states = {code for _, _, kind, code in row["spans"] if kind in STATE_KINDS and code}
    spans = [(s, e, k) for s, e, k, _ in row["spans"]]
    return features(row["text"], spans, states=len(states), language=row["language"],
                    lead=row["index"] <= 1)


def targets(row: dict) -> np.ndarray:
    y = np.zeros(len(LABELS), dtype=np.float32)
    for t in row["types"]:
        y[LABELS.index(t)] = 1
    y[0] = float(bool(row["types"]))
    return y


def fit(feats: list[list[int]], y: np.ndarray, *, l2: float = 1e-4, steps: int = 300,
        lr: float = 0.05) -> LinearModel:
    indptr = np.cumsum([0] + [len(f) for f in feats])
    idx = np.concatenate([np.asarray(f, dtype=np.int64) for f in feats])
    rows = np.repeat(np.arange(len(feats)), np.diff(indptr))
    n, c = y.shape
    w = np.zeros((BUCKETS, c), dtype=np.float32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    seen = np.unique(idx)
    for t in range(1, steps + 1):
        z = np.add.reduceat(w[idx], indptr[:-1], axis=0)
        g = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))) - y) / n
        grad = np.zeros_like(w)
        np.add.at(grad, idx, g[rows])
        grad[seen] += l2 * w[seen]
        m[seen] = 0.9 * m[seen] + 0.1 * grad[seen]
        v[seen] = 0.999 * v[seen] + 0.001 * grad[seen] ** 2
        mh = m[seen] / (1 - 0.9 ** t)
        vh = v[seen] / (1 - 0.999 ** t)
        w[seen] -= lr * mh / (np.sqrt(vh) + 1e-8)
    return LinearModel(LABELS, w)


def _fold(group: str, k: int) -> int:
    return zlib.crc32(group.encode()) % k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sentences", type=Path)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("-o", "--out", type=Path)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--l2", type=float, default=1e-4)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.sentences.open(encoding="utf-8")]
    feats = [featurize(r) for r in rows]
    y = np.stack([targets(r) for r in rows])
    if args.cv:
        oof = np.zeros_like(y)
        folds = np.array([_fold(r["group"], args.cv) for r in rows])
        scored = np.array([r["set"] != "synthetic" for r in rows])
        for k in range(args.cv):
            train = np.flatnonzero(folds != k)
            model = fit([feats[i] for i in train], y[train], l2=args.l2, steps=args.steps)
            for i in np.flatnonzero((folds == k) & scored):
                p = model.probabilities(feats[i])
                oof[i] = [p[label] for label in LABELS]
        _report(y[scored], oof[scored])
        out = args.sentences.with_suffix(".oof.jsonl")
        with out.open("w", encoding="utf-8") as fh:
            for r, p, s in zip(rows, oof, scored, strict=True):
                if s:
                    fh.write(json.dumps({"doc": r["doc"], "set": r["set"], "index": r["index"],
                                         "p": dict(zip(LABELS, map(float, p), strict=True))})
                             + "\n")
        print("held-out probabilities ->", out)
    if args.out:
        model = fit(feats, y, l2=args.l2, steps=args.steps)
        model.save(args.out)
        print("model ->", args.out)


def _report(y: np.ndarray, p: np.ndarray) -> None:
    for j, label in enumerate(LABELS):
        gold = y[:, j] > 0
        if not gold.any():
            continue
        best = max((_f1(gold, p[:, j] >= th), th) for th in np.arange(0.1, 0.9, 0.05))
        print(f"{label:22} n={int(gold.sum()):4}  F1 {best[0]:.3f} at {best[1]:.2f}  "
              f"F1@0.5 {_f1(gold, p[:, j] >= 0.5):.3f}")


def _f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold & pred).sum())
    return 2 * tp / max(1.0, float(gold.sum() + pred.sum()))


if __name__ == "__main__":
    main()
