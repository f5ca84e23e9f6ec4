"""`bilat watch --once` end to end: through typer's runner, and as two separate processes (a
restart resumes: nothing alerted or fetched twice)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from local_site import Site
from typer.testing import CliRunner
from watch_pages import AGREEMENT, VISIT, rss, when

from bilat.cli import app

SRC = Path(__file__).resolve().parents[2] / "src"


def _feeds_file(site: Site, tmp: Path) -> Path:
    site.put("/a/visit.html", VISIT)
    site.put("/news.rss", rss([{"link": site.url("/a/visit.html"), "title": "Visit",
                                "date": when(20)}]), content_type="application/rss+xml")
    path = tmp / "feeds.yaml"
    path.write_text(f"feeds:\n  - url: {site.url('/news.rss')}\n    every: 60\n"
                    "watch:\n  - pair: [Viet Nam, Belgium]\n    types: [VISIT, AGREEMENT]\n"
                    "alerts:\n  console: true\n  feed_dir: out\n", encoding="utf-8")
    return path


def test_private_addresses_are_refused_without_allow_private(site: Site, tmp_path: Path):
    feeds = _feeds_file(site, tmp_path)
    r = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--db",
                                 str(tmp_path / "w.duckdb")])
    assert r.exit_code == 1, r.output
    assert site.url("/news.rss") in r.output
    assert "127.0.0.1, a loopback address (--allow-private allows it)" in r.output
    assert "polled 1 feed (1 failed)" in r.output
    assert site.requests["/news.rss"] == 0


def test_once_ingests_alerts_and_writes_the_pair_feeds(site: Site, tmp_path: Path,
                                                        db_address: str):
    feeds = _feeds_file(site, tmp_path)
    db = db_address
    args = ["watch", str(feeds), "--once", "--db", db, "--allow-private", "--host-delay", "0"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "new VISIT BE-VN 2026-11-19 (happened, 1 source)" in r.output
    assert "stored 1 (2 events), 1 new watched event" in r.output
    assert (tmp_path / "out" / "VN-BE.xml").is_file()
    assert (tmp_path / "out" / "VN-BE.json").is_file()
    # --feed and --pair add to the file's feeds and pairs
    site.put("/a/agreement.html", AGREEMENT)
    site.put("/more.rss", rss([{"link": site.url("/a/agreement.html"), "title": "Agreement",
                                "date": when(27)}]), content_type="application/rss+xml")
    r = CliRunner().invoke(app, [*args, "--feed", site.url("/more.rss"), "--pair", "BE,VN",
                                 "--type", "AGREEMENT"])
    assert r.exit_code == 0, r.output
    assert "new AGREEMENT BE-VN 2026-11-27" in r.output
    assert "new VISIT" not in r.output


def test_a_restart_in_a_new_process_resumes(site: Site, tmp_path: Path, db_address: str):
    feeds = _feeds_file(site, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "bilat.cli", "watch", str(feeds), "--once", "--db",
           db_address, "--allow-private", "--host-delay", "0"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("new VISIT") == 1
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert "new " not in second.stdout.replace("new watched", "")
    assert "fetched 0 pages, stored 0 (0 events), 0 new watched events" in second.stdout
    assert site.full["/a/visit.html"] == 1 and site.full["/news.rss"] == 1


def test_usage_mistakes_are_one_line(tmp_path: Path):
    r = CliRunner().invoke(app, ["watch", "--once", "--db", str(tmp_path / "w.duckdb")])
    assert r.exit_code == 2 and "nothing to watch" in r.output
    bad = tmp_path / "feeds.yaml"
    bad.write_text("feeds: [https://e.org/a.rss]\nwatch:\n  - pair: [VN, Narnia]\n",
                   encoding="utf-8")
    r = CliRunner().invoke(app, ["watch", str(bad), "--once"])
    assert r.exit_code == 2
    assert "watch[1]: 'Narnia' is no country or organisation bilat knows" in r.output
    r = CliRunner().invoke(app, ["watch", "--feed", "https://e.org/a.rss", "--type", "VISIT",
                                 "--once"])
    assert r.exit_code == 2 and "--type: applies to the --pair pairs" in r.output


def _start(cmd: list[str]) -> subprocess.Popen:
    import signal

    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    # Ctrl-C as a terminal delivers it: a suite started in the background (nohup, `&` in a
    # script) ignores SIGINT, and an ignored signal stays ignored across exec
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _stop(proc: subprocess.Popen) -> tuple[str, str]:
    import signal

    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return out, err


def test_the_loop_polls_then_waits_and_a_restart_waits_out_what_is_not_due(
        site: Site, tmp_path: Path):
    import time

    feeds = _feeds_file(site, tmp_path)  # the feed's every: 60 s
    cmd = [sys.executable, "-m", "bilat.cli", "watch", str(feeds), "--db",
           str(tmp_path / "w.duckdb"), "--allow-private", "--host-delay", "0"]
    proc = _start(cmd)
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:  # the first poll's alert and summary
            lines.append(line)
            if line.startswith("polled "):
                break
        assert any(ln.startswith("new VISIT BE-VN") for ln in lines), lines
    finally:
        _, err = _stop(proc)
    assert "stopped" in err
    assert site.requests["/news.rss"] == 1
    proc = _start(cmd)  # restarted within the minute: nothing is due yet
    assert proc.stderr is not None
    assert "watching 1 feed (0 due now)" in proc.stderr.readline()
    time.sleep(2)
    out, _ = _stop(proc)
    assert site.requests["/news.rss"] == 1
    assert "polled" not in out
