"""Polls against a real local site whose feeds change between polls, a real store (a DuckDB
file, then a PostgreSQL database: `db_address`), a
real webhook receiver and a real SMTP server: new items are fetched once, failing feeds are
named without stopping the others, and each new merged event is alerted exactly once."""

from __future__ import annotations

import json
from pathlib import Path

from local_site import Site
from receivers import Mailbox, Webhook, free_port
from watch_pages import AGREEMENT, UNDATED, VISIT, VISIT_AGAIN, news_sitemap, rss, when

from bilat.config import Settings
from bilat.store import open_store
from bilat.store import watch_state as state
from bilat.store.record import merged_events
from bilat.watch.feeds_file import WatchConfig, parse_config
from bilat.watch.fetch import Fetcher, FetchLimits
from bilat.watch.poll import PollResult, poll

RSS = "application/rss+xml"


def _config(site: Site, tmp: Path, webhook: Webhook | None = None,
            mailbox: Mailbox | None = None, feeds: list[str] | None = None) -> WatchConfig:
    alerts: dict = {"console": True, "feed_dir": str(tmp / "alerts")}
    if webhook:
        alerts["webhook"] = webhook.url
    if mailbox:
        alerts["email"] = {"host": "127.0.0.1", "port": mailbox.port, "from": "bilat@example.org",
                           "to": ["analyst@example.org"]}
    return parse_config({
        "feeds": feeds or [site.url(p) for p in ("/news.rss", "/news-sitemap.xml", "/broken.rss",
                                                  "/slow.rss", "/loop.rss", "/huge.rss",
                                                  "/bad.rss")],
        "watch": [{"pair": ["VN", "BE"], "types": ["VISIT", "AGREEMENT"]}],
        "alerts": alerts}, tmp)


class Watcher:
    """A watch process: one Fetcher, the store opened for each poll (as the CLI does)."""

    def __init__(self, db: str, config: WatchConfig):
        self.settings = Settings(db_path=str(db), max_input_bytes=300_000)
        self.config = config
        self.fetcher = Fetcher(FetchLimits(max_bytes=300_000, timeout=1.0, host_delay=0.0,
                                           allow_private=True))
        self.lines: list[str] = []

    def poll(self) -> PollResult:
        store = open_store(self.settings.db_path)
        try:
            return poll(store, list(self.config.feeds), self.config, self.fetcher,
                        self.settings, write=self.lines.append)
        finally:
            store.close()


def _first_state(site: Site) -> None:
    site.put("/a/visit.html", VISIT)
    site.put("/private/leak.html", VISIT_AGAIN)
    site.put("/news.rss", rss([
        {"link": site.url("/a/visit.html"), "title": "Minister visits Belgium",
         "date": when(20)},
        {"link": site.url("/private/leak.html"), "title": "Not for robots", "date": when(20)},
    ]), content_type=RSS)
    site.put("/news-sitemap.xml", news_sitemap([]), content_type="application/xml")
    site.put("/broken.rss", status=500)
    site.put("/slow.rss", rss([]), content_type=RSS, delay=3.0)
    site.put("/loop.rss", status=302, location="/loop2.rss")
    site.put("/loop2.rss", status=302, location="/loop.rss")
    site.put("/huge.rss", content_type=RSS, stream=3_000_000)
    site.put("/bad.rss", "<rss><channel><item><title>cut sh", content_type=RSS)


def _second_state(site: Site) -> None:
    site.put("/b/visit.html", VISIT_AGAIN)
    site.put("/a/agreement.html", AGREEMENT)
    site.put("/a/thai-japan.html", UNDATED)
    site.put("/news.rss", rss([
        {"link": site.url("/a/visit.html"), "title": "Minister visits Belgium (updated)",
         "date": when(20)},  # edited: fetched again, conditionally
        {"link": site.url("/private/leak.html"), "title": "Not for robots", "date": when(20)},
        {"link": site.url("/b/visit.html"), "title": "Tran Van An in Brussels",
         "date": when(21)},
        {"link": site.url("/a/thai-japan.html"), "title": "Thai and Japanese leaders meet",
         "date": when(23)},
    ]), content_type=RSS)
    site.put("/news-sitemap.xml", news_sitemap([
        {"loc": site.url("/a/agreement.html"), "title": "Education agreement",
         "date": "2026-11-27T09:00:00Z"}]), content_type="application/xml")


