"""A benchmark's store on PostgreSQL: the synthetic rows are generated into a DuckDB file by
the benchmark's own SQL, then every table is copied into the PostgreSQL database (COPY, in
one transaction), so that both backends are timed on the same rows."""

from __future__ import annotations

import time

CHUNK = 50_000  # rows per COPY


def copy_store(source, target) -> float:
    """Every table of the DuckDB store `source` into the (freshly migrated, empty)
    PostgreSQL store `target`, then its statistics gathered; returns the seconds taken."""
    started = time.perf_counter()
    tables = [r[0] for r in source.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_name <> 'schema_version' ORDER BY table_name").fetchall()]
    with target.transaction():
        for table in tables:
            target.con.execute(f"DELETE FROM {table}")
            cur = source.con.execute(f"SELECT * FROM {table}")
            while rows := cur.fetchmany(CHUNK):
                # DuckDB gives a fixed-size array (FLOAT[384]) as a tuple: a list is an array
                target.insert_rows(table, [[list(v) if isinstance(v, tuple) else v for v in r]
                                           for r in rows])
    target.con.execute("ANALYZE")
    return time.perf_counter() - started


def has_rows(store) -> bool:
    """The store holds documents already (a kept benchmark store is reused)."""
    return store.con.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
