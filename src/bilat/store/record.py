"""Reads and writes of the record (merged events, their sources, evidence vectors).

SQL stays in the store package; the merging itself is pure (bilat.know.merge).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from bilat.know.merge import MergedEvent, Report
from bilat.store.duckdb_store import DuckDBStore

_REPORT_COLUMNS = (
    "e.id, e.content_id, e.type, e.actors, e.date_start, e.status, e.evidence, d.doc_id, "
    "d.language, d.published, e.plover, e.mode, e.actor, e.recipient, e.date_end, e.people, "
    "e.location, d.url, d.title")


def load_reports(store: DuckDBStore) -> list[Report]:
    """Every stored event, with its document's id, language and publication date."""
    rows = store.con.execute(
        f"SELECT {_REPORT_COLUMNS} FROM events e JOIN documents d USING (content_id) "
        "ORDER BY e.id").fetchall()
    return [Report(event_id=r[0], content_id=r[1], type=r[2], actors=tuple(r[3] or ()),
                   date_start=r[4], status=r[5], evidence=r[6] or "", doc_id=r[7],
                   language=r[8], published=r[9], plover=r[10], mode=r[11], actor=r[12],
                   recipient=r[13], date_end=r[14], people=tuple(r[15] or ()), location=r[16],
                   url=r[17], title=r[18])
            for r in rows]


def is_stale(store: DuckDBStore) -> bool:
    """Events stored since the last merge (or a merge never run)."""
    events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    merged = store.con.execute("SELECT count(*) FROM merged_sources").fetchone()[0]
    return events != merged


def cached_vectors(store: DuckDBStore, event_ids: list[str]) -> dict[str, np.ndarray]:
    if not event_ids:
        return {}
    rows = store.con.execute(
        "SELECT event_id, vector FROM event_vectors WHERE event_id IN "
        "(SELECT unnest(?::VARCHAR[]))", [event_ids]).fetchall()
    return {r[0]: np.asarray(r[1], dtype=np.float32) for r in rows}


def save_vectors(store: DuckDBStore, vectors: dict[str, np.ndarray]) -> None:
    if not vectors:
        return
    ids = list(vectors)
    store.con.execute(
        "INSERT INTO event_vectors SELECT unnest(?::VARCHAR[]), unnest(?::FLOAT[384][]) "
        "ON CONFLICT DO NOTHING", [ids, [vectors[i].tolist() for i in ids]])


def save_merged(store: DuckDBStore, merged: list[MergedEvent]) -> None:
    """Replace the record with `merged`, in one transaction: readers see the old record or
    the new one, never half of each."""
    events = [[m.id, m.type, m.plover, m.mode, list(m.actors), m.actor, m.recipient,
               m.date_start, m.date_end, m.status, list(m.people), m.location, m.evidence,
               m.source_count] for m in merged]
    sources = [[m.id, r.event_id, r.content_id, r.doc_id, r.language, r.evidence, r.published,
                r.url, r.title] for m in merged for r in m.sources]
    timeline = sorted(([pair, m.date_start, m.id, m.type, m.status, list(m.people),
                        json.dumps(m.to_dict(), ensure_ascii=False)]
                       for m in merged for pair in pair_keys(m.actors)),
                      key=lambda r: (r[0], r[1] or "", r[2]))
    with store.transaction():
        store.con.execute("DELETE FROM timeline_rows")
        store.con.execute("DELETE FROM merged_sources")
        store.con.execute("DELETE FROM merged_events")
        store.insert_rows("timeline_rows", timeline)
        store.insert_rows("merged_events", events)
        store.insert_rows("merged_sources", sources)


def pair_keys(actors: tuple[str, ...] | list[str]) -> list[str]:
    """"BE|VN" for each pair of distinct actors, codes in order."""
    codes = sorted(set(actors))
    return [f"{a}|{b}" for i, a in enumerate(codes) for b in codes[i + 1:]]