def test_two_polls_and_a_restart(site: Site, webhook: Webhook, mailbox: Mailbox,
                                 tmp_path: Path, db_address: str):
    _first_state(site)
    config = _config(site, tmp_path, webhook, mailbox)
    db = db_address
    watcher = Watcher(db, config)

    # -- first poll: the visit is ingested and alerted on every channel -----------------------
    first = watcher.poll()
    errors = {f.url.rsplit("/", 1)[1]: f.error for f in first.feeds if f.error}
    assert set(errors) == {"broken.rss", "slow.rss", "loop.rss", "huge.rss", "bad.rss"}
    assert errors["bad.rss"].startswith(site.url("/bad.rss") + ": malformed feed")
    assert errors["broken.rss"] == site.url("/broken.rss") + ": HTTP 500"
    assert "took longer than the 1 s limit" in errors["slow.rss"]
    assert errors["loop.rss"].startswith(site.url("/loop.rss") + ": redirect loop (")
    assert "larger than the 300000-byte limit (stopped reading" in errors["huge.rss"]
    news = next(f for f in first.feeds if f.url.endswith("/news.rss"))
    assert news.error is None and news.fetched == 1
    assert any("disallowed by" in p and "/private/leak.html" in p for p in news.problems)
    assert site.requests["/private/leak.html"] == 0
    assert first.ingest.stored == 1
    (visit_id,) = first.new_events
    assert [ln for ln in watcher.lines if ln.startswith("new VISIT BE-VN 2026-11-19")]
    assert [e["id"] for e in webhook.received] == [visit_id]
    assert webhook.received[0]["type"] == "VISIT"
    assert webhook.received[0]["sources"][0]["url"] == site.url("/a/visit.html")
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["To"] == "analyst@example.org"
    assert "VISIT BE-VN 2026-11-19" in mailbox.messages[0]["Subject"]
    pair_feed = json.loads((tmp_path / "alerts" / "VN-BE.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in pair_feed["items"]] == [visit_id]
    assert b"urn:bilat:event:" + visit_id.encode() in (tmp_path / "alerts" / "VN-BE.xml"
                                                       ).read_bytes()

    # -- second poll: new items; the visit gains a source and is not alerted again ------------
    _second_state(site)
    second = watcher.poll()
    assert site.full["/a/visit.html"] == 1  # edited item: asked again, the page answered 304
    assert site.requests["/a/visit.html"] == 2
    assert second.ingest.stored == 3
    store = open_store(db)
    try:
        events = {e["id"]: e for e in merged_events(store, ["BE", "VN"])}
        assert events[visit_id]["source_count"] == 2  # the second report joined the visit
        (agreement_id,) = [i for i, e in events.items() if e["type"] == "AGREEMENT"]
        thai = merged_events(store, ["JP", "TH"])
        assert thai and thai[0]["sources"][0]["title"] == "Thai and Japanese leaders meet"
        assert thai[0]["sources"][0]["published"] == "2026-11-23"  # the feed's: page has none
    finally:
        store.close()
    assert second.new_events == [agreement_id]
    assert [e["id"] for e in webhook.received] == [visit_id, agreement_id]
    assert len(mailbox.messages) == 2
    assert sum(1 for ln in watcher.lines if ln.startswith("new ")) == 2

    # -- a restart (a new watcher, the store opened afresh): nothing fetched or alerted twice -
    full_before = dict(site.full)
    third = Watcher(db, config).poll()
    assert third.new_events == [] and third.ingest.stored == 0
    for path in ("/a/visit.html", "/b/visit.html", "/a/agreement.html", "/a/thai-japan.html",
                 "/news.rss", "/news-sitemap.xml"):
        assert site.full[path] == full_before[path], path  # feeds answered 304, no page again
    assert [e["id"] for e in webhook.received] == [visit_id, agreement_id]
    assert len(mailbox.messages) == 2
    store = open_store(db)
    try:
        assert state.sent_alerts(store, "webhook") == [visit_id, agreement_id]
        assert state.feed_errors(store).keys() == {
            site.url(p) for p in ("/broken.rss", "/slow.rss", "/loop.rss", "/huge.rss",
                                  "/bad.rss")}
    finally:
        store.close()


def test_a_failing_webhook_is_retried_at_the_next_poll_and_sent_once(
        site: Site, webhook: Webhook, tmp_path: Path, db_address: str):
    site.put("/a/visit.html", VISIT)
    site.put("/news.rss", rss([{"link": site.url("/a/visit.html"), "title": "Visit",
                                "date": when(20)}]), content_type=RSS)
    watcher = Watcher(db_address,
                      _config(site, tmp_path, webhook, feeds=[site.url("/news.rss")]))
    webhook.fail = True
    first = watcher.poll()
    (visit_id,) = first.new_events
    assert [d.error for d in first.deliveries if d.error] == [f"webhook {webhook.url}: HTTP 500"]
    assert webhook.received == []
    webhook.fail = False
    second = watcher.poll()
    assert second.new_events == []
    assert [e["id"] for e in webhook.received] == [visit_id]
    watcher.poll()
    assert [e["id"] for e in webhook.received] == [visit_id]
    assert sum(1 for ln in watcher.lines if ln.startswith("new ")) == 1  # console: once


def test_mail_the_smtp_server_refused_is_sent_as_one_digest_when_it_is_back(
        site: Site, tmp_path: Path, db_address: str):
    site.put("/a/visit.html", VISIT)
    site.put("/a/agreement.html", AGREEMENT)
    site.put("/news.rss", rss([{"link": site.url("/a/visit.html"), "title": "Visit",
                                "date": when(20)}]), content_type=RSS)
    port = free_port()  # nothing listens there yet
    config = parse_config({
        "feeds": [site.url("/news.rss")], "watch": [{"pair": ["VN", "BE"],
                                                    "types": ["VISIT", "AGREEMENT"]}],
        "alerts": {"console": False, "email": {"host": "127.0.0.1", "port": port,
                                               "from": "bilat@example.org",
                                               "to": "analyst@example.org"}}}, tmp_path)
    watcher = Watcher(db_address, config)
    first = watcher.poll()
    assert len(first.new_events) == 1
    (error,) = [d.error for d in first.deliveries if d.error]
    assert error.startswith(f"e-mail via 127.0.0.1:{port}: ")
    site.put("/news.rss", rss([
        {"link": site.url("/a/visit.html"), "title": "Visit", "date": when(20)},
        {"link": site.url("/a/agreement.html"), "title": "Agreement", "date": when(27)}]),
        content_type=RSS)
    box = Mailbox(port)
    try:
        second = watcher.poll()
        assert len(second.new_events) == 1 and not second.errors
        (mail,) = box.messages  # one digest: the visit left over and the new agreement
        assert mail["Subject"].startswith("bilat: 2 new events")
        body = mail.get_payload()
        assert "VISIT BE-VN 2026-11-19" in body and "AGREEMENT BE-VN 2026-11-27" in body
        assert site.url("/a/visit.html") in body
        watcher.poll()
        assert len(box.messages) == 1
    finally:
        box.close()


def test_what_the_store_held_before_the_first_watch_is_not_news(site: Site, tmp_path: Path,
                                                                db_address: str):
    """A store filled by `bilat ingest` before watching: its events are the baseline."""
    from bilat.ingest import ingest

    page = tmp_path / "visit.html"
    page.write_text(VISIT, encoding="utf-8")
    db = db_address
    store = open_store(db)
    ingest([str(page)], store, Settings(db_path=str(db)))
    store.close()
    site.put("/a/agreement.html", AGREEMENT)
    site.put("/news.rss", rss([{"link": site.url("/a/agreement.html"), "title": "Agreement",
                                "date": when(27)}]), content_type=RSS)
    watcher = Watcher(db, _config(site, tmp_path, feeds=[site.url("/news.rss")]))
    result = watcher.poll()
    assert len(result.new_events) == 1
    assert [ln.split()[1] for ln in watcher.lines] == ["AGREEMENT"]


def test_a_sitemap_index_is_followed(site: Site, tmp_path: Path,
                                     db_address: str):
    site.put("/a/visit.html", VISIT)
    site.put("/sitemaps/news-1.xml", news_sitemap([
        {"loc": site.url("/a/visit.html"), "date": "2026-11-20"}]),
        content_type="application/xml")
    site.put("/sitemap-index.xml", (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/sitemaps/news-1.xml')}</loc></sitemap></sitemapindex>"),
        content_type="application/xml")
    watcher = Watcher(db_address,
                      _config(site, tmp_path, feeds=[site.url("/sitemap-index.xml")]))
    result = watcher.poll()
    assert result.ingest.stored == 1 and len(result.new_events) == 1
    again = watcher.poll()
    assert again.ingest.stored == 0 and site.full["/sitemaps/news-1.xml"] == 1


def test_an_item_without_a_link_is_read_from_the_feed(site: Site, tmp_path: Path,
                                                      db_address: str):
    text = ("Hanoi, 27 November 2026 - Belgium and Viet Nam signed an agreement on cooperation "
            "in higher education on 26 November 2026 in Hanoi, the two education ministries "
            "said.")
    site.put("/news.rss", rss([{"guid": "tag:example.org,2026:77", "title": "Agreement",
                                "date": when(27), "description": text}]), content_type=RSS)
    watcher = Watcher(db_address,
                      _config(site, tmp_path, feeds=[site.url("/news.rss")]))
    result = watcher.poll()
    assert result.ingest.stored == 1 and len(result.new_events) == 1
    store = open_store(db_address)
    try:
        (event,) = merged_events(store, ["BE", "VN"])
        assert event["type"] == "AGREEMENT"
        assert event["sources"][0]["title"] == "Agreement"
    finally:
        store.close()


def test_items_left_over_or_failed_are_fetched_by_later_polls(site: Site, tmp_path: Path,
                                                              db_address: str):
    """A feed with more new items than --max-items, or an article that failed, is read again
    in full at the next poll (not answered 304) until all it lists is handled."""
    site.put("/a/visit.html", VISIT)
    site.put("/b/visit.html", VISIT_AGAIN)
    site.put("/a/agreement.html", status=500)
    site.put("/news.rss", rss([
        {"link": site.url("/a/visit.html"), "title": "Visit", "date": when(20)},
        {"link": site.url("/b/visit.html"), "title": "Visit again", "date": when(21)},
        {"link": site.url("/a/agreement.html"), "title": "Agreement", "date": when(27)}]),
        content_type=RSS)
    watcher = Watcher(db_address,
                      _config(site, tmp_path, feeds=[site.url("/news.rss")]))
    store_path = watcher.settings.db_path

    def poll_with(max_items: int) -> PollResult:
        store = open_store(store_path)
        try:
            return poll(store, list(watcher.config.feeds), watcher.config, watcher.fetcher,
                           watcher.settings, write=watcher.lines.append, max_items=max_items)
        finally:
            store.close()

    first = poll_with(2)  # the newest two: the agreement (fails) and the second visit report
    assert site.requests["/a/agreement.html"] == 1 and site.requests["/b/visit.html"] == 1
    assert site.requests["/a/visit.html"] == 0
    assert any("agreement.html: HTTP 500" in p for p in first.feeds[0].problems)
    site.put("/a/agreement.html", AGREEMENT)
    second = poll_with(2)  # the feed is read in full again: the failed one and the one left over
    assert site.full["/news.rss"] == 2
    assert site.full["/a/agreement.html"] == 1 and site.full["/a/visit.html"] == 1
    assert second.ingest.stored == 2
    poll_with(2)  # everything handled: the feed answers 304 and no page is asked for again
    assert site.full["/news.rss"] == 2 and site.requests["/news.rss"] == 3
    assert site.requests["/a/visit.html"] == 1 and site.requests["/a/agreement.html"] == 2


def test_a_queued_alert_follows_its_event_when_an_earlier_report_renames_it(
        site: Site, webhook: Webhook, tmp_path: Path, db_address: str):
    """A merged event is named after its earliest report: when one published earlier joins
    before a failed alert is retried, the alert is sent once, under the new name."""
    site.put("/a/visit.html", VISIT)  # published on the 20th
    site.put("/b/visit.html", VISIT_AGAIN)  # published on the 21st
    site.put("/news.rss", rss([{"link": site.url("/b/visit.html"), "title": "Visit",
                                "date": when(21)}]), content_type=RSS)
    watcher = Watcher(db_address,
                      _config(site, tmp_path, webhook, feeds=[site.url("/news.rss")]))
    webhook.fail = True
    (queued,) = watcher.poll().new_events
    site.put("/news.rss", rss([
        {"link": site.url("/b/visit.html"), "title": "Visit", "date": when(21)},
        {"link": site.url("/a/visit.html"), "title": "Visit", "date": when(20)}]),
        content_type=RSS)
    webhook.fail = False
    second = watcher.poll()
    assert second.new_events == []
    (sent,) = webhook.received
    assert sent["id"] != queued and sent["type"] == "VISIT" and sent["source_count"] == 2
    watcher.poll()
    assert len(webhook.received) == 1
