"""The store: documents, events and facts, and the record made of them; in a DuckDB file
(a path) or a PostgreSQL database (a postgresql:// address).

    open_store(db) -> DuckDBStore | PostgresStore   (both a base.Store)
"""

from __future__ import annotations

from pathlib import Path

from bilat.store.base import Store
from bilat.store.duckdb_store import DuckDBStore
from bilat.store.errors import RejectedRows, StoreError, describe_failure, is_address, redact

__all__ = ["DuckDBStore", "RejectedRows", "Store", "StoreError", "describe_failure",
           "is_address", "open_store", "redact"]


def open_store(db: str | Path, read_only: bool = False) -> Store:
    """The store at `db`: a PostgreSQL address (postgresql://user:password@host/database) or
    a DuckDB file's path."""
    if is_address(db):
        from bilat.store.postgres_store import PostgresStore

        return PostgresStore(str(db), read_only=read_only)
    return DuckDBStore(db, read_only=read_only)
