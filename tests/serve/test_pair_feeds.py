"""A pair's feeds (serve.feeds over know.pair_feeds): Atom and JSON Feed of the latest merged
events, as the timeline has them; names in any language; the type filter; 404 for an
unknown country; markup in an article stays text; a new event shows at once (the answer
cache keeps feeds by the store's generation); the API's read rule. On both backends."""

from __future__ import annotations

import json
from urllib.parse import quote
from xml.etree import ElementTree as ET

import feedparser
from fastapi.testclient import TestClient

from bilat.know.pair_feeds import FeedMeta, atom_feed, entry_title, json_feed
from bilat.serve.app import ServeConfig, create_app

ATOM = "/feeds/VN-BE.atom"
JSON = "/feeds/VN-BE.json"


def _latest(client: TestClient) -> list[dict]:
    """The timeline's latest 50 events, newest first (the feeds' order)."""
    r = client.get("/api/pairs/VN/BE/timeline", params={"limit": 50})
    assert r.status_code == 200
    return list(reversed(r.json()["events"]))


def test_both_formats_parse_and_hold_the_timelines_latest_events(client):
    latest = _latest(client)
    assert latest, "the corpus has VN-BE events"
    atom = client.get(ATOM)
    assert atom.status_code == 200
    assert atom.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.id for e in parsed.entries] == [f"urn:bilat:event:{e['id']}" for e in latest]
    first, ev = parsed.entries[0], latest[0]
    assert first.summary == ev["evidence"]
    assert first.title == entry_title(ev) and " · " in first.title
    related = {link.href for link in first.links if link.rel == "related"}
    assert related == {s["url"] for s in ev["sources"] if s.get("url")}
    assert any(link.href.endswith(f"/events/{ev['id']}") for link in first.links
               if link.rel == "alternate")

    jf = client.get(JSON)
    assert jf.headers["content-type"].startswith("application/feed+json")
    data = json.loads(jf.content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["id"] for i in data["items"]] == [e["id"] for e in latest]
    item = data["items"][0]
    assert item["content_text"] == ev["evidence"]
    assert item["date_modified"].endswith("Z") and item["title"] == first.title
    assert item["_bilat"]["type"] == ev["type"]


def test_updated_comes_from_the_change_log(client):
    changes = client.get("/api/changes", params={"limit": 500}).json()["changes"]
    logged = {c["id"]: c["updated_at"][:19] for c in changes}
    items = json.loads(client.get(JSON).content)["items"]
    assert any(i["id"] in logged for i in items)
    for i in items:
        if i["id"] in logged:  # the latest change of that event, to the second
            assert i["date_modified"][:19] == max(
                c["updated_at"][:19] for c in changes if c["id"] == i["id"])


def test_names_in_any_language_give_the_same_feed(client):
    by_code = json.loads(client.get(JSON).content)["items"]
    by_name = client.get(f"/feeds/{quote('Việt Nam-Bỉ')}.json")
    assert by_name.status_code == 200
    assert json.loads(by_name.content)["items"] == by_code
    assert client.get("/feeds/vn-belgium.atom").status_code == 200


def test_the_type_filter_keeps_those_types(client):
    latest = _latest(client)
    kind = latest[0]["type"]
    r = client.get(JSON, params={"type": [kind]})
    items = json.loads(r.content)["items"]
    assert [i["id"] for i in items] == [e["id"] for e in latest if e["type"] == kind]
    both = client.get(ATOM, params={"type": [kind, "NO_SUCH_TYPE"]})
    assert len(feedparser.parse(both.content).entries) == len(items)
    assert client.get(JSON, params={"type": "not a type!"}).status_code == 400


