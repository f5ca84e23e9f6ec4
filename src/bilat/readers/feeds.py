"""RSS and Atom feeds (feedparser): each entry's content, else its summary, is a document."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from bilat.model import RawDocument, ReadError
from bilat.readers.fields import published_date
from bilat.readers.ids import stable_id

_MARKUP = re.compile(r"<[a-zA-Z][^>]*>")


_CHARREF = re.compile(rb"&#(x[0-9a-fA-F]+|[0-9]+);")


def _valid_charref(m: re.Match[bytes]) -> bytes:
    """A character reference to no character ("&#99999999999;", "&#xD800;") would fail the
    whole feed in the parser: it becomes U+FFFD, and the feed's other entries are read."""
    ref = m.group(1)
    try:
        code = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
    except ValueError:
        return b"&#xFFFD;"
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or len(ref) > 12:
        return b"&#xFFFD;"
    return m.group(0)


def looks_like_feed(head: bytes) -> bool:
    h = head[:2048].lower()
    return b"<rss" in h or (b"<feed" in h and b"atom" in h) or b"<rdf:rdf" in h


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | ReadError]:
    import feedparser

    try:
        feed = feedparser.parse(_CHARREF.sub(_valid_charref, data))
    except (LookupError, UnicodeError, ValueError, OverflowError) as exc:
        # a declared encoding that is none
        yield ReadError(source, f"malformed feed ({type(exc).__name__}: {exc})"[:300])
        return
    if feed.bozo and not feed.entries:
        yield ReadError(source, f"malformed feed: {feed.get('bozo_exception')}")
        return
    if not feed.entries:
        yield ReadError(source, "a feed with no entries")
        return
    for n, entry in enumerate(feed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value") or ""
        body = body or entry.get("summary") or ""  # the parser may leave either as None
        if not isinstance(body, str) or not body.strip():
            yield ReadError(f"{source}#{n}", "feed entry has no content or summary")
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        markup = bool(_MARKUP.search(body))
        link = entry.get("link")
        yield RawDocument(
            source=f"{source}#{n}", doc_id=stable_id(link or entry.get("id") or body),
            fmt="feed", text=None if markup else body, html=body if markup else None,
            title=entry.get("title"), url=link,
            published=published_date(time.strftime("%Y-%m-%d", when)) if when else None)
