"""Ingest: read, clean, deduplicate, extract and store a batch, committing every few documents.

Exact duplicates (the same clean text) are skipped; near-duplicates (the same story re-posted
with small edits) are stored as links to the first copy, without events or facts of their own.
Ingesting the same input twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from bilat.config import Settings
from bilat.dedupe import bands, signature, similarity
from bilat.model import Document, Extraction, ReadError
from bilat.store import DuckDBStore

BATCH = 50  # documents per transaction


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    facts: int = 0
    failed: list[ReadError] = field(default_factory=list)


def store_one(store: DuckDBStore, doc: Document, extraction: Extraction, settings: Settings,
              summary: IngestSummary) -> None:
    if store.has_document(doc.content_id):
        summary.exact_duplicates += 1
        return
    sig = signature(doc.text, settings.minhash_permutations)
    band_hashes = bands(sig)
    for cid, other in store.near_candidates(band_hashes):
        if similarity(sig, other) >= settings.near_duplicate_threshold:
            store.add_document(doc, None, sig, band_hashes, duplicate_of=cid)
            summary.near_duplicates += 1
            return
    store.add_document(doc, extraction, sig, band_hashes)
    summary.stored += 1
    summary.events += len(extraction.events)
    summary.facts += len(extraction.facts)


def ingest(paths: Iterable[str], store: DuckDBStore, settings: Settings,
           stdin: BinaryIO | None = None,
           progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    from bilat.batch import run

    summary = IngestSummary()
    pending = 0
    store.con.execute("BEGIN TRANSACTION")
    try:
        for outcome in run(paths, settings, stdin=stdin):
            summary.read += 1
            if isinstance(outcome, ReadError):
                summary.failed.append(outcome)
            else:
                store_one(store, *outcome, settings, summary)
                pending += 1
            if pending >= BATCH:
                store.con.execute("COMMIT")
                store.con.execute("BEGIN TRANSACTION")
                pending = 0
            if progress is not None:
                progress(summary)
    except BaseException:
        store.con.execute("ROLLBACK")
        raise
    store.con.execute("COMMIT")
    return summary
