"""WARC and WARC.gz archives (warcio): each HTML response record is a page."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from bilat.model import RawDocument, ReadError
from bilat.readers.html import read_html
from bilat.readers.ids import stable_id


def gzip_intact(data: bytes) -> bool:
    """Whether every gzip member of `data` is complete (a cut archive ends mid-member)."""
    rest = data
    while rest:
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            while not d.eof and rest:
                d.decompress(rest, 1 << 20)
                rest = d.unconsumed_tail
        except zlib.error:
            return False
        if not d.eof:
            return False
        rest = d.unused_data
    return True


def read_warc(data: bytes, source: str) -> Iterator[RawDocument | ReadError]:
    """Pages of a WARC; a damaged or cut archive yields the pages before the damage only."""
    if data[:2] == b"\x1f\x8b" and not gzip_intact(data):
        pages = [p for p in _pages(data, source) if isinstance(p, RawDocument)]
        yield from pages[:-1]  # the last record read is the one the cut went through
        yield ReadError(source, f"truncated or damaged WARC after {max(len(pages) - 1, 0)} "
                                "page(s)")
        return
    yield from _pages(data, source)


def _pages(data: bytes, source: str) -> Iterator[RawDocument | ReadError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower() if (
                record.http_headers) else ""
            if "html" not in ctype:
                continue
            payload = record.content_stream().read()
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield read_html(payload, f"{source}#{n}", stable_id(url or payload.hex()[:200]),
                            url=url, fmt="warc")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield ReadError(source, f"truncated or damaged WARC after {n} page(s): {exc}")
