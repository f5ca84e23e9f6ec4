"""WARC and WARC.gz archives (warcio): each HTML response record is a page."""

from __future__ import annotations

import io
from collections.abc import Iterator

from bilat.model import RawDocument, ReadError
from bilat.readers.html import read_html
from bilat.readers.ids import stable_id


def read_warc(data: bytes, source: str) -> Iterator[RawDocument | ReadError]:
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
