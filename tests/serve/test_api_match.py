"""POST /api/match: a report's events, each with the merged event the merge would put it
in, across languages; nothing is stored."""

from __future__ import annotations

KING_VISIT_EN = ("Belgian King Philippe and Queen Mathilde arrived in Hanoi on March 31 for a "
                 "state visit to Vietnam from March 31 to April 4, 2025.")


def test_a_report_of_a_known_happening_matches_its_event_across_languages(client):
    before = client.get("/health").json()["counts"]
    r = client.post("/api/match", json={"text": KING_VISIT_EN, "published": "2025-04-01",
                                        "language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["language"] == "en"
    visits = [m for m in body["events"] if m["event"]["type"] == "VISIT"]
    assert visits and visits[0]["merged"] is not None
    merged = visits[0]["merged"]
    assert merged["date_start"] == "2025-03-31" and "fr" in merged["languages"]
    assert visits[0]["score"] > 0.88
    assert client.get("/health").json()["counts"] == before  # nothing stored


def test_a_report_already_stored_matches_its_own_event(client):
    events = client.get("/api/events", params={"pair": "VN-BE", "lang": "en"}).json()["events"]
    source = next(s for e in events for s in e["sources"] if s["language"] == "en")
    doc = client.get(f"/api/documents/{source['content_id']}").json()
    r = client.post("/api/match", json={"text": doc["text"], "title": doc["title"],
                                        "published": doc["published"], "language": "en"})
    matched = {m["merged"]["id"] for m in r.json()["events"] if m["merged"]}
    assert {e["merged_id"] for e in doc["events"]} <= matched


def test_a_new_happening_matches_nothing(client):
    r = client.post("/api/match", json={
        "text": "Vietnam and Belgium signed an agreement on space research in Brussels on "
                "14 February 2031.", "published": "2031-02-14"})
    assert r.status_code == 200
    events = r.json()["events"]
    assert events and all(m["merged"] is None and m["score"] is None for m in events)


def test_bad_reports_get_400_or_422(client):
    assert client.post("/api/match", json={"text": "   "}).status_code == 400
    assert client.post("/api/match", json={"title": "no text"}).status_code == 422
