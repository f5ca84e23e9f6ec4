"""Article-body extraction quality on ../shared/bench/article-extraction (181 real pages).

    python -m bilat.bench.article_extraction [--out FILE] [--bench DIR]

Runs bilat's HTML cleaning path on every page, writes {id: {"articleBody": text}} as the
benchmark's own scorer expects, scores it with ../shared/eval/extraction_score.py and prints
the figures with pages per second.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=SHARED / "bench" / "article-extraction")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    pages = sorted((args.bench / "html").glob("*.html.gz"))
    if not pages:
        sys.exit(f"{args.bench}: no pages found")
    from bilat.clean import clean_document
    from bilat.errors import BadInput
    from bilat.model import RawDocument
    from bilat.readers.html import decode_html

    output = {}
    start = time.perf_counter()
    for path in pages:
        key = path.name.split(".", 1)[0]
        html = decode_html(gzip.decompress(path.read_bytes()))
        try:
            doc = clean_document(RawDocument(source=str(path), doc_id=key, fmt="html",
                                             html=html))
            # the published body opens with its dateline, which bilat keeps as metadata
            body = f"{doc.dateline} – {doc.text}" if doc.dateline else doc.text
            output[key] = {"articleBody": body}
        except BadInput:
            output[key] = {"articleBody": ""}
    elapsed = time.perf_counter() - start
    out = args.out or Path(tempfile.mkstemp(suffix=".json")[1])
    out.write_text(json.dumps(output, ensure_ascii=False), encoding="utf-8")
    scorer = SHARED / "eval" / "extraction_score.py"
    result = subprocess.run([sys.executable, str(scorer), str(out),
                             str(args.bench / "ground-truth.json")],
                            capture_output=True, text=True, check=True)
    print(f"article-extraction: {result.stdout.strip()}; {len(pages) / elapsed:.1f} pages/s "
          f"({elapsed * 1000 / len(pages):.1f} ms/page)")


if __name__ == "__main__":
    main()
