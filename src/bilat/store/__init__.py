"""The store: documents, events and facts, and the record made of them; in a DuckDB file
(a path) or a PostgreSQL database (a postgresql:// address).

    open_store(db) -> DuckDBStore | PostgresStore   (both a base.Store)

SQL for both backends (the store's modules): write DuckDB's SQL with `?` (or `$1`)
placeholders and typed list parameters (`unnest(?::VARCHAR[])`, `= ANY(?::INTEGER[])`);
PostgreSQL gets it through dialect.to_postgres (placeholders, type names). Both run: array_agg,
array_position, array_length(x, 1), array_to_string, one-dimensional unnest, window functions,
FILTER, ON CONFLICT … DO UPDATE SET c = excluded.c (qualify the table's own columns). Not on
PostgreSQL: GROUP BY ALL / ORDER BY ALL, QUALIFY, ANTI and SEMI JOIN, SELECT * EXCLUDE/REPLACE,
INSERT OR REPLACE/IGNORE, list_* functions (use store.dialect's fragments), an unaliased
subquery in FROM, a window over an output alias, unnest of a list of lists (use
store.insert_rows, COPY on PostgreSQL), duckdb_tables() (use store.clone_table). `/` between
integers is a fraction on DuckDB and truncates on PostgreSQL: cast one side to DOUBLE.
Migrations are plain DuckDB DDL, text columns declared VARCHAR; PostgreSQL's extra indexes
are migrations.POSTGRES_INDEXES.
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
