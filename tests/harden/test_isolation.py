"""One input never stops a batch: whatever it raises, it is one failure line naming it, the
rest is stored, the exit code says some failed, and a rerun completes (issue #8)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from bilat import pipeline
from bilat.batch import process_one
from bilat.config import Settings
from bilat.ingest import BATCH, ingest
from bilat.model import RawDocument, ReadError
from bilat.store import open_store

BILAT = [sys.executable, "-m", "bilat.cli"]


def run_bilat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*BILAT, *args], capture_output=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})


def _body(i: int) -> str:
    return (f"Report {i}: Laos and Thailand held talks in Vientiane on {1 + i % 27} March 2024 "
            f"about a railway, and the ministers agreed to meet again (note {i * 7919}).")


def _write_records(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


HOSTILE = [
    {"id": "date-dots", "published": "21.08.2023"},
    {"id": "date-word", "published": "abcd"},
    {"id": "date-low", "published": "0001-01-01"},
    {"id": "date-high", "published": "9999-12-31"},
    {"id": "date-bad", "published": "2023-13-45"},
    {"id": "lang-xx", "language": "xx"},
    {"id": "lang-war", "language": "war"},
    {"id": "lang-vn", "language": "vn"},
]


def test_records_with_odd_values_are_all_stored(tmp_path, db_address):
    """The record classes that aborted whole ingests (issue #8, case 1) are stored, with the
    value dropped or corrected at the edge."""
    src = tmp_path / "odd.jsonl"
    records = [{**r, "text": _body(i)} for i, r in enumerate(HOSTILE)]
    lines = [json.dumps(r) for r in records]
    lines.append('{"id": "surrogate", "text": "Laos \\ud800 and Thailand held talks in '
                 'Vientiane on 9 May 2024 about power lines."}')
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = db_address
    r = run_bilat("ingest", str(src), "--db", str(db))
    assert r.returncode == 0, r.stderr.decode()
    assert b"failed 0" in r.stdout
    store = open_store(db, read_only=True)
    rows = {d["doc_id"]: d for d in store.list_documents()}
    store.close()
    assert set(rows) == {r["id"] for r in HOSTILE} | {"surrogate"}
    assert rows["date-dots"]["published"] == "2023-08-21"
    assert rows["date-bad"]["published"] is None and rows["date-high"]["published"] is None
    assert rows["lang-vn"]["language"] == "vi"


def test_a_fault_in_one_document_costs_only_that_document(tmp_path, db_address, monkeypatch):
    """A fault of bilat's own (any exception, mid-batch) is one failure; the batch around it
    is stored and a rerun completes with nothing new."""
    real = pipeline.process

    def faulty(raw, settings=None):
        if raw.text and "note 0)" not in raw.text and "POISON" in raw.text:
            raise KeyError("a bug that only this document reaches")
        return real(raw, settings)

    monkeypatch.setattr(pipeline, "process", faulty)
    records = [{"id": f"d{i}", "text": _body(i)} for i in range(BATCH + 10)]
    records[7]["text"] += " POISON"
    src = tmp_path / "batch.jsonl"
    _write_records(src, records)
    store = open_store(db_address)
    summary = ingest([str(src)], store, Settings())
    assert [f.source for f in summary.failed] == [f"{src}#8"]
    assert "internal error" in summary.failed[0].reason and "KeyError" in \
        summary.failed[0].reason
    assert summary.stored + summary.near_duplicates == BATCH + 9
    again = ingest([str(src)], store, Settings())
    assert again.stored == 0 and again.near_duplicates == 0 and len(again.failed) == 1
    store.close()


def test_rows_the_store_refuses_cost_only_their_document(db_address):
    """A document whose values the store cannot take (here a lone surrogate that reached the
    store by another path than the readers) is reported; the rest of its batch is stored."""
    from bilat.ingest import _commit_batch
    from bilat.pipeline import process

    items = [process(RawDocument(source=f"s{i}", doc_id=f"d{i}", fmt="text", text=_body(i)))
             for i in range(5)]
    doc, extraction = items[2]
    from dataclasses import replace

    items[2] = (replace(doc, title="bad \ud800 title"), extraction)
    store = open_store(db_address)
    from bilat.ingest import IngestSummary

    summary = IngestSummary()
    _commit_batch(store, items, Settings(), summary)
    assert [f.source for f in summary.failed] == ["s2"]
    assert "cannot be stored" in summary.failed[0].reason
    assert store.counts()["documents"] == 4
    store.close()


def test_time_limit_per_document(monkeypatch):
    import time

    real = pipeline.process

    def slow(raw, settings=None):
        if "SLOW" in (raw.text or ""):
            time.sleep(30)
        return real(raw, settings)

    ok = RawDocument(source="ok.txt", doc_id="ok", fmt="text", text=_body(2))
    process_one(ok)  # warm: the first document of a process loads the language data
    monkeypatch.setattr(pipeline, "process", slow)
    raw = RawDocument(source="slow.txt", doc_id="slow", fmt="text", text=_body(1) + " SLOW")
    started = time.monotonic()
    out = process_one(raw, Settings(max_seconds=2))
    assert time.monotonic() - started < 20
    assert isinstance(out, ReadError) and "2 s" in out.reason
    assert not isinstance(process_one(ok, Settings(max_seconds=20)), ReadError)


def test_limits_on_text_and_markup():
    long_text = " ".join(_body(i) for i in range(50))
    raw = RawDocument(source="long.txt", doc_id="long", fmt="text", text=long_text)
    out = process_one(raw, Settings(max_text_chars=1000))
    assert isinstance(out, ReadError) and "1000-character limit" in out.reason
    page = "<html><body>" + "<p>x</p>" * 2000 + "</body></html>"
    out = process_one(RawDocument(source="p.html", doc_id="p", fmt="html", html=page),
                      Settings(max_html_tags=1000))
    assert isinstance(out, ReadError) and "1000 tags" in out.reason


def test_a_small_gzipped_page_of_millions_of_tags_is_refused_quickly(tmp_path):
    """A 'zip bomb' of <p> tags (issue #8: an lxml error at ~2 GB RSS) is one failure line."""
    page = b"<html><body>" + b"<p>x</p>" * 2_000_000 + b"</body></html>"
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "fine.txt").write_text(_body(3), encoding="utf-8")
    r = run_bilat("ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb"))
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "bomb.html.gz" in err and "tags" in err and "Traceback" not in err
    assert b"stored 1" in r.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_exit_code_and_summary_name_each_failure(tmp_path, workers):
    good = tmp_path / "good.txt"
    good.write_text(_body(4), encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": {"x": 1}, "text": "Laos and Thailand met."}\nnot json\n',
                   encoding="utf-8")
    r = run_bilat("ingest", str(good), str(bad), "--db", str(tmp_path / "s.duckdb"),
              "--workers", workers)
    assert r.returncode == 1
    err = r.stderr.decode()
    assert f"{bad}#1" in err and f"{bad}#2" in err and "Traceback" not in err
    assert b"stored 1" in r.stdout and b"failed 2" in r.stdout


