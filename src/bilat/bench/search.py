"""Search benchmark: latency of `bilat search` over a store of N synthetic documents.

    python -m bilat.bench.search [--docs N] [--queries Q] [--keep PATH] [--db postgresql://…]
                                 [--build PENDING]

Documents (en and vi) and one event each are generated straight into a fresh DuckDB store by
SQL (generate_series, words drawn from a small vocabulary of countries, event words and years),
postings by SQL tokenisation, vectors as random unit float32 vectors around a few hundred topic
centres (the embedder is not run a million times), written in chunks. The index is then
finished by the real code (IVF training, sorting) and Q varied searches are timed through
bilat.know.index.search, with and without filters. Prints p50/p95 (total and without the query
embedding), the build times and the peak resident memory. With --db ADDRESS, the finished
index is copied into that PostgreSQL database (bench.to_postgres) and searched there.
With --build PENDING, the index is left unfinished (the last PENDING reports not indexed,
no lists, postings unsorted) and know.index.build_index finishes it in a fresh process,
on DuckDB or on the --db database, printing that process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

from bilat.bench.memory import peak_rss_mb
from bilat.know.embed import get_embedder
from bilat.know.index import add_language_sums, encode_vectors, maintain, search
from bilat.know.search import Filters
from bilat.store import open_store

# (code, English, Vietnamese without the letter đ: SQL folding is strip_accents + lower)
COUNTRIES = [("BE", "Belgium", "Bỉ"), ("JP", "Japan", "Nhật Bản"), ("KH", "Cambodia", "Campuchia"),
             ("AU", "Australia", "Australia"), ("IN", "India", "Ấn Độ"), ("CU", "Cuba", "Cuba"),
             ("FR", "France", "Pháp"), ("US", "United States", "Hoa Kỳ"),
             ("CN", "China", "Trung Quốc"), ("KR", "Korea", "Hàn Quốc"), ("LA", "Laos", "Lào"),
             ("DE", "Germany", "Cộng hòa Liên bang Sức")]
EVENTS = [("VISIT", "official visit", "thăm chính thức"), ("MEETING", "held talks", "hội kiến"),
          ("AGREEMENT", "signed an agreement", "ký kết hiệp định"),
          ("AID", "development aid", "viện trợ phát triển"),
          ("ANNIVERSARY", "anniversary of relations", "kỷ niệm quan hệ ngoại giao"),
          ("EXERCISE", "joint exercise", "diễn tập chung"),
          ("PHONE_CALL", "phone call", "điện thoại")]
FILLER_EN = ["trade", "investment", "cooperation", "ministers", "ports", "agriculture",
             "education", "security", "climate", "energy", "tourism", "culture"]
FILLER_VI = ["thương mại", "đầu tư", "hợp tác", "bộ trưởng", "cảng biển", "nông nghiệp",
             "giáo dục", "an ninh", "khí hậu", "năng lượng", "du lịch", "văn hóa"]
DIM = 384


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def generate(store, n: int, seed: int = 7, chunk: int = 100_000, finish: bool = True,
             unindexed: int = 0) -> dict[str, float]:
    """Documents and events of n synthetic reports, and the items, postings and vectors of
    all but the last `unindexed` of them; with `finish`, the index made searchable too
    (lists trained, tables sorted)."""
    con = store.con
    m = n - unindexed  # reports indexed: documents are items 0..m-1, events m..2m-1
    t0 = time.perf_counter()
    nc, ne, nf = len(COUNTRIES), len(EVENTS), len(FILLER_EN)
    # Pseudo-random picks: hash of "row/salt" text, so every column draws independently
    # (hash(i, salt) of two integers gives correlated columns).
    pick = "(hash(i::VARCHAR || '/{salt}') % {n})::INTEGER + 1"
    con.execute(f"""
    CREATE TEMP TABLE synth AS
    SELECT i,
           {pick.format(salt=1, n=nc)} AS c, {pick.format(salt=2, n=ne)} AS e,
           {pick.format(salt=3, n=nf)} AS f1, {pick.format(salt=4, n=nf)} AS f2,
           {pick.format(salt=5, n=26)} + 1999 AS year, {pick.format(salt=6, n=12)} AS month,
           {pick.format(salt=7, n=28)} AS day,
           CASE WHEN {pick.format(salt=8, n=3)} = 1 THEN 'vi' ELSE 'en' END AS language
    FROM generate_series(0, {n - 1}) t(i)
    """)
    codes = _sql_list([c[0] for c in COUNTRIES])
    en_names, vi_names = _sql_list([c[1] for c in COUNTRIES]), _sql_list([c[2] for c in COUNTRIES])
    types = _sql_list([e[0] for e in EVENTS])
    en_ev, vi_ev = _sql_list([e[1] for e in EVENTS]), _sql_list([e[2] for e in EVENTS])
    en_f, vi_f = _sql_list(FILLER_EN), _sql_list(FILLER_VI)
    con.execute(f"""
    CREATE TEMP TABLE synth_text AS
    SELECT i, language, {codes}[c] AS code, {types}[e] AS etype,
           printf('%04d-%02d-%02d', year, month, day) AS date,
           year * 10000 + month * 100 + day AS day,
           CASE WHEN language = 'vi'
             THEN 'Việt Nam và ' || {vi_names}[c] || ' ' || {vi_ev}[e] || ' năm ' || year
             ELSE 'Vietnam and ' || {en_names}[c] || ' ' || {en_ev}[e] || ' in ' || year END
             AS title,
           CASE WHEN language = 'vi'
             THEN 'Hai bên thảo luận về ' || {vi_f}[f1] || ' và ' || {vi_f}[f2]
                  || ' giữa Việt Nam và '
                  || {vi_names}[c] || '.'
             ELSE 'The two sides discussed ' || {en_f}[f1] || ' and ' || {en_f}[f2]
                  || ' between Vietnam and ' || {en_names}[c] || '.' END AS evidence
    FROM synth
    """)
    with store.transaction():
        con.execute("""
        INSERT INTO documents (content_id, doc_id, source, title, published, language, text)
        SELECT 'd' || i, 'd' || i, 'bench', title, date, language, title || '. ' || evidence
        FROM synth_text""")
        con.execute("""
        INSERT INTO events (id, content_id, type, actors, date_start, evidence, sentence)
        SELECT 'e' || i, 'd' || i, etype, [code, 'VN'], date, evidence, 1 FROM synth_text""")
        con.execute(f"""
        INSERT INTO search_items
        SELECT i, 0, 'd' || i, 'd' || i, language, date, day, day, [etype], [code, 'VN'], 0
        FROM synth_text WHERE i < {m}
        UNION ALL
        SELECT {m} + i, 1, 'e' || i, 'd' || i, language, date, day, day, [etype],
               [code, 'VN'], 0
        FROM synth_text WHERE i < {m}""")
        # The tokenizer in SQL: fold (strip accents, lower case), split on non-letters, drop
        # one-letter tokens; concepts (@country, @type) as the indexer adds them.
        con.execute(f"""
        CREATE TEMP TABLE synth_tokens AS
        WITH texts AS (
            SELECT i AS item_no, 0 AS kind, title || '. ' || evidence AS body, code, etype
            FROM synth_text WHERE i < {m}
            UNION ALL
            SELECT {m} + i, 1, evidence, code, etype FROM synth_text WHERE i < {m}),
        tokens AS (
            SELECT item_no, kind, unnest(regexp_split_to_array(
                lower(strip_accents(body)), '[^a-z0-9]+')) AS term FROM texts
            UNION ALL SELECT item_no, kind, '@' || lower(code) FROM texts
            UNION ALL SELECT item_no, kind, '@vn' FROM texts
            UNION ALL SELECT item_no, kind, '@' || lower(etype) FROM texts)
        SELECT item_no, kind, term, count(*) AS tf FROM tokens WHERE length(term) > 1
        GROUP BY ALL""")
        # Weights, ranks, term and kind counts: maintain() below computes them.
        con.execute("""
        INSERT INTO search_postings
        SELECT t.term, t.item_no, t.kind, t.tf, l.length, 0, 0 FROM synth_tokens t
        JOIN (SELECT item_no, sum(tf)::INTEGER AS length FROM synth_tokens GROUP BY item_no) l
        USING (item_no)""")
        con.execute("""
        UPDATE search_items SET length = l.length FROM
        (SELECT item_no, sum(tf)::INTEGER AS length FROM synth_tokens GROUP BY item_no) l
        WHERE search_items.item_no = l.item_no""")
        con.execute("INSERT INTO search_kinds SELECT kind, count(*), sum(length) "
                    "FROM search_items GROUP BY kind")
    t1 = time.perf_counter()
    # Vectors: unit vectors around topic centres (country x event type x language), so that
    # IVF lists have structure to find, as real embeddings do.
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((nc * ne * 2, DIM)).astype(np.float32)
    topic = con.execute("SELECT ((c - 1) * ? + (e - 1)) * 2 + (language = 'vi')::INTEGER "
                        "FROM synth ORDER BY i", [ne]).fetchnumpy()
    topic = next(iter(topic.values())).astype(np.int64)
    langs = con.execute("SELECT language FROM synth ORDER BY i").fetchnumpy()["language"]
    for start in range(0, 2 * m, chunk):
        numbers = np.arange(start, min(start + chunk, 2 * m))
        rows = numbers % m
        v = centres[topic[rows]] + 1.5 * rng.standard_normal((len(numbers), DIM),
                                                             dtype=np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        lang = [str(x) for x in langs[rows]]
        with store.transaction():
            con.execute("INSERT INTO search_vectors SELECT unnest(?::INTEGER[]), 0, "
                        "unnest(?::VARCHAR[]), unnest(?::BLOB[])",
                        [numbers.tolist(), lang, encode_vectors(v)])
            add_language_sums(store, lang, v)
    t2 = time.perf_counter()
    con.execute("DROP TABLE synth; DROP TABLE synth_text; DROP TABLE synth_tokens")
    if not finish:
        return {"rows_s": t1 - t0, "vectors_s": t2 - t1}
    # IVF lists, vectors sorted by list, postings by term; counts and labels
    maintain(store, force=True)
    t3 = time.perf_counter()
    return {"rows_s": t1 - t0, "vectors_s": t2 - t1, "lists_and_sort_s": t3 - t2}


def queries(count: int, seed: int = 3) -> list[tuple[str, Filters]]:
    """Varied queries: country and event words in en or vi, some years, a third filtered."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(count):
        code, en, vi = COUNTRIES[rng.integers(len(COUNTRIES))]
        etype, en_ev, vi_ev = EVENTS[rng.integers(len(EVENTS))]
        if k % 2:
            text = f"{vi} {vi_ev}" + (f" {2000 + rng.integers(26)}" if k % 3 == 0 else "")
        else:
            text = f"Vietnam {en} {en_ev}" + (f" {2000 + rng.integers(26)}" if k % 3 == 0
                                               else "")
        kind = k % 10
        year = int(2000 + rng.integers(26))
        filters = [Filters(), Filters(), Filters(), Filters(), Filters(),
                   Filters(countries=(code,)), Filters(types=(etype,)),
                   Filters(since=f"{year}-01", until=f"{year}-12"),
                   Filters(languages=("vi",)),
                   Filters(countries=(code,), types=(etype,), since=str(year),
                           until=str(year))][kind]
        out.append((text, filters))
    return out


