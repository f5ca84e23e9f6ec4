"""A batch that stopped part-way does only what is missing; a worker killed mid-shard is
replaced and its shard done; a bad shard is reported by name and the others are done; a
listing of WARC paths is read like the files it names."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import psutil
from typer.testing import CliRunner

from bilat.cli import app
from bilat.config import Settings
from bilat.shards.ray_run import run_batch
from bilat.shards.sources import list_shards


def test_a_rerun_redoes_only_the_unfinished_shards(batch_copy, samples):
    out = batch_copy
    manifest = sorted((out / "manifest").glob("*.json"))
    lost = manifest[3].stem
    # as a crash leaves it: the shard's files written, perhaps a temporary one, no entry
    (out / "manifest" / f"{lost}.json").unlink()
    (out / "documents" / f".{lost}.parquet.999.tmp").write_bytes(b"half a file")
    kept = {p: p.stat().st_mtime_ns for p in (out / "documents").glob("*.parquet")
            if not p.name.startswith(lost)}

    summary = run_batch(list_shards([str(samples)]), out, Settings())

    assert [r.name for r in summary.done] == [lost]
    assert len(summary.skipped) == len(manifest) - 1
    assert (out / "manifest" / f"{lost}.json").exists()
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # the others untouched


def _slow_shard(path: Path, documents: int) -> None:
    """A JSON Lines shard that takes a worker some seconds to clean and extract."""
    import random

    from bilat.bench.extract import article

    rng = random.Random(3)
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": article(rng, 400).text}) + "\n"
                            for i in range(documents)), encoding="utf-8")


def _kill_first_worker_running(task: str, killed: list[int], stop: threading.Event) -> None:
    """SIGKILL the first Ray worker seen running `task`, once it has worked half a second."""
    while not stop.is_set():
        for proc in psutil.process_iter(["pid", "cmdline"]):
            if " ".join(proc.info["cmdline"] or ()).startswith(f"ray::{task}"):
                time.sleep(0.5)
                os.kill(proc.info["pid"], signal.SIGKILL)
                killed.append(proc.info["pid"])
                return
        time.sleep(0.05)


def test_a_worker_killed_mid_shard_is_replaced(ray_session, tmp_path):
    shard = tmp_path / "slow.jsonl"
    _slow_shard(shard, 120)  # several seconds of work: the kill comes mid-shard
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_first_worker_running,
                              args=("Map(_task)", killed, stop))
    killer.start()
    try:
        summary = run_batch(list_shards([str(shard)]), tmp_path / "out", Settings())
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was seen running the shard"
    [result] = summary.done
    assert result.documents == 120 and result.errors == 0
    assert killed[0] not in summary.peak_rss_mb  # another worker finished it


def test_a_bad_shard_is_reported_by_name_and_the_others_are_done(ray_session, samples,
                                                                 tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = (samples / "warc" / "news.warc.gz").read_bytes()
    (inputs / "good.warc.gz").write_bytes(good)
    (inputs / "cut.warc.gz").write_bytes(good[: len(good) // 2])  # an archive cut short
    (inputs / "binary.html").write_bytes(b"\x00\x01\x02\xff" * 64)
    out = tmp_path / "out"
    # files named one by one are a shard each (a folder's small files are read together)
    r = CliRunner().invoke(app, ["batch", *(str(inputs / n) for n in (
        "good.warc.gz", "cut.warc.gz", "binary.html")), "--out", str(out)])
    assert r.exit_code == 1, r.output
    printed = " ".join(r.output.split())
    entries = {json.loads(p.read_text())["name"]: json.loads(p.read_text())
               for p in (out / "manifest").glob("*.json")}
    assert len(entries) == 3
    names = {n.split("-")[0]: n for n in entries}
    assert entries[names["good.warc.gz"]]["documents"] == 2
    assert entries[names["good.warc.gz"]]["errors"] == 0
    for bad in ("cut.warc.gz", "binary.html"):
        assert entries[names[bad]]["errors"] >= 1
        assert f"failed {names[bad]}" in printed
        lines = (out / "errors" / f"{names[bad]}.jsonl").read_text().splitlines()
        report = json.loads(lines[0])
        assert report["input"].startswith(str(inputs / bad)) and report["reason"]
    assert "binary data" in printed


def test_a_listing_of_warc_paths_is_read(ray_session, samples, tmp_path):
    archives = tmp_path / "crawl-data" / "CC-NEWS" / "2024" / "01"
    archives.mkdir(parents=True)
    warc = (samples / "warc" / "news.warc.gz").read_bytes()
    for n in (1, 2):
        (archives / f"CC-NEWS-2024010{n}-0000{n}.warc.gz").write_bytes(warc)
    listing = tmp_path / "warc.paths"
    listing.write_text("crawl-data/CC-NEWS/2024/01/CC-NEWS-20240101-00001.warc.gz\n\n"
                       f"{archives}/CC-NEWS-20240102-00002.warc.gz\n", encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["batch", str(listing), "--listing", "--out", str(out)])
    assert r.exit_code == 0, r.output
    entries = sorted((json.loads(p.read_text()) for p in (out / "manifest").glob("*.json")),
                     key=lambda e: e["order"])
    assert [Path(e["paths"][0]).name for e in entries] == [
        "CC-NEWS-20240101-00001.warc.gz", "CC-NEWS-20240102-00002.warc.gz"]
    assert [e["documents"] for e in entries] == [2, 2]


def test_a_listing_of_addresses_is_refused(tmp_path):
    listing = tmp_path / "warc.paths"
    listing.write_text("https://data.commoncrawl.org/crawl-data/x.warc.gz\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["batch", str(listing), "--listing", "--out",
                                 str(tmp_path / "out")])
    assert r.exit_code == 2
    printed = " ".join(r.output.split())
    assert "line 1:" in printed and "download the archives first" in printed
    r = CliRunner().invoke(app, ["batch", str(tmp_path / "absent.paths"), "--listing",
                                 "--out", str(tmp_path / "out")])
    assert r.exit_code == 2 and "no such listing file" in " ".join(r.output.split())
