"""Run the pure stages over many inputs, in one process or a pool of processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.model import Document, Extraction, RawDocument, ReadError

Outcome = tuple[Document, Extraction] | ReadError


def process_one(raw: RawDocument) -> Outcome:
    """Clean and extract one raw document; bad input becomes a ReadError naming it."""
    from bilat.pipeline import process

    try:
        return process(raw)
    except BadInput as exc:
        return ReadError(raw.source, str(exc))


def run(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None
        ) -> Iterator[Outcome]:
    """Read every input and process it, in input order; workers > 1 uses a process pool."""
    from bilat.readers import read_inputs

    items = read_inputs(paths, settings, stdin=stdin)
    if settings.workers <= 1:
        for item in items:
            yield item if isinstance(item, ReadError) else process_one(item)
        return
    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    # workers fork from a server that imported and warmed the pipeline once (bilat.warm);
    # the server is a fresh interpreter, so no DuckDB thread of this process is inherited
    ctx.set_forkserver_preload(["bilat.warm"])
    with ctx.Pool(settings.workers) as pool:
        yield from pool.imap(_process_or_pass, items, chunksize=8)


def _process_or_pass(item: RawDocument | ReadError) -> Outcome:
    return item if isinstance(item, ReadError) else process_one(item)
