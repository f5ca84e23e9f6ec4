"""Inputs that are not what they seem: special files, multi-member gzip, WARC garbage, names
that are not UTF-8 (issue #8, cases 4 and 6)."""

from __future__ import annotations

import gzip
import os

import pytest

from bilat.config import Settings
from bilat.ingest import ingest
from bilat.model import RawDocument, ReadError
from bilat.readers import read_bytes, read_inputs
from bilat.store import open_store

ONE = "Laos and Thailand held talks in Vientiane on 4 April 2024 on a new railway link."
TWO = "Chile and Peru signed a fisheries accord in Lima on 12 June 2024 after long talks."


def test_directory_entries_that_are_no_regular_files_are_skipped(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    out = {os.path.basename(i.source): i for i in read_inputs([str(tmp_path)], Settings())}
    assert isinstance(out["real.txt"], RawDocument) and isinstance(out["link.txt"], RawDocument)
    assert "a device" in out["zero.txt"].reason
    assert "a named pipe" in out["pipe.txt"].reason
    assert isinstance(out["loop.txt"], ReadError)


def test_a_device_named_on_the_command_line_is_read_only_up_to_the_limit(tmp_path):
    (err,) = read_inputs(["/dev/zero"], Settings(max_input_bytes=1000))
    assert isinstance(err, ReadError) and "1000-byte limit" in err.reason


def test_every_gzip_member_is_read():
    data = gzip.compress(ONE.encode()) + gzip.compress(("\n\n" + TWO).encode())
    (doc,) = read_bytes(data, "two.txt.gz", "two.txt.gz", Settings())
    assert "Vientiane" in doc.text and "Lima" in doc.text


def test_damaged_gzip_after_a_whole_member_is_an_error():
    data = gzip.compress(ONE.encode()) + b"\x1f\x8bgarbage"
    (err,) = read_bytes(data, "cut.txt.gz", "cut.txt.gz", Settings())
    assert isinstance(err, ReadError) and "gzip" in err.reason


@pytest.mark.parametrize("data", [
    b"WARC/1.0\r\n\r\n" + bytes(range(256)) * 3,
    b"WARC/1.0\nzzzz",
    b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
])
def test_a_warc_that_gives_no_page_says_so(data):
    out = list(read_bytes(data, "x.warc", "x.warc", Settings()))
    assert out and all(isinstance(o, ReadError) for o in out)


def test_a_file_name_that_is_not_utf8_is_stored_and_shown(tmp_path):
    name = os.fsdecode(b"bad-\xff.txt")
    (tmp_path / name).write_text(ONE, encoding="utf-8")
    store = open_store(tmp_path / "s.duckdb")
    summary = ingest([str(tmp_path)], store, Settings())
    assert summary.stored == 1 and not summary.failed
    (row,) = store.list_documents()
    assert row["doc_id"] == "bad-\\xff" and row["source"].endswith("bad-\\xff.txt")
    store.close()
