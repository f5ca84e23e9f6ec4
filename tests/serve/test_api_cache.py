"""Answers kept by the store's generation (serve.cache): sent again while nothing is
written, never after a write; ETags and 304; the byte budget; no answer for a refused
reader. On both backends."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bilat.serve.app import ServeConfig, create_app
from bilat.serve.cache import ResponseCache

NEW = ("Vietnam and Belgium signed an agreement on cooperation in vocational education in "
       "Brussels on 12 May 2026, Vietnamese Education Minister Nguyen Kim Son said.")
RECORD = {"id": "edu-agreement", "text": NEW, "title": "edu", "published": "2026-05-12",
          "language": "en", "url": "https://example.org/edu"}
TIMELINE = "/api/pairs/VN/BE/timeline"


def test_a_kept_answer_is_never_sent_after_an_ingest(db_address, token_file, tokens,
                                                     wait_for_job):
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    with TestClient(create_app(ServeConfig(db=db_address, token_file=token_file))) as c:
        first = c.get(TIMELINE)
        assert first.status_code == 200 and first.json()["total"] == 0
        tag = first.headers["etag"]
        again = c.get(TIMELINE)
        assert (again.content, again.headers["etag"]) == (first.content, tag)
        assert c.app.state.cache.hits >= 1
        unchanged = c.get(TIMELINE, headers={"If-None-Match": tag})
        assert unchanged.status_code == 304 and unchanged.content == b""

        job = c.post("/api/ingest", json=[RECORD], headers=auth).json()["job"]
        assert wait_for_job(c, job)["state"] == "done"

        after = c.get(TIMELINE)
        assert after.json()["total"] >= 1
        assert after.headers["etag"] != tag
        assert c.get(TIMELINE, headers={"If-None-Match": tag}).status_code == 200
        events = c.get("/api/events", params={"pair": "VN-BE"}).json()["events"]
        assert [s["doc"] for e in events for s in e["sources"]] == ["edu-agreement"]


def test_a_refused_reader_gets_no_kept_answer(db_address, token_file, tokens):
    config = ServeConfig(db=db_address, token_file=token_file, host="0.0.0.0")
    reader = {"Authorization": f"Bearer {tokens['reader']}"}
    with TestClient(create_app(config)) as c:
        assert c.get(TIMELINE, headers=reader).status_code == 200
        assert c.get(TIMELINE, headers=reader).status_code == 200
        tag = c.get(TIMELINE, headers=reader).headers["etag"]
        assert c.get(TIMELINE).status_code == 401
        assert c.get(TIMELINE, headers={"If-None-Match": tag}).status_code == 401


def test_ingest_job_states_and_health_are_never_kept(db_address):
    with TestClient(create_app(ServeConfig(db=db_address))) as c:
        assert "etag" not in c.get("/health").headers
        assert "etag" not in c.get("/api/ingest/nope").headers
        assert len(c.app.state.cache) == 0


def test_the_cache_keeps_within_its_byte_budget_dropping_the_least_used():
    cache = ResponseCache(max_bytes=800)  # entries of up to 100 bytes
    for n in range(10):
        cache.put(("k", n), 200, [], b"x" * 100)
        cache.get(("k", 0))  # kept in use
    assert cache.size <= 800 and len(cache) == 8
    assert cache.get(("k", 0)) is not None and cache.get(("k", 1)) is None
    cache.put(("big",), 200, [], b"x" * 101)  # over an entry's share: not kept
    assert cache.get(("big",)) is None
