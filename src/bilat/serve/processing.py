"""Cleaning and extracting uploaded documents in a child process: the per-document time limit
(Settings.max_seconds) is a timer signal, which reaches only a process's main thread, so a
server's ingest thread could not stop a document that runs away; the child's main thread can.
A child that dies (out of memory, killed) costs its document, reported by name, and is
replaced; the server goes on."""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bilat.config import Settings
from bilat.model import RawDocument, ReadError

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    """One child for the whole server process (jobs run one at a time), started on first use
    from a fork server that loaded the pipeline once (bilat.warm)."""
    global _pool
    with _lock:
        if _pool is None:
            import multiprocessing as mp

            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["bilat.warm"])
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
        return _pool


def _replace_broken() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def process_in_child(raw: RawDocument, settings: Settings) -> Any:
    """bilat.batch.process_one(raw, settings), run in the child: (Document, Extraction) or a
    ReadError naming the document."""
    from bilat.batch import process_one

    try:
        return _executor().submit(process_one, raw, settings).result()
    except BrokenProcessPool:
        _replace_broken()
        return ReadError(raw.source, "the process reading it stopped (out of memory or "
                                     "killed); the other inputs go on")


def shutdown() -> None:
    """Stop the child (at the server's shutdown)."""
    _replace_broken()
