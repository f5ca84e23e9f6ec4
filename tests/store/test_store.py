"""The store on both backends (a DuckDB file, a PostgreSQL database): migrations, round
trips, duplicates, transactions, and clear errors for a store that cannot be opened."""

from __future__ import annotations

import pytest

from bilat.config import Settings
from bilat.dedupe import bands, signature, similarity
from bilat.ingest import IngestSummary, ingest, store_one
from bilat.model import Document, Event, Extraction, Fact
from bilat.store import StoreError, open_store

TEXT = ("Vietnam and Belgium signed three agreements on agriculture, ports and education "
        "during the visit of the Belgian Prime Minister to Hanoi on Monday, officials said. "
        "The two sides also agreed to raise trade to new levels within the next five years.")


def _doc(text: str = TEXT, doc_id: str = "d1") -> Document:
    from bilat.clean import content_id

    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text,
                    content_id=content_id(text), title="A title", published="2024-05-06",
                    language="en")


def _extraction() -> Extraction:
    event = Event(type="AGREEMENT", plover="SUPPORT", actors=("BE", "VN"),
                  date_start="2024-05-06", status="happened", evidence="signed three agreements",
                  people=("Alexander De Croo",), sentence=0, start=0, end=40)
    fact = Fact(metric="TRADE_TOTAL", source_country="VN", target_country="BE",
                value=4.5e9, unit="USD", period="2022", evidence="trade", sentence=1)
    return Extraction(events=(event,), facts=(fact,))


def test_migrations_on_empty_store_and_reopen(db_address):
    path = db_address
    store = open_store(path)
    assert store.version >= 1
    store.close()
    again = open_store(path)
    assert again.version >= 1 and again.counts()["documents"] == 0
    again.close()


def test_not_a_store(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError):
        open_store(path)


def test_round_trip(db_address):
    store = open_store(db_address)
    doc = _doc()
    summary = IngestSummary()
    store_one(store, doc, _extraction(), Settings(), summary)
    assert summary.stored == 1 and summary.events == 1 and summary.facts == 1
    (cid,) = store.find_documents("d1")
    got = store.get_document(cid)
    assert got["text"] == TEXT and got["events"][0]["actors"] == ["BE", "VN"]
    assert got["events"][0]["people"] == ["Alexander De Croo"]
    assert got["facts"][0]["value"] == 4.5e9 and got["facts"][0]["period"] == "2022"
    assert store.find_documents(cid[:6]) == [cid]
    store.close()


def test_exact_and_near_duplicates(db_address):
    store = open_store(db_address)
    summary = IngestSummary()
    settings = Settings()
    store_one(store, _doc(), _extraction(), settings, summary)
    store_one(store, _doc(doc_id="copy"), _extraction(), settings, summary)
    edited = TEXT.replace("on Monday", "on Monday morning").replace("officials said",
                                                                     "officials told reporters")
    store_one(store, _doc(edited, "edited"), _extraction(), settings, summary)
    other = ("Heavy rain flooded several streets in the capital on Tuesday, and the weather "
             "service warned that more storms would reach the coast by the end of the week.")
    store_one(store, _doc(other, "other"), Extraction(), settings, summary)
    assert (summary.stored, summary.exact_duplicates, summary.near_duplicates) == (2, 1, 1)
    counts = store.counts()
    assert counts["documents"] == 3 and counts["duplicates"] == 1 and counts["events"] == 1
    store.close()


def test_similarity_of_signatures():
    a, b = signature(TEXT), signature(TEXT.replace("Monday", "Tuesday"))
    assert similarity(a, a) == 1.0 and 0.5 < similarity(a, b) < 1.0
    assert len(bands(a)) == 16


def test_ingest_twice_changes_nothing(db_address, samples):
    path = db_address
    store = open_store(path)
    first = ingest([str(samples)], store, Settings())
    counts = store.counts()
    second = ingest([str(samples)], store, Settings())
    assert first.stored > 20 and second.stored == 0 and store.counts() == counts
    store.close()


def test_failure_mid_batch_keeps_earlier_data(db_address, samples, monkeypatch):
    path = db_address
    store = open_store(path)
    ingest([str(samples / "jsonl")], store, Settings())
    before = store.counts()

    real = type(store).flush

    def exploding(self):
        real(self)  # the rows reach the open transaction, then the process fails
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(type(store), "flush", exploding)
    with pytest.raises(RuntimeError):
        ingest([str(samples / "html")], store, Settings())
    assert store.counts() == before  # the open batch rolled back whole
    store.close()
    reopened = open_store(path)
    assert reopened.counts() == before
    reopened.close()


