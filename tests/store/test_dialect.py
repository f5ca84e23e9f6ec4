"""DuckDB's SQL as PostgreSQL takes it (store.dialect): placeholders, type names, collation,
leaving literals and comments alone."""

from __future__ import annotations

from bilat.store.dialect import DUCKDB, POSTGRES, to_postgres
from bilat.store.migrations import MIGRATIONS


def test_placeholders_are_numbered_outside_literals():
    assert to_postgres("SELECT a FROM t WHERE a = ? AND b = '?' AND c = ?") == \
        "SELECT a FROM t WHERE a = $1 AND b = '?' AND c = $2"
    assert to_postgres("SELECT $1 || x FROM t WHERE y = $1") == "SELECT $1 || x FROM t WHERE y = $1"


def test_types_are_translated_in_casts_and_tables():
    assert to_postgres("SELECT unnest(?::FLOAT[384][]), ?::UTINYINT, ?::BLOB[], 1::DOUBLE") == \
        "SELECT unnest($1::REAL[][]), $2::SMALLINT, $3::BYTEA[], 1::DOUBLE PRECISION"
    ddl = to_postgres("CREATE TABLE x (a VARCHAR NOT NULL, b VARCHAR[], c UINTEGER[], "
                      "d USMALLINT, e DOUBLE, f FLOAT[384], g BLOB, h TIMESTAMP)")
    assert ddl == ('CREATE TABLE x (a VARCHAR COLLATE "C" NOT NULL, b VARCHAR[] COLLATE "C", '
                   "c BIGINT[], d INTEGER, e DOUBLE PRECISION, f REAL[], g BYTEA, h TIMESTAMP)")
    # a cast in a query keeps the database's collation; a literal and a comment are left
    assert to_postgres("SELECT 'FLOAT' -- a DOUBLE\nFROM t WHERE v = ?::VARCHAR") == \
        "SELECT 'FLOAT' -- a DOUBLE\nFROM t WHERE v = $1::VARCHAR"


def test_every_migration_translates():
    for sql in MIGRATIONS:
        out = to_postgres(sql)
        for duckdb_only in ("UTINYINT", "USMALLINT", "UINTEGER", "BLOB", "FLOAT[384]"):
            assert duckdb_only not in out


def test_fragments_that_differ():
    assert DUCKDB.contains("m.actors") == "list_contains(m.actors, ?)"
    assert POSTGRES.contains("m.actors") == "m.actors @> ARRAY[?]::VARCHAR[]"
    assert "list_distinct" in DUCKDB.distinct_elements("c")
    assert "DISTINCT" in POSTGRES.distinct_elements("c")
