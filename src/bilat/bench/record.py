"""Record benchmark: timeline and dossier reads on a store of many synthetic documents.

    python -m bilat.bench.record [--docs 1000000] [--db postgresql://…]

Fills a fresh DuckDB store through SQL (documents, their events and facts, the merged
record: about three reports per document and two reports per merged event), then times the
reads `bilat timeline A B` and `bilat dossier A B` make for 60 country pairs, and prints the
50th and 95th percentiles and the peak memory. With --db ADDRESS, the same rows are copied
into that PostgreSQL database (bench.to_postgres) and the reads timed there.

With --remerge, it times a full rebuild of the record instead (know.merge.remerge: load the
reports, merge them, write the record and its read models in one transaction) in a fresh
process, and prints that process's peak memory. The synthetic events are spread over many
blocks (about 40 reports in each: every merged event's partner is one of docs/100 made-up
country codes), and their evidence vectors are filled in by SQL (deterministic unit vectors,
equal for two reports of one synthetic event), so the rebuild finds them cached and embeds
nothing. With --db ADDRESS too, the rows are copied into that PostgreSQL database and the
rebuild runs there (the peak printed is bilat's process; the server's memory is its own
settings').
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bilat.bench.memory import peak_rss_mb

PARTNERS = ["BE", "KH", "CU", "TH", "MY", "PH", "IT", "GB", "CA", "BR", "NL", "HU", "NZ", "PL",
            "AE", "FR", "DE", "JP", "KR", "CN", "US", "IN", "AU", "RU", "LA", "ID", "SG", "MX",
            "AR", "CL"]
TYPES = ["VISIT", "MEETING", "AGREEMENT", "CONSULTATION", "AID", "ANNIVERSARY",
         "SUPPORT_STATEMENT", "PARTNERSHIP_UPGRADE"]
METRICS = ["TRADE_TOTAL", "EXPORTS", "IMPORTS", "INVESTMENT"]


def fill(store, docs: int) -> None:
    """Synthetic rows written by SQL: deterministic, no text copied from anywhere."""
    from bilat.know.record import save_fact_rows, save_pair_views

    con = store.con
    partners = "['" + "','".join(PARTNERS) + "']"
    types = "['" + "','".join(TYPES) + "']"
    metrics = "['" + "','".join(METRICS) + "']"
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        INSERT INTO documents (content_id, doc_id, source, url, title, published, language,
                               text)
        SELECT 'c' || i, 'doc' || i, 'bench', 'https://news.example.org/' || i,
               'Report ' || i, strftime(DATE '2000-01-01' + (i % 9000)::INTEGER, '%Y-%m-%d'),
               CASE WHEN i % 3 = 0 THEN 'vi' ELSE 'en' END,
               'Synthetic report number ' || i
        FROM range({docs}) t(i)""")
    # three reports per document; report k of document i tells merged event (i*3+k)//2
    con.execute(f"""
        INSERT INTO events (id, content_id, type, plover, mode, actors, actor, recipient,
                            date_start, status, people, evidence, sentence)
        SELECT 'e' || j, 'c' || (j // 3), {types}[1 + (j // 2) % 8], 'CONSULT', NULL,
               ['VN', {partners}[1 + (j // 2 // 7) % 30]], 'VN',
               {partners}[1 + (j // 2 // 7) % 30],
               strftime(DATE '2000-01-01' + ((j // 2) % 9000)::INTEGER, '%Y-%m-%d'),
               'happened', ['Person ' || (j % 500)], 'Evidence sentence ' || j, j % 3
        FROM range({docs * 3}) t(j)""")
    con.execute(f"""
        INSERT INTO facts (id, content_id, metric, from_country, to_country, value, unit,
                           period, evidence, sentence)
        SELECT 'f' || i, 'c' || i, {metrics}[1 + i % 4], 'VN', {partners}[1 + (i // 4) % 30],
               1e6 * (1 + i % 997), 'USD', (2000 + i % 25)::VARCHAR, 'Figure ' || i, 0
        FROM range({docs // 3}) t(i)""")
    save_fact_rows(store)
    con.execute("""
        INSERT INTO merged_events
        SELECT 'm' || (j // 2), any_value(type), 'CONSULT', NULL, any_value(actors),
               'VN', any_value(recipient), min(date_start), NULL, 'happened',
               any_value(people), NULL, any_value(evidence), count(*)
        FROM (SELECT *, CAST(substr(id, 2) AS BIGINT) AS j FROM events)
        GROUP BY j // 2""")
    con.execute("""
        INSERT INTO merged_sources
        SELECT 'm' || (CAST(substr(e.id, 2) AS BIGINT) // 2), e.id, e.content_id, d.doc_id,
               d.language, e.evidence, d.published, d.url, d.title
        FROM events e JOIN documents d USING (content_id)""")
    con.execute("""
        INSERT INTO timeline_rows
        SELECT least(m.actors[1], m.actors[2]) || '|' || greatest(m.actors[1], m.actors[2])
                   AS pair,
               m.date_start, m.id, m.type, m.status, m.people,
               to_json({'id': m.id, 'type': m.type, 'plover': m.plover, 'mode': m.mode,
                        'actors': m.actors, 'actor': m.actor, 'recipient': m.recipient,
                        'date_start': m.date_start, 'date_end': m.date_end,
                        'status': m.status, 'people': m.people, 'location': m.location,
                        'evidence': m.evidence, 'source_count': m.source_count,
                        'sources': s.sources}), m.source_count,
               row_number() OVER (PARTITION BY pair ORDER BY m.date_start DESC NULLS LAST,
                                  m.id)
        FROM merged_events m JOIN (
            SELECT merged_id, list({'doc': doc_id, 'language': language,
                                    'evidence': evidence, 'published': published, 'url': url,
                                    'title': title, 'content_id': content_id}) AS sources
            FROM merged_sources GROUP BY merged_id) s ON s.merged_id = m.id
        ORDER BY 1, 2, 3""")
    save_pair_views(store)
    con.execute("COMMIT")
    con.execute("CHECKPOINT")


