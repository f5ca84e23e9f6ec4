"""Reads and writes of the search index's tables (search_items, search_postings, search_terms,
search_kinds, search_labels, search_vectors, search_centroids, search_languages,
search_meta).

SQL stays here; what is scored, weighed, clustered and decided is know.index's and
know.search's, which call these functions with plain data (lists, numpy arrays, bytes).
Functions that write run in the caller's transaction unless they say otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from bilat.store.base import Store

# How the tables encode an item's kind and a label's field
DOCUMENT, EVENT = 0, 1  # search_items.kind
COUNTRY, TYPE, LANGUAGE, KIND = 0, 1, 2, 3  # search_labels.field


def labels_sql(store: Store) -> str:
    """The labels of items (search_labels) as search_items gives them: what filters look
    up; a condition on item_no is to follow."""
    distinct = store.dialect.distinct_elements
    return f"""
    SELECT field, value, item_no FROM (
        SELECT {COUNTRY}::UTINYINT AS field, unnest({distinct('countries')}) AS value, item_no
        FROM search_items UNION ALL
        SELECT {TYPE}, unnest({distinct('types')}), item_no FROM search_items UNION ALL
        SELECT {LANGUAGE}, language, item_no FROM search_items UNION ALL
        SELECT {KIND}, CASE kind WHEN {DOCUMENT} THEN 'document' ELSE 'event' END, item_no
        FROM search_items) labels
    WHERE value IS NOT NULL AND """

_VECTOR_COLUMNS = "SELECT item_no, language, vector FROM search_vectors"


# -- what is indexed --------------------------------------------------------------------------
def stored_counts(store: Store) -> tuple[int, int, dict[int, int]]:
    """(documents not near-duplicates, events, items indexed by kind)."""
    con = store.con
    docs = con.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone()[0]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    have = dict(con.execute("SELECT kind, items FROM search_kinds").fetchall())
    return docs, events, have


def unindexed(store: Store, kind: int, after: tuple[str, ...] | None, limit: int
              ) -> list[tuple[str, ...]]:
    """The next `limit` documents (content_id,) or events (content_id, id) of `kind` not
    indexed yet, in index order, after the key `after` (None: from the start): a page at a
    time, so a first build over millions of rows never holds every id."""
    con = store.con
    if kind == DOCUMENT:
        key, table, ref = "content_id", "documents d", "d.content_id"
        where = "d.duplicate_of IS NULL"
        if after is not None:
            where += " AND d.content_id > ?"
        params: list[object] = [DOCUMENT, *(after or ())]
    else:
        key, table, ref = "content_id, id", "events e", "e.id"
        where = "TRUE"
        if after is not None:
            where += " AND (e.content_id > ? OR (e.content_id = ? AND e.id > ?))"
        params = [EVENT, *((after[0], after[0], after[1]) if after else ())]
    sql = (f"SELECT {key} FROM {table} WHERE NOT EXISTS (SELECT 1 FROM search_items i "
           f"WHERE i.kind = ? AND i.ref_id = {ref}) AND {where} ORDER BY {key} LIMIT ?")
    # the kind's placeholder comes first in the text: NOT EXISTS precedes the key condition
    return [tuple(r) for r in con.execute(sql, [*params, limit]).fetchall()]


def document_rows(store: Store, ids: list[str]) -> list[tuple]:
    """(content_id, title, text, language, published, event types, countries, latest event
    date) of each document, by content id."""
    if store.dialect.name == "duckdb":
        lists = ("list_sort(list_distinct(list(e.type) FILTER (WHERE e.type IS NOT NULL))), "
                 "list_sort(list_distinct(flatten(list(e.actors) "
                 "FILTER (WHERE e.actors IS NOT NULL))))")
    else:  # no list functions: the distinct, sorted elements by a subquery per document
        lists = ("ARRAY(SELECT DISTINCT t.type FROM events t WHERE t.content_id = d.content_id "
                 "AND t.type IS NOT NULL ORDER BY 1), "
                 "ARRAY(SELECT DISTINCT a FROM events t, unnest(t.actors) a "
                 "WHERE t.content_id = d.content_id ORDER BY 1)")
    return store.con.execute(
        f"SELECT d.content_id, d.title, d.text, d.language, d.published, {lists}, "
        "max(e.date_start) "
        "FROM documents d LEFT JOIN events e USING (content_id) "
        "WHERE d.content_id IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY d.content_id, d.title, d.text, d.language, d.published "
        "ORDER BY d.content_id", [ids]).fetchall()


def event_rows(store: Store, ids: list[str]) -> list[tuple]:
    """(id, content_id, type, actors, date_start, evidence, document language, cached
    evidence vector or None) of each event, by content id and id."""
    return store.con.execute(
        "SELECT e.id, e.content_id, e.type, e.actors, e.date_start, e.evidence, d.language, "
        "v.vector FROM events e JOIN documents d USING (content_id) "
        "LEFT JOIN event_vectors v ON v.event_id = e.id "
        "WHERE e.id IN (SELECT unnest(?::VARCHAR[])) ORDER BY e.content_id, e.id",
        [ids]).fetchall()


def save_event_vectors(store: Store, ids: list[str], vectors: list[list[float]]) -> None:
    """Evidence vectors kept for merging too (one transaction)."""
    with store.transaction():
        store.insert_rows("event_vectors", [list(r) for r in zip(ids, vectors, strict=True)],
                          conflict=True)


# -- writing items ----------------------------------------------------------------------------
def next_item_no(store: Store) -> int:
    return store.con.execute(
        "SELECT coalesce(max(item_no) + 1, 0) FROM search_items").fetchone()[0]


def insert_items(store: Store, first: int, numbers: list[int], kind: int,
                 ref_ids: list[str],
                 content_ids: list[str], languages: list[str | None], dates: list[str | None],
                 date_los: list[int | None], date_his: list[int | None],
                 types: list[list[str]], countries: list[list[str]], lengths: list[int]
                 ) -> None:
    """Items (numbered `first` on, as `numbers` says) and their labels."""
    store.insert_rows("search_items", [list(r) for r in zip(
        numbers, [kind] * len(numbers), ref_ids, content_ids, languages, dates, date_los,
        date_his, types, countries, lengths, strict=True)])
    store.con.execute(f"INSERT INTO search_labels {labels_sql(store)} item_no >= ? "
                      "ORDER BY field, value, item_no", [first])


def add_kind_counts(store: Store, kind: int, items: int, length: int
                    ) -> tuple[int, int]:
    """Add to a kind's item count and total length; return both after the addition."""
    con = store.con
    con.execute("INSERT INTO search_kinds VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE "
                "SET items = search_kinds.items + excluded.items, "
                "length = search_kinds.length + excluded.length",
                [kind, items, length])
    return con.execute("SELECT items, length FROM search_kinds WHERE kind = ?",
                       [kind]).fetchone()


