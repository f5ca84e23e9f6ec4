"""The read paths over the sample corpus: filters, keyset pages, country names in any
language, statuses as of today, and the errors a bad request gets."""

from __future__ import annotations

import pytest


def _walk(client, path: str, params: dict, key: str) -> list[dict]:
    """Every item of a paged list, page by page."""
    items, cursor, pages = [], None, 0
    while True:
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body[key]) <= params["limit"]
        items += body[key]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items
        assert pages < 100


def test_events_pages_walk_every_event_once_in_order(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["next_cursor"] is None
    walked = _walk(client, "/api/events", {"limit": 4}, "events")
    ids = [e["id"] for e in walked]
    assert len(ids) == len(set(ids))  # no duplicates
    assert ids == [e["id"] for e in everything["events"]]  # no gaps, same order
    health = client.get("/health").json()
    assert len(ids) == health["counts"]["merged_events"] > 8
    dated = [e["date_start"] for e in walked if e["date_start"]]
    assert dated == sorted(dated)
    undated = [k for k, e in enumerate(walked) if e["date_start"] is None]
    assert all(k >= len(dated) for k in undated)  # undated last


def test_events_of_a_pair_by_code_or_name_in_any_language(client):
    by_code = client.get("/api/events", params={"pair": "VN-BE"}).json()["events"]
    assert by_code and all({"VN", "BE"} <= set(e["actors"]) for e in by_code)
    for pair in ("Việt Nam-Bỉ", "Belgique-Vietnam", "BE,VN"):
        named = client.get("/api/events", params={"pair": pair}).json()["events"]
        assert [e["id"] for e in named] == [e["id"] for e in by_code], pair
    # a pair is read from the timeline's rows; one country from the merged events: the same
    one = client.get("/api/events", params={"country": "BE", "limit": 500}).json()["events"]
    assert [e for e in one if "VN" in e["actors"]] == by_code
    countries = client.get("/api/events", params=[("country", "Bỉ"), ("country", "Viêt Nam")])
    assert countries.status_code == 200, countries.text
    assert [e["id"] for e in countries.json()["events"]] == [e["id"] for e in by_code]


def test_events_filters(client):
    visits = client.get("/api/events", params={"type": "visit", "pair": "VN-BE"}).json()
    assert visits["events"] and {e["type"] for e in visits["events"]} == {"VISIT"}
    french = client.get("/api/events", params={"lang": "fr"}).json()["events"]
    assert french and all(e["languages"].get("fr") for e in french)
    ranged = client.get("/api/events", params={"from": "2023", "to": "2023-08"}).json()
    assert ranged["events"]
    assert all("2023" <= e["date_start"][:7] <= "2023-08" for e in ranged["events"])
    words = client.get("/api/events", params={"q": "Senate"}).json()["events"]
    assert words and all(any("senat" in (s["evidence"] or "").lower()
                             or "thượng viện" in (s["evidence"] or "").lower()
                             for s in e["sources"]) for e in words)


def test_every_event_has_its_stored_status_and_the_status_read_today(client):
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    assert all({"status", "status_now"} <= set(e) for e in events)
    # a visit reported "ongoing" in 2023 is long over: read today, it happened
    old_ongoing = [e for e in events if e["status"] == "ongoing" and e["date_start"] < "2025"]
    assert old_ongoing and all(e["status_now"] == "happened" for e in old_ongoing)
    happened = client.get("/api/events", params={"status": "happened", "limit": 3})
    walked = _walk(client, "/api/events", {"status": "happened", "limit": 3}, "events")
    assert happened.status_code == 200
    assert {e["status_now"] for e in walked} == {"happened"}
    assert {e["id"] for e in walked} == {e["id"] for e in events
                                         if e["status_now"] == "happened"}


def test_each_event_counts_its_reports_per_language(client):
    events = client.get("/api/events", params={"pair": "VN-BE"}).json()["events"]
    many = [e for e in events if e["source_count"] >= 3]
    assert many
    for e in events:
        assert sum(e["languages"].values()) == len(e["sources"])
    assert any(len(e["languages"]) >= 2 for e in many)


@pytest.mark.parametrize(("params", "named"), [
    ({"country": "Narnia"}, "Narnia"),
    ({"pair": "VN"}, "pair"),
    ({"pair": "VN-Vietnam"}, "same"),
    ({"from": "March 2023"}, "from"),
    ({"status": "maybe"}, "status"),
    ({"lang": "french!"}, "lang"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"from": "2024", "to": "2023"}, "after"),
])
def test_bad_parameters_get_400_naming_them(client, params, named):
    r = client.get("/api/events", params=params)
    assert r.status_code == 400, r.text
    assert named in r.json()["detail"]


def test_a_cursor_of_another_list_is_refused(client):
    cursor = client.get("/api/documents", params={"limit": 1}).json()["next_cursor"]
    r = client.get("/api/events", params={"cursor": cursor})
    assert r.status_code == 400 and "cursor" in r.json()["detail"]


def test_limit_out_of_range_is_422(client):
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 100_000}).status_code == 422


def test_one_event_with_every_report_and_its_sentence(client):
    events = client.get("/api/events", params={"pair": "VN-BE"}).json()["events"]
    best = max(events, key=lambda e: e["source_count"])
    r = client.get(f"/api/events/{best['id']}")
    assert r.status_code == 200
    event = r.json()
    assert event["id"] == best["id"] and len(event["sources"]) >= 3
    for s in event["sources"]:
        doc = client.get(f"/api/documents/{s['content_id']}").json()
        assert doc["text"][s["start_char"]:s["end_char"]] == s["evidence"]
    missing = client.get("/api/events/m0000000000000")
    assert missing.status_code == 404 and "m0000000000000" in missing.json()["detail"]


