"""HTML pages: decoded with the charset they declare; main-text extraction is cleaning's job."""

from __future__ import annotations

import re

from bilat.model import RawDocument
from bilat.readers.decode import decode

# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Markup as text: BOM, then the page's <meta> charset, then the HTTP one, then detection."""
    return decode(data, declared_charset(data) or declared)


def read_html(data: bytes, source: str, doc_id: str, url: str | None = None,
              fmt: str = "html", declared: str | None = None) -> RawDocument:
    return RawDocument(source=source, doc_id=doc_id, fmt=fmt, html=decode_html(data, declared),
                       url=url)
