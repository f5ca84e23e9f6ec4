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
from bilat.store import RejectedRows, Store

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


def store_batch(store: Store, items: list[tuple[Document, Extraction]],
                settings: Settings, summary: IngestSummary) -> None:
    """Deduplicate and write a batch inside the caller's transaction; `summary` counts what
    it held once the rows are written (raises RejectedRows or StoreError before that).

    Stored ids and band candidates are looked up once for the whole batch: a query per
    document costs more than the rest of storing it.
    """
    if not items:
        return
    counts = IngestSummary()
    known = store.known_documents([doc.content_id for doc, _ in items])
    prepared = []
    for doc, extraction in items:
        sig = signature(doc.text, settings.minhash_permutations)
        prepared.append((doc, extraction, sig, bands(sig)))
    candidates = store.near_candidates([h for *_, hashes in prepared for h in hashes])
    by_band: dict[int, list[tuple[str, list[int]]]] = {}
    for cid, other, hashes in candidates:
        for h in hashes:
            by_band.setdefault(h, []).append((cid, other))
    for doc, extraction, sig, hashes in prepared:
        if doc.content_id in known:
            counts.exact_duplicates += 1
            continue
        known.add(doc.content_id)
        first = _first_similar(sig, hashes, by_band, settings.near_duplicate_threshold)
        if first is not None:
            store.add_document(doc, None, sig, hashes, duplicate_of=first)
            counts.near_duplicates += 1
            continue
        events, facts = store.add_document(doc, extraction, sig, hashes)
        counts.events += events
        counts.facts += facts
        for h in hashes:
            by_band.setdefault(h, []).append((doc.content_id, sig))
        counts.stored += 1
    store.flush()
    summary.stored += counts.stored
    summary.exact_duplicates += counts.exact_duplicates
    summary.near_duplicates += counts.near_duplicates
    summary.events += counts.events  # as stored: repeated rows of a document are one
    summary.facts += counts.facts


def _first_similar(sig: list[int], hashes: list[int],
                   by_band: dict[int, list[tuple[str, list[int]]]],
                   threshold: float) -> str | None:
    """The earliest-id candidate similar enough to be the original of this copy."""
    seen: dict[str, list[int]] = {}
    for h in hashes:
        for cid, other in by_band.get(h, ()):
            seen.setdefault(cid, other)
    for cid in sorted(seen):
        if similarity(sig, seen[cid]) >= threshold:
            return cid
    return None


def store_one(store: Store, doc: Document, extraction: Extraction, settings: Settings,
              summary: IngestSummary) -> None:
    store_batch(store, [(doc, extraction)], settings, summary)


def _commit_batch(store: Store, items: list[tuple[Document, Extraction]],
                  settings: Settings, summary: IngestSummary) -> None:
    """Store a batch in one transaction. Rows the store refuses cost only their document: the
    batch is rolled back and its documents stored one by one, the refused one reported."""
    store.begin()
    try:
        store_batch(store, items, settings, summary)
        store.commit()
        return
    except RejectedRows:
        store.rollback()
    for doc, extraction in items:
        store.begin()
        try:
            store_batch(store, [(doc, extraction)], settings, summary)
            store.commit()
        except RejectedRows as exc:
            store.rollback()
            summary.failed.append(ReadError(doc.source, f"cannot be stored ({exc})"))


def ingest(paths: Iterable[str], store: Store, settings: Settings,
           stdin: BinaryIO | None = None,
           progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Ingest every input, committing every BATCH documents: a killed run keeps what it
    committed and a rerun completes the rest. Whatever one input raises is one failure line;
    only the store's own trouble (a full disk, a damaged file) stops the run, as StoreError,
    with every earlier batch kept."""
    from bilat.batch import run

    return ingest_outcomes(run(paths, settings, stdin=stdin), store, settings, progress)


def ingest_outcomes(outcomes: Iterable[tuple[Document, Extraction] | ReadError],
                    store: Store, settings: Settings,
                    progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Store processed inputs as `ingest` does (batches committed whole, deduplication,
    failures counted), for callers that read their inputs elsewhere: bilat.watch fetches
    them over HTTP, the server's ingest jobs take uploaded files and records."""
    summary = IngestSummary()
    pending: list[tuple[Document, Extraction]] = []
    try:
        for outcome in outcomes:
            summary.read += 1
            if isinstance(outcome, ReadError):
                summary.failed.append(outcome)
            else:
                pending.append(outcome)
            if len(pending) >= BATCH:
                _commit_batch(store, pending, settings, summary)
                pending = []
            if progress is not None:
                progress(summary)
        _commit_batch(store, pending, settings, summary)
    except BaseException:
        store.rollback()
        raise
    if progress is not None:
        progress(summary)
    return summary