def test_an_unknown_country_is_404_naming_it(client):
    for path in ("/feeds/VN-Atlantis.atom", "/feeds/VN-VN.json", "/feeds/VN.json"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "two different countries" in r.json()["detail"]
    assert "'VN-Atlantis'" in client.get("/feeds/VN-Atlantis.json").json()["detail"]


def test_the_pair_page_links_its_feeds(client):
    html = client.get("/pairs/VN/BE").text
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/VN-BE.atom"' in html and 'href="/feeds/VN-BE.json"' in html
    assert 'class="follow' in html


HOSTILE = ("Vietnam and Belgium signed an agreement on <b>trade</b> & <script>x</script> "
           "investment ]]> in Brussels on 14 May 2026, Vietnamese Trade Minister Nguyen "
           "Hong Dien said.")
RECORD = {"id": "markup-agreement", "text": HOSTILE, "title": "<i>Deal</i> ]]> & more",
          "published": "2026-05-14", "language": "en",
          "url": "https://example.org/deal?a=1&b=<2>"}


def test_a_new_event_shows_at_once_and_its_markup_stays_text(own_db, token_file, tokens,
                                                             wait_for_job):
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    with TestClient(create_app(ServeConfig(db=own_db, token_file=token_file))) as c:
        before = c.get(ATOM)
        assert before.headers.get("etag") and c.get(ATOM).content == before.content
        assert c.app.state.cache.hits >= 1  # kept: the next read must not be this one
        job = c.post("/api/ingest", json=[RECORD], headers=auth).json()["job"]
        assert wait_for_job(c, job)["state"] == "done"

        after = c.get(ATOM)
        assert after.headers["etag"] != before.headers["etag"]
        parsed = feedparser.parse(after.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        ET.fromstring(after.content)  # well-formed to a strict parser too
        new = [e for e in parsed.entries if any(
            link.href == RECORD["url"] for link in e.links if link.rel == "related")]
        assert len(new) == 1
        assert "<b>trade</b> &" in new[0].summary and "]]>" in new[0].summary
        items = json.loads(c.get(JSON).content)["items"]
        assert any("]]>" in i["content_text"] for i in items)
        assert [i["id"] for i in items] == [e.id.removeprefix("urn:bilat:event:")
                                            for e in parsed.entries]


def test_a_feed_kept_for_one_host_is_not_sent_to_another(client):
    mine = client.get(JSON, headers={"Host": "bilat.example"})
    other = client.get(JSON, headers={"Host": "elsewhere.example"})
    assert json.loads(mine.content)["feed_url"] == "http://bilat.example/feeds/VN-BE.json"
    assert json.loads(other.content)["feed_url"].startswith("http://elsewhere.example/")
    assert mine.headers["etag"] != other.headers["etag"]


def test_feeds_follow_the_apis_read_rule(db, token_file, tokens):
    config = ServeConfig(db=db, token_file=token_file, host="0.0.0.0")
    with TestClient(create_app(config)) as c:
        assert c.get(ATOM).status_code == 401
        r = c.get(JSON, headers={"Authorization": f"Bearer {tokens['reader']}"})
        assert r.status_code == 200 and json.loads(r.content)["items"]
        assert c.get(JSON, headers={"If-None-Match": r.headers["etag"]}).status_code == 401


def test_the_builders_escape_what_an_article_holds():
    nasty = "a <b>&amp; ]]> \x1b[31m \x00 ok"
    event = {"id": "m1", "type": "VISIT", "date_start": "2026-05", "evidence": nasty,
             "sources": [{"doc": "d", "title": nasty, "url": "https://x.org/?a=1&b=]]>"},
                         {"doc": "e", "url": "javascript:alert(1)"}]}
    meta = FeedMeta(feed_id="urn:bilat:test", title=f"t {nasty}")
    atom = atom_feed(meta, [event], {"m1": "2026-06-01T10:00:00Z"})
    root = ET.fromstring(atom)  # a control character would make it ill-formed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = root.find("a:entry", ns)
    assert entry is not None
    assert entry.findtext("a:updated", namespaces=ns) == "2026-06-01T10:00:00Z"
    assert "<b>&amp; ]]>" in (entry.findtext("a:summary", namespaces=ns) or "")
    hrefs = [x.get("href") for x in entry.findall("a:link", ns)]
    assert hrefs == ["https://x.org/?a=1&b=]]>"]  # javascript: is not linked
    data = json.loads(json_feed(meta, [event]))
    assert data["items"][0]["date_modified"] == "2026-05-01T00:00:00Z"  # no log: its date
    assert "\x1b" not in data["items"][0]["content_text"]
