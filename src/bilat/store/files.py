"""Parquet files written through DuckDB (no pyarrow needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_parquet(rows: list[dict[str, Any]], columns: tuple[str, ...], path: Path) -> None:
    """Rows as a Parquet file; lists of strings stay lists, nested values become JSON."""
    import duckdb

    con = duckdb.connect()
    try:
        defs, values = [], []
        for c in columns:
            col = [r.get(c) for r in rows]
            kind = _kind(col)
            if kind == "VARCHAR" and any(isinstance(v, list | dict) for v in col):
                col = [None if v is None else json.dumps(v, ensure_ascii=False) for v in col]
            defs.append(f'unnest(?::{kind}[]) AS "{c}"')
            values.append(col)
        select = ", ".join(defs) if rows else ", ".join(f'NULL::VARCHAR AS "{c}"'
                                                         for c in columns) + " LIMIT 0"
        con.execute(f"CREATE TABLE t AS SELECT {select}", values if rows else [])
        con.execute(f"COPY t TO '{_quote(path)}' (FORMAT parquet)")
    finally:
        con.close()


def _kind(col: list[Any]) -> str:
    present = [v for v in col if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "BOOLEAN"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "BIGINT"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "DOUBLE"
    if present and all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                       for v in present):
        return "VARCHAR[]"
    if present and all(isinstance(v, list) and all(isinstance(x, int | float) for x in v)
                       for v in present):
        return "DOUBLE[]"
    return "VARCHAR"


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