def test_a_pool_of_workers_stores_what_one_process_stores(make_db, samples):
    one = open_store(make_db())
    ingest([str(samples)], one, Settings(workers=1))
    pool = open_store(make_db())
    summary = ingest([str(samples)], pool, Settings(workers=2))
    assert summary.failed == [] or all(f.source for f in summary.failed)
    for table in ("documents", "events", "facts"):
        rows = ("SELECT content_id, doc_id, source, url, title, published, language, site, "
                "byline, dateline, text, duplicate_of FROM documents" if table == "documents"
                else f"SELECT * FROM {table}")
        a = sorted(map(str, one.con.execute(rows).fetchall()))
        b = sorted(map(str, pool.con.execute(rows).fetchall()))
        assert a == b, table
    one.close()
    pool.close()


def test_readers_never_see_half_a_batch(db_address, samples):
    """A batch flushed but not committed is invisible to another reader; committed, it is
    seen whole (a reader is another cursor on DuckDB, another connection on PostgreSQL)."""
    store = open_store(db_address)
    settings = Settings()
    store.begin()
    store_one(store, _doc(), _extraction(), settings, IngestSummary())
    with store.reader() as view:
        assert view.counts()["documents"] == 0
        store.commit()
        assert view.counts() == {"documents": 1, "events": 1, "facts": 1, "duplicates": 0}
    store.begin()
    store_one(store, _doc(TEXT + " More.", "d2"), _extraction(), settings, IngestSummary())
    store.rollback()
    with store.reader() as view:
        assert view.counts()["documents"] == 1
    store.close()


def test_a_read_only_store_refuses_writes(db_address):
    open_store(db_address).close()
    store = open_store(db_address, read_only=True)
    try:
        with pytest.raises(Exception):  # noqa: B017 - each backend's own error
            store.con.execute("DELETE FROM documents")
    finally:
        store.close()


# -- PostgreSQL addresses ---------------------------------------------------------------------

def test_an_address_is_a_postgresql_store_and_a_path_a_duckdb_file(tmp_path):
    from bilat.store import is_address, redact

    assert is_address("postgresql://u:p@h/db") and is_address("postgres://h/db")
    assert not is_address(str(tmp_path / "s.duckdb")) and not is_address(tmp_path)
    assert redact("postgresql://bilat:s3cret@db.example:5432/rec") == \
        "postgresql://bilat:***@db.example:5432/rec"
    assert "s3cret" not in redact("postgresql://db.example/rec?user=u&password=s3cret")
    assert redact("postgresql://db.example/rec") == "postgresql://db.example/rec"


def _refused(address: str) -> str:
    with pytest.raises(StoreError) as caught:
        open_store(address)
    message = str(caught.value)
    assert "\n" not in message and "secret-pw" not in message and "Traceback" not in message
    return message


def test_a_server_out_of_reach_is_one_clear_line():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    message = _refused(f"postgresql://bilat:secret-pw@127.0.0.1:{port}/nothing")
    assert "cannot reach the PostgreSQL server" in message
    assert f"postgresql://bilat:***@127.0.0.1:{port}/nothing" in message


def test_bad_credentials_and_a_missing_database_are_named(pg_server):
    message = _refused(pg_server.address("postgres", password="secret-pw"))
    assert "refused these credentials" in message and "bilat:***@" in message
    message = _refused(pg_server.address("no_such_db"))
    assert "no such database" in message and "no_such_db" in message


def test_an_empty_database_read_is_no_store(pg_server):
    with pytest.raises(StoreError, match="no bilat store"):
        open_store(pg_server.new_database(), read_only=True)


def test_readers_in_threads_each_have_their_own_connection(db_address, samples):
    """A server's request threads read at once, each through its own view (a cursor on
    DuckDB, a pooled connection on PostgreSQL), while the store writes."""
    from concurrent.futures import ThreadPoolExecutor

    store = open_store(db_address)
    ingest([str(samples / "jsonl")], store, Settings())
    expected = store.counts()

    def read(_: int) -> tuple[dict, int]:
        with store.reader() as view:
            return view.counts(), len(view.list_documents(3))

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(read, range(30)))
        store.begin()  # a batch being written meanwhile is seen by none of them
        store_one(store, _doc(), _extraction(), Settings(), IngestSummary())
        more = list(pool.map(read, range(12)))
        store.rollback()
    assert all(r == (expected, 3) for r in results + more)
    store.close()