def pair_timeline(store: DuckDBStore, a: str, b: str, limit: int | None = None
                  ) -> tuple[list[dict[str, Any]], int]:
    """The merged events of a pair (the latest `limit` of them), oldest first, and how many
    there are in all; read from the timeline's read model."""
    pair = "|".join(sorted((a, b)))
    total = store.con.execute("SELECT count(*) FROM timeline_rows WHERE pair = ?",
                              [pair]).fetchone()[0]
    cut = f" LIMIT {int(limit)}" if limit else ""
    rows = store.con.execute(
        "SELECT record FROM timeline_rows WHERE pair = ? "
        f"ORDER BY date_start DESC NULLS LAST, merged_id{cut}", [pair]).fetchall()
    events = [json.loads(r[0]) for r in rows]
    events.sort(key=lambda e: (e["date_start"] is None, e["date_start"] or "", e["type"],
                               e["id"]))
    return events, total


def country_partners(store: DuckDBStore, code: str, latest: int = 3
                     ) -> list[tuple[str, dict[str, int], list[dict[str, Any]]]]:
    """Each partner of `code`: its merged-event counts by type and its `latest` events
    (newest first), counted and chosen in SQL over the timeline's read model."""
    mine = "(starts_with(pair, $1 || '|') OR suffix(pair, '|' || $1))"
    partner = "CASE WHEN starts_with(pair, $1 || '|') THEN split_part(pair, '|', 2) " \
              "ELSE split_part(pair, '|', 1) END"
    counts: dict[str, dict[str, int]] = {}
    for other, kind, n in store.con.execute(
            f"SELECT {partner}, type, count(*) FROM timeline_rows WHERE {mine} GROUP BY ALL",
            [code]).fetchall():
        counts.setdefault(other, {})[kind] = n
    newest: dict[str, list[dict[str, Any]]] = {}
    for other, record in store.con.execute(
            f"SELECT other, record FROM (SELECT {partner} AS other, record, row_number() "
            "OVER (PARTITION BY pair ORDER BY date_start DESC NULLS LAST, merged_id) AS k "
            f"FROM timeline_rows WHERE {mine}) WHERE k <= $2 ORDER BY other, k",
            [code, latest]).fetchall():
        newest.setdefault(other, []).append(json.loads(record))
    return [(other, kinds, newest.get(other, [])) for other, kinds in counts.items()]


def pair_milestones(store: DuckDBStore, a: str, b: str) -> list[dict[str, Any]]:
    """What a dossier's key dates are chosen from: relations established, partnership
    upgrades, and the first and the latest visit that took place."""
    pair = "|".join(sorted((a, b)))
    visits = ("SELECT record, date_start FROM timeline_rows WHERE pair = $1 AND type = 'VISIT' "
              "AND status <> 'scheduled' AND date_start IS NOT NULL ORDER BY date_start {} "
              "LIMIT 1")
    rows = store.con.execute(
        "SELECT record FROM (SELECT record, date_start FROM timeline_rows WHERE pair = $1 AND "
        "type IN ('RELATIONS_ESTABLISHED', 'PARTNERSHIP_UPGRADE') "
        f"UNION ALL ({visits.format('ASC')}) UNION ALL ({visits.format('DESC')})) "
        "ORDER BY date_start", [pair]).fetchall()
    seen, out = set(), []
    for (record,) in rows:
        e = json.loads(record)
        if e["id"] not in seen:
            seen.add(e["id"])
            out.append(e)
    return out


def pair_people(store: DuckDBStore, a: str, b: str) -> list[tuple[str, str, int]]:
    """(name as written, event type, number of the pair's events) for everyone named."""
    pair = "|".join(sorted((a, b)))
    return store.con.execute(
        "SELECT name, type, count(*) FROM (SELECT unnest(people) AS name, type "
        "FROM timeline_rows WHERE pair = ?) GROUP BY ALL ORDER BY 3 DESC, 1, 2",
        [pair]).fetchall()


