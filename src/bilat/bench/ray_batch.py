"""Ray batch benchmark: documents per second of `bilat batch` with 1 and 2 Ray workers, the
memory of each worker, and what the Ray path (batch, then load) costs against `bilat ingest`
on the same input.

    python -m bilat.bench.ray_batch [--pages N] [--shards S]

Generates the synthetic news pages of bilat.bench.ingest, packs them into S WARC.gz shards
(as Common Crawl's CC-NEWS archives hold pages), then times on that same input: ingest with 1
and 2 worker processes into fresh DuckDB files, batch on a local Ray of 1 and then 2 CPUs
(Ray's start is timed apart, each worker's first shard includes its warm-up), and load of the
batch's files into a fresh DuckDB file (merging left out: ingest does not merge either).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from bilat.bench.ingest import make_pages


def write_shards(pages: list[Path], folder: Path, shards: int) -> list[Path]:
    """The pages as `shards` WARC.gz files of HTTP response records, in page order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    per = -(-len(pages) // shards)
    out = []
    for n in range(shards):
        path = folder / f"CC-NEWS-BENCH-{n:05d}.warc.gz"
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for page in pages[n * per:(n + 1) * per]:
                headers = StatusAndHeaders("200 OK", [("Content-Type",
                                                       "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    f"https://news.example.org/{page.stem}", "response",
                    payload=io.BytesIO(page.read_bytes()), http_headers=headers)
                writer.write_record(record)
        out.append(path)
    return out


def _ingest(shards: list[Path], db: Path, workers: int) -> tuple[float, object]:
    from bilat.config import Settings
    from bilat.ingest import ingest
    from bilat.store import open_store

    store = open_store(db)
    start = time.perf_counter()
    summary = ingest([str(p) for p in shards], store, Settings(workers=workers))
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, summary


def _batch(shards: list[Path], out: Path, workers: int) -> tuple[float, float, object]:
    import ray

    from bilat.config import Settings
    from bilat.shards.ray_run import run_batch, start_ray
    from bilat.shards.sources import list_shards

    ray.shutdown()
    start = time.perf_counter()
    start_ray(workers=workers)
    started = time.perf_counter() - start
    start = time.perf_counter()
    summary = run_batch(list_shards([str(p) for p in shards]), out, Settings())
    elapsed = time.perf_counter() - start
    ray.shutdown()
    return started, elapsed, summary


def _load(out: Path, db: Path) -> tuple[float, object]:
    from bilat.config import Settings
    from bilat.shards.load import load
    from bilat.store import open_store

    store = open_store(db)
    start = time.perf_counter()
    summary = load(out, store, Settings())
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, summary


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1600)
    ap.add_argument("--shards", type=int, default=8)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pages").mkdir()
        make_pages(root / "pages", args.pages)
        shards = write_shards(sorted((root / "pages").glob("*.html")), root, args.shards)
        docs = args.pages
        print(f"input: {docs} pages in {args.shards} WARC.gz shards, "
              f"{sum(p.stat().st_size for p in shards) / 1e6:.1f} MB")
        ingest_s = {}
        for w in (1, 2):
            ingest_s[w], s = _ingest(shards, root / f"ingest{w}.duckdb", w)
            print(f"ingest, {w} worker(s): {ingest_s[w]:.1f} s, {docs / ingest_s[w]:.1f} docs/s "
                  f"(stored {s.stored}, near-duplicates {s.near_duplicates})")
        batch_s = {}
        for w in (1, 2):
            started, batch_s[w], s = _batch(shards, root / f"out{w}", w)
            rss = ", ".join(f"{mb:.0f}" for mb in sorted(s.peak_rss_mb.values()))
            print(f"batch on Ray, {w} worker(s): {batch_s[w]:.1f} s, {docs / batch_s[w]:.1f} "
                  f"docs/s (Ray start {started:.1f} s apart); peak RSS per worker: {rss} MB")
        print(f"batch speed-up, 2 workers over 1: {batch_s[1] / batch_s[2]:.2f}x")
        load_s, s = _load(root / "out2", root / "load.duckdb")
        print(f"load into DuckDB: {load_s:.1f} s, {docs / load_s:.1f} docs/s (stored "
              f"{s.stored.stored}, near-duplicates {s.stored.near_duplicates})")
        for w in (1, 2):
            ray_path = batch_s[w] + load_s
            print(f"Ray path (batch + load) against ingest, {w} worker(s): {ray_path:.1f} s / "
                  f"{ingest_s[w]:.1f} s = {ray_path / ingest_s[w]:.2f}x")


if __name__ == "__main__":
    main()
