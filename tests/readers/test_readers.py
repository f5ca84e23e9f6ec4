"""Readers on real files: every format, every encoding, every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from bilat.config import Settings
from bilat.model import RawDocument, ReadError
from bilat.readers import read_inputs
from bilat.readers.text import split_title

SETTINGS = Settings()


def _read(*paths, settings=SETTINGS, stdin=None):
    return list(read_inputs([str(p) for p in paths], settings, stdin=stdin))


def _docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def _errors(items):
    return [i for i in items if isinstance(i, ReadError)]


def test_sample_corpus_reads_whole(samples):
    items = _read(samples)
    assert not _errors(items)
    docs = _docs(items)
    assert len(docs) == 23
    assert {d.fmt for d in docs} == {"html", "text", "jsonl", "warc", "feed"}
    by_id = {d.doc_id: d for d in docs}
    assert by_id["be-pm-brussels"].html and "<article>" in by_id["be-pm-brussels"].html
    assert by_id["kh-relations-vi"].published == "2023-06-24"
    assert by_id["kh-relations-vi"].language == "vi"


def test_title_layouts():
    assert split_title("A title here\n-----\nBody text.") == ("A title here", "Body text.")
    assert split_title("A title here\n=====\nBody.")[0] == "A title here"
    assert split_title("Short headline words\n\nBody follows here.")[0] == "Short headline words"
    assert split_title("A sentence that ends.\n\nBody.")[0] is None
    assert split_title("# Markdown title\n\nBody.") == ("Markdown title", "Body.")


def test_encodings(samples):
    by_id = {d.doc_id: d for d in _docs(_read(samples / "text"))}
    assert by_id["be-development-vi"].title.startswith("Hợp tác phát triển Việt Nam")
    assert "viện trợ không hoàn lại" in by_id["be-development-vi"].text
    assert by_id["jp-50-years"].title.startswith("Vietnam and Japan celebrate")


@pytest.mark.parametrize("encoding, text", [
    ("utf-16-le", "Việt Nam và Bỉ thiết lập quan hệ ngoại giao năm 1973."),
    ("utf-16-be", "Belgium and Vietnam signed a memorandum in Brussels."),
    ("cp1252", "Le président a reçu l'ambassadeur à Hanoï, déclarant « coopération »."),
    ("utf-8-sig", "Hai nước nhất trí thúc đẩy hợp tác kinh tế."),
])
def test_encoding_rows(tmp_path, encoding, text):
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = _docs(_read(path))
    assert doc.text == text


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Hai bên ký kết biên bản ghi nhớ.", "published":
                    "2024-01-02T10:00:00"}),
        "{not json",
        json.dumps({"id": "b", "title": "no body"}),
        json.dumps(["a list"]),
        json.dumps({"html": "<html><body><p>Some page text here.</p></body></html>"}),
    ]), encoding="utf-8")
    items = _read(path)
    docs, errors = _docs(items), _errors(items)
    assert [d.doc_id for d in docs][0] == "a" and docs[0].published == "2024-01-02"
    assert docs[1].html and len(docs[1].doc_id) == 16
    assert [e.source.rsplit("#", 1)[1] for e in errors] == ["2", "3", "4"]
    assert "malformed JSON" in errors[0].reason and "neither text nor html" in errors[1].reason


def test_dev_set_reads_completely(shared):
    docs = _docs(_read(shared / "dev" / "docs.jsonl"))
    assert len(docs) == 76 and len({d.doc_id for d in docs}) == 76


def test_warc_and_truncated_warc(samples, tmp_path):
    docs = _docs(_read(samples / "warc"))
    assert len(docs) == 2 and all(d.url and d.html for d in docs)
    data = (samples / "warc" / "news.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])
    items = _read(cut)
    assert len(_docs(items)) == 1
    (error,) = _errors(items)
    assert "truncated" in error.reason and error.source.endswith("cut.warc.gz")


def test_feeds(samples):
    docs = _docs(_read(samples / "feeds"))
    assert len(docs) == 4
    assert {d.published for d in docs} >= {"2025-03-31", "2023-06-03"}
    assert all(d.url and d.title and (d.html or d.text) for d in docs)


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n ", "empty"),
    ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    ("cut.html.gz", gzip.compress(b"<html><body>" + bytes(range(256)) * 40)[:300],
     "truncated gzip"),
    ("junk.gz", b"\x1f\x8b" + b"not really gzip at all", "gzip"),
])
def test_bad_inputs(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    (error,) = _read(path)
    assert isinstance(error, ReadError) and reason in error.reason
    assert error.source == str(path)


def test_oversized_and_missing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    (error,) = _read(big, settings=Settings(max_input_bytes=100))
    assert "limit" in error.reason
    (missing,) = _read(tmp_path / "nope.txt")
    assert "no such file" in missing.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    (error,) = _read(path)
    assert "permission" in error.reason


def test_batch_goes_on_after_bad_input(tmp_path, samples):
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("Headline of a story\n\nThe body of the story.")
    items = _read(tmp_path)
    assert len(_errors(items)) == 1 and len(_docs(items)) == 1


def test_stdin_is_sniffed():
    data = json.dumps({"id": "s1", "text": "Hai bên hội đàm tại Hà Nội."}).encode() + b"\n"
    (doc,) = _read("-", stdin=io.BytesIO(data))
    assert doc.doc_id == "s1" and doc.fmt == "jsonl"
    (page,) = _read("-", stdin=io.BytesIO(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>"))
    assert page.fmt == "html"


def test_directories_skip_other_files(tmp_path):
    (tmp_path / "notes.py").write_text("print('not news')")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.md").write_text("# A story\n\nBody of it.")
    docs = _docs(_read(tmp_path))
    assert [d.doc_id for d in docs] == ["story"]


def test_file_stem_drops_every_extension(tmp_path):
    path = tmp_path / "0a1b.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>Text of the page.</p></body></html>"))
    (doc,) = _docs(_read(path))
    assert doc.doc_id == "0a1b" and doc.fmt == "html"
