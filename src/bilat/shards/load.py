"""`bilat load`: a batch's shards stored as `bilat ingest` stores what it reads, in the order
the batch read them, through the same batches (bilat.ingest.ingest_outcomes): exact and near
duplicates are found against every document stored before, whichever shard held it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.ingest import IngestSummary, ingest_outcomes
from bilat.model import Document, Extraction, ReadError
from bilat.shards.tables import from_tables
from bilat.shards.write import TABLES, ShardResult, finished
from bilat.store import Store


@dataclass
class LoadSummary:
    shards: int = 0
    skipped: int = 0  # every document already stored (an earlier load)
    stored: IngestSummary = field(default_factory=IngestSummary)
    batch_errors: dict[str, int] = field(default_factory=dict)  # shard name -> inputs failed


def load(out: Path, store: Store, settings: Settings,
         progress: Callable[[IngestSummary], None] | None = None) -> LoadSummary:
    """Store every finished shard under `out` once: rows already stored are kept (ids are
    content hashes), so loading twice changes nothing and a killed load is rerun whole."""
    require_batch(out)
    shards = sorted(finished(out).values(), key=lambda r: (r.order, r.name))
    summary = LoadSummary(shards=len(shards))
    for shard in shards:
        if shard.errors:
            summary.batch_errors[shard.name] = shard.errors

    def outcomes() -> Iterator[tuple[Document, Extraction] | ReadError]:
        for shard in shards:
            items = list(_read_shard(out, shard))
            # a shard stored whole before costs one query, not its signatures
            if items and len(store.known_documents([d.content_id for d, _ in items])) == len(
                    {d.content_id for d, _ in items}):
                summary.skipped += 1
                continue
            yield from items

    summary.stored = ingest_outcomes(outcomes(), store, settings, progress)
    return summary


def require_batch(out: Path) -> None:
    """Raise BadInput unless `out` is a folder `bilat batch` wrote to."""
    if not (out / "manifest").is_dir():
        raise BadInput(f"{out}: not the output of `bilat batch` (no manifest folder)")


def _read_shard(out: Path, shard: ShardResult) -> Iterator[tuple[Document, Extraction]]:
    try:
        tables = [pq.read_table(out / t / f"{shard.name}.parquet") for t in TABLES]
    except (OSError, ValueError) as exc:
        raise BadInput(f"{shard.name}: its files under {out} cannot be read ({exc})") from None
    yield from from_tables(*tables, name=shard.name)


def batch_errors(out: Path, name: str) -> list[dict[str, str]]:
    """The inputs of shard `name` that could not be read, with why."""
    path = out / "errors" / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
