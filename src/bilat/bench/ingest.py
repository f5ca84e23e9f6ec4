"""Ingest benchmark: pages per second and peak memory for a few thousand HTML news pages.

    python -m bilat.bench.ingest [--pages N] [--workers W] [--db postgresql://…]

Generates synthetic pages (navigation, captions, a related-stories block, a few re-posted
near-duplicates) in a temporary directory and ingests them into a fresh DuckDB file through
the real pipeline (read, clean, deduplicate, extract, store). Prints pages/s and the peak
resident memory of the process and its workers. With --db ADDRESS, into that (empty)
PostgreSQL database instead.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from bilat.bench.extract import article

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<meta property="article:published_time" content="2024-05-{day:02d}T08:00:00+07:00"></head>
<body><header><div class="logo">Example News</div><nav><a href="/">Home</a> |
<a href="/world">World</a> | <a href="/business">Business</a> | <a href="/sport">Sport</a></nav>
</header><main><article><h1>{title}</h1><div class="meta">May {day}, 2024</div>
{paragraphs}
<figure><img src="/img/{n}.jpg"><figcaption>Officials at the meeting (Photo: VNA)</figcaption>
</figure></article>
<section class="related"><h3>Related news</h3><ul>
<li><a href="/a">Hanoi metro carries record numbers</a></li>
<li><a href="/b">Rice exports rise in the first quarter</a></li></ul></section></main>
<footer>© Example News. Contact | Advertising | Terms of use</footer></body></html>
"""


def make_pages(folder: Path, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    previous = None
    for n in range(count):
        if previous is not None and rng.random() < 0.03:
            text = previous.replace(" the ", " this ", 2)  # a re-posted near-duplicate
        else:
            raw = article(rng, rng.choice((250, 400, 600)))
            text = raw.text
        previous = text
        paragraphs = "\n".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        title = text.split(".")[0][:90]
        lang = "vi" if "Việt" in text or "Thủ tướng" in text else "en"
        (folder / f"page{n:05d}.html").write_text(
            PAGE.format(lang=lang, title=title, day=1 + n % 28, paragraphs=paragraphs, n=n),
            encoding="utf-8")


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", help="a postgresql:// address to ingest into (an empty database)")
    args = ap.parse_args(argv)
    from bilat.config import Settings
    from bilat.ingest import ingest
    from bilat.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        make_pages(folder, args.pages)
        store = open_store(args.db or Path(tmp) / "bench.duckdb")
        settings = Settings(workers=args.workers)
        start = time.perf_counter()
        summary = ingest([str(folder)], store, settings)
        elapsed = time.perf_counter() - start
        counts = store.counts()
        store.close()
    where = " into PostgreSQL" if args.db else ""
    print(f"ingest{where}: {args.pages} pages in {elapsed:.1f} s with {args.workers} workers: "
          f"{args.pages / elapsed:.1f} pages/s; stored {summary.stored}, near-duplicates "
          f"{summary.near_duplicates}, failed {len(summary.failed)}; {counts['events']} events, "
          f"{counts['facts']} facts; peak RSS {peak_rss_mb():.0f} MB (largest process)")


if __name__ == "__main__":
    main()
