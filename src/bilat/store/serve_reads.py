"""Reads the API needs beyond store.record's: pages of merged events and documents by
keyset, their sources, a country's people, a match's candidates.

Written to run on DuckDB and PostgreSQL alike: `?` placeholders, standard SQL, arrays tested
with `col @> ?::VARCHAR[]` and `col = ANY(?)`; every value from a request is a parameter,
never part of the SQL text. A keyset is (undated, date, id): undated rows last, then by date,
then by id, so a page starts strictly after the last row of the previous one.
"""

from __future__ import annotations

import json
from typing import Any

from bilat.store.search_index import EVENT

EVENT_KEYS = ("id", "type", "plover", "mode", "actors", "actor", "recipient", "date_start",
              "date_end", "status", "people", "location", "evidence", "source_count")

_UNDATED = "CASE WHEN {col} IS NULL THEN 1 ELSE 0 END"


def _after(col: str, id_col: str, after: tuple[int, str, str] | None,
           where: list[str], params: list[Any]) -> None:
    """Rows strictly after keyset `after` in (undated, date, id) order."""
    if after is None:
        return
    undated, date, key = after
    flag = _UNDATED.format(col=col)
    where.append(f"({flag} > ? OR ({flag} = ? AND (coalesce({col}, '') > ? OR "
                 f"(coalesce({col}, '') = ? AND {id_col} > ?))))")
    params.extend([undated, undated, date, date, key])


def _rows(cur: Any) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _event_filters(t: str, types: tuple[str, ...], statuses: tuple[str, ...],
                   since: str | None, until: str | None, languages: tuple[str, ...],
                   terms: tuple[str, ...], where: list[str], params: list[Any]) -> None:
    """The filters every event list shares, on table alias `t` (merged_events, or the
    timeline's rows, whose id column is merged_id)."""
    key = f"{t}.merged_id" if t == "t" else f"{t}.id"
    if types:
        where.append(f"{t}.type = ANY(?)")
        params.append(list(types))
    if statuses:
        where.append(f"{t}.status = ANY(?)")
        params.append(list(statuses))
    if since:
        where.append(f"{t}.date_start >= ?")
        params.append(since)
    if until:
        where.append(f"left({t}.date_start, ?) <= ?")
        params.extend([len(until), until])
    if languages:
        where.append(f"EXISTS (SELECT 1 FROM merged_sources s WHERE s.merged_id = {key} "
                     "AND s.language = ANY(?))")
        params.append(list(languages))
    for term in terms:
        where.append(
            f"{key} IN (SELECT s.merged_id FROM merged_sources s "
            "JOIN search_items i ON i.ref_id = s.event_id "
            "JOIN search_postings p ON p.item_no = i.item_no "
            "WHERE i.kind = ? AND p.kind = ? AND p.term = ?)")
        params.extend([EVENT, EVENT, term])


def event_page(store: Any, *, countries: tuple[str, ...] = (), types: tuple[str, ...] = (),
               statuses: tuple[str, ...] = (), since: str | None = None,
               until: str | None = None, languages: tuple[str, ...] = (),
               terms: tuple[str, ...] = (), after: tuple[int, str, str] | None = None,
               limit: int = 50) -> list[dict[str, Any]]:
    """Merged events whose actors include every country given, of one of `types` and
    `statuses` (stored), dated within [since, until] (at their precision: until "2023"
    keeps 2023-12-31), reported in one of `languages`, whose reports' evidence holds every
    folded term of `terms` (the search index's postings); the first `limit` after `after`.
    Without their sources (event_sources)."""
    where: list[str] = []
    params: list[Any] = []
    if countries:  # containment, not `? = ANY(...)`: DuckDB runs that as a subquery per row
        where.append("m.actors @> ?::VARCHAR[]")
        params.append(list(countries))
    _event_filters("m", types, statuses, since, until, languages, terms, where, params)
    _after("m.date_start", "m.id", after, where, params)
    filters = " WHERE " + " AND ".join(where) if where else ""
    flag = _UNDATED.format(col="m.date_start")
    cur = store.con.execute(
        f"SELECT {', '.join('m.' + k for k in EVENT_KEYS)} FROM merged_events m{filters} "
        f"ORDER BY {flag}, coalesce(m.date_start, ''), m.id LIMIT ?", [*params, int(limit)])
    events = _rows(cur)
    for e in events:
        e["actors"], e["people"] = list(e["actors"] or []), list(e["people"] or [])
    return events


def pair_event_page(store: Any, a: str, b: str, *, types: tuple[str, ...] = (),
                    statuses: tuple[str, ...] = (), since: str | None = None,
                    until: str | None = None, languages: tuple[str, ...] = (),
                    terms: tuple[str, ...] = (), after: tuple[int, str, str] | None = None,
                    limit: int = 50) -> list[dict[str, Any]]:
    """event_page for the events of one pair, read from the timeline's read model: its rows
    are stored by pair, so a pair is a pruned scan, and each row holds its event with its
    sources. Same filters, order and keyset as event_page."""
    where = ["t.pair = ?"]
    params: list[Any] = ["|".join(sorted((a, b)))]
    _event_filters("t", types, statuses, since, until, languages, terms, where, params)
    _after("t.date_start", "t.merged_id", after, where, params)
    flag = _UNDATED.format(col="t.date_start")
    rows = store.con.execute(
        f"SELECT t.record FROM timeline_rows t WHERE {' AND '.join(where)} "
        f"ORDER BY {flag}, coalesce(t.date_start, ''), t.merged_id LIMIT ?",
        [*params, int(limit)]).fetchall()
    return [json.loads(r[0]) for r in rows]


