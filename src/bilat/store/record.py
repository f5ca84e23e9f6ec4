"""Reads and writes of the record (merged events, their sources, evidence vectors).

SQL stays in the store package; the merging itself and what the read models compute in
Python (people's ranking, series points' summaries) are the know package's, which writes
the record through know.record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from typing import Any

import numpy as np

from bilat.model import MergedEvent, Person, Report
from bilat.store.base import Store

_REPORT_COLUMNS = (
    "e.id, e.content_id, e.type, e.actors, e.date_start, e.status, e.evidence, d.doc_id, "
    "d.language, d.published, e.plover, e.mode, e.actor, e.recipient, e.date_end, e.people, "
    "e.location, d.url, d.title")


def _group(store: Store) -> str:
    """A report's group in SQL: its type and its actors as a set (one text), so that the
    reports of a merge block (know.merge.block_key) are all in one group."""
    return f"e.type || '#' || coalesce({store.dialect.set_text('e.actors')}, '')"


def report_groups(store: Store, size: int) -> list[list[str]]:
    """The events' groups (see `_group`) in chunks of about `size` reports (a larger group
    alone), for load_reports: a rebuild reads, merges and writes one chunk at a time."""
    rows = store.con.execute(
        f"SELECT {_group(store)} AS g, count(*) FROM events e GROUP BY g ORDER BY g").fetchall()
    return _packed(rows, size)


def _packed(counted: list[tuple[str, int]], size: int) -> list[list[str]]:
    """Keys (with their row counts), in order, packed into chunks of about `size` rows; a
    key never spans two chunks (a larger key stands alone)."""
    chunks: list[list[str]] = []
    n = size
    for key, count in counted:
        if n + count > size:
            chunks.append([])
            n = 0
        chunks[-1].append(key)
        n += count
    return chunks


def load_reports(store: Store, groups: list[str] | None = None) -> list[Report]:
    """Every stored event (or those of the groups given: report_groups), with its
    document's id, language and publication date."""
    where, params = "", []
    if groups is not None:
        where, params = f" WHERE {_group(store)} IN (SELECT unnest(?::VARCHAR[]))", [groups]
    rows = store.con.execute(
        f"SELECT {_REPORT_COLUMNS} FROM events e JOIN documents d USING (content_id)"
        f"{where} ORDER BY e.id", params).fetchall()
    return [Report(event_id=r[0], content_id=r[1], type=r[2], actors=tuple(r[3] or ()),
                   date_start=r[4], status=r[5], evidence=r[6] or "", doc_id=r[7],
                   language=r[8], published=r[9], plover=r[10], mode=r[11], actor=r[12],
                   recipient=r[13], date_end=r[14], people=tuple(r[15] or ()), location=r[16],
                   url=r[17], title=r[18])
            for r in rows]


def is_stale(store: Store) -> bool:
    """Events or facts stored since the last merge (or a merge never run): one row's read
    (migration 9's counters), not a count of the events."""
    return store.con.execute("SELECT stored <> merged FROM store_generation").fetchone()[0]


def stored_mark(store: Store) -> int:
    """How far the stored events and facts have come (migration 9's counter): read before a
    rebuild reads the events, and given to mark_merged, so that a batch another process
    commits meanwhile leaves the record stale instead of being counted as merged."""
    return store.con.execute("SELECT stored FROM store_generation").fetchone()[0]


def mark_merged(store: Store, upto: int | None = None) -> None:
    """The record is as new as the stored events and facts were at `upto` (stored_mark
    before the rebuild read them; now when None), in the rebuild's transaction."""
    if upto is None:
        store.con.execute("UPDATE store_generation SET merged = stored")
    else:
        store.con.execute("UPDATE store_generation SET merged = ?", [upto])