class Hashed:
    """A stand-in embedder for the build benchmark: unit vectors drawn from a hash of each
    text (the real one would take hours over a million texts; what is measured is what the
    index does with the vectors)."""

    dim = DIM

    def passages(self, texts: list[str]) -> np.ndarray:
        seed = [zlib.crc32(t.encode()) for t in texts]
        v = np.stack([np.random.default_rng(x).standard_normal(DIM, dtype=np.float32)
                      for x in seed]) if texts else np.zeros((0, DIM), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

    queries = passages


def run_build(address: str) -> None:
    """In a fresh process (its peak memory is the build's own): index what is pending and
    retrain the lists, sort the postings (know.index.build_index)."""
    from bilat.know.index import build_index

    store = open_store(address)
    t = time.perf_counter()
    summary = build_index(store, Hashed())
    store.close()
    rss = peak_rss_mb()
    print(f"index build: {summary.documents:,} documents and {summary.events:,} events "
          f"indexed, {summary.lists:,} lists trained, {', '.join(summary.resorted)} sorted, "
          f"in {time.perf_counter() - t:.1f} s; peak RSS {rss:,.0f} MB", flush=True)


class Timed:
    """The real embedder, its time per query kept apart."""

    def __init__(self) -> None:
        self.inner = get_embedder()
        self.dim = self.inner.dim
        self.last = 0.0

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.passages(texts)

    def queries(self, texts: list[str]) -> np.ndarray:
        t = time.perf_counter()
        out = self.inner.queries(texts)
        self.last = time.perf_counter() - t
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--keep", help="build the store here and keep it (default: a temp dir)")
    ap.add_argument("--db", help="a postgresql:// address: search that database (filled "
                    "from the DuckDB store; reused when it holds documents)")
    ap.add_argument("--build", type=int, metavar="PENDING", help="measure the index build "
                    "instead of a ready index: all but PENDING reports are indexed, then "
                    "know.index.build_index indexes those (stand-in vectors), retrains the "
                    "lists and sorts the postings, in a fresh process whose peak memory is "
                    "printed; the searches are timed after")
    ap.add_argument("--build-only", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_only:
        run_build(args.build_only)
        return
    # Before the embedder's OpenMP runtime loads: its idle threads otherwise spin for a while
    # after each query and starve DuckDB's on a 2-core machine (a query then takes ~1 s).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.duckdb"
        fresh = not path.exists()
        store = open_store(path)
        build = (generate(store, args.docs, finish=args.build is None,
                          unindexed=args.build or 0) if fresh else {})
        size_mb = path.stat().st_size / 1e6
        if args.db:  # the same index, searched on PostgreSQL
            from bilat.bench.to_postgres import copy_store, has_rows

            source, store = store, open_store(args.db)
            if not has_rows(store) or fresh:
                build["copy_to_postgres_s"] = copy_store(source, store)
            source.close()
        if args.build is not None:
            store.close()
            subprocess.run([sys.executable, "-m", "bilat.bench.search", "--build-only",
                            args.db or str(path)], check=True)
            store = open_store(args.db or path)
            size_mb = path.stat().st_size / 1e6
        if args.db:
            size_mb = store.con.execute(
                "SELECT pg_database_size(current_database())").fetchone()[0] / 1e6
        embedder = Timed()
        t = time.perf_counter()
        search(store, embedder, "warm up", Filters(), 10)
        first = time.perf_counter() - t
        t = time.perf_counter()  # the first filtered search reads the filter columns
        search(store, embedder, "warm up", Filters(languages=("vi",)), 10)
        first_filtered = time.perf_counter() - t
        # two passes over the same queries: the first reads the store's blocks as a fresh
        # process does, the second as a server that has been answering for a while
        passes = []
        for _ in range(2):
            totals, embeds, empty = [], [], 0
            by_filter: dict[bool, list[float]] = {False: [], True: []}
            for text, filters in queries(args.queries):
                t = time.perf_counter()
                hits = search(store, embedder, text, filters, 10)
                total = time.perf_counter() - t
                totals.append(total * 1000)
                embeds.append(embedder.last * 1000)
                by_filter[not filters.empty].append(total * 1000)
                empty += not hits
            passes.append((totals, embeds, by_filter, empty))
        store.close()
    p = np.percentile
    rss = peak_rss_mb()
    where = " on PostgreSQL" if args.db else ""
    print(f"search benchmark{where}: {args.docs:,} documents + {args.docs:,} events, "
          f"{args.queries} queries, store {size_mb:,.0f} MB")
    if build:
        print("build: " + ", ".join(f"{k} {v:.1f}" for k, v in build.items()))
    for name, (totals, embeds, by_filter, empty) in zip(("first pass", "second pass"), passes,
                                                        strict=True):
        print(f"{name} latency ms: p50 {p(totals, 50):.1f}, p95 {p(totals, 95):.1f} "
              f"(the query's embedding, overlapping the word lookup: p50 {p(embeds, 50):.1f}, "
              f"p95 {p(embeds, 95):.1f}); "
              f"unfiltered p95 {p(by_filter[False], 95):.1f}, filtered p95 "
              f"{p(by_filter[True], 95):.1f}; {empty} queries found nothing")
    print(f"first search {first * 1000:.0f} ms, first filtered search {first_filtered * 1000:.0f} "
          f"ms (not counted above); peak RSS {rss:,.0f} MB")


if __name__ == "__main__":
    main()