def test_a_setting_that_cannot_be_read_is_named():
    r = subprocess.run([*BILAT, "ingest", "-", "--db", "x.duckdb"], input=b"", timeout=120,
                       capture_output=True, env={**os.environ, "BILAT_MAX_SECONDS": "soon"})
    err = r.stderr.decode()
    assert r.returncode == 2 and "BILAT_MAX_SECONDS='soon'" in err and "Traceback" not in err


def test_sentence_length_limit_is_a_setting():
    run = ", ".join(f"Laos and Thailand held talks in Vientiane on {1 + i % 27} May 2024"
                    for i in range(40))
    raw = RawDocument(source="run.txt", doc_id="run", fmt="text", text=run)
    _, short = process_one(raw, Settings(max_sentence_chars=300))
    _, default = process_one(raw, Settings())
    assert short.events and all(len(e.evidence) <= 300 for e in short.events)
    assert any(len(e.evidence) > 300 for e in default.events)


def test_the_summary_counts_what_the_store_keeps(tmp_path, db_address):
    """Repeated rows of one document (the same event told twice in one sentence) are one in
    the store and one in the summary (issue #8: 261 said, 243 stored)."""
    text = ("Laos and Thailand held talks in Vientiane on 4 April 2024. " * 3
            + "Trade between Laos and Thailand reached 5 billion USD in 2023. " * 2)
    src = tmp_path / "r.txt"
    src.write_text(text, encoding="utf-8")
    store = open_store(db_address)
    summary = ingest([str(src)], store, Settings())
    counts = store.counts()
    store.close()
    assert (summary.events, summary.facts) == (counts["events"], counts["facts"])


def test_a_query_too_long_to_be_one_is_refused_at_once(tmp_path):
    import time

    src = tmp_path / "r.txt"
    src.write_text(_body(1), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run_bilat("ingest", str(src), "--db", str(db)).returncode == 0
    started = time.monotonic()
    r = run_bilat("search", "railway " * 15000, "--db", str(db))
    assert r.returncode == 2 and "at most 1000" in r.stderr.decode()
    assert time.monotonic() - started < 60
