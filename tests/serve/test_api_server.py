"""End to end: `bilat serve` in its own process, on a free port, over a copy of the corpus
store (on each backend); a file uploaded, its job polled to done, its events read back, over
real HTTP; and `bilat ingest` in a third process beside the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
REPORT = (b"Vietnam and Belgium signed a memorandum of understanding on digital "
          b"transformation in Hanoi on 20 October 2026.")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db, token_file, tmp_path_factory):
    port = _free_port()
    # a file, not a pipe: a pipe nobody reads would stall the server once full
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w+b")
    env = _env()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilat.cli", "serve", "--db", str(db), "--port", str(port),
         "--token-file", str(token_file), "--refresh-every", "1"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                out = log.read().decode(errors="replace")
                raise AssertionError(f"bilat serve did not start:\n{out[-3000:]}")
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_upload_poll_and_read_back_over_http(server, tokens):
    with httpx.Client(base_url=server[0], timeout=60) as http:
        before = http.get("/api/events", params={"pair": "VN-BE", "from": "2026-10"}).json()
        assert before["events"] == []
        r = http.post("/api/ingest", files=[("files", ("mou.txt", REPORT, "text/plain"))],
                      headers={"Authorization": f"Bearer {tokens['editor']}"})
        assert r.status_code == 202, r.text
        job = r.json()["job"]
        deadline = time.monotonic() + 120
        while (state := http.get(f"/api/ingest/{job}").json())["state"] not in ("done",
                                                                              "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert state["state"] == "done" and state["documents"] == 1, state
        after = http.get("/api/events", params={"pair": "VN-BE", "from": "2026-10"}).json()
        assert after["events"] and after["events"][0]["sources"][0]["doc"] == "mou"
        spec = http.get("/openapi.json").json()
        assert "/api/events" in spec["paths"]
        assert http.post("/api/ingest", files=[("files", ("a.txt", REPORT))]).status_code == 401


def test_bilat_ingest_beside_the_server(server, db, tmp_path, tokens):
    """PostgreSQL: another process's ingest shows after the server's next look (within
    --refresh-every, here 1 s). DuckDB: the file has one writer, the server; ingest says so."""
    report = tmp_path / "treaty.txt"
    report.write_text("Vietnam and Belgium signed a treaty on judicial assistance in Brussels "
                      "on 14 November 2026.", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "bilat.cli", "ingest", str(report), "--db", db],
                       env=_env(), capture_output=True, text=True, timeout=300)
    if not db.startswith("postgresql://"):
        assert r.returncode == 2
        assert f"another process (PID {server[1]}, e.g. bilat serve)" in r.stderr, r.stderr
        return
    assert r.returncode == 0, r.stderr
    with httpx.Client(base_url=server[0], timeout=60) as http:
        deadline = time.monotonic() + 120
        while True:
            found = http.get("/api/events", params={"pair": "VN-BE", "from": "2026-11"}).json()
            if any(s["doc"] == "treaty" for e in found["events"] for s in e["sources"]):
                break
            assert time.monotonic() < deadline, "the server never saw the new events"
            time.sleep(0.3)
        # nothing left to do: an editor's refresh says so
        editor = {"Authorization": f"Bearer {tokens['editor']}"}
        done = http.post("/api/refresh", headers=editor).json()
        assert done["refreshed"] is False and done["merged_events"] > 0