def cached_vectors(store: Store, event_ids: list[str]) -> dict[str, np.ndarray]:
    if not event_ids:
        return {}
    query = ("SELECT event_id, vector FROM event_vectors WHERE event_id IN "
             "(SELECT unnest(?::VARCHAR[]))")
    if store.dialect.name == "duckdb":  # one array, no Python float for each component
        table = store.con.sql(query, params=[event_ids]).to_arrow_table()
        if not table.num_rows:
            return {}
        ids = table.column("event_id").to_pylist()
        flat = table.column("vector").combine_chunks().flatten().to_numpy()
        matrix = np.asarray(flat, dtype=np.float32).reshape(len(ids), -1)
        return dict(zip(ids, matrix, strict=True))
    rows = store.con.execute(query, [event_ids]).fetchall()
    return {r[0]: np.asarray(r[1], dtype=np.float32) for r in rows}


def save_vectors(store: Store, vectors: dict[str, np.ndarray]) -> None:
    if not vectors:
        return
    store.insert_rows("event_vectors", [[i, v.tolist()] for i, v in vectors.items()],
                      conflict=True)


def replace_merged(store: Store, merged: list[MergedEvent]) -> None:
    """Replace the merged events, their sources and the timeline's read model with `merged`
    (inside the caller's transaction: see know.record.save_merged)."""
    clear_merged(store)
    append_merged(store, merged)
    finish_merged(store)


def clear_merged(store: Store) -> None:
    """Empty the merged events, their sources and the timeline's read model, and set the
    last rebuild's digests aside (rebuild_old_digests, a temporary table, for
    store.changes.log_staged_changes), before a rebuild appends chunk after chunk
    (append_merged) and finishes (finish_merged), all in the caller's transaction."""
    store.con.execute("DELETE FROM timeline_rows")
    store.con.execute("DELETE FROM merged_sources")
    store.con.execute("DELETE FROM merged_events")
    store.con.execute("DROP TABLE IF EXISTS rebuild_old_digests")
    store.con.execute("CREATE TEMPORARY TABLE rebuild_old_digests AS "
                      "SELECT merged_id, digest FROM merged_digests")
    store.con.execute("DELETE FROM merged_digests")


def append_merged(store: Store, merged: list[MergedEvent],
                  digests: dict[str, str] | None = None) -> None:
    """One chunk of the new record: its merged events, their sources, their timeline rows
    (ranked by finish_merged) and, when given, their content digests (merged id ->
    digest)."""
    events = [[m.id, m.type, m.plover, m.mode, list(m.actors), m.actor, m.recipient,
               m.date_start, m.date_end, m.status, list(m.people), m.location, m.evidence,
               m.source_count] for m in merged]
    sources = [[m.id, r.event_id, r.content_id, r.doc_id, r.language, r.evidence, r.published,
                r.url, r.title] for m in merged for r in m.sources]
    store.insert_rows("timeline_rows", timeline_rows(merged))
    store.insert_rows("merged_events", events)
    store.insert_rows("merged_sources", sources)
    if digests:
        store.insert_rows("merged_digests", sorted([m, d] for m, d in digests.items()))


def finish_merged(store: Store) -> None:
    """Rank the timeline's rows within each pair over every chunk (the latest first: dated
    newest first, then the undated, by merged id within a date; timeline_rows' order) and
    write them in (pair, date, merged id) order, undated first, as the reads expect."""
    cols = "pair, date_start, merged_id, type, status, people, record, source_count"
    store.con.execute("DROP TABLE IF EXISTS rebuild_timeline")
    store.con.execute(f"CREATE TEMPORARY TABLE rebuild_timeline AS SELECT {cols} "
                      "FROM timeline_rows")
    store.con.execute("DELETE FROM timeline_rows")
    store.con.execute(
        f"INSERT INTO timeline_rows ({cols}, recency) SELECT {cols}, row_number() OVER ("
        "PARTITION BY pair ORDER BY CASE WHEN coalesce(date_start, '') = '' THEN 1 ELSE 0 "
        "END, coalesce(date_start, '') DESC, merged_id) FROM rebuild_timeline "
        "ORDER BY pair, coalesce(date_start, ''), merged_id")
    store.con.execute("DROP TABLE rebuild_timeline")


