"""What a polled address lists: the items of an RSS/Atom feed or a (news) sitemap, or the
sitemaps of a sitemap index. Pure: bytes in, items out; BadListing names what is wrong."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bilat.readers.fields import published_date

MAX_CHILDREN = 20  # sitemaps read from one index per poll, the most recently changed first


class BadListing(ValueError):
    """Bytes that are no feed or sitemap; str() says why."""


@dataclass(frozen=True)
class Item:
    key: str  # what identifies the item across polls: its guid, else its address
    url: str | None  # the article's address (None: the feed carries the whole text)
    title: str | None = None
    published: str | None = None  # ISO date, when the listing gives one
    stamp: str = ""  # changes when the publisher edits the item (updated/lastmod, content)
    content: str | None = None  # the feed's own text of the item (markup or plain)


@dataclass(frozen=True)
class Listing:
    kind: str  # feed | sitemap | sitemapindex
    items: tuple[Item, ...] = ()
    children: tuple[str, ...] = ()  # a sitemap index's sitemaps


def read_listing(data: bytes, url: str) -> Listing:
    """The items (or child sitemaps) `data`, fetched from `url`, lists."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _read_sitemap(data, url)
    return _read_feed(data, url)


def newest_first(items: tuple[Item, ...]) -> list[Item]:
    """Dated items newest first, then undated ones in listing order."""
    dated = sorted((i for i in items if i.published), key=lambda i: i.published or "",
                   reverse=True)
    return dated + [i for i in items if not i.published]


def _digest(*parts: str | None) -> str:
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8", "replace")
                        ).hexdigest()[:12]


# -- RSS / Atom -------------------------------------------------------------------------------

def _read_feed(data: bytes, url: str) -> Listing:
    import feedparser

    from bilat.readers.feeds import looks_like_feed

    if not looks_like_feed(data):
        raise BadListing("neither an RSS/Atom feed nor a sitemap")
    try:
        feed = feedparser.parse(data)
    except (LookupError, UnicodeError, ValueError, OverflowError) as exc:
        raise BadListing(f"malformed feed ({type(exc).__name__}: {exc})"[:300]) from None
    if feed.bozo and not feed.entries:
        raise BadListing(f"malformed feed ({feed.get('bozo_exception')})"[:300])
    items = []
    for entry in feed.entries:
        link = entry.get("link")
        link = urljoin(url, link.strip()) if isinstance(link, str) and link.strip() else None
        if link and urlsplit(link).scheme not in ("http", "https"):
            link = None  # a permalink guid that is no address ("tag:…"): no page to fetch
        key = entry.get("id") or link
        if key and not urlsplit(str(key)).scheme:
            key = urljoin(url, str(key))  # "/a/1.html" or "1234": this site's, not any site's
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value") or ""
        body = body or entry.get("summary") or ""
        if not key:
            if not body:
                continue  # nothing to identify it by, nothing to read
            key = "sha1:" + _digest(body)
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = published_date(time.strftime("%Y-%m-%d", when)) if when else None
        title = entry.get("title") if isinstance(entry.get("title"), str) else None
        # dict.get: FeedParserDict maps a missing "updated" to "published", with a warning
        stamp = _digest(dict.get(entry, "updated") or dict.get(entry, "published"), title, body)
        items.append(Item(str(key), link, title or None, published, stamp, body or None))
    if feed.bozo and not items:  # broken, and nothing usable recovered from it
        raise BadListing(f"malformed feed ({feed.get('bozo_exception')})"[:300])
    return Listing("feed", tuple(items))


# -- sitemaps ---------------------------------------------------------------------------------

def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: object, name: str) -> str | None:
    for child in element.iter():  # type: ignore[attr-defined]
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _read_sitemap(data: bytes, url: str) -> Listing:
    from lxml import etree

    # no entities, no network, no huge trees: the bytes come from anyone
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise BadListing(f"malformed sitemap ({exc})"[:300]) from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = []
        for sm in root:
            if _local(sm.tag) != "sitemap":
                continue
            loc = _child_text(sm, "loc")
            if loc:
                children.append((_child_text(sm, "lastmod") or "", urljoin(url, loc)))
        children.sort(key=lambda c: c[0], reverse=True)
        return Listing("sitemapindex", children=tuple(u for _, u in children[:MAX_CHILDREN]))
    if kind != "urlset":
        raise BadListing(f"a sitemap's root must be urlset or sitemapindex, not {kind!r}")
    items = []
    for entry in root:
        if _local(entry.tag) != "url":
            continue
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        link = urljoin(url, loc)
        lastmod = _child_text(entry, "lastmod")
        news_date = _child_text(entry, "publication_date")
        title = _child_text(entry, "title")  # news:title
        published = published_date(news_date or lastmod or "")
        items.append(Item(link, link, title, published, _digest(lastmod or news_date, title)))
    return Listing("sitemap", tuple(items))