def insert_postings(store: Store, kind: int, terms: list[str], items: list[int],
                    tfs: list[int], lengths: list[int], weights: list[float]) -> None:
    """Postings of rank 0 (read by every search until the table is next sorted and ranked),
    and the terms' item counts."""
    con = store.con
    con.execute(
        "INSERT INTO search_postings SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), "
        "?::UTINYINT, unnest(?::USMALLINT[]), unnest(?::INTEGER[]), unnest(?::FLOAT[]), 0",
        [terms, items, kind, tfs, lengths, weights])
    con.execute("INSERT INTO search_terms SELECT term, ?::UTINYINT, count(*) FROM "
                "(SELECT unnest(?::VARCHAR[]) AS term) t GROUP BY term ORDER BY term",
                [kind, terms])


def insert_vectors(store: Store, numbers: list[int], lists: list[int],
                   languages: list[str], blobs: list[bytes]) -> None:
    store.con.execute(
        "INSERT INTO search_vectors SELECT unnest(?::INTEGER[]), unnest(?::INTEGER[]), "
        "unnest(?::VARCHAR[]), unnest(?::BLOB[])", [numbers, lists, languages, blobs])


def language_sums(store: Store) -> list[tuple[str, int, bytes]]:
    """(language, vectors, their float64 sum as bytes) of each language."""
    return store.con.execute("SELECT language, n, total FROM search_languages").fetchall()


def save_language_sum(store: Store, language: str, n: int, total: bytes) -> None:
    store.con.execute("INSERT INTO search_languages VALUES (?, ?, ?) ON CONFLICT (language) "
                      "DO UPDATE SET n = excluded.n, total = excluded.total",
                      [language, n, total])


