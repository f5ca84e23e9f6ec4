"""The store: documents, events and facts, in a DuckDB file by default.

    open_store(path) -> DuckDBStore
"""

from __future__ import annotations

from pathlib import Path

from bilat.store.duckdb_store import DuckDBStore, RejectedRows, StoreError, describe_failure

__all__ = ["DuckDBStore", "RejectedRows", "StoreError", "describe_failure", "open_store"]


def open_store(path: str | Path, read_only: bool = False) -> DuckDBStore:
    return DuckDBStore(path, read_only=read_only)