def test_a_new_migration_in_duckdb_sql_runs_on_both(db_address, monkeypatch):
    """A migration appended to MIGRATIONS, written in DuckDB's SQL (types, defaults, a
    sequence), applies on either backend without backend code of its own."""
    from bilat.store import base
    from bilat.store.migrations import MIGRATIONS

    open_store(db_address).close()
    extra = """
    CREATE SEQUENCE appended_seq;
    CREATE TABLE appended_rows (
        seq BIGINT DEFAULT nextval('appended_seq') PRIMARY KEY,
        merged_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        flags UTINYINT,
        score DOUBLE,
        payload BLOB,
        changed_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE INDEX appended_rows_id ON appended_rows (merged_id);
    ALTER TABLE appended_rows ADD COLUMN actors VARCHAR[];
    """
    monkeypatch.setattr(base, "MIGRATIONS", [*MIGRATIONS, extra])
    store = open_store(db_address)
    try:
        assert store.version == len(MIGRATIONS) + 1
        store.con.execute("INSERT INTO appended_rows (merged_id, kind, flags, score, payload, "
                          "actors) VALUES (?, ?, ?, ?, ?, ?)",
                          ["m1", "added", 3, 0.5, b"\x00\x01", ["BE", "VN"]])
        row = store.con.execute("SELECT seq, merged_id, kind, flags, score, payload, actors, "
                                "changed_at IS NOT NULL FROM appended_rows").fetchone()
        assert row == (1, "m1", "added", 3, 0.5, b"\x00\x01", ["BE", "VN"], True)
    finally:
        store.close()


def test_the_environment_names_the_store_bilat_db_first():
    assert Settings.from_env({}).db_path == "bilat.duckdb"
    assert Settings.from_env({"BILAT_DB_PATH": "old.duckdb"}).db_path == "old.duckdb"
    both = {"BILAT_DB": "postgresql://h/rec", "BILAT_DB_PATH": "old.duckdb"}
    assert Settings.from_env(both).db_path == "postgresql://h/rec"


def test_a_memory_ceiling_holds_meanwhile_and_is_lifted_after(db_address):
    """DuckDB's buffers capped for a rebuild or an index build, its setting restored even
    when the work fails; PostgreSQL's memory is the server's (nothing to set)."""
    store = open_store(db_address)
    try:
        if store.dialect.name != "duckdb":
            with store.memory_ceiling("300MB"):
                assert store.counts()["documents"] == 0
            return

        def limit() -> str:
            return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

        before = limit()
        with pytest.raises(RuntimeError), store.memory_ceiling("300MB"):
            assert limit() != before and limit().endswith("MiB")
            raise RuntimeError("the work failed")
        assert limit() == before
    finally:
        store.close()


def test_columns_come_as_numpy_arrays_on_both_backends(db_address):
    """Store.columns: numbers as numbers (PostgreSQL packs them into one value per column),
    blobs as bytes; text, NULLs and blobs of mixed widths taken row by row on PostgreSQL;
    no rows gives empty columns."""
    import numpy as np

    store = open_store(db_address)
    try:
        store.con.execute("CREATE TABLE cols (i INTEGER, s SMALLINT, b BIGINT, f FLOAT, "
                          "d DOUBLE, v BLOB, t VARCHAR)")
        store.insert_rows("cols", [[k, k % 3, 10**12 + k, k / 4, k / 8,
                                    bytes([k, 255 - k]), f"t{k}"] for k in range(5)])
        got = store.columns("SELECT i, s, b, f, d, v FROM cols WHERE i >= ? ORDER BY i", [1])
        assert got["i"].tolist() == [1, 2, 3, 4] and got["i"].dtype.kind == "i"
        assert got["s"].tolist() == [1, 2, 0, 1] and got["b"].tolist()[0] == 10**12 + 1
        assert got["f"].tolist() == [0.25, 0.5, 0.75, 1.0] and got["d"][3] == 0.5
        assert list(got["v"]) == [bytes([k, 255 - k]) for k in range(1, 5)]
        assert store.columns("SELECT i FROM cols WHERE i > ?", [9])["i"].tolist() == []
        store.con.execute("INSERT INTO cols (i, v) VALUES (9, ?)", [b"abc"])
        mixed = store.columns("SELECT i, v, t FROM cols ORDER BY i", [])
        assert list(mixed["v"])[-2:] == [bytes([4, 251]), b"abc"]
        assert list(mixed["t"])[:5] == ["t0", "t1", "t2", "t3", "t4"]
        # (a NULL reads as None here, masked on DuckDB: no caller reads NULLs this way)
        nulls = store.columns("SELECT s FROM cols ORDER BY i", [])["s"]
        assert list(nulls)[:5] == [0, 1, 2, 0, 1] and len(nulls) == 6
        assert np.asarray(store.columns("SELECT count(*) AS n FROM cols", [])["n"])[0] == 6
    finally:
        store.close()
