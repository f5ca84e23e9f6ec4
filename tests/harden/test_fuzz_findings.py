"""Inputs the fuzzer (tests/fuzz, make fuzz) found faults with, kept as plain cases."""

from __future__ import annotations

import json

from bilat.batch import process_one
from bilat.config import Settings
from bilat.model import RawDocument, ReadError
from bilat.readers import read_bytes
from bilat.store import open_store

BODY = "Vietnam and Belgium held talks in Hanoi on May 5, 2023, and signed an agreement."


def _read(data: bytes, name: str) -> list:
    return list(read_bytes(data, name, name, Settings()))


def _no_internal_error(items: list) -> None:
    for item in items:
        assert not (isinstance(item, ReadError) and "internal error" in item.reason), item


def test_a_feed_declaring_an_encoding_that_is_none():
    data = (b'<?xml version="1.0" encoding="undefined"?><rss version="2.0"><channel>'
            b"<item><title>t</title><description>" + BODY.encode() + b"</description></item>"
            b"</channel></rss>")
    _no_internal_error(_read(data, "f.rss"))


def test_a_page_declaring_a_charset_that_is_none():
    for charset in (b"undefined", b"base64", b"rot13"):
        data = b'<meta charset="' + charset + b'"><p>' + BODY.encode() + b" \xe9\xe8</p>"
        (raw,) = _read(data, "p.html")
        doc, _ = process_one(raw)
        assert "Belgium" in doc.text


def test_a_record_whose_text_is_not_a_string():
    line = json.dumps({"id": "r", "text": float("inf"), "html": f"<p>{BODY}</p>"})
    (raw,) = _read(line.encode(), "r.jsonl")
    assert raw.text is None and "Belgium" in raw.html


def test_markup_the_date_finder_cannot_walk_still_gives_its_text():
    raw = RawDocument(source="m.html", doc_id="m", fmt="html",
                      html=f"<math><figure></figure><p>{BODY}")
    doc, extraction = process_one(raw)
    assert "Belgium" in doc.text and extraction.events


def test_any_raw_document_gives_a_storable_document(tmp_path):
    """Lone surrogates and odd codes in fields no reader set (a library caller's)."""
    raw = RawDocument(source="s\ud800", doc_id="d\udfff", fmt="text", text=BODY + " \ud893",
                      title="-5\n\ud893", published="\ud844", language="war",
                      url="http://x.example/\ud800")
    doc, extraction = process_one(raw)
    assert doc.language in (None, "en") and doc.published is None
    from bilat.ingest import IngestSummary, store_one

    store = open_store(tmp_path / "s.duckdb")
    summary = IngestSummary()
    store_one(store, doc, extraction, Settings(), summary)
    assert store.counts()["documents"] == 1
    store.close()


def test_a_day_and_month_with_no_year_never_leave_extraction_unfinished():
    """A dateline's day and month with nothing to give their year: no "XXXX-05-12"."""
    import re

    from bilat.extract import extract_document
    from bilat.model import Document

    text = ("Roma, 12 mag. (agenzia) – Il presidente italiano ha incontrato il presidente "
            "tunisino. I due presidenti hanno firmato un accordo sull'energia.")
    for language in ("it", "en"):
        doc = Document(doc_id="d", source="d", text=text, content_id="d", language=language)
        for e in extract_document(doc).events:
            for value in (e.date_start, e.date_end):
                assert value is None or re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value), e


def test_a_markdown_title_with_a_long_run_of_spaces_reads_at_once():
    import time

    data = b"# a" + b" " * 5000 + b". b\n\n" + BODY.encode()
    started = time.monotonic()
    (raw,) = _read(data, "a.md")
    assert time.monotonic() - started < 1 and raw.title.startswith("a")


def test_a_figure_past_any_real_one_is_no_figure():
    from bilat.extract import extract_document
    from bilat.model import Document

    for amount in ("1" + "0" * 309, "9" * 400 + " billion"):
        text = f"Two-way trade between Vietnam and Belgium reached {amount} USD in 2023."
        doc = Document(doc_id="x", source="x", text=text, content_id="x", language="en")
        assert all(f.value < 1e17 for f in extract_document(doc).facts)


def test_a_feed_entry_with_a_reference_to_no_character_keeps_the_feed():
    data = (b'<rss version="2.0"><channel><item><title>&#99999999999;</title><description>'
            + BODY.encode() + b"</description></item><item><title>ok</title><description>"
            + BODY.replace("May 5", "May 6").encode() + b"</description></item></channel></rss>")
    items = _read(data, "f.rss")
    assert len(items) == 2 and all(isinstance(i, RawDocument) for i in items)


def test_an_empty_feed_says_so():
    (err,) = _read(b'<rss version="2.0"><channel></channel></rss>', "f.rss")
    assert isinstance(err, ReadError) and "no entries" in err.reason


def test_a_feed_entry_whose_content_the_parser_leaves_empty():
    """An Atom entry the parser returns with no content and a summary of None (the input
    `make fuzz` generated, kept as it was found)."""
    from pathlib import Path

    data = (Path(__file__).parent / "data" / "feed-content-none.xml").read_bytes()
    items = _read(data, "a.xml")
    _no_internal_error(items)
    assert any(isinstance(i, RawDocument) for i in items)


def test_a_page_declaring_punycode_and_one_whose_guessed_codec_leaves_surrogates():
    """Two pages `make fuzz` found: "punycode" decodes "abc" but fails on a page; a codec
    guessed for another page left lone surrogates, which the language model refuses."""
    from pathlib import Path

    page = (b'<html><head><meta charset="punycode"></head><body><p>' + BODY.encode()
            + b' "quoted" \xe9\xe8\xea</p></body></html>')
    _no_internal_error(_read(page, "p.html"))
    data = (Path(__file__).parent / "data" / "html-surrogate-decode.htm").read_bytes()
    _no_internal_error(_read(data, "a.htm"))
