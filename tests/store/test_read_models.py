"""The record's read models in a real store (a DuckDB file, a PostgreSQL database): what a
timeline or a dossier reads from them (the latest N, key dates, people, figures) equals what
the same functions give over every event and fact in memory."""

from __future__ import annotations

import random

import pytest

from bilat.config import Settings
from bilat.ingest import IngestSummary, store_one
from bilat.know.dossier import KEY_DATES_PER_KIND, key_dates, people_ranking
from bilat.know.record import save_merged
from bilat.know.series import build_series
from bilat.model import Document, Extraction, Fact, MergedEvent, Report
from bilat.store import open_store
from bilat.store.migrations import MIGRATIONS
from bilat.store.record import (
    fact_points,
    facts_between,
    is_stale,
    pair_milestones,
    pair_people,
    pair_timeline,
)


def _merged(i: int, kind: str, date: str | None, people=(), status="happened", sources=1,
            actors=("BE", "VN")) -> MergedEvent:
    reports = [Report(event_id=f"e{i}-{k}", content_id=f"c{i}-{k}", type=kind, actors=actors,
                      date_start=date, status=status, evidence=f"Report {k} of happening {i}.",
                      doc_id=f"d{i}-{k}", language="en", published="2024-01-01")
               for k in range(sources)]
    return MergedEvent(id=f"m{i:04d}", type=kind, actors=actors, date_start=date, date_end=None,
                       status=status, evidence=f"Happening {i}.", people=tuple(people),
                       sources=reports)


@pytest.fixture(scope="module")
def record():
    """A pair with many events of every kind (and a second pair beside it), saved."""
    rng = random.Random(7)
    names = ["Vương Đình Huệ", "Vuong Dinh Hue", "Alexander De Croo", "Hadja Lahbib",
             "Phạm Minh Chính", "Pham Minh Chinh", "Bùi Thanh Sơn"]
    merged = [_merged(0, "RELATIONS_ESTABLISHED", "1973"),
              _merged(1, "RELATIONS_ESTABLISHED", "1973-03-22", sources=3),
              _merged(2, "VISIT", "2035-01-01", status="scheduled"),
              _merged(3, "VISIT", None)]
    for i in range(4, 24):  # more upgrades than key dates list: the best-sourced stay
        merged.append(_merged(i, "PARTNERSHIP_UPGRADE", f"{1990 + i}-0{1 + i % 9}",
                              sources=1 + i % 5))
    for i in range(24, 400):
        date = None if i % 17 == 0 else (
            f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if i % 3 else f"{rng.randint(1990, 2024)}")
        merged.append(_merged(i, rng.choice(["VISIT", "MEETING", "AGREEMENT"]), date,
                              people=rng.sample(names, rng.randint(0, 3))))
    other = [_merged(500 + i, "VISIT", f"2025-0{1 + i}", people=["Hun Manet"],
                     actors=("KH", "VN")) for i in range(3)]
    return merged, other


@pytest.fixture(scope="module")
def db(module_db_address, record):
    path = module_db_address
    store = open_store(path)
    merged, other = record
    save_merged(store, merged + other)
    store.close()
    store = open_store(path, read_only=True)
    yield store
    store.close()


def _everything(record) -> list[dict]:
    return [m.to_dict() for m in record[0]]


def test_the_latest_n_are_the_newest_dated_then_undated(db, record):
    everything = _everything(record)
    newest_first = sorted(everything, key=lambda e: e["id"])
    newest_first.sort(key=lambda e: e["date_start"] or "", reverse=True)
    newest_first.sort(key=lambda e: e["date_start"] is None)  # stable: undated last
    for limit in (1, 10, 200, 380, 1000):
        events, total = pair_timeline(db, "VN", "BE", limit)
        assert total == len(everything)
        assert {e["id"] for e in events} == {e["id"] for e in newest_first[:limit]}
        dated = [e["date_start"] for e in events if e["date_start"]]
        assert dated == sorted(dated)  # oldest first, undated at the end
    events, _ = pair_timeline(db, "KH", "VN", 2)
    assert [e["id"] for e in events] == ["m0501", "m0502"]


def test_key_dates_from_the_store_are_those_of_every_event(db, record):
    everything = _everything(record)
    stored = key_dates(pair_milestones(db, "BE", "VN"))
    assert [(k, e["id"]) for k, e in stored] == [(k, e["id"]) for k, e in key_dates(everything)]
    kinds = [k for k, _ in stored]
    assert kinds.count("established") == 1 and stored[0][1]["date_start"] == "1973-03-22"
    assert kinds.count("upgrade") == KEY_DATES_PER_KIND
    upgrades = [e["source_count"] for k, e in stored if k == "upgrade"]
    assert min(upgrades) >= 3  # the best-sourced of the 20
    visits = [e for k, e in stored if k in ("first_visit", "last_visit")]
    assert len(visits) == 2 and all(e["status"] != "scheduled" for e in visits)