def merged_events(store: DuckDBStore, countries: list[str] | None = None,
                  types: list[str] | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Merged events whose actors include every country given, oldest first, each with its
    sources (doc, language, evidence, published, url, title). With `limit`, the latest
    `limit` of them (still oldest first; undated ones come last).

    Two flat queries (events, then their sources through a semi-join): fetching list and
    struct columns into Python costs more than the queries themselves.
    """
    where, params = [], []
    for c in countries or ():
        where.append("list_contains(m.actors, ?)")
        params.append(c)
    if types:
        where.append("m.type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(types)
    if since:
        where.append("m.date_start >= ?")
        params.append(since)
    if until:
        where.append("m.date_start < ?")
        params.append(until + "\uffff")
    filters = " WHERE " + " AND ".join(where) if where else ""
    order = " ORDER BY m.date_start NULLS LAST, m.type, m.id"
    cut = f" LIMIT {int(limit)}" if limit else ""
    if cut:
        order = " ORDER BY m.date_start DESC NULLS LAST, m.type, m.id"
    chosen = f"SELECT m.id FROM merged_events m{filters}{order if cut else ''}{cut}"
    rows = store.con.execute(
        "SELECT m.id, m.type, m.plover, m.mode, array_to_string(m.actors, '\x1f'), m.actor, "
        "m.recipient, m.date_start, m.date_end, m.status, array_to_string(m.people, '\x1f'), "
        f"m.location, m.evidence, m.source_count FROM merged_events m{filters}{order}{cut}",
        params).fetchall()
    if not rows:
        return []
    sources = store.con.execute(
        "SELECT s.merged_id, s.doc_id, s.language, s.evidence, s.published, s.url, s.title, "
        f"s.content_id FROM merged_sources s SEMI JOIN ({chosen}) x ON s.merged_id = x.id "
        "ORDER BY s.published NULLS LAST, s.doc_id", params).fetchall()
    by_event: dict[str, list[dict[str, Any]]] = {}
    for mid, doc, language, evidence, published, url, title, cid in sources:
        by_event.setdefault(mid, []).append(
            {"doc": doc, "language": language, "evidence": evidence, "published": published,
             "url": url, "title": title, "content_id": cid})
    keys = ("id", "type", "plover", "mode", "actors", "actor", "recipient", "date_start",
            "date_end", "status", "people", "location", "evidence", "source_count")
    events = []
    for row in rows:
        e = dict(zip(keys, row, strict=True))
        e["actors"] = e["actors"].split("\x1f") if e["actors"] else []
        e["people"] = e["people"].split("\x1f") if e["people"] else []
        e["sources"] = by_event.get(e["id"], [])
        events.append(e)
    if cut:
        events.sort(key=lambda e: (e["date_start"] is None, e["date_start"] or "", e["type"],
                                   e["id"]))
    return events


def count_merged(store: DuckDBStore, countries: list[str]) -> int:
    """How many merged events involve every country given."""
    where = " AND ".join(["list_contains(actors, ?)"] * len(countries)) or "TRUE"
    return store.con.execute(f"SELECT count(*) FROM merged_events WHERE {where}",
                             list(countries)).fetchone()[0]


def _facts_where(a: str | None, b: str | None) -> tuple[str, list[Any]]:
    if a is None:
        return "TRUE", []
    if b:
        return ("((f.from_country = ? AND f.to_country = ?) OR "
                "(f.from_country = ? AND f.to_country = ?))", [a, b, b, a])
    return "(f.from_country = ? OR f.to_country = ?)", [a, a]


def facts_between(store: DuckDBStore, a: str | None = None, b: str | None = None,
                  per_period: int | None = None) -> list[dict[str, Any]]:
    """Fact rows between two countries (either direction), of one country with anyone, or
    all of them; with `per_period`, only the latest that many of each metric and period
    (fact_tallies then counts them all)."""
    where, params = _facts_where(a, b)
    cut = ""
    if per_period:
        cut = (" QUALIFY row_number() OVER (PARTITION BY f.metric, least(f.from_country, "
               "f.to_country), greatest(f.from_country, f.to_country), f.unit, f.period "
               f"ORDER BY d.published DESC NULLS LAST, f.id) <= {int(per_period)}")
    cur = store.con.execute(
        "SELECT f.metric, f.from_country AS \"from\", f.to_country AS \"to\", f.value, f.unit, "
        "f.period, f.change_pct, f.evidence, d.doc_id AS doc, d.language, d.published "
        f"FROM facts f JOIN documents d USING (content_id) WHERE {where}{cut} "
        "ORDER BY f.metric, f.period, d.published", params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def fact_tallies(store: DuckDBStore, a: str | None = None, b: str | None = None
                 ) -> list[dict[str, Any]]:
    """Every distinct value of every metric and period, with how many sources give it and
    the latest publication among them."""
    where, params = _facts_where(a, b)
    cur = store.con.execute(
        "SELECT f.metric, f.from_country AS \"from\", f.to_country AS \"to\", f.unit, "
        "f.period, f.value, count(*) AS n, max(d.published) AS latest "
        f"FROM facts f JOIN documents d USING (content_id) WHERE {where} GROUP BY ALL",
        params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
