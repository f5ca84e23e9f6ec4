"""What a feed or a sitemap lists: items with their addresses, titles, dates and stamps."""

from __future__ import annotations

import pytest
from watch_pages import news_sitemap, rss, when

from bilat.watch.items import BadListing, newest_first, read_listing


def test_rss_items():
    data = rss([{"link": "/a/1.html", "title": "One", "date": when(20)},
                {"link": "https://e.org/a/2.html", "title": "Two", "guid": "tag:e.org,2"}])
    listing = read_listing(data.encode(), "https://e.org/feed.xml")
    assert listing.kind == "feed"
    one, two = listing.items
    assert (one.key, one.url, one.title, one.published) == (
        "https://e.org/a/1.html", "https://e.org/a/1.html", "One", "2026-11-20")
    assert (two.key, two.url, two.published) == ("tag:e.org,2", "https://e.org/a/2.html", None)


def test_an_edited_item_changes_its_stamp_only():
    before = read_listing(rss([{"link": "https://e.org/1", "title": "One"}]).encode(), "u")
    again = read_listing(rss([{"link": "https://e.org/1", "title": "One"}]).encode(), "u")
    edited = read_listing(rss([{"link": "https://e.org/1", "title": "One (updated)"}]).encode(),
                          "u")
    assert before.items[0].stamp == again.items[0].stamp
    assert before.items[0].key == edited.items[0].key
    assert before.items[0].stamp != edited.items[0].stamp


def test_atom_entries():
    data = ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
            "<entry><id>urn:x:1</id><title>Hello</title><link href='https://e.org/x'/>"
            "<updated>2026-11-22T10:00:00Z</updated><summary>s</summary></entry></feed>")
    (item,) = read_listing(data.encode(), "https://e.org/atom").items
    assert (item.key, item.url, item.published) == ("urn:x:1", "https://e.org/x", "2026-11-22")


def test_news_sitemap():
    data = news_sitemap([
        {"loc": "https://e.org/n/1", "title": "Older", "date": "2026-11-20T08:00:00+01:00"},
        {"loc": "https://e.org/n/2", "lastmod": "2026-11-22"},
        {"loc": "https://e.org/n/3"}])
    listing = read_listing(data.encode(), "https://e.org/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        ("https://e.org/n/1", "Older", "2026-11-20"), ("https://e.org/n/2", None, "2026-11-22"),
        ("https://e.org/n/3", None, None)]
    assert [i.url for i in newest_first(listing.items)] == [
        "https://e.org/n/2", "https://e.org/n/1", "https://e.org/n/3"]


def test_sitemap_index_lists_its_sitemaps_newest_first():
    data = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            'sitemap/0.9"><sitemap><loc>/s/old.xml</loc><lastmod>2026-01-01</lastmod></sitemap>'
            "<sitemap><loc>/s/new.xml</loc><lastmod>2026-11-01</lastmod></sitemap>"
            "</sitemapindex>")
    listing = read_listing(data.encode(), "https://e.org/index.xml")
    assert listing.children == ("https://e.org/s/new.xml", "https://e.org/s/old.xml")


@pytest.mark.parametrize(("data", "reason"), [
    (b"<urlset><url><loc>x</loc>", "malformed sitemap"),
    (b"<html><body>not a feed</body></html>", "neither an RSS/Atom feed nor a sitemap"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     b"<urlset><url><loc>&e;</loc></url></urlset>", ""),
])
def test_bad_listings_are_refused_or_read_safely(data: bytes, reason: str):
    try:
        listing = read_listing(data, "https://e.org/x")
    except BadListing as exc:
        assert reason in str(exc)
        return
    # an external entity is never resolved: no file's contents become an address
    assert not reason
    assert all("root:" not in (i.url or "") for i in listing.items)
