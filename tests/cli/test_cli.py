"""The bilat command end to end: real files into a real DuckDB file, through a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

BILAT = [sys.executable, "-m", "bilat.cli"]


def bilat(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*BILAT, *args], input=stdin, capture_output=True, env=env,
                          timeout=300)


def test_ingest_summary_and_docs(tmp_path, samples):
    db = tmp_path / "t.duckdb"
    r = bilat("ingest", str(samples), "--db", str(db))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "read 23" in out and "duplicates 1 exact / 1 near" in out and "failed 0" in out
    r = bilat("docs", "--db", str(db), "--json")
    rows = json.loads(r.stdout)
    assert len(rows) == 22 and {"doc_id", "language", "published", "title"} <= set(rows[0])
    r = bilat("docs", "show", "be-senate-visit-vi", "--db", str(db), "--json")
    doc = json.loads(r.stdout)
    assert doc["language"] == "vi" and doc["events"] and "Xem thêm" not in doc["text"]
    assert any(e["type"] == "VISIT" and e["date_start"] == "2023-08-21" for e in doc["events"])
    r = bilat("docs", "show", "no-such-doc", "--db", str(db))
    assert r.returncode == 2 and b"no such document" in r.stderr
    r = bilat("docs", "--db", str(db))
    assert r.returncode == 0 and b"22 documents" in r.stdout


def test_ingest_twice_changes_nothing(tmp_path, samples):
    db = tmp_path / "t.duckdb"
    bilat("ingest", str(samples / "jsonl"), "--db", str(db))
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT count(*) FROM documents").fetchone()
    con.close()
    r = bilat("ingest", str(samples / "jsonl"), "--db", str(db))
    assert b"stored 0" in r.stdout
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == before
    con.close()


def test_bad_inputs_named_and_exit_code(tmp_path, samples):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "ok.txt").write_text("A short headline here\n\nTwo ministers met in Hanoi today.")
    (bad / "broken.jsonl").write_text('{"id": "x", "text": "fine text of a record"}\n{oops\n')
    db = tmp_path / "t.duckdb"
    r = bilat("ingest", str(bad), "--db", str(db))
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "empty.txt: empty input" in err and "broken.jsonl#2: malformed JSON" in err
    assert "stored 2" in r.stdout.decode()


def test_stdin_and_extract(tmp_path):
    record = json.dumps({"id": "s1", "published": "2023-06-24", "language": "vi",
                         "text": "Việt Nam và Campuchia thiết lập quan hệ ngoại giao ngày "
                                 "24/6/1967."}).encode()
    r = bilat("extract", "-", "--text", stdin=record + b"\n")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["doc"] == "s1" and out["text"].startswith("Việt Nam và Campuchia")
    assert out["events"][0]["type"] == "RELATIONS_ESTABLISHED"


def test_seeds_extract(shared):
    seeds = sorted((shared / "seeds").glob("*.txt"))
    r = bilat("extract", "--text", *map(str, seeds))
    records = {json.loads(line)["doc"]: json.loads(line) for line in r.stdout.splitlines()}
    first = records["000_f85bec5d394a454a"]
    assert first["title"].startswith("Tham vấn chính trị") and "----" not in first["text"]
    body = records["004_e7dedb1e7dd1a204"]["text"]
    assert "ảnh 1" not in body and "(Photo: VNA)" not in body and "See more" not in body
    assert body.count("Vietnam and Belgium have seen their relationship") == 1


def test_killed_ingest_completes_on_rerun(tmp_path, samples):
    """A batch killed mid-way keeps what was committed; the same command finishes it."""
    src = tmp_path / "many"
    src.mkdir()
    template = (samples / "html" / "be-senate-visit-en.html").read_text(encoding="utf-8")
    for i in range(400):
        page = template.replace("official visit", f"official visit number {i}").replace(
            "The trip comes", f"Trip {i * 7919 % 1000} of the series comes")
        (src / f"p{i:03d}.html").write_text(page.replace("Belgian Senate", f"Senate {i}"),
                                            encoding="utf-8")
    db = tmp_path / "k.duckdb"
    proc = subprocess.Popen([*BILAT, "ingest", str(src), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 60
    # kill as soon as the first batches are committed (the write-ahead log grows past the
    # schema's few kilobytes): the run is then in the middle of a later batch
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db)  # the file opens: every committed batch is there, nothing torn
    r = bilat("ingest", str(src), "--db", str(db))
    assert r.returncode == 0, r.stderr
    total = _count(db)
    # the kill came mid-batch, and the rerun finished the batch
    assert partial <= total == 400 and partial < 400, (partial, total)
    con = duckdb.connect(str(db), read_only=True)
    orphans = con.execute("SELECT count(*) FROM events e LEFT JOIN documents d "
                          "USING (content_id) WHERE d.content_id IS NULL").fetchone()[0]
    con.close()
    assert orphans == 0
    r2 = bilat("ingest", str(src), "--db", str(db))
    assert b"stored 0" in r2.stdout and _count(db) == total


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        if "documents" not in tables:
            return 0
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def test_duckdb_memory_setting_bounds_a_rebuild_or_is_refused(tmp_path, samples):
    """BILAT_DUCKDB_MEMORY caps DuckDB during a rebuild (a small cap still completes, by
    spilling); a value that is no amount of memory is one line naming the setting."""
    db = tmp_path / "t.duckdb"
    env = {**os.environ, "COLUMNS": "200", "BILAT_DUCKDB_MEMORY": "lots"}
    r = subprocess.run([*BILAT, "ingest", str(samples / "jsonl"), "--db", str(db)],
                       capture_output=True, env=env, timeout=300)
    assert r.returncode == 2 and b"BILAT_DUCKDB_MEMORY" in r.stderr and not db.exists()
    env["BILAT_DUCKDB_MEMORY"] = "64MB"
    r = subprocess.run([*BILAT, "ingest", str(samples / "jsonl"), "--db", str(db)],
                       capture_output=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*BILAT, "merge", "--db", str(db)], capture_output=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM merged_events").fetchone()[0] > 0
    con.close()
