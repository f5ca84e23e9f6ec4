"""A shard's documents, events and facts as Arrow tables, and back: the columns of the
Parquet files `bilat batch` writes and `bilat load` reads. Ids are computed here, by the
functions the store uses (bilat.store.ids), so a file says which rows it will make."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from bilat.model import Document, Event, Extraction, Fact
from bilat.store.ids import event_id, fact_id

_TEXT = pa.string()
_INT = pa.int64()
_TEXTS = pa.list_(pa.string())

# `doc` is the document's place in its shard: two copies of one text in a shard share a
# content id, and each keeps its own rows
DOCUMENTS = pa.schema([
    ("doc", _INT), ("content_id", _TEXT), ("doc_id", _TEXT), ("source", _TEXT), ("url", _TEXT),
    ("title", _TEXT), ("published", _TEXT), ("language", _TEXT), ("site", _TEXT),
    ("byline", _TEXT), ("dateline", _TEXT), ("text", _TEXT)])
EVENTS = pa.schema([
    ("doc", _INT), ("id", _TEXT), ("content_id", _TEXT), ("type", _TEXT), ("plover", _TEXT),
    ("mode", _TEXT), ("actors", _TEXTS), ("actor", _TEXT), ("recipient", _TEXT),
    ("date_start", _TEXT), ("date_end", _TEXT), ("status", _TEXT), ("people", _TEXTS),
    ("location", _TEXT), ("evidence", _TEXT), ("sentence", _INT), ("start", _INT),
    ("end", _INT)])
FACTS = pa.schema([
    ("doc", _INT), ("id", _TEXT), ("content_id", _TEXT), ("metric", _TEXT),
    ("source_country", _TEXT), ("target_country", _TEXT), ("value", pa.float64()),
    ("unit", _TEXT), ("period", _TEXT), ("change_pct", pa.float64()), ("evidence", _TEXT),
    ("sentence", _INT), ("start", _INT), ("end", _INT)])

_DOC_FIELDS = [f for f in DOCUMENTS.names if f != "doc"]
_EVENT_FIELDS = [f for f in EVENTS.names if f not in ("doc", "id", "content_id")]
_FACT_FIELDS = [f for f in FACTS.names if f not in ("doc", "id", "content_id")]


class ShardMismatch(ValueError):
    """A shard's file that does not hold what bilat would store: made by another version of
    bilat, or altered since."""


def to_tables(outcomes: list[tuple[Document, Extraction]]
              ) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Documents, events and facts of a shard's processed documents, in their order."""
    docs: list[dict] = []
    events: list[dict] = []
    facts: list[dict] = []
    for n, (doc, extraction) in enumerate(outcomes):
        docs.append({"doc": n, **{f: getattr(doc, f) for f in _DOC_FIELDS}})
        for e in extraction.events:
            events.append({"doc": n, "id": event_id(doc.content_id, e),
                           "content_id": doc.content_id,
                           **{f: getattr(e, f) for f in _EVENT_FIELDS}})
        for f in extraction.facts:
            facts.append({"doc": n, "id": fact_id(doc.content_id, f),
                          "content_id": doc.content_id,
                          **{k: getattr(f, k) for k in _FACT_FIELDS}})
    return (pa.Table.from_pylist(docs, schema=DOCUMENTS),
            pa.Table.from_pylist(events, schema=EVENTS),
            pa.Table.from_pylist(facts, schema=FACTS))


def from_tables(documents: pa.Table, events: pa.Table, facts: pa.Table, name: str
                ) -> Iterator[tuple[Document, Extraction]]:
    """The processed documents again, each with its events and facts in their order. Raises
    ShardMismatch, naming the shard, when a row's id is not the one its content gives."""
    by_doc_events: dict[int, list[Event]] = {}
    for row in events.to_pylist():
        e = Event(**{f: row[f] for f in _EVENT_FIELDS if f not in ("actors", "people")},
                  actors=tuple(row["actors"] or ()), people=tuple(row["people"] or ()))
        if event_id(row["content_id"], e) != row["id"]:
            raise ShardMismatch(f"{name}: event {row['id']} does not match its content")
        by_doc_events.setdefault(row["doc"], []).append(e)
    by_doc_facts: dict[int, list[Fact]] = {}
    for row in facts.to_pylist():
        f = Fact(**{k: row[k] for k in _FACT_FIELDS})
        if fact_id(row["content_id"], f) != row["id"]:
            raise ShardMismatch(f"{name}: fact {row['id']} does not match its content")
        by_doc_facts.setdefault(row["doc"], []).append(f)
    for row in documents.to_pylist():
        n = row.pop("doc")
        yield Document(**row), Extraction(events=tuple(by_doc_events.get(n, ())),
                                          facts=tuple(by_doc_facts.get(n, ())))
