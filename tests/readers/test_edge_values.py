"""Values inputs state about themselves, checked at the edge (readers/fields.py)."""

from __future__ import annotations

import json

import pytest

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.model import RawDocument, ReadError
from bilat.readers import read_bytes
from bilat.readers.fields import (
    clean_str,
    display_path,
    language_code,
    published_date,
    record_id,
)


@pytest.mark.parametrize(("given", "want"), [
    ("2023-08-21", "2023-08-21"),
    ("2023-08-21T09:30:00Z", "2023-08-21"),
    ("2023-08-21T09:30:00+07:00", "2023-08-21"),
    ("21.08.2023", "2023-08-21"),
    ("21/08/2023", "2023-08-21"),
    ("Mon, 21 Aug 2023 09:30:00 +0000", "2023-08-21"),
    ("2023-08", "2023-08"),
    ("2023", "2023"),
    ("abcd", None),
    ("", None),
    ("0001-01-01", None),
    ("9999-12-31", None),
    ("2023-13-45", None),
    ("2023-02-30", None),
    ("31.02.2023", None),
    ("2023-13", None),
    (20230821, None),
    (None, None),
])
def test_published_dates_are_real_dates_or_none(given, want):
    assert published_date(given) == want


@pytest.mark.parametrize(("given", "want"), [
    ("en", "en"), ("EN", "en"), ("en-US", "en"), ("vi_VN", "vi"), ("vn", "vi"),
    ("Vietnamese", "vi"), ("fra", "fr"), ("deu", "de"), ("pt-BR", "pt"), ("ita", "it"),
    ("id", "id"), ("in", "id"), ("zh-Hans", "zh"), ("cz", "cs"),
    ("xx", None), ("war", None), ("", None), ("123", None), (7, None), (None, None),
    ("../../etc", None),
])
def test_language_codes_are_iso_639_1_or_none(given, want):
    assert language_code(given) == want


def test_record_ids():
    assert record_id("abc-1") == "abc-1"
    assert record_id(12345) == "12345"
    assert record_id(None) is None and record_id("") is None and record_id("  ") is None
    for bad in ({"a": 1}, [1, 2], True, "a\x00b", "x" * 600):
        with pytest.raises(BadInput):
            record_id(bad)


def test_lone_surrogates_become_replacement_characters():
    assert clean_str("ok") == "ok"
    assert clean_str("a\ud800b") == "a\ufffdb"
    assert clean_str("\ud83d\ude00") == "\U0001F600"  # a pair written as two escapes
    clean_str("a\udfffb").encode("utf-8")


def test_display_path_of_a_name_that_is_not_utf8():
    import os

    name = os.fsdecode(b"report-\xff.txt")
    shown = display_path(name)
    assert shown == "report-\\xff.txt"
    shown.encode("utf-8")


def _records(*records: dict | str) -> list:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return list(read_bytes(data, "r.jsonl", "r.jsonl", Settings()))


BODY = "Laos and Thailand opened a new bridge over the Mekong on 3 March 2024, officials said."


def test_record_values_validated_at_the_edge():
    out = _records(
        {"id": "a", "published": "21.08.2023", "language": "vn", "text": BODY},
        {"id": "b", "published": "9999-12-31", "language": "war", "text": BODY},
        {"id": 7, "published": "abcd", "language": "xx", "text": BODY, "title": 5},
        {"id": {"nested": 1}, "text": BODY},
        '{"id": "s", "text": "Laos \\ud800 and Thailand met on 3 March 2024."}',
        "[" * 100_000,
        '{"id": "n", "text": "x", "v": ' + "9" * 5000 + "}",
    )
    a, b, c, nested, surrogate, deep, big_number = out
    assert (a.published, a.language) == ("2023-08-21", "vi")
    assert (b.published, b.language) == (None, None)
    assert (c.doc_id, c.published, c.language, c.title) == ("7", None, None, None)
    assert isinstance(nested, ReadError) and "id must be" in nested.reason
    assert isinstance(surrogate, RawDocument) and "\ufffd" in surrogate.text
    assert isinstance(deep, ReadError) and deep.source == "r.jsonl#6"
    assert isinstance(big_number, ReadError) and big_number.source == "r.jsonl#7"
