"""The sample corpus is well formed on its own: every file parses with the standard tools."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import feedparser
import yaml
from warcio.archiveiterator import ArchiveIterator

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"
ITEMS = SAMPLES.parent / "items.yaml"


def _items() -> list[dict]:
    return yaml.safe_load(ITEMS.read_text(encoding="utf-8"))["items"]


def test_enough_items_in_both_languages():
    items = _items()
    assert len(items) >= 20
    langs = {i.get("language") for i in items}
    assert {"en", "vi"} <= langs


def test_every_format_is_present_and_parses():
    assert (SAMPLES / "html" / "be-senate-visit-en.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>")
    assert b"<html" in gzip.decompress((SAMPLES / "html" / "be-pm-brussels.html.gz").read_bytes())
    records = [json.loads(line) for line in
               (SAMPLES / "jsonl" / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5 and all(r["id"] and r["text"] for r in records)
    with (SAMPLES / "warc" / "news.warc.gz").open("rb") as fh:
        responses = [r for r in ArchiveIterator(fh) if r.rec_type == "response"]
    assert len(responses) == 2
    for name, n in (("news.rss", 2), ("news.atom", 2)):
        feed = feedparser.parse((SAMPLES / "feeds" / name).read_bytes())
        assert not feed.bozo and len(feed.entries) == n


def test_encodings_decode_as_stated():
    cp = (SAMPLES / "text" / "be-development-vi.txt").read_bytes()
    with_marks = unicodedata.normalize("NFC", cp.decode("cp1258"))
    assert "Hợp tác phát triển" in with_marks
    utf16 = (SAMPLES / "text" / "jp-50-years.txt").read_bytes()
    assert utf16[:2] in (b"\xff\xfe", b"\xfe\xff") and "Japan" in utf16.decode("utf-16")


def test_every_file_is_listed_in_the_readme():
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    data_files = [p for p in SAMPLES.rglob("*") if p.is_file()]
    assert data_files
    for p in data_files:
        assert str(p.relative_to(SAMPLES)) in readme, p