def test_people_from_the_store_are_ranked_as_in_memory(db, record):
    ranking = people_ranking(_everything(record))
    people, total = pair_people(db, "VN", "BE", 3)
    assert total == len(ranking) == 5  # diacritic and plain spellings are one person
    assert [(p.name, p.events, p.types) for p in people] == [
        (p.name, p.events, p.types) for p in ranking[:3]]
    everyone, _ = pair_people(db, "VN", "BE")
    assert "Hun Manet" not in {p.name for p in everyone}
    assert [p.name for p in pair_people(db, "KH", "VN")[0]] == ["Hun Manet"]


# -- figures ----------------------------------------------------------------------------------

def _doc(i: int, published: str) -> Document:
    from bilat.clean import content_id

    # words of their own per document, so that no two are near-duplicates
    text = " ".join(f"w{i}x{j}" for j in range(80))
    return Document(doc_id=f"f{i}", source=f"f{i}.txt", text=text, content_id=content_id(text),
                    title=f"Figures {i}", published=published, language="en")


def _fact(value: float, src: str = "VN", dst: str = "BE", period: str = "2022") -> Fact:
    return Fact(metric="TRADE_TOTAL", source_country=src, target_country=dst, value=value,
                unit="USD", period=period, evidence=f"trade of {value:.0f}", sentence=0)


def test_figures_summarise_every_source_while_listing_the_latest(db_address):
    store = open_store(db_address)
    given = [(4.5e9, "VN", "BE", "2023-01-05"), (4.5e9, "VN", "BE", "2023-03-01"),
             (4.51e9, "BE", "VN", "2023-06-01"), (4.7e9, "BE", "VN", "2023-02-01"),
             (4.7e9, "VN", "BE", "2023-04-01"), (3.9e9, "VN", "KH", "2023-04-01")]
    summary = IngestSummary()
    for i, (value, src, dst, published) in enumerate(given):
        store_one(store, _doc(i, published), Extraction(facts=(_fact(value, src, dst),)),
                  Settings(), summary)
    store.flush()
    assert summary.facts == len(given)
    assert is_stale(store)  # facts stored, no merge yet: the figures' read model is behind
    save_merged(store, [])
    assert not is_stale(store)

    everything = build_series(facts_between(store))
    (full,) = [s for s in everything if {s.source, s.target} == {"BE", "VN"}]
    (series,) = build_series(facts_between(store, "VN", "BE", per_period=2),
                             fact_points(store, "BE", "VN"))
    (point,), (whole,) = series.points, full.points
    assert point.source_count == whole.source_count == 5
    assert point.value == whole.value == 4.5e9  # three sources within rounding
    assert point.conflict and point.values == whole.values == [4.5e9, 4.51e9, 4.7e9]
    assert sorted(f.published for f in point.figures) == ["2023-04-01", "2023-06-01"]
    assert [p.value for s in build_series(facts_between(store, "VN", "KH"),
                                          fact_points(store, "VN", "KH")) for p in s.points] \
        == [3.9e9]
    store.close()


def test_a_store_from_before_the_read_models_is_rebuilt_on_its_next_read(db_address, samples):
    """A store merged by the version before migration 6 (no ranks, no figures' or people's
    read models) is stale once migrated, so its next read merges again."""
    from bilat.ingest import ingest
    from bilat.know.merge import remerge

    path = db_address
    store = open_store(path)
    ingest([str(samples / "text")], store, Settings())
    remerge(store)
    # back to version 5 as it was written then: merged, without what migration 6 adds
    store.con.execute("DROP TABLE fact_rows; DROP TABLE fact_points; DROP TABLE milestone_rows;"
                      "DROP TABLE people_rows; ALTER TABLE timeline_rows DROP COLUMN recency;"
                      "ALTER TABLE timeline_rows DROP COLUMN source_count;"
                      # ... and without the later migrations' tables (7: watch, 8: changes,
                      # 9: generation, 10: name counts)
                      "DROP TABLE watch_feeds; DROP TABLE watch_validators;"
                      "DROP TABLE watch_items; DROP TABLE watch_seen_events;"
                      "DROP TABLE watch_alerts; DROP TABLE watch_meta;"
                      "DROP TABLE merged_changes; DROP TABLE merged_digests;"
                      "DROP TABLE store_generation; DROP TABLE name_rows;"
                      "DROP INDEX IF EXISTS timeline_rows_pair_order;"
                      "DROP INDEX IF EXISTS merged_events_order;"
                      "DELETE FROM schema_version WHERE version >= 6")
    store.close()
    store = open_store(path)  # migrates
    try:
        assert store.version == len(MIGRATIONS) and is_stale(store)
        remerge(store)
        assert not is_stale(store)
        events, total = pair_timeline(store, "VN", "BE", 500)
        assert total and len(events) == total
    finally:
        store.close()