# "BE|VN" for a figure between two countries, "VN" for one country's own (its exports to
# the world)
_FACT_PAIR = ("CASE WHEN f.from_country IS NULL OR f.to_country IS NULL "
              "THEN coalesce(f.from_country, f.to_country, '') "
              "ELSE least(f.from_country, f.to_country) || '|' || "
              "greatest(f.from_country, f.to_country) END")


def rebuild_fact_rows(store: Store, size: int = 200_000) -> Iterator[list[dict[str, Any]]]:
    """Rebuild the figures' read model from the facts and their documents (rows in SQL),
    emptying the points' summaries; then yield each series point's tally (pair, metric,
    from, to, unit, period, value, n, latest) for know.series.summarise_points, the pairs
    in order, some `size` figures' worth of pairs at a time (all of a pair's in one)."""
    store.con.execute("DELETE FROM fact_rows")
    store.con.execute("DELETE FROM fact_points")
    store.con.execute(
        f"INSERT INTO fact_rows SELECT {_FACT_PAIR} AS pair, f.id, f.metric, f.from_country, "
        "f.to_country, f.value, f.unit, f.period, f.change_pct, f.evidence, d.doc_id, "
        f"d.language, d.published, row_number() OVER (PARTITION BY {_FACT_PAIR}, f.metric, "
        "f.unit, f.period ORDER BY d.published DESC NULLS LAST, f.id), d.title, d.url "
        "FROM facts f JOIN documents d USING (content_id) "
        "ORDER BY pair, f.metric, f.period, d.published, f.id")
    for pairs in _pair_chunks(store, "SELECT pair, count(*) FROM fact_rows GROUP BY pair", size):
        cur = store.con.execute(
            "SELECT pair, metric, from_country AS \"from\", to_country AS \"to\", unit, "
            "period, value, count(*) AS n, max(published) AS latest FROM fact_rows "
            "WHERE pair IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY pair, metric, from_country, to_country, unit, period, value", [pairs])
        cols = [c[0] for c in cur.description]
        yield [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _pair_chunks(store: Store, counts: str, size: int) -> list[list[str]]:
    """The pairs of `counts` (a query of pair, rows), in order, in chunks of about `size`
    rows (a larger pair alone)."""
    return _packed(store.con.execute(f"{counts} ORDER BY pair").fetchall(), size)


def save_fact_points(store: Store, points: list[dict[str, Any]]) -> None:
    """Store each series point's summary over all of its sources (summarise_points' form)."""
    points.sort(key=lambda p: (p["pair"], p["metric"], p["period"]))
    store.insert_rows("fact_points", [
        [p["pair"], p["metric"], p["from"], p["to"], p["unit"], p["period"], p["value"],
         p["values"], p["conflict"], p["source_count"]] for p in points])


def timeline_rows(merged: list[MergedEvent]) -> list[list[Any]]:
    """The timeline's read model: each merged event once per pair of its actors, in (pair,
    date) order (undated first), with its rank from the latest (dated newest first, then
    the undated)."""
    rows = sorted(([pair, m.date_start, m.id, m.type, m.status, list(m.people), record,
                    m.source_count, 0]
                   for m in merged if (pairs := pair_keys(m.actors))
                   for record in [json.dumps(m.to_dict(), ensure_ascii=False)]
                   for pair in pairs),
                  key=lambda r: (r[0], r[1] or "", r[2]))
    for _, group in groupby(rows, key=lambda r: r[0]):
        group = list(group)  # already by merged id within a date
        latest_first = sorted((r for r in group if r[1]), key=lambda r: r[1], reverse=True)
        for k, r in enumerate(latest_first + [r for r in group if not r[1]], start=1):
            r[8] = k
    return rows


def pair_keys(actors: tuple[str, ...] | list[str]) -> list[str]:
    """"BE|VN" for each pair of distinct actors, codes in order."""
    codes = sorted(set(actors))
    return [f"{a}|{b}" for i, a in enumerate(codes) for b in codes[i + 1:]]


def pair_timeline(store: Store, a: str, b: str, limit: int | None = None
                  ) -> tuple[list[dict[str, Any]], int]:
    """The merged events of a pair (the latest `limit` of them), oldest first, and how many
    there are in all; read from the timeline's read model."""
    pair = "|".join(sorted((a, b)))
    # recency numbers a pair's rows 1..n: the highest is the count, and an index on (pair,
    # recency) gives it in one probe where count(*) visits every row of the pair
    total = store.con.execute("SELECT coalesce(max(recency), 0) FROM timeline_rows "
                              "WHERE pair = ?", [pair]).fetchone()[0]
    cut = f" AND recency <= {int(limit)}" if limit else ""
    rows = store.con.execute(f"SELECT record FROM timeline_rows WHERE pair = ?{cut}",
                             [pair]).fetchall()
    events = [json.loads(r[0]) for r in rows]
    events.sort(key=lambda e: (e["date_start"] is None, e["date_start"] or "", e["type"],
                               e["id"]))
    return events, total


def country_partners(store: Store, code: str, latest: int = 3
                     ) -> list[tuple[str, dict[str, int], list[dict[str, Any]]]]:
    """Each partner of `code`: its merged-event counts by type and its `latest` events
    (newest first), counted and chosen in SQL over the timeline's read model."""
    mine = "(starts_with(pair, $1 || '|') OR right(pair, length($1) + 1) = '|' || $1)"
    partner = "CASE WHEN starts_with(pair, $1 || '|') THEN split_part(pair, '|', 2) " \
              "ELSE split_part(pair, '|', 1) END"
    counts: dict[str, dict[str, int]] = {}
    for other, kind, n in store.con.execute(
            f"SELECT {partner}, type, count(*) FROM timeline_rows WHERE {mine} GROUP BY 1, 2",
            [code]).fetchall():
        counts.setdefault(other, {})[kind] = n
    newest: dict[str, list[dict[str, Any]]] = {}
    for other, record in store.con.execute(
            f"SELECT {partner} AS other, record FROM timeline_rows WHERE {mine} "
            "AND recency <= $2 ORDER BY other, recency", [code, latest]).fetchall():
        newest.setdefault(other, []).append(json.loads(record))
    return [(other, kinds, newest.get(other, [])) for other, kinds in counts.items()]


def save_milestones(store: Store, per_kind: int) -> None:
    """Rebuild the key dates' read model from the timeline's, and empty the people's (see
    people_groups)."""
    store.con.execute("DELETE FROM milestone_rows")
    store.con.execute("DELETE FROM people_rows")
    # relations established and partnership upgrades: one per date, none whose date another
    # refines ("1973" beside "1973-03-22"), at most `per_kind` of each (the best-sourced);
    # the first and the latest visit that took place
    store.con.execute("""
        INSERT INTO milestone_rows
        WITH c AS (SELECT pair, recency, type, date_start, source_count FROM timeline_rows
                   WHERE date_start IS NOT NULL
                   AND type IN ('RELATIONS_ESTABLISHED', 'PARTNERSHIP_UPGRADE')),
        refined AS (SELECT DISTINCT pair, type, left(date_start, k) AS d
                    FROM c, (VALUES (4), (7)) v(k) WHERE length(date_start) > k),
        best AS (SELECT * FROM (
                     SELECT c.*, row_number() OVER (PARTITION BY c.pair, c.type, c.date_start
                                                    ORDER BY c.source_count DESC, c.recency)
                                 AS one
                     FROM c WHERE NOT EXISTS (
                         SELECT 1 FROM refined r
                         WHERE c.pair = r.pair AND c.type = r.type AND c.date_start = r.d)) b
                 WHERE one = 1),
        visits AS (SELECT pair, recency, row_number() OVER w_asc AS first_no,
                          row_number() OVER w_desc AS last_no
                   FROM timeline_rows WHERE type = 'VISIT'
                   AND status IS DISTINCT FROM 'scheduled'
                   AND date_start IS NOT NULL
                   WINDOW w_asc AS (PARTITION BY pair ORDER BY date_start, merged_id),
                          w_desc AS (PARTITION BY pair ORDER BY date_start DESC, merged_id))
        SELECT pair, recency FROM (
            SELECT pair, recency, row_number() OVER (
                PARTITION BY pair, type ORDER BY source_count DESC, date_start) AS k
            FROM best) kept WHERE k <= $1
        UNION SELECT pair, recency FROM visits WHERE first_no = 1 OR last_no = 1
        ORDER BY pair""", [per_kind])


def people_groups(store: Store, size: int = 200_000
                  ) -> Iterator[dict[str, list[tuple[list[str], str, int]]]]:
    """Each pair's (people, event type, events) groups for the people's ranking
    (know.dossier.people_from_groups, then save_people), the pairs in order, some `size`
    timeline rows' worth of pairs at a time (all of a pair's in one)."""
    named = "FROM timeline_rows WHERE array_length(people, 1) > 0"
    for pairs in _pair_chunks(store, f"SELECT pair, count(*) {named} GROUP BY pair", size):
        grouped: dict[str, list[tuple[list[str], str, int]]] = {}
        for pair, people, kind, n in store.con.execute(
                f"SELECT pair, people, type, count(*) {named} "
                "AND pair IN (SELECT unnest(?::VARCHAR[])) GROUP BY pair, people, type "
                "ORDER BY pair, people, type", [pairs]).fetchall():
            grouped.setdefault(pair, []).append((people, kind, n))
        yield grouped


def save_name_counts(store: Store) -> None:
    """Rebuild each pair's names of people with how many of its timeline's rows give each
    (serve_reads.name_counts: a large pair names people in tens of thousands of rows)."""
    store.con.execute("DELETE FROM name_rows")
    store.con.execute(
        "INSERT INTO name_rows SELECT pair, name, count(*) FROM (SELECT pair, unnest(people) "
        "AS name FROM timeline_rows) AS x GROUP BY pair, name ORDER BY pair, name")


def save_people(store: Store, ranked: dict[str, list[Person]]) -> None:
    """Store each pair's people, ranked (the most involved first)."""
    store.insert_rows("people_rows", [
        [pair, rank, p.name, p.events, p.types] for pair in sorted(ranked)
        for rank, p in enumerate(ranked[pair], start=1)])


def pair_milestones(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """What a dossier's key dates are chosen from (see save_milestones)."""
    pair = "|".join(sorted((a, b)))
    # a row by its rank within the pair: the ranks' zone maps find it without a scan
    rows = store.con.execute(
        "SELECT record FROM timeline_rows WHERE pair = $1 AND recency IN "
        "(SELECT recency FROM milestone_rows WHERE pair = $1) ORDER BY date_start",
        [pair]).fetchall()
    return [json.loads(r[0]) for r in rows]


def pair_people(store: Store, a: str, b: str, limit: int | None = None
                ) -> tuple[list[Person], int]:
    """The people of a pair's events, the most involved first (the first `limit`), and how
    many there are."""
    pair = "|".join(sorted((a, b)))
    cut = f" AND rank <= {int(limit)}" if limit else ""
    rows = store.con.execute(f"SELECT name, events, types FROM people_rows WHERE pair = ?{cut} "
                             "ORDER BY rank", [pair]).fetchall()
    # ranks number a pair's people 1..n (save_people): the highest is the count
    total = store.con.execute("SELECT coalesce(max(rank), 0) FROM people_rows WHERE pair = ?",
                              [pair]).fetchone()[0]
    return [Person(name, events, list(types)) for name, events, types in rows], total


def merged_events(store: Store, countries: list[str] | None = None,
                  types: list[str] | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Merged events whose actors include every country given, oldest first, each with its
    sources (doc, language, evidence, published, url, title). With `limit`, the latest
    `limit` of them (still oldest first; undated ones come last).

    Two flat queries (events, then their sources of the events chosen): fetching list and
    struct columns into Python costs more than the queries themselves.
    """
    where, params = [], []
    for c in countries or ():
        where.append(store.dialect.contains("m.actors"))
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
        f"s.content_id FROM merged_sources s WHERE s.merged_id IN ({chosen}) "
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


def count_merged(store: Store, countries: list[str]) -> int:
    """How many merged events involve every country given."""
    where = " AND ".join([store.dialect.contains("actors")] * len(countries)) or "TRUE"
    return store.con.execute(f"SELECT count(*) FROM merged_events WHERE {where}",
                             list(countries)).fetchone()[0]


def _facts_where(a: str | None, b: str | None) -> tuple[str, list[Any]]:
    if a is None:
        return "TRUE", []
    if b:
        return "f.pair = ?", ["|".join(sorted((a, b)))]
    return "(f.from_country = ? OR f.to_country = ?)", [a, a]


def facts_between(store: Store, a: str | None = None, b: str | None = None,
                  per_period: int | None = None) -> list[dict[str, Any]]:
    """Fact rows between two countries (either direction), of one country with anyone, or
    all of them; with `per_period`, only the latest that many of each metric and period
    (fact_points then summarises them all). Read from the figures' read model, which
    carries each figure's document's date, language, title and address."""
    where, params = _facts_where(a, b)
    cut = f" AND f.recency <= {int(per_period)}" if per_period else ""
    cur = store.con.execute(
        "SELECT f.metric, f.from_country AS \"from\", f.to_country AS \"to\", f.value, f.unit, "
        "f.period, f.change_pct, f.evidence, f.doc_id AS doc, f.language, f.published, "
        f"f.title, f.url FROM fact_rows f WHERE {where}{cut} "
        "ORDER BY f.metric, f.period, f.published",
        params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def fact_points(store: Store, a: str | None = None, b: str | None = None
                ) -> list[dict[str, Any]]:
    """Each series point's summary over every source (value, values, conflict,
    source_count), in the form know.series.build_series takes."""
    where, params = _facts_where(a, b)
    cur = store.con.execute(
        "SELECT f.metric, f.from_country AS \"from\", f.to_country AS \"to\", f.unit, "
        "f.period, f.value, f.all_values AS \"values\", f.conflict, f.source_count "
        f"FROM fact_points f WHERE {where}", params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def merged_event(store: Store, merged_id: str) -> dict[str, Any] | None:
    """One merged event with every report of it: each report's document (id, language,
    date, address, title) and its evidence sentence with the sentence's place in the
    document's text (start_char, end_char), oldest report first. None if no such event."""
    keys = ("id", "type", "plover", "mode", "actors", "actor", "recipient", "date_start",
            "date_end", "status", "people", "location", "evidence", "source_count")
    row = store.con.execute(
        f"SELECT {', '.join(keys)} FROM merged_events WHERE id = ?", [merged_id]).fetchone()
    if row is None:
        return None
    event = dict(zip(keys, row, strict=True))
    event["actors"], event["people"] = list(event["actors"] or []), list(event["people"] or [])
    cur = store.con.execute(
        "SELECT s.event_id, s.content_id, s.doc_id AS doc, s.language, s.published, s.url, "
        "s.title, s.evidence, e.sentence, e.start_char, e.end_char, e.status, e.date_start, "
        "e.people FROM merged_sources s LEFT JOIN events e ON e.id = s.event_id "
        "WHERE s.merged_id = ? ORDER BY s.published NULLS LAST, s.doc_id, s.event_id",
        [merged_id])
    cols = [c[0] for c in cur.description]
    event["sources"] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    for s in event["sources"]:
        s["people"] = list(s["people"] or [])
    return event
