"""A multi-label linear model over hashed features: one logistic output per label.

Kept small and deterministic: weights are float16 in a compressed .npz beside its card, loaded
once, and a prediction is a sum of rows — no framework, no download.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from features import BUCKETS


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    weights: np.ndarray  # (BUCKETS, len(labels)) float32

    def probabilities(self, feature_ids: list[int]) -> dict[str, float]:
        """P(label) for one sentence's features."""
        z = self.weights[feature_ids].sum(axis=0) if feature_ids else \
            np.zeros(len(self.labels), dtype=np.float32)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return {label: float(v) for label, v in zip(self.labels, p, strict=True)}

    def save(self, path: Path) -> None:
        """Only the buckets some training feature reached are written."""
        rows = np.flatnonzero(np.abs(self.weights).sum(axis=1) > 0)
        np.savez_compressed(path, labels=np.array(self.labels), rows=rows.astype(np.int32),
                            values=self.weights[rows].astype(np.float16),
                            buckets=np.array([self.weights.shape[0]]))


def load(path: Path) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        buckets = int(data["buckets"][0])
        if buckets != BUCKETS:
            raise ValueError(f"{path}: a model of {buckets} buckets, the features give {BUCKETS}")
        labels = tuple(str(x) for x in data["labels"])
        weights = np.zeros((buckets, len(labels)), dtype=np.float32)
        weights[data["rows"]] = data["values"].astype(np.float32)
    return LinearModel(labels, weights)

