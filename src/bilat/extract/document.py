"""Document-level extraction (placeholder until the extractors land)."""

from __future__ import annotations

from bilat.model import Document, Extraction


def extract(doc: Document) -> Extraction:
    return Extraction()