# -- upkeep -----------------------------------------------------------------------------------
def vector_count(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM search_vectors").fetchone()[0]


def postings_count(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM search_postings").fetchone()[0]


def _f(x: float) -> str:
    return f"{float(x)!r}::DOUBLE"


def weight_sql(avgdl: dict[int, float], k1: float, b: float) -> str:
    """BM25's term-frequency part (know.search.tf_weight) in SQL over a row with tf, length
    and kind (constants as DOUBLE: a bare 0.123 literal is a DECIMAL, and overflows in
    products)."""
    avg = {k: max(float(avgdl.get(k, 1.0)), 1e-9) for k in (DOCUMENT, EVENT)}
    return (f"(tf * {_f(k1 + 1)} / (tf + {_f(k1)} * (1 - {_f(b)} + {_f(b)} * length / "
            f"CASE kind WHEN {DOCUMENT} THEN {_f(avg[DOCUMENT])} ELSE {_f(avg[EVENT])} END)"
            f"))::FLOAT")


def rewrite_postings(store: Store, k1: float, b: float) -> None:
    """Postings rewritten sorted by term, kind and rank, their weights recomputed with the
    current average lengths and ranked by weight within term and kind; term and kind counts
    recounted (one row per term and kind, sorted by term), labels made again from the items
    (sorted by field and value). One transaction."""
    con = store.con
    with store.transaction():
        con.execute("DELETE FROM search_kinds")
        con.execute("INSERT INTO search_kinds SELECT kind, count(*), sum(length) "
                    "FROM search_items GROUP BY kind")
        avgdl = {k: n / max(i, 1) for k, i, n in
                 con.execute("SELECT kind, items, length FROM search_kinds").fetchall()}
        _replace(store, "search_postings",
                 "SELECT term, item_no, kind, tf, length, w, (row_number() OVER (PARTITION BY "
                 "term, kind ORDER BY w DESC, item_no) - 1)::INTEGER AS rank "
                 "FROM (SELECT term, item_no, kind, tf, length, "
                 f"{weight_sql(avgdl, k1, b)} AS w FROM search_postings) p "
                 "ORDER BY term, kind, rank")
        _replace(store, "search_terms", "SELECT term, kind, count(*) FROM search_postings "
                 "GROUP BY term, kind ORDER BY term, kind")
        _replace(store, "search_labels",
                 f"{labels_sql(store)} TRUE ORDER BY field, value, item_no")
        rows = con.execute("SELECT count(*) FROM search_postings").fetchone()[0]
        set_meta(store, "search_postings_sorted", str(rows))


def _replace(store: Store, table: str, select: str) -> None:
    """Replace a table's rows by a query's (same schema; in the caller's transaction): a new
    table, so the rows lie in the query's order and the old row groups are freed."""
    con = store.con
    store.clone_table(table, f"{table}__new")
    con.execute(f"INSERT INTO {table}__new {select}")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {table}__new RENAME TO {table}")


def rewrite_sorted(store: Store, table: str, order: str) -> None:
    """Rewrite a table in `order`: one transaction, same schema, the old row groups freed."""
    con = store.con
    new = f"{table}__sorted"
    with store.transaction():
        store.clone_table(table, new)
        con.execute(f"INSERT INTO {new} SELECT * FROM {table} ORDER BY {order}")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE {new} RENAME TO {table}")
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        set_meta(store, f"{table}_sorted", str(rows))


def vector_extent(store: Store) -> tuple[int, int]:
    """(vectors, the highest item number among them)."""
    return store.con.execute("SELECT count(*), max(item_no) FROM search_vectors").fetchone()


def save_lists(store: Store, assigned: Iterator[tuple[np.ndarray, np.ndarray]],
               centroids: list[bytes], trained_on: int) -> None:
    """One transaction: every vector's list (`assigned` yields item numbers and their lists,
    chunk by chunk, and may read vectors meanwhile), the vector table rewritten sorted by
    list, the centroids replaced, the training recorded."""
    con = store.con
    with store.transaction():
        con.execute("CREATE TEMP TABLE search_assign (item_no INTEGER, list_id INTEGER)")
        for numbers, lists in assigned:
            con.execute("INSERT INTO search_assign SELECT unnest(?::INTEGER[]), "
                        "unnest(?::INTEGER[])", [numbers.tolist(), lists.tolist()])
        store.clone_table("search_vectors", "search_vectors__sorted")
        con.execute("INSERT INTO search_vectors__sorted SELECT v.item_no, a.list_id, v.language, "
                    "v.vector "
                    "FROM search_vectors v JOIN search_assign a USING (item_no) "
                    "ORDER BY a.list_id, v.item_no")
        con.execute("DROP TABLE search_vectors")
        con.execute("ALTER TABLE search_vectors__sorted RENAME TO search_vectors")
        con.execute("DROP TABLE search_assign")
        con.execute("DELETE FROM search_centroids")
        con.execute("INSERT INTO search_centroids SELECT unnest(?::INTEGER[]), "
                    "unnest(?::BLOB[])", [list(range(len(centroids))), centroids])
        set_meta(store, "trained_on", str(trained_on))
        set_meta(store, "search_vectors_sorted", str(trained_on))


def centroid_blobs(store: Store) -> list[bytes]:
    """The IVF centroids (float32 bytes), by list."""
    return [r[0] for r in store.con.execute(
        "SELECT centroid FROM search_centroids ORDER BY list_id").fetchall()]


# -- reading vectors --------------------------------------------------------------------------
def _vector_rows(store: Store, sql: str, params: list[object],
                 languages: Sequence[str]) -> dict[str, Any]:
    """item_no, lang (the language's place in `languages`, 1-based; 0: not there, numbered
    in SQL: comparing strings in Python costs more than the dot products) and vector
    (bfloat16 blobs), as numpy columns, of a query selecting item_no, language, vector."""
    sql = (f"SELECT item_no, coalesce(array_position(?::VARCHAR[], language), 0) AS lang, "
           f"vector FROM ({sql}) v")
    return store.columns(sql, [list(languages), *params])


def all_vectors(store: Store, languages: Sequence[str]) -> dict[str, Any]:
    return _vector_rows(store, _VECTOR_COLUMNS, [], languages)


def sample_vectors(store: Store, step: int, languages: Sequence[str]) -> dict[str, Any]:
    """The vectors whose item number is a multiple of `step`."""
    return _vector_rows(store, f"{_VECTOR_COLUMNS} WHERE item_no % ? = 0", [step], languages)


def vectors_between(store: Store, start: int, end: int, languages: Sequence[str]
                    ) -> dict[str, Any]:
    """The vectors of item numbers start <= n < end."""
    return _vector_rows(store, f"{_VECTOR_COLUMNS} WHERE item_no >= ? AND item_no < ?",
                        [start, end], languages)


def vectors_of_items(store: Store, items: list[int], languages: Sequence[str]
                     ) -> dict[str, Any]:
    return _vector_rows(store, f"{_VECTOR_COLUMNS} WHERE item_no = ANY(?::INTEGER[])",
                        [items], languages)


def vectors_of_lists(store: Store, lists: list[int], languages: Sequence[str]
                     ) -> dict[str, Any]:
    """The vectors of these IVF lists. One equality per list: each reads only the row groups
    holding that list."""
    return _vector_rows(store, " UNION ALL ".join(
        f"{_VECTOR_COLUMNS} WHERE list_id = ?" for _ in lists), lists, languages)


# -- searching --------------------------------------------------------------------------------
def item_count(store: Store) -> int:
    """Items indexed (the counts kept in search_kinds: no pass over the items)."""
    return int(store.con.execute("SELECT coalesce(sum(items), 0) FROM search_kinds")
               .fetchone()[0])


def label_items(store: Store, field: int, value: str) -> np.ndarray:
    """The item numbers holding a label."""
    return store.columns(
        "SELECT item_no FROM search_labels WHERE field = ? AND value = ?",
        [field, value])["item_no"]


def item_lists(store: Store, count: int) -> dict[str, Any]:
    """item_no and list_id (numpy columns) of the vectors of items numbered below `count`."""
    return store.columns("SELECT item_no, list_id FROM search_vectors WHERE item_no < ?",
                         [count])


def item_dates(store: Store, count: int, no_lo: int, no_hi: int) -> dict[str, Any]:
    """item_no, lo and hi (numpy columns; no_lo and no_hi for an undated item) of the items
    numbered below `count`."""
    return store.columns(
        "SELECT item_no, coalesce(date_lo, ?) AS lo, coalesce(date_hi, ?) AS hi "
        "FROM search_items WHERE item_no < ?", [no_lo, no_hi, count])


def stats_sql(terms: Counter[str] | dict[str, int]) -> tuple[str, list[object]]:
    """(term, kind, items of that kind holding it) for each query term, and the collection
    statistics (NULL term: per kind, items and their average length), from the counts kept
    at index time (search_terms, search_kinds): nothing is counted at search time. An IN
    list of constants: search_terms is sorted by term, zone maps skip the rest."""
    names = sorted(terms)
    sql = ("SELECT NULL::VARCHAR AS term, kind, items::DOUBLE AS n, "
           "length::DOUBLE / greatest(items, 1) AS avgdl FROM search_kinds")
    if names:
        sql += (" UNION ALL SELECT term, kind, sum(df)::DOUBLE, NULL FROM search_terms "
                f"WHERE term IN ({', '.join('?' for _ in names)}) GROUP BY term, kind")
    return sql, list(names)


def term_stats(store: Store, terms: Counter[str] | dict[str, int]) -> list[tuple]:
    """stats_sql's rows (know.search.Stats.from_rows reads them)."""
    sql, params = stats_sql(terms)
    return store.con.execute(sql, params).fetchall()


def postings_sql(terms: Counter[str] | dict[str, int], cut: int | None
                 ) -> tuple[str, list[object]]:
    """The postings to score: (t: the term's place in sorted(terms), item_no, kind, w).

    One equality per term (UNION ALL): the table is kept sorted by term, kind and rank, so
    each reads only the row groups holding that term; `cut`, when given, keeps the best `cut`
    postings of each term and kind by weight (rank 0: written since the last sort, always
    read), and zone maps on rank skip the rest of a common term.
    """
    if not terms:
        raise ValueError("no terms to search for")
    parts, params = [], []
    # the kinds named (all of them): an index on (term, kind, rank), PostgreSQL's, then
    # reads the ranks below the cut within each kind instead of every posting of the term
    ranked = f" AND kind IN ({DOCUMENT}, {EVENT}) AND rank < ?"
    for i, term in enumerate(sorted(terms)):
        where = "term = ?" + ("" if cut is None else ranked)
        parts.append(f"SELECT {i}::INTEGER AS t, item_no, kind, w FROM search_postings "
                     f"WHERE {where}")
        params += [term] if cut is None else [term, int(cut)]
    return " UNION ALL ".join(parts), params


def postings(store: Store, terms: Counter[str] | dict[str, int], cut: int | None
             ) -> dict[str, Any]:
    """postings_sql's rows, as numpy columns."""
    sql, params = postings_sql(terms, cut)
    return store.columns(sql, params)


def hit_rows(store: Store, numbers: list[int]
             ) -> tuple[dict[int, tuple], dict[str, tuple], dict[str, tuple]]:
    """What a search shows of these items: their search_items rows by number, their
    documents' rows (content_id, doc_id, title, text, published) by content id, their
    events' rows (id, type, date_start, evidence) by id."""
    con = store.con
    cur = con.execute(
        "SELECT item_no, kind, ref_id, content_id, language, date, types, countries "
        "FROM search_items WHERE item_no = ANY(?::INTEGER[])", [numbers])
    items = {r[0]: r for r in cur.fetchall()}
    cids = sorted({r[3] for r in items.values()})
    docs = {r[0]: r for r in con.execute(
        "SELECT content_id, doc_id, title, text, published FROM documents "
        "WHERE content_id = ANY(?::VARCHAR[])", [cids]).fetchall()}
    eids = [r[2] for r in items.values() if r[1] == EVENT]
    events = {r[0]: r for r in con.execute(
        "SELECT id, type, date_start, evidence FROM events "
        "WHERE id = ANY(?::VARCHAR[])", [eids]).fetchall()} if eids else {}
    return items, docs, events


# -- meta -------------------------------------------------------------------------------------
def meta(store: Store, key: str) -> str | None:
    row = store.con.execute("SELECT value FROM search_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(store: Store, key: str, value: str) -> None:
    store.con.execute("INSERT INTO search_meta VALUES (?, ?) ON CONFLICT (key) "
                      "DO UPDATE SET value = excluded.value", [key, value])

