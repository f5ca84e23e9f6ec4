"""Fetched pages (and feed entries with no page) made documents: read like any input, then
cleaned and extracted by the ingest pipeline's own functions (bilat.batch.process_one)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from bilat.config import Settings
from bilat.model import Document, Extraction, RawDocument, ReadError
from bilat.watch.fetch import Response
from bilat.watch.items import Item

Outcome = tuple[Document, Extraction] | ReadError
_MARKUP = re.compile(r"<[a-zA-Z][^>]*>")

def page_outcomes(resp: Response, item: Item, settings: Settings) -> list[Outcome]:
    """A fetched page read like any input (bilat.readers.read_bytes) and processed; its source
    is its address. The feed's title and date are used only where the page has none: the
    page is processed without them first, and again with them when it lacked one."""
    from bilat.batch import process_one
    from bilat.readers.ids import stable_id

    name = PurePosixPath(urlsplit(resp.url).path).name or "index"
    out: list[Outcome] = []
    for raw in _read_page(resp, name, stable_id(resp.url), settings):
        if isinstance(raw, ReadError):
            out.append(raw)
            continue
        raw = replace(raw, url=raw.url or resp.url)
        first = process_one(raw, settings)
        if isinstance(first, ReadError):
            out.append(first)
            continue
        doc = first[0]
        fill = {}
        if doc.title is None and item.title:
            fill["title"] = item.title
        if doc.published is None and item.published:
            fill["published"] = item.published
        out.append(process_one(replace(raw, **fill), settings) if fill else first)
    return out


def _read_page(resp: Response, name: str, doc_id: str, settings: Settings
               ) -> list[RawDocument | ReadError]:
    """An HTML page is read with the charset its HTTP answer declares (the page's own <meta>
    still wins); anything else as `bilat ingest` reads a file of those bytes."""
    from bilat.readers import read_bytes
    from bilat.readers.decode import looks_binary
    from bilat.readers.html import read_html

    ctype = (resp.content_type or "").lower()
    if "html" in ctype and resp.body.strip() and not looks_binary(resp.body):
        charset = None
        for part in ctype.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key == "charset" and value:
                charset = value.strip("\"' ")
        try:
            return [read_html(resp.body, resp.url, doc_id, url=resp.url, declared=charset)]
        except Exception as exc:  # noqa: BLE001 - as read_bytes: one page, one error line
            return [ReadError(resp.url, f"cannot be read ({type(exc).__name__}: {exc})"[:300])]
    return list(read_bytes(resp.body, name, resp.url, settings, doc_id=doc_id))


def entry_outcomes(feed_url: str, item: Item, settings: Settings) -> list[Outcome]:
    """An item with no address: the feed's own text of it is the document."""
    from bilat.batch import process_one
    from bilat.readers.ids import stable_id

    body = item.content or ""
    markup = bool(_MARKUP.search(body))
    raw = RawDocument(source=f"{feed_url}#{item.key}", doc_id=stable_id(item.key), fmt="feed",
                      text=None if markup else body, html=body if markup else None,
                      title=item.title, published=item.published)
    return [process_one(raw, settings)]