def event_sources(store: Any, merged_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each merged event's sources (doc, content id, language, evidence, date, address,
    title), oldest first."""
    if not merged_ids:
        return {}
    cur = store.con.execute(
        "SELECT s.merged_id, s.doc_id AS doc, s.content_id, s.language, s.evidence, "
        "s.published, s.url, s.title FROM merged_sources s WHERE s.merged_id = ANY(?) "
        "ORDER BY s.merged_id, s.published NULLS LAST, s.doc_id, s.event_id",
        [list(merged_ids)])
    out: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(cur):
        out.setdefault(row.pop("merged_id"), []).append(row)
    return out


def merged_ids_of_events(store: Any, event_ids: list[str]) -> dict[str, str]:
    """The merged event each stored event belongs to."""
    if not event_ids:
        return {}
    rows = store.con.execute(
        "SELECT event_id, merged_id FROM merged_sources WHERE event_id = ANY(?)",
        [list(event_ids)]).fetchall()
    return dict(rows)


def document_page(store: Any, *, languages: tuple[str, ...] = (),
                  after: tuple[int, str, str] | None = None, limit: int = 50
                  ) -> list[dict[str, Any]]:
    """Documents' metadata with their event and fact counts, oldest published first
    (undated last, then by content id), the first `limit` after `after`."""
    where: list[str] = []
    params: list[Any] = []
    if languages:
        where.append("d.language = ANY(?)")
        params.append(list(languages))
    _after("d.published", "d.content_id", after, where, params)
    filters = " WHERE " + " AND ".join(where) if where else ""
    flag = _UNDATED.format(col="d.published")
    order = f"{flag}, coalesce(d.published, ''), d.content_id"
    # the page first, then its counts: counting every document's events costs seconds
    cur = store.con.execute(
        "WITH d AS (SELECT d.content_id, d.doc_id, d.source, d.url, d.title, d.published, "
        f"d.language, d.site, d.duplicate_of FROM documents d{filters} ORDER BY {order} "
        "LIMIT ?) SELECT d.*, "
        "(SELECT count(*) FROM events e WHERE e.content_id = d.content_id) AS events, "
        "(SELECT count(*) FROM facts f WHERE f.content_id = d.content_id) AS facts "
        f"FROM d ORDER BY {order}", [*params, int(limit)])
    return _rows(cur)


def _pair_filter(country: str, other: str | None) -> tuple[str, list[str]]:
    """The rows of one pair ("BE|VN"), or of every pair a country is in."""
    if other is not None:
        return "pair = ?", ["|".join(sorted((country, other)))]
    return "(pair LIKE ? OR pair LIKE ?)", [f"{country}|%", f"%|{country}"]


def people_of_pairs(store: Any, country: str, other: str | None = None
                    ) -> list[dict[str, Any]]:
    """The ranked people (pair, rank, name, events, types) of one pair, or of every pair a
    country is in."""
    where, params = _pair_filter(country, other)
    cur = store.con.execute(
        f"SELECT pair, rank, name, events, types FROM people_rows WHERE {where} "
        "ORDER BY pair, rank", params)
    rows = _rows(cur)
    for r in rows:
        r["types"] = list(r["types"] or [])
    return rows


def name_counts(store: Any, country: str, other: str | None = None) -> list[tuple[str, int]]:
    """Each name the timeline's events of one pair (or of a country's pairs) give, with how
    many rows give it: the spellings a person's name variants come from, counted at each
    rebuild (record.save_name_counts: a pair of a large store names people in tens of
    thousands of events)."""
    where, params = _pair_filter(country, other)
    rows = store.con.execute(
        f"SELECT name, CAST(sum(n) AS BIGINT) FROM name_rows WHERE {where} GROUP BY name "
        "ORDER BY name", params).fetchall()
    return [(name, n) for name, n in rows]


def match_candidates(store: Any, event_type: str, actors: list[str]) -> list[dict[str, Any]]:
    """The reports of merged events of this type whose actors include all of `actors` (the
    caller keeps those with exactly these, the merge's block): what merging would compare a
    new report with."""
    cur = store.con.execute(
        "SELECT m.id AS merged_id, m.actors AS merged_actors, e.id AS event_id, "
        "e.content_id, e.type, e.actors, e.date_start, e.date_end, e.status, e.evidence, "
        "e.people, s.doc_id, s.language, s.published "
        "FROM merged_events m JOIN merged_sources s ON s.merged_id = m.id "
        "JOIN events e ON e.id = s.event_id "
        "WHERE m.type = ? AND m.actors @> ?::VARCHAR[] ORDER BY m.id, e.id",
        [event_type, list(actors)])
    rows = _rows(cur)
    for r in rows:
        for k in ("merged_actors", "actors", "people"):
            r[k] = list(r[k] or [])
    return rows


def merged_count(store: Any) -> int:
    return store.con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
