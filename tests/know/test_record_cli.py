"""bilat merge, timeline and export end to end on the sample corpus, in a real store: a DuckDB
file, then a PostgreSQL database (its address as --db)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import duckdb
import pytest

BILAT = [sys.executable, "-m", "bilat.cli"]


def bilat(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*BILAT, *args], capture_output=True, env=env, timeout=300,
                          text=True)


@pytest.fixture(scope="module")
def db(module_db_address, samples):
    path = module_db_address
    r = bilat("ingest", str(samples), "--db", path)
    assert r.returncode == 0, r.stderr
    return path


def test_timeline_merges_on_first_read_and_names_countries_in_any_language(db):
    r = bilat("timeline", "Vietnam", "Bỉ", "--db", str(db), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "merged" in r.stderr  # the first read merged the new events
    events = json.loads(r.stdout)
    assert events and all({"BE", "VN"} <= set(e["actors"]) for e in events)
    dates = [e["date_start"] for e in events if e["date_start"]]
    assert dates == sorted(dates)
    # the senate visit is told by several documents in several languages: one event
    visits = [e for e in events if e["type"] == "VISIT" and e["source_count"] > 1]
    assert visits and len({s["language"] for s in visits[0]["sources"]}) > 1
    for e in events:
        assert e["source_count"] == len({s["doc"] for s in e["sources"]})
        assert all(s["evidence"] for s in e["sources"])
    again = bilat("timeline", "BE", "VN", "--db", str(db), "--format", "json")
    assert "merged" not in again.stderr and json.loads(again.stdout) == events


def test_timeline_formats_and_labels(db, tmp_path):
    vi = bilat("timeline", "VN", "BE", "--db", str(db), "--lang", "vi")
    assert vi.returncode == 0 and "Việt Nam – Bỉ" in vi.stdout and "Chuyến thăm" in vi.stdout
    md = bilat("timeline", "VN", "BE", "--db", str(db), "--format", "md")
    assert md.stdout.startswith("# Vietnam – Belgium") and "| Date |" in md.stdout
    out = tmp_path / "t.html"
    h = bilat("timeline", "VN", "BE", "--db", str(db), "--format", "html", "-o", str(out))
    assert h.returncode == 0 and "<table>" in out.read_text(encoding="utf-8")


def test_unknown_country_is_one_clear_error(db):
    r = bilat("timeline", "Vietnam", "Atlantis", "--db", str(db))
    assert r.returncode == 2 and "Atlantis" in r.stderr and len(r.stderr.splitlines()) == 1


def test_export_jsonl_csv_parquet_plover_read_back(db, tmp_path):
    j = bilat("export", "--db", str(db))
    rows = [json.loads(line) for line in j.stdout.splitlines()]
    assert rows and all("sources" in r and r["id"] for r in rows)
    c = tmp_path / "e.csv"
    assert bilat("export", "--format", "csv", "-o", str(c), "--db", str(db)).returncode == 0
    with c.open(encoding="utf-8") as fh:
        back = list(csv.DictReader(fh))
    assert [r["id"] for r in back] == [r["id"] for r in rows]
    p = tmp_path / "e.parquet"
    assert bilat("export", "--format", "parquet", "-o", str(p), "--db", str(db)
                 ).returncode == 0
    con = duckdb.connect()
    ids = [r[0] for r in con.execute(f"SELECT id FROM read_parquet('{p}')").fetchall()]
    actors = con.execute(f"SELECT actors FROM read_parquet('{p}') LIMIT 1").fetchone()[0]
    assert ids == [r["id"] for r in rows] and isinstance(actors, list)
    pl = bilat("export", "--format", "plover", "--db", str(db))
    plover = [json.loads(line) for line in pl.stdout.splitlines()]
    assert set(plover[0]) == {"id", "date", "enddate", "actor", "recipient", "event", "mode",
                              "event_text", "text", "link"}
    assert all(p["event"] for p in plover)
    f = tmp_path / "f.parquet"
    assert bilat("export", "--table", "facts", "--format", "parquet", "-o", str(f), "--db",
                 str(db)).returncode == 0
    metrics = con.execute(f"SELECT DISTINCT metric FROM read_parquet('{f}')").fetchall()
    assert ("TRADE_TOTAL",) in metrics
    fj = bilat("export", "--table", "facts", "--country", "VN", "--country", "Belgium",
               "--db", str(db))
    facts = [json.loads(line) for line in fj.stdout.splitlines()]
    assert facts and all({r["from"], r["to"]} == {"VN", "BE"} for r in facts)


def test_merge_command_reports_and_changes_nothing_twice(db):
    first = bilat("merge", "--db", str(db))
    assert first.returncode == 0 and "events" in first.stdout
    before = _merged_ids(db)
    assert bilat("merge", "--db", str(db)).returncode == 0
    assert before and _merged_ids(db) == before


def _merged_ids(db: str) -> list[tuple]:
    from bilat.store import open_store

    store = open_store(db, read_only=True)
    try:
        return store.con.execute(
            "SELECT id, source_count FROM merged_events ORDER BY id").fetchall()
    finally:
        store.close()


def test_the_environment_names_the_store(db):
    """BILAT_DB (or its older name BILAT_DB_PATH) is the store when --db is not given."""
    for name in ("BILAT_DB", "BILAT_DB_PATH"):
        r = subprocess.run([*BILAT, "timeline", "VN", "BE", "--format", "json"],
                           capture_output=True, text=True, timeout=300,
                           env={**os.environ, name: str(db), "COLUMNS": "200"})
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)
