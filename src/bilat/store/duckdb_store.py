"""The embedded store: one DuckDB file. The only module that imports duckdb for the store.

Writes go in explicit transactions: a batch is committed whole or not at all, so a process
killed mid-batch leaves every earlier commit intact and the file consistent; running the same
ingest again skips what is stored (by content id) and completes the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bilat.store.base import Store
from bilat.store.dialect import DUCKDB
from bilat.store.errors import RejectedRows, StoreError, describe_failure
from bilat.store.ids import event_id, fact_id

__all__ = ["DuckDBStore", "RejectedRows", "StoreError", "describe_failure", "event_id",
           "fact_id"]

# A store never fetches code: an offline analyst, and a server, must not try to download an
# extension because a file given as --db happens to be SQLite.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def describe_duckdb_failure(chain: list[BaseException], path: str) -> str | None:
    """describe_failure's words for DuckDB's errors: a damaged file, a file that is no
    DuckDB store; None when no DuckDB error is in `chain`."""
    import duckdb

    first = next((e for e in chain if isinstance(e, duckdb.Error)), None)
    if first is None:
        return None
    text = " ".join(str(e) for e in chain)
    reason = " ".join(str(first).split())[:300]
    if any(w in text for w in ("Corrupt", "checksum", "Could not read enough bytes",
                               "not a valid DuckDB database")):
        return (f"{path}: the store file is damaged ({reason}); restore it from a copy, or "
                "ingest the sources again into a new file")
    return f"{path}: the store cannot be read or written ({reason})"


_LOCK = re.compile(r"Could not set lock on file .*Conflicting lock is held in .*?\(PID (\d+)\)")


def held_by(reason: str) -> int | None:
    """The process holding the file, when DuckDB refused to open it for that (its lock)."""
    found = _LOCK.search(reason)
    return int(found.group(1)) if found else None


def locked_message(path: str, pid: int) -> str:
    """Why a DuckDB file another process holds cannot be opened, and what to do."""
    return (f"{path}: the store is open in another process (PID {pid}, e.g. bilat serve); a "
            "DuckDB file has one writer at a time: stop that process, send files to the "
            "running server (POST /api/ingest or its /upload page), or keep a team's store "
            "in PostgreSQL (--db postgresql://…)")


class DuckDBStore(Store):
    dialect = DUCKDB

    def __init__(self, path: str | Path, read_only: bool = False):
        import duckdb

        self.path = str(path)
        self.discard()
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=_CONFIG)
        except duckdb.Error as exc:
            reason = " ".join(str(exc).split())
            held = held_by(reason)
            if held is not None:
                raise StoreError(locked_message(self.path, held)) from exc
            if "extension" in reason.lower():  # the file is another database's (SQLite, …)
                reason = "the file is not a DuckDB database"
            raise StoreError(f"{self.path}: cannot open as a DuckDB store ({reason})") from exc
        if not read_only:
            try:
                self._migrate()
            except duckdb.Error as exc:
                self.con.close()
                raise StoreError(describe_failure(exc, self.path) or str(exc)) from exc

    @contextmanager
    def reader(self) -> Iterator[DuckDBStore]:
        """This store on a cursor of its own, for one thread's reads (a server answers
        requests in several threads; one DuckDB connection must not serve two at once).
        A cursor sees committed batches only: never half of one."""
        import copy

        view = copy.copy(self)
        view.con = self.con.cursor()
        view.discard()
        try:
            yield view
        finally:
            view.con.close()

    def _rows_fault(self, exc: BaseException) -> bool | None:
        import duckdb

        if isinstance(exc, (duckdb.ConversionException, duckdb.ConstraintException,
                            duckdb.InvalidInputException, duckdb.OutOfRangeException,
                            duckdb.TypeMismatchException, duckdb.DataError, UnicodeError)):
            return True
        return False if isinstance(exc, duckdb.Error) else None

    # DuckDB binds a list far faster than the same values as separate parameters (and runs
    # executemany as one statement per row, about 1 ms each)
    def insert_rows(self, table: str, rows: list[list[Any]], conflict: bool = False) -> None:
        """Rows into the first columns of `table`, in one statement whose parameters are the
        columns, unnested side by side; rows already there are kept if `conflict`."""
        if not rows:
            return
        names, types = self._columns(table, len(rows[0]))
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        self.con.execute(
            f"INSERT INTO {table} ({', '.join(names)}) SELECT {select}"
            + (" ON CONFLICT DO NOTHING" if conflict else ""),
            [list(column) for column in zip(*rows, strict=True)])

    def _columns(self, table: str, width: int) -> tuple[list[str], list[str]]:
        """The first `width` columns of a table and their types, as the schema declares."""
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
            cache[table] = ([r[0] for r in rows], [r[1] for r in rows])
        names, types = cache[table]
        return names[:width], types[:width]

    @contextmanager
    def memory_ceiling(self, limit: str | None) -> Iterator[None]:
        """DuckDB's buffers (uncommitted rows, sorts, cached blocks of the file) held under
        `limit` meanwhile, spilling to its temporary directory beyond (by default it keeps up
        to 80% of the machine's memory); its setting as it was afterwards."""
        if limit is None:
            yield
            return

        def setting() -> str:
            return self.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

        before = setting()
        self.con.execute(f"SET memory_limit = '{limit}'")
        try:
            yield
        finally:
            # the default exactly (its setting reads rounded: "18.8 GiB"), else as it read
            self.con.execute("RESET memory_limit")
            if setting() != before:
                self.con.execute(f"SET memory_limit = '{before}'")

    def clone_table(self, table: str, new: str) -> None:
        ddl = self.con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?",
                               [table]).fetchone()[0]
        self.con.execute(ddl.replace(f"CREATE TABLE {table}(", f"CREATE TABLE {new}(", 1))
