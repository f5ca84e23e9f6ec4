"""The store's own trouble is one clear line naming the store, and what was committed before
is never lost (issue #8: a full disk, a damaged file, a SQLite file given as --db)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from bilat.store import StoreError, open_store

BILAT = [sys.executable, "-m", "bilat.cli"]


def run_bilat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*BILAT, *args], capture_output=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})


def _records(path, count: int, words: int = 30, start: int = 0) -> None:
    rows = []
    for i in range(start, start + count):
        filler = " ".join(f"w{(i * 31 + j) % 997}x{i}" for j in range(words))
        rows.append({"id": f"d{i}", "text": f"Laos and Thailand held talks in Vientiane on "
                                            f"{1 + i % 27} May 2024. {filler}."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _count(db) -> int:
    store = open_store(db, read_only=True)
    try:
        return store.counts()["documents"]
    finally:
        store.close()


def test_a_damaged_store_file_is_one_clear_line(tmp_path):
    db = tmp_path / "s.duckdb"
    src = tmp_path / "in.jsonl"
    _records(src, 60, words=200)
    assert run_bilat("ingest", str(src), "--db", str(db)).returncode == 0
    size = db.stat().st_size
    with open(db, "r+b") as fh:  # every block past the file's headers: no checksum matches
        fh.seek(12288)
        fh.write(b"\xff" * (size - 12288))
    for args in (["docs"], ["timeline", "LA", "TH"], ["ingest", str(src)]):
        r = run_bilat(*args, "--db", str(db))
        err = r.stderr.decode()
        assert r.returncode == 2, (args, err)
        assert "Traceback" not in err and str(db.name) in err, (args, err)


def test_a_file_that_is_not_a_duckdb_store(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(os.urandom(20000))
    lite = tmp_path / "lite.db"
    con = sqlite3.connect(lite)
    con.execute("CREATE TABLE t (a)")
    con.commit()
    con.close()
    for path in (junk, lite):
        with pytest.raises(StoreError):
            open_store(path)
        r = run_bilat("docs", "--db", str(path))
        err = r.stderr.decode()
        assert r.returncode == 2 and "Traceback" not in err
        # no extension is looked for: an offline analyst must never see a download attempt
        assert "INSTALL" not in err and "http" not in err


def test_a_postgresql_store_out_of_reach_is_one_line_without_the_password(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"postgresql://bilat:secret-pw@127.0.0.1:{port}/record"
    src = tmp_path / "in.jsonl"
    _records(src, 2)
    for args in (["docs", "--db", address], ["timeline", "LA", "TH", "--db", address],
                 ["ingest", str(src), "--db", address]):
        r = run_bilat(*args)
        err = r.stderr.decode()
        assert r.returncode == 2, (args, err)
        assert "Traceback" not in err and "secret-pw" not in err, (args, err)
        assert "cannot reach the PostgreSQL server" in err and "127.0.0.1" in err, (args, err)
    r = subprocess.run([*BILAT, "docs"], capture_output=True, timeout=300,
                       env={**os.environ, "BILAT_DB": address})
    assert r.returncode == 2 and b"cannot reach" in r.stderr and b"secret-pw" not in r.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"),
                    reason="mounting a small tmpfs needs root")
def test_a_full_disk_keeps_what_was_committed_and_a_rerun_completes(tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(small)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        src = tmp_path / "in.jsonl"
        _records(src, 400, words=800)
        db = small / "s.duckdb"
        r = run_bilat("ingest", str(src), "--db", str(db))
        err = r.stderr.decode()
        assert r.returncode == 2, err
        assert "no space left on device" in err and "Traceback" not in err
        kept = _count(db)
        assert kept > 0  # earlier batches are readable
        subprocess.run(["mount", "-o", "remount,size=200m", str(small)], check=True)
        r = run_bilat("ingest", str(src), "--db", str(db))
        assert r.returncode == 0, r.stderr.decode()
        assert _count(db) == 400
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True)