def prepare_remerge(store, docs: int) -> None:
    """Small blocks and cached vectors for a rebuild (see the module's docstring)."""
    con = store.con
    partners = max(1, docs // 100)
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        UPDATE events SET actors = ['VN', 'Q' || ((CAST(substr(id, 2) AS BIGINT) // 2)
                                                  % {partners})],
                          recipient = 'Q' || ((CAST(substr(id, 2) AS BIGINT) // 2)
                                              % {partners})""")
    con.execute("""
        INSERT INTO event_vectors
        SELECT id, list_transform(range(384), lambda k: CASE WHEN k = m % 384 THEN 0.8
                                                        WHEN k = (m // 384) % 384 THEN 0.6
                                                        ELSE 0 END)::FLOAT[384]
        FROM (SELECT id, CAST(substr(id, 2) AS BIGINT) // 2 AS m FROM events)""")
    con.execute("UPDATE store_generation SET stored = stored + 1")
    con.execute("COMMIT")
    con.execute("CHECKPOINT")


def run_remerge(path: str) -> None:
    """One full rebuild of the store at `path`; prints its time and this process's peak
    memory at each step (the peak so far: VmHWM, which a fresh program starts anew)."""
    import bilat.know.merge as merge
    import bilat.know.record as record
    import bilat.store.record as store_record
    from bilat.store import open_store

    rss = peak_rss_mb

    def traced(module, name):
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            out = inner(*args, **kwargs)
            print(f"  {name}: {time.perf_counter() - t0:.1f} s, peak RSS {rss():.0f} MB",
                  flush=True)
            return out
        setattr(module, name, wrapper)

    for module, name in ((store_record, "load_reports"), (merge, "merge_reports"),
                         (record, "save_merged"), (store_record, "report_groups"),
                         (record, "save_merged_chunks")):
        if hasattr(module, name):
            traced(module, name)
    store = open_store(path)
    print(f"  opened: peak RSS {rss():.0f} MB", flush=True)
    t0 = time.perf_counter()
    summary = merge.remerge(store)
    took = time.perf_counter() - t0
    store.close()
    print(f"remerge: {summary.reports} reports, {summary.merged} merged "
          f"({summary.multi_source} from several documents, {summary.embedded} embedded) "
          f"in {took:.1f} s; peak RSS {rss():.0f} MB", flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main_remerge(args) -> None:
    import subprocess
    import sys

    from bilat.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "record.duckdb"
        if not path.exists():
            t0 = time.perf_counter()
            store = open_store(path)
            fill(store, args.docs)
            prepare_remerge(store, args.docs)
            store.close()
            print(f"filled {args.docs} documents in {time.perf_counter() - t0:.0f} s",
                  flush=True)
        target = str(path)
        if args.db:  # the same rows, rebuilt on PostgreSQL
            from bilat.bench.to_postgres import copy_store, has_rows

            source, store = open_store(path, read_only=True), open_store(args.db)
            if not has_rows(store):
                print(f"copied to PostgreSQL in {copy_store(source, store):.0f} s", flush=True)
            source.close()
            store.close()
            target = args.db
        subprocess.run([sys.executable, "-m", "bilat.bench.record", "--remerge-only",
                        target], check=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--store", type=Path, help="keep the filled store here and reuse it "
                    "when it exists (for profiling the reads without refilling)")
    ap.add_argument("--db", help="a postgresql:// address: time the reads on that database "
                    "(filled from the DuckDB store; reused when it holds documents)")
    ap.add_argument("--remerge", action="store_true", help="time a full rebuild of the "
                    "record (know.merge.remerge) in a fresh process instead of the reads")
    ap.add_argument("--remerge-only", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.remerge_only:
        run_remerge(args.remerge_only)
        return
    if args.remerge:
        main_remerge(args)
        return
    from bilat.know.dossier import (
        PEOPLE_SHOWN,
        TIMELINE_ROWS,
        build_dossier,
        dossier_html,
    )
    from bilat.know.series import build_series
    from bilat.store import open_store
    from bilat.store.record import (
        fact_points,
        facts_between,
        pair_milestones,
        pair_people,
        pair_timeline,
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "record.duckdb"
        reuse = path.exists()
        store = open_store(path)
        start = time.perf_counter()
        if not reuse:
            fill(store, args.docs)
        built = time.perf_counter() - start
        if args.db:  # the same rows, read from PostgreSQL
            from bilat.bench.to_postgres import copy_store, has_rows

            source, store = store, open_store(args.db)
            if not has_rows(store) or not reuse:
                built += copy_store(source, store)
            source.close()
        counts = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "merged_events", "merged_sources")}
        store.close()
        store = open_store(args.db or path, read_only=True)
        timeline, dossier = [], []
        pairs = [("VN", p) for p in PARTNERS] * 2
        for a, b in pairs:
            t0 = time.perf_counter()
            pair_timeline(store, a, b, 500)  # what `bilat timeline` reads
            timeline.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            events, total = pair_timeline(store, a, b, TIMELINE_ROWS)
            people, people_total = pair_people(store, a, b, PEOPLE_SHOWN)
            series = build_series(facts_between(store, a, b, per_period=20),
                                  fact_points(store, a, b))
            d = build_dossier(a, b, events, series,
                              total=total,
                            milestones=pair_milestones(store, a, b),
                              people=people, people_total=people_total)
            dossier_html(d, "en")
            dossier.append(time.perf_counter() - t0)
        store.close()
    ms = 1000
    where = " on PostgreSQL" if args.db else ""
    print(f"record{where}: {args.docs} documents ({counts['events']} events, "
          f"{counts['merged_events']} merged) built in {built:.0f} s; "
          f"{total} events per pair; timeline (latest 500) p50 "
          f"{percentile(timeline, .5) * ms:.0f} ms "
          f"p95 {percentile(timeline, .95) * ms:.0f} ms; dossier (HTML) p50 "
          f"{percentile(dossier, .5) * ms:.0f} ms p95 {percentile(dossier, .95) * ms:.0f} ms; "
          f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
