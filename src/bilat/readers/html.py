"""HTML pages: decoded with the charset they declare; main-text extraction is cleaning's job."""

from __future__ import annotations

import re

from bilat.model import RawDocument
from bilat.readers.decode import decode

_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


def decode_html(data: bytes, declared: str | None = None) -> str:
    m = _META_CHARSET.search(data[:4096])
    return decode(data, declared or (m.group(1).decode("ascii", "ignore") if m else None))


def read_html(data: bytes, source: str, doc_id: str, url: str | None = None,
              fmt: str = "html") -> RawDocument:
    return RawDocument(source=source, doc_id=doc_id, fmt=fmt, html=decode_html(data), url=url)
