"""DuckDB's one-writer rule said plainly: a command opening a DuckDB file that another
process holds (a running `bilat serve`, here a process holding the store the same way)
(ingest, merge, serve) fails with one line naming the file, the holder's PID, the reason
and what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
HOLD = ("import sys; from bilat.store import open_store; s = open_store(sys.argv[1]); "
        "print('held', flush=True); sys.stdin.read(); s.close()")


def test_a_second_process_is_told_the_store_is_held_and_what_to_do(tmp_path, samples):
    db = tmp_path / "team.duckdb"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        for args in (["ingest", str(samples / "jsonl")], ["merge"],
                     ["serve", "--port", "1"]):  # a second server: refused before listening
            r = subprocess.run([sys.executable, "-m", "bilat.cli", *args, "--db", str(db)],
                               env=env, capture_output=True, text=True, timeout=120)
            assert r.returncode == 2, (args, r.stderr)
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1, r.stderr  # one line, no traceback
            assert lines[0] == (
                f"bilat: {db}: the store is open in another process (PID {holder.pid}, e.g. "
                "bilat serve); a DuckDB file has one writer at a time: stop that process, "
                "send files to the running server (POST /api/ingest or its /upload page), "
                "or keep a team's store in PostgreSQL (--db postgresql://…)"), args
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    # once the holder is gone the same command works
    r = subprocess.run([sys.executable, "-m", "bilat.cli", "merge", "--db", str(db)],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