def test_timeline_dossier_and_partners(client):
    t = client.get("/api/pairs/Vietnam/Belgium/timeline").json()
    assert t["a"] == "VN" and t["b"] == "BE" and t["total"] == len(t["events"]) > 5
    latest = client.get("/api/pairs/VN/BE/timeline", params={"limit": 2}).json()
    assert latest["total"] == t["total"] and len(latest["events"]) == 2
    assert [e["id"] for e in latest["events"]] == [e["id"] for e in t["events"]
                                                   if e["date_start"]][-2:]
    d = client.get("/api/pairs/VN/BE/dossier").json()
    assert {k["key"] for k in d["key_dates"]} >= {"established"}
    assert d["total"] == t["total"] and d["events"] and d["documents"]
    assert all("status_now" in e for e in d["events"])
    assert client.get("/api/pairs/VN/VN/dossier").status_code == 400
    assert client.get("/api/pairs/VN/Atlantis/timeline").status_code == 400
    p = client.get("/api/countries/Việt Nam/partners").json()
    assert p["country"] == "VN"
    codes = [x["code"] for x in p["partners"]]
    assert "BE" in codes and "JP" in codes
    be = next(x for x in p["partners"] if x["code"] == "BE")
    assert be["total"] == t["total"] == sum(be["counts"].values())


def test_facts_with_every_source(client):
    series = client.get("/api/facts", params={"pair": "VN-BE"}).json()["series"]
    assert series
    for s in series:
        assert {s["from"], s["to"]} <= {"VN", "BE", None}
        for p in s["points"]:
            assert p["sources"] and p["source_count"] >= 1
            assert isinstance(p["conflict"], bool)
    metric = series[0]["metric"]
    one = client.get("/api/facts", params={"pair": "VN-BE", "metric": metric}).json()
    assert {s["metric"] for s in one["series"]} == {metric}
    assert client.get("/api/facts", params={"country": "VN"}).json()["series"]
    capped = client.get("/api/facts", params={"per_period": 1}).json()["series"]
    assert all(len(p["sources"]) == 1 for s in capped for p in s["points"])


def test_people_of_a_pair_and_of_a_country_with_variants(client):
    pair = client.get("/api/people", params={"pair": "VN-BE"}).json()["people"]
    assert pair and all(p["pair"] == "BE|VN" for p in pair)
    country = client.get("/api/people", params={"country": "VN"}).json()["people"]
    assert {p["pair"] for p in country} > {"BE|VN"}
    assert all(p["name"] in p["variants"] for p in country)
    assert any(len(p["variants"]) > 1 for p in country)  # with and without diacritics
    assert client.get("/api/people").status_code == 400


def test_documents_pages_and_one_document(client):
    walked = _walk(client, "/api/documents", {"limit": 5}, "documents")
    ids = [d["content_id"] for d in walked]
    assert len(ids) == len(set(ids)) == client.get("/health").json()["counts"]["documents"]
    vi = client.get("/api/documents", params={"lang": "vi"}).json()["documents"]
    assert vi and {d["language"] for d in vi} == {"vi"}
    with_events = next(d for d in walked if d["events"])
    doc = client.get(f"/api/documents/{with_events['content_id']}").json()
    assert doc["text"] and len(doc["events"]) == with_events["events"]
    assert all(e["merged_id"] and "status_now" in e for e in doc["events"])
    by_doc_id = client.get(f"/api/documents/{with_events['doc_id']}")
    assert by_doc_id.status_code == 200
    assert client.get("/api/documents/zzzz").status_code == 404


def test_search_across_languages(client):
    r = client.get("/api/search", params={"q": "Belgian senate president visit",
                                          "lang": "vi", "kind": "event"})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert hits and all(h["language"] == "vi" and h["kind"] == "event" for h in hits)
    assert all(h["merged_id"] and h["text"] for h in hits)
    assert client.get("/api/search", params={"q": "x" * 2000}).status_code == 400
    assert client.get("/api/search", params={"q": "visit", "kind": "thing"}).status_code == 400


def test_health_and_metrics(client):
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["counts"]["documents"] > 10
    client.get("/api/events/nope")
    text = client.get("/metrics").text
    assert 'path="/api/events/{event_id}",status="404"' in text
    assert "bilat_http_request_seconds_bucket" in text
    assert 'bilat_store_rows{table="merged_events"}' in text
    assert "nope" not in text  # a template, never the id


@pytest.mark.parametrize(("path", "model"), [
    ("/api/pairs/VN/BE/timeline", "Timeline"), ("/api/pairs/VN/BE/timeline?limit=2", "Timeline"),
    ("/api/pairs/VN/BE/dossier", "Dossier"), ("/api/pairs/VN/JP/dossier", "Dossier")])
def test_answers_written_as_they_are_have_their_models_shape(client, path, model):
    """Timelines and dossiers leave as the reads built them, unchecked (api.encoded): they
    must be what their response model makes of them, no key more or less, 4.0 not 4."""
    import json

    from bilat.serve import models

    body = client.get(path).json()
    checked = getattr(models, model).model_validate(body).model_dump(mode="json", by_alias=True)
    assert json.dumps(body, sort_keys=True) == json.dumps(checked, sort_keys=True)
