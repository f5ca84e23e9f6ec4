"""Hybrid search over a real store (a DuckDB file, a PostgreSQL database) holding the sample
corpus."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bilat.config import Settings
from bilat.ingest import ingest
from bilat.know import index as index_module
from bilat.know.embed import get_embedder
from bilat.know.index import build_index, kmeans, maintain, search
from bilat.know.search import (
    Filters,
    Stats,
    bm25_top,
    date_hi,
    date_lo,
    informative,
    query_terms,
    rrf,
    tokenize,
)
from bilat.store import open_store
from bilat.store.search_index import postings_sql

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"


@pytest.fixture(scope="module")
def indexed(module_db_address) -> str:
    """The sample corpus ingested and indexed once for the module (embedding takes seconds);
    tests read or change copies of it (copy_db)."""
    db = module_db_address
    store = open_store(db)
    try:
        ingest([str(SAMPLES)], store, Settings(db_path=db))
        build_index(store, get_embedder())
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def store(indexed, copy_db):
    s = open_store(copy_db(indexed), read_only=True)
    yield s
    s.close()


def run(store, query: str, limit: int = 10, **filters):
    return search(store, get_embedder(), query, Filters(**filters), limit)


def test_pure_parts():
    assert tokenize("Chủ tịch Thượng viện Bỉ") == ["chu", "tich", "thuong", "vien", "bi"]
    assert tokenize("Bi") == tokenize("Bỉ") == ["bi"]
    terms = query_terms("the Belgian visit")
    assert "the" not in terms and {"belgian", "visit", "@be", "@visit"} <= set(terms)
    assert set(query_terms("hợp tác")) == {"hop", "tac"}  # all stopwords: kept
    assert (date_lo("2023-08"), date_hi("2023")) == ("2023-08-01", "2023-12-31")
    fused = rrf([[1, 2, 3], [3, 1]])
    assert [n for n, _ in fused] == [1, 3, 2]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)
    stats = Stats.from_rows([(None, 0, 10.0, 50.0), (None, 1, 20.0, 12.0), ("visit", 0, 2.0, None)])
    assert stats.idf("visit", 0) == pytest.approx(math.log(1 + 8.5 / 2.5))
    assert stats.idf("visit", 1) == pytest.approx(math.log(1 + 20.5 / 0.5))
    sql, params = postings_sql(Counter({"visit": 1, "belgian": 2}), 100)
    assert "search_postings WHERE term = ? AND kind IN (0, 1) AND rank < ?" in sql
    assert params == ["belgian", 100, "visit", 100]
    rows = {"t": np.array([0, 1, 1, 1]), "item_no": np.array([4, 4, 7, 9]),
            "kind": np.array([0, 0, 0, 1]), "w": np.array([1.0, 1.0, 2.0, 1.0])}
    terms = Counter({"belgian": 1, "visit": 1})
    assert bm25_top(rows, terms, stats, 5) == [4, 9, 7]  # both terms; rarer among events
    assert bm25_top(rows, terms, stats, 5, keep=np.array([False] * 8 + [True] * 2)) == [9]
    assert set(informative(Counter({"visit": 1, "vietnam": 1, "zzz": 1}), Stats.from_rows(
        [(None, 0, 10.0, 50.0), ("visit", 0, 2.0, None), ("vietnam", 0, 9.0, None)]))) == {
        "visit"}
    with pytest.raises(ValueError):
        Filters(since="August 2023")


def test_kmeans_finds_clusters():
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((4, 16)).astype(np.float32)
    x = np.repeat(centres, 50, axis=0) + 0.05 * rng.standard_normal((200, 16)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    found = kmeans(x, 4, seed=1)
    assert (found @ (centres / np.linalg.norm(centres, axis=1, keepdims=True)).T).max(0).min() \
        > 0.99


def test_english_query_finds_vietnamese_report(store):
    hits = run(store, "Belgian Senate president visit")
    assert hits[0].doc_id == "be-senate-visit-en"
    assert any(h.doc_id == "be-senate-visit-vi" and h.language == "vi" for h in hits)
    assert {"document", "event"} <= {h.kind for h in hits}


def test_vietnamese_query_finds_english_report(store):
    hits = run(store, "Chủ tịch Thượng viện Bỉ sang thăm Việt Nam")
    assert hits[0].doc_id == "be-senate-visit-vi"
    assert any(h.doc_id == "be-senate-visit-en" and h.language == "en" for h in hits)


def test_filters_filter(store):
    query = "official visit"
    for h in run(store, query, 30, countries=("JP",)):
        assert "JP" in h.countries
    visits = run(store, query, 30, types=("visit",))
    assert visits and all("VISIT" in h.type for h in visits)
    assert any(h.kind == "document" for h in visits)
    dated = run(store, query, 30, since="2023-01", until="2023-12")
    assert dated and all("2023-01-01" <= date_lo(h.date) <= date_hi(h.date) <= "2023-12-31"
                         for h in dated)
    unfiltered = {h.id for h in run(store, query, 60)}
    assert unfiltered - {h.id for h in dated}  # something really was left out
    vi = run(store, query, 30, languages=("vi",))
    assert vi and all(h.language == "vi" for h in vi)
    docs = run(store, query, 30, kinds=("document",), countries=("BE",), languages=("en",))
    assert docs and all(h.kind == "document" and "BE" in h.countries and h.language == "en"
                        for h in docs)
    assert run(store, query, countries=("ZZ",)) == []


def test_lists_and_ranked_postings(indexed, copy_db, monkeypatch):
    """The paths of a large store on the small one: IVF lists, postings sorted and ranked,
    read a few per term, filtered items found list by list."""
    db = copy_db(indexed)
    for name, value in (("IVF_MIN", 20), ("LIST_SIZE", 8), ("BRUTE_MAX", 5),
                        ("PROBE_VECTORS", 24), ("PROBE_FILTERED", 12), ("TOP_POSTINGS", 3),
                        ("FILTERED_POSTINGS", 2)):
        monkeypatch.setattr(index_module, name, value)
    store = open_store(db)
    try:
        retrained, resorted = maintain(store, force=True)
        assert retrained and "search_postings" in resorted
        assert store.con.execute("SELECT max(rank) FROM search_postings").fetchone()[0] > 3
        hits = run(store, "Belgian Senate president visit")
        assert hits[0].doc_id == "be-senate-visit-en"
        visits = run(store, "official visit", 30, types=("visit",))
        assert visits and all("VISIT" in h.type for h in visits)
        vi = run(store, "official visit", 30, languages=("vi",))
        assert vi and all(h.language == "vi" for h in vi)
        assert any(h.vector_rank for h in vi) and any(h.bm25_rank for h in vi)
        # the filtered vectors read as whole lists (masked) or looked up item by item: the
        # same candidates either way
        for filters in ({"languages": ("vi",)}, {"countries": ("BE",)},
                        {"types": ("visit",), "since": "2023"}):
            monkeypatch.setattr(index_module, "LIST_READ_RATIO", 10_000)
            whole = run(store, "official visit", 30, **filters)
            monkeypatch.setattr(index_module, "LIST_READ_RATIO", 0)
            assert run(store, "official visit", 30, **filters) == whole and whole
    finally:
        store.close()


def test_undated_document_dated_by_latest_event(store):
    hits = run(store, "Bỉ ngừng viện trợ", 30, kinds=("document",), since="2023-03",
               until="2023-03")
    # No publication date; events of 1973 and 2023-03-22: the latter dates the document.
    assert [h.doc_id for h in hits] == ["be-50-years-vi"] and hits[0].date == "2023-03-22"


def test_indexing_twice_changes_nothing(indexed, copy_db):
    db = copy_db(indexed)
    store = open_store(db)
    try:
        tables = ("search_items", "search_postings", "search_vectors", "event_vectors")

        digest = ("sum(hash(COLUMNS(*)))" if store.dialect.name == "duckdb"
                  else "md5(string_agg(t::text, ',' ORDER BY t::text))")

        def snapshot():
            return {t: store.con.execute(f"SELECT count(*), {digest} FROM {t} t")
                    .fetchall() for t in tables}

        before = snapshot()
        summary = build_index(store, get_embedder())
        assert (summary.documents, summary.events) == (0, 0)
        assert snapshot() == before
        assert before["search_items"][0][0] == before["search_vectors"][0][0] > 50
    finally:
        store.close()


def test_cli_search_json(indexed, copy_db):
    db = copy_db(indexed)
    env = {**os.environ, "COLUMNS": "200"}
    r = subprocess.run([sys.executable, "-m", "bilat.cli", "search", "Belgian Senate visit",
                        "--db", str(db), "--json", "--limit", "5", "--country", "BE"],
                       capture_output=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert 0 < len(rows) <= 5 and all("BE" in row["countries"] for row in rows)
    assert {"rank", "score", "kind", "date", "doc_id", "title", "text"} <= set(rows[0])
    r = subprocess.run([sys.executable, "-m", "bilat.cli", "search", "visit", "--db", str(db),
                        "--since", "soon"], capture_output=True, env=env, timeout=300)
    assert r.returncode == 2 and b"YYYY" in r.stderr


def test_cli_search_indexes_a_fresh_store(db_address):
    db = db_address
    env = {**os.environ, "COLUMNS": "200"}
    cli = [sys.executable, "-m", "bilat.cli"]
    r = subprocess.run([*cli, "ingest", str(SAMPLES / "jsonl"), "--db", str(db)],
                       capture_output=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*cli, "search", "Cambodia", "--db", str(db), "--limit", "3"],
                       capture_output=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert b"3 results" in r.stdout
    r = subprocess.run([*cli, "index", "--db", str(db)], capture_output=True, env=env,
                       timeout=300)
    assert r.returncode == 0 and b"indexed 0 documents, 0 events" in r.stdout


def test_build_reads_pending_ids_a_page_at_a_time(indexed, db_address, monkeypatch):
    """Pages of a few ids (the first build over millions reads 20,000 at a time): every
    document and event indexed once, the same items as a build in one page."""
    monkeypatch.setattr(index_module, "ID_PAGE", 7)
    store = open_store(db_address)
    try:
        ingest([str(SAMPLES)], store, Settings(db_path=db_address))
        summary = build_index(store, get_embedder())
        items = store.con.execute("SELECT kind, ref_id FROM search_items").fetchall()
    finally:
        store.close()
    whole = open_store(indexed, read_only=True)
    try:
        expected = whole.con.execute("SELECT kind, ref_id FROM search_items").fetchall()
    finally:
        whole.close()
    assert len(items) == len(set(items)) == summary.documents + summary.events
    assert sorted(items) == sorted(expected) and summary.documents > 7 < summary.events


def test_lists_bounded_in_number(indexed, copy_db, monkeypatch):
    """Past MAX_LISTS a larger store gets longer lists, not more of them, trained on at most
    SAMPLE_MAX vectors: the build's memory does not grow with the store."""
    for name, value in (("IVF_MIN", 20), ("LIST_SIZE", 4), ("MAX_LISTS", 3),
                        ("SAMPLE_MAX", 40)):
        monkeypatch.setattr(index_module, name, value)
    store = open_store(copy_db(indexed))
    try:
        maintain(store, force=True)
        lists = store.con.execute("SELECT count(*), count(DISTINCT list_id) FROM "
                                  "search_centroids").fetchone()
        used = store.con.execute("SELECT count(DISTINCT list_id) FROM search_vectors"
                                 ).fetchone()[0]
        assert lists == (3, 3) and 1 < used <= 3
        hits = run(store, "Belgian Senate president visit")
        assert hits[0].doc_id == "be-senate-visit-en"
    finally:
        store.close()
