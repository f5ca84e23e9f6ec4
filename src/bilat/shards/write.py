"""One shard read, cleaned and extracted by the pipeline `bilat ingest` runs (bilat.batch.run),
and its files written: each under a temporary name and renamed, the manifest entry last."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow.parquet as pq

from bilat.config import Settings
from bilat.model import Document, Extraction, ReadError
from bilat.shards.sources import Shard
from bilat.shards.tables import to_tables

TABLES = ("documents", "events", "facts")
FOLDERS = (*TABLES, "errors", "manifest")


@dataclass
class ShardResult:
    """A finished shard: what its manifest entry says."""

    paths: list[str]
    name: str
    order: int
    documents: int
    events: int
    facts: int
    errors: int


def process_shard(shard: Shard, out: Path, settings: Settings) -> ShardResult:
    """Read, clean and extract every document of `shard` and write its files under `out`."""
    from bilat.batch import run

    done: list[tuple[Document, Extraction]] = []
    failed: list[ReadError] = []
    # one process: the caller (a Ray task) is the unit of parallelism
    for outcome in run(list(shard.paths), settings.with_overrides(workers=1)):
        if isinstance(outcome, ReadError):
            failed.append(outcome)
        else:
            done.append(outcome)
    tables = to_tables(done)
    for folder, table in zip(TABLES, tables, strict=True):
        target = out / folder / f"{shard.name}.parquet"
        _atomic(target, lambda tmp, table=table: pq.write_table(table, tmp))
    lines = "".join(json.dumps({"input": e.source, "reason": e.reason}, ensure_ascii=False)
                    + "\n" for e in failed)
    _atomic(out / "errors" / f"{shard.name}.jsonl",
            lambda tmp: tmp.write_text(lines, encoding="utf-8"))
    result = ShardResult(paths=list(shard.paths), name=shard.name, order=shard.order,
                         documents=len(done), events=tables[1].num_rows,
                         facts=tables[2].num_rows, errors=len(failed))
    entry = json.dumps(asdict(result), ensure_ascii=False, indent=1) + "\n"
    _atomic(out / "manifest" / f"{shard.name}.json",
            lambda tmp: tmp.write_text(entry, encoding="utf-8"))
    return result


def _atomic(target: Path, write) -> None:
    """`write(tmp)` then rename tmp to `target`: a reader sees the whole file or none. The
    file is synced first, so that after a crash the rename never names a file still empty."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    write(tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def prepare(out: Path) -> None:
    """The output folder and its subfolders (existing ones are kept: a batch resumes)."""
    for folder in FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)


def finished(out: Path) -> dict[str, ShardResult]:
    """The shards whose manifest entry is written, by name."""
    done = {}
    folder = out / "manifest"
    if not folder.is_dir():
        return done
    for entry in sorted(folder.glob("*.json")):
        try:
            result = ShardResult(**json.loads(entry.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # not an entry of ours: the shard it would name is redone
        done[result.name] = result
    return done
