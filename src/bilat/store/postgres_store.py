"""The server store: a PostgreSQL database, through psycopg 3. The only module that imports
psycopg.

The same store as DuckDBStore (base.Store): statements are written in DuckDB's SQL and
translated on their way (dialect.to_postgres: placeholders, type names). The connection is
in autocommit mode and transactions are explicit (BEGIN … COMMIT), as on DuckDB: an ingest
batch is committed whole or not at all, and other connections (readers) never see half of
one. Bulk inserts go through COPY.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import numpy as np

from bilat.store.base import Store
from bilat.store.dialect import POSTGRES, to_postgres
from bilat.store.errors import StoreError, redact
from bilat.store.migrations import POSTGRES_INDEXES

_CONNECT_TIMEOUT = 10  # seconds: an address out of reach is an error, not a hang
_IDLE_READERS = 8  # connections kept open between reads


def describe_postgres_failure(chain: list[BaseException], name: str) -> str | None:
    """describe_failure's words for PostgreSQL's errors: a server out of reach, credentials
    refused, a database that does not exist, a full disk on the server; None when no
    psycopg error is in `chain`."""
    import psycopg

    first = next((e for e in chain if isinstance(e, psycopg.Error)), None)
    if first is None:
        return None
    reason = " ".join(str(first).split())[:300]
    low = reason.lower()
    if isinstance(first, psycopg.OperationalError) and not isinstance(
            first, psycopg.errors.DiskFull):
        if "password" in low or ("role" in low and "does not exist" in low):
            return (f"{name}: the PostgreSQL server refused these credentials (check the user "
                    "name and password in the address)")
        if "database" in low and "does not exist" in low:
            return (f"{name}: no such database on the PostgreSQL server (create it first, "
                    "e.g. with createdb)")
        if any(w in low for w in ("connection refused", "could not translate", "timeout",
                                  "no such file", "could not connect", "connection failed",
                                  "network is unreachable", "no route to host")):
            return f"{name}: cannot reach the PostgreSQL server ({reason})"
    if isinstance(first, psycopg.errors.DiskFull):
        return (f"{name}: the PostgreSQL server's disk is full; what was committed before is "
                "kept: free some space and run the same command again")
    return f"{name}: the store cannot be read or written ({reason})"


class Cursor:
    """A result as DuckDB's connection gives it: fetchone, fetchall, description,
    fetchnumpy."""

    def __init__(self, cur: Any):
        self._cur = cur

    @property
    def description(self) -> list[tuple[str, ...]] | None:
        if self._cur.description is None:
            return None
        return [(c.name,) for c in self._cur.description]

    @property
    def columns(self) -> list[tuple[str, int]]:
        """(name, type oid) of each column of the result."""
        return [(c.name, c.type_code) for c in self._cur.description or ()]

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        """Each column as a numpy array: numbers by their SQL type (even when no row
        came), anything else, and a column holding NULLs, as objects."""
        columns = self._cur.description
        rows = self._cur.fetchall()
        out = {}
        for i, column in enumerate(columns):
            values = [r[i] for r in rows]
            dtype = _NUMPY_TYPES.get(column.type_code)
            if dtype is not None and None not in values:
                out[column.name] = np.asarray(values, dtype=dtype)
            else:
                out[column.name] = np.empty(len(values), dtype=object)
                out[column.name][:] = values
        return out


# numbers that come packed (Store.columns): their binary send function and its
# big-endian numpy type, by type oid; bytea (17) comes packed when every value has one width
_PACKED = {16: ("boolsend", np.dtype("?")), 21: ("int2send", np.dtype(">i2")),
           23: ("int4send", np.dtype(">i4")), 20: ("int8send", np.dtype(">i8")),
           700: ("float4send", np.dtype(">f4")), 701: ("float8send", np.dtype(">f8"))}
_BYTEA = 17

# PostgreSQL's numeric types (by type oid) as numpy's
_NUMPY_TYPES = {16: np.bool_, 20: np.int64, 21: np.int16, 23: np.int32, 700: np.float32,
                701: np.float64, 1700: np.float64}


class Connection:
    """A psycopg connection taking DuckDB's SQL: `execute(sql, params)` returns a Cursor."""

    def __init__(self, raw: Any):
        self.raw = raw

    def execute(self, sql: str, params: list[Any] | tuple[Any, ...] | None = None) -> Cursor:
        import psycopg

        cur = psycopg.RawCursor(self.raw)  # $n placeholders as written: no % escaping
        # results in binary (bytea and numbers arrive as they are, not as text to parse) where
        # the statement has parameters: those are single statements; several at once (a
        # migration) go through the simple protocol, which has text results only
        cur.execute(to_postgres(sql), list(params) if params else None, binary=bool(params))
        return Cursor(cur)

    def copy_rows(self, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        """Rows into `table` through COPY (one round trip for the whole batch)."""
        with self.raw.cursor() as cur, cur.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy_in:
            for row in rows:
                copy_in.write_row(row)

    def close(self) -> None:
        self.raw.close()


class _Pool:
    """Connections for readers: one per reader at a time, never shared across threads; up to
    _IDLE_READERS kept open for the next."""

    def __init__(self, address: str, read_only: bool):
        self.address, self.read_only = address, read_only
        self._idle: list[Any] = []
        self._lock = threading.Lock()

    def connect(self) -> Any:
        import psycopg

        try:
            raw = psycopg.connect(self.address, autocommit=True,
                                  connect_timeout=_CONNECT_TIMEOUT)
        except psycopg.Error as exc:
            raise StoreError(describe_postgres_failure([exc], redact(self.address))
                             or str(exc)) from exc
        if self.read_only:
            raw.execute("SET default_transaction_read_only = on")
        return raw

    def get(self) -> Any:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self.connect()

    def put(self, raw: Any) -> None:
        import psycopg

        if raw.closed:
            return
        if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            try:
                raw.execute("ROLLBACK")
            except psycopg.Error:
                raw.close()
                return
        with self._lock:
            if len(self._idle) < _IDLE_READERS:
                self._idle.append(raw)
                return
        raw.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for raw in idle:
            raw.close()


class PostgresStore(Store):
    dialect = POSTGRES

    def __init__(self, address: str, read_only: bool = False):
        import psycopg

        self.path = address
        self.read_only = read_only
        self.discard()
        self._pool = _Pool(address, read_only)
        self.con = Connection(self._pool.connect())
        try:
            if not read_only:
                self._migrate()
            elif self.version == 0:
                raise StoreError(f"{self.name}: no bilat store in this database (run `bilat "
                                 "ingest` with this address first)")
        except psycopg.Error as exc:
            self.con.close()
            raise StoreError(describe_postgres_failure([exc], self.name) or str(exc)) from exc
        except StoreError:
            self.con.close()
            raise

    def columns(self, sql: str, params: list[Any] | None = None) -> dict[str, Any]:
        """The result as numpy columns. Numbers and fixed-width blobs come packed: each
        column one bytea of its values in binary (int4send…, string_agg), turned into an
        array without a Python object per value (fetching a search's ~100k postings row by
        row costs 10 times more). Anything else, NULLs, or blobs of mixed widths: row by
        row, as fetchnumpy."""
        kinds = self._column_kinds(sql, params)
        if kinds is None:
            return self.con.execute(sql, params).fetchnumpy()
        parts = ["count(*)"]
        for name, oid in kinds:
            col = 'q."' + name.replace('"', '""') + '"'
            parts.append(f"count({col})")
            if oid == _BYTEA:
                parts += [f"string_agg({col}, ''::bytea)", f"min(length({col}))",
                          f"max(length({col}))"]
            else:
                parts.append(f"string_agg({_PACKED[oid][0]}({col}), ''::bytea)")
        row = self.con.execute(f"SELECT {', '.join(parts)} FROM ({sql}) q", params).fetchone()
        n, at, out = row[0], 1, {}
        for name, oid in kinds:
            if row[at] != n:  # a NULL somewhere: no packed form
                return self.con.execute(sql, params).fetchnumpy()
            data = bytes(row[at + 1] or b"")
            if oid == _BYTEA:
                width, widest = row[at + 2], row[at + 3]
                if n and width != widest:
                    return self.con.execute(sql, params).fetchnumpy()
                column = np.empty(n, dtype=object)
                column[:] = [data[i * width:(i + 1) * width] for i in range(n)]
                out[name] = column
                at += 4
            else:
                out[name] = np.frombuffer(data, dtype=_PACKED[oid][1]).astype(
                    _PACKED[oid][1].newbyteorder("="))
                at += 2
        return out

    def _column_kinds(self, sql: str, params: list[Any] | None
                      ) -> list[tuple[str, int]] | None:
        """(name, type oid) of the query's columns when all can come packed, else None;
        kept per statement text (a column's type does not change with its parameters)."""
        cache = self.__dict__.setdefault("_kinds_cache", {})
        if sql not in cache:
            if len(cache) > 512:
                cache.clear()
            kinds = self.con.execute(f"SELECT * FROM ({sql}) q LIMIT 0", params).columns
            cache[sql] = kinds if all(oid in _PACKED or oid == _BYTEA
                                      for _, oid in kinds) else None
        return cache[sql]

    def _migrate(self) -> None:
        # one migrating process at a time: two servers opening a new database both migrate
        self._migrating = True  # opening bumps no generation
        try:
            with self.transaction():
                self.con.execute("SELECT pg_advisory_xact_lock(7151)")
                super()._migrate()
        finally:
            self._migrating = False

    def transaction(self) -> AbstractContextManager[None]:
        # _migrate holds one open around every migration's own
        if self.con.raw.info.transaction_status != _idle_status():
            return _already_open()
        return super().transaction()

    def _migration_sql(self, version: int, sql: str) -> str:
        # indexes PostgreSQL needs where DuckDB prunes sorted row groups by zone maps
        extra = POSTGRES_INDEXES.get(version)
        return sql if extra is None else f"{sql};\n{extra}"

    @property
    def version(self) -> int:
        if self.con.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
            return 0
        return super().version

    def close(self) -> None:
        self.con.close()
        self._pool.close()

    @contextmanager
    def reader(self) -> Iterator[PostgresStore]:
        """This store on a connection of its own from a small pool, for one thread's reads.
        A connection sees committed batches only: never half of one."""
        view = copy.copy(self)
        raw = self._pool.get()
        view.con = Connection(raw)
        view.discard()
        try:
            yield view
        finally:
            self._pool.put(raw)

    def _rows_fault(self, exc: BaseException) -> bool | None:
        import psycopg

        if isinstance(exc, (psycopg.errors.DataError, psycopg.errors.IntegrityError,
                            UnicodeError)):
            return True
        return False if isinstance(exc, psycopg.Error) else None

    def insert_rows(self, table: str, rows: list[list[Any]], conflict: bool = False) -> None:
        """Rows into the first columns of `table` through COPY; with `conflict`, through a
        temporary table of the same columns, so that rows already there are kept."""
        if not rows:
            return
        names = self._columns(table)[:len(rows[0])]
        if not conflict:
            self.con.copy_rows(table, names, rows)
            return
        load = f"load_{table}"
        self.con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {load} (LIKE {table})")
        self.con.execute(f"TRUNCATE {load}")
        self.con.copy_rows(load, names, rows)
        cols = ", ".join(names)
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {load} "
                         "ON CONFLICT DO NOTHING")

    def _columns(self, table: str) -> list[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            cache[table] = [r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = current_schema() ORDER BY ordinal_position",
                [table]).fetchall()]
        return cache[table]

    def clone_table(self, table: str, new: str) -> None:
        self.con.execute(f"CREATE TABLE {new} (LIKE {table} INCLUDING ALL)")


def _idle_status() -> Any:
    import psycopg

    return psycopg.pq.TransactionStatus.IDLE


@contextmanager
def _already_open() -> Iterator[None]:
    """A transaction inside one already open: the outer one commits or rolls back."""
    yield
