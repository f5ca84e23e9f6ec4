"""A pair's latest merged events as an Atom feed and a JSON Feed 1.1: one builder for the
files `bilat watch` writes and the feeds `bilat serve` publishes. Pure: events in, bytes out.

Each entry: the merged id as its stable id, a title (event type label and date), the
evidence sentence, the sources' links, and `updated` (the change log's time when one is
given, else the event's date). Article text goes through know.escaping.printable (XML 1.0
has no place for most control characters) and ElementTree escapes it for XML; only http(s)
addresses are linked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from bilat.know.escaping import http_url, printable
from bilat.know.timeline import format_date, type_label

FEED_LENGTH = 50  # events per pair feed, the latest
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
_ATOM = "http://www.w3.org/2005/Atom"

Event = dict[str, Any]


@dataclass(frozen=True)
class FeedMeta:
    """What the feed says of itself. Addresses are absolute or None (a file has none)."""

    feed_id: str  # a URN, stable for the feed
    title: str
    updated: str | None = None  # RFC 3339; None: the newest entry's
    self_url: str | None = None  # where this feed is read
    home_url: str | None = None  # the pair's page
    event_url: str | None = None  # an event's page, "{id}" filled in


def payload(event: Event) -> Event:
    """The event as JSON-ready data (what the webhook posts and the JSON Feed carries)."""
    keys = ("id", "type", "plover", "mode", "actors", "actor", "recipient", "date_start",
            "date_end", "status", "people", "location", "evidence", "source_count")
    out = {k: event.get(k) for k in keys}
    out["sources"] = [{k: s.get(k) for k in ("doc", "url", "title", "published", "language",
                                             "evidence")} for s in event.get("sources") or ()]
    return out


def entry_title(ev: Event, lang: str = "en") -> str:
    """"Visit · 21 Aug 2023": the type's label and the date at the sources' precision."""
    return printable(f"{type_label(ev['type'], lang)} · "
                     f"{format_date(ev.get('date_start'), ev.get('date_end'), lang)}")


def event_time(ev: Event) -> str:
    """The event's own date as an RFC 3339 time (a month or year: its first day)."""
    day = ev.get("date_start") or "1970-01-01"
    day = (day + "-01-01")[:10] if len(day) < 10 else day[:10]
    return f"{day}T00:00:00Z"


def entry_updated(ev: Event, changed: Mapping[str, str]) -> str:
    return changed.get(ev["id"]) or event_time(ev)


def _source_links(ev: Event) -> list[tuple[str, str]]:
    """(address, title) of each source with an http(s) address, each address once."""
    seen: dict[str, str] = {}
    for s in ev.get("sources") or ():
        url = http_url(s.get("url"))
        if url and url not in seen:
            seen[url] = printable(s.get("title") or s.get("doc") or url)
    return list(seen.items())


def _feed_updated(meta: FeedMeta, times: list[str]) -> str:
    # a fixed fallback, not the clock: the same record gives the same bytes (cached answers)
    return meta.updated or max(times, default="1970-01-01T00:00:00Z")


def atom_feed(meta: FeedMeta, events: list[Event],
              changed: Mapping[str, str] | None = None) -> bytes:
    """Atom (RFC 4287) of `events`, given newest first."""
    changed = changed or {}
    times = [entry_updated(ev, changed) for ev in events]
    ET.register_namespace("", _ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str
            ) -> ET.Element:
        el = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
        el.text = text
        return el

    feed = ET.Element(f"{{{_ATOM}}}feed")
    sub(feed, "id", meta.feed_id)
    sub(feed, "title", printable(meta.title))
    sub(feed, "updated", _feed_updated(meta, times))
    sub(sub(feed, "author"), "name", "bilat")
    if meta.self_url:
        sub(feed, "link", rel="self", href=meta.self_url, type="application/atom+xml")
    if meta.home_url:
        sub(feed, "link", rel="alternate", href=meta.home_url, type="text/html")
    for ev, when in zip(events, times, strict=True):
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:bilat:event:{ev['id']}")
        sub(entry, "title", entry_title(ev))
        sub(entry, "updated", when)
        if meta.event_url:
            sub(entry, "link", rel="alternate", type="text/html",
                href=meta.event_url.format(id=ev["id"]))
        for url, title in _source_links(ev):
            sub(entry, "link", rel="related", href=url, title=title)
        sub(entry, "summary", printable(ev.get("evidence") or ""), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def json_feed(meta: FeedMeta, events: list[Event],
              changed: Mapping[str, str] | None = None) -> bytes:
    """JSON Feed 1.1 of `events`, given newest first; `_bilat` holds each event's data."""
    changed = changed or {}
    items = []
    for ev in events:
        links = _source_links(ev)
        item: dict[str, Any] = {
            "id": ev["id"], "title": entry_title(ev),
            "content_text": printable(ev.get("evidence") or ""),
            "date_published": event_time(ev), "date_modified": entry_updated(ev, changed),
            "_bilat": {**payload(ev), "links": [url for url, _ in links]}}
        if meta.event_url:
            item["url"] = meta.event_url.format(id=ev["id"])
        if links:
            item["external_url"] = links[0][0]
        items.append(item)
    data: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1",
                            "title": meta.title}
    if meta.home_url:
        data["home_page_url"] = meta.home_url
    if meta.self_url:
        data["feed_url"] = meta.self_url
    data["items"] = items
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
