"""`bilat batch` + `bilat load` store what `bilat ingest` stores from the same inputs,
document for document, on both backends; loading twice changes nothing; a near-duplicate in
another shard is stored as a duplicate."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bilat.cli import app
from bilat.store import open_store


def _stored(db: str) -> dict[str, tuple]:
    """Every stored document by content id: its doc id, source, what it duplicates, and the
    ids of its events and facts."""
    store = open_store(db, read_only=True)
    try:
        out = {}
        for row in store.list_documents():
            doc = store.get_document(row["content_id"])
            out[row["content_id"]] = (
                doc["doc_id"], doc["source"], doc["duplicate_of"],
                sorted(e["id"] for e in doc["events"]), sorted(f["id"] for f in doc["facts"]))
        return out
    finally:
        store.close()


def _invoke(*args: str) -> str:
    r = CliRunner().invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def test_batch_then_load_stores_what_ingest_stores(sample_batch, samples, make_db):
    ingested, loaded = make_db(), make_db()
    # the batch names its inputs by absolute path (a worker may run in another folder)
    _invoke("ingest", str(samples.resolve()), "--db", ingested)
    first = _invoke("load", str(sample_batch), "--db", loaded)
    expected = _stored(ingested)
    got = _stored(loaded)
    assert got == expected
    assert len(got) == 22  # 23 documents read: one exact copy, and a near one kept as a link
    assert sum(1 for d in got.values() if d[2] is not None) == 1
    assert sum(len(d[3]) for d in got.values()) == 39
    assert "merged 39 reports" in first

    again = _invoke("load", str(sample_batch), "--db", loaded)
    assert "stored 0" in again and "5 already stored" in again
    assert _stored(loaded) == expected


def test_a_load_cut_short_is_completed_by_the_next(batch_copy, samples, tmp_path):
    """A killed load has committed the documents of its first batches: what it left is a
    load of the first shards. Loading again stores the rest, as one whole load would."""
    entries = sorted((batch_copy / "manifest").glob("*.json"),
                     key=lambda p: json.loads(p.read_text())["order"])
    later = tmp_path / "later"
    later.mkdir()
    for entry in entries[2:]:
        entry.rename(later / entry.name)
    db, ingested = str(tmp_path / "load.duckdb"), str(tmp_path / "ingest.duckdb")
    assert "shards 2 " in _invoke("load", str(batch_copy), "--db", db)
    for entry in later.iterdir():
        entry.rename(batch_copy / "manifest" / entry.name)
    assert "shards 5 (2 already stored)" in _invoke("load", str(batch_copy), "--db", db)
    _invoke("ingest", str(samples.resolve()), "--db", ingested)
    assert _stored(db) == _stored(ingested)


def test_a_near_duplicate_in_another_shard_is_a_duplicate(ray_session, tmp_path, make_db):
    text = ("Vietnam and Belgium signed an agreement on renewable energy in Hanoi on May 5, "
            "2023, during the visit of the Belgian Prime Minister, and agreed to raise two-way "
            "trade to five billion USD by 2030. The two sides also discussed education, "
            "health care and the development of the port of Antwerp as a gateway for "
            "Vietnamese goods entering Europe.")
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "b").mkdir()
    (tmp_path / "in" / "a" / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "b" / "story.txt").write_text(
        text.replace("The two sides", "Both sides") + " (repost)", encoding="utf-8")
    out = tmp_path / "out"
    _invoke("batch", str(tmp_path / "in"), "--out", str(out))
    assert len(list((out / "manifest").glob("*.json"))) == 2  # same name, two shards
    db = make_db()
    printed = _invoke("load", str(out), "--db", db)
    assert "1 near" in printed
    docs = _stored(db)
    original = next(cid for cid, d in docs.items() if d[1].endswith("a/story.txt"))
    copy = next(d for d in docs.values() if d[1].endswith("b/story.txt"))
    assert copy[2] == original and copy[3] == []


def test_load_refuses_a_folder_that_is_not_a_batch(tmp_path):
    r = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert r.exit_code == 2
    assert "not the output of `bilat batch`" in " ".join(r.output.split())
    assert not (tmp_path / "x.duckdb").exists()


def test_shard_files_name_their_ids(sample_batch):
    """The Parquet files hold the ids the store gives (a consumer may join on them)."""
    import pyarrow.parquet as pq

    from bilat.shards.tables import from_tables

    name = next(p.stem for p in (sample_batch / "manifest").glob("news.jsonl-*.json"))
    tables = [pq.read_table(Path(sample_batch) / t / f"{name}.parquet")
              for t in ("documents", "events", "facts")]
    assert tables[2].num_rows == 8 and set(tables[1].column("id").to_pylist())
    rebuilt = list(from_tables(*tables, name=name))  # raises if an id did not match
    assert len(rebuilt) == tables[0].num_rows == 5


def test_a_folders_small_files_are_read_together(samples):
    """One task per page would cost more than the page: a folder's small files make one
    shard, in the order ingest reads them; each folder its own."""
    from bilat.readers import input_files
    from bilat.shards.sources import list_shards

    shards = list_shards([str(samples)])
    assert len(shards) == 5  # feeds, html, jsonl, text, warc
    assert [p for s in shards for p in s.paths] == [
        str(p.resolve()) for p in input_files(samples.resolve())]
    assert len({s.name for s in shards}) == 5
