"""Ingest jobs through the API (files and records, bad inputs, the same input twice), the
size limit, and the change log a downstream copy follows."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from bilat.serve.app import ServeConfig, create_app

# a report of the Belgian king's state visit, which the corpus reports in French
JOINS = ("Belgian King Philippe and Queen Mathilde arrived in Hanoi on March 31 for a state "
         "visit to Vietnam from March 31 to April 4, 2025, at the invitation of President "
         "Luong Cuong.")
NEW = ("Vietnam and Belgium signed an agreement on cooperation in vocational education in "
       "Brussels on 12 May 2026, Vietnamese Education Minister Nguyen Kim Son said.")


@pytest.fixture(scope="module")
def auth(tokens):
    return {"Authorization": f"Bearer {tokens['editor']}"}


@pytest.fixture(scope="module")
def client(db, token_file):
    config = ServeConfig(db=str(db), token_file=token_file, max_upload_bytes=200_000)
    with TestClient(create_app(config)) as c:
        yield c


def _record(text: str, doc: str, published: str) -> dict:
    return {"id": doc, "text": text, "title": doc, "published": published, "language": "en",
            "url": f"https://example.org/{doc}"}


def _ingest_files(client, auth, wait_for_job, files: list[tuple[str, bytes]]) -> dict:
    r = client.post("/api/ingest", headers=auth,
                    files=[("files", (name, data, "application/octet-stream"))
                           for name, data in files])
    assert r.status_code == 202, r.text
    return wait_for_job(client, r.json()["job"])


def _changes(client, since: str | None) -> list[dict]:
    params = {"since": since} if since else {}
    return client.get("/api/changes", params=params).json()["changes"]


def test_an_uploaded_file_is_stored_and_its_events_appear(client, auth, wait_for_job):
    before = client.get("/health").json()["counts"]
    since = client.get("/api/changes").json()["as_of"]
    feed = json.dumps(_record(NEW, "edu-agreement", "2026-05-12")) + "\n"
    job = _ingest_files(client, auth, wait_for_job, [("edu.jsonl", feed.encode())])
    assert job["state"] == "done", job
    assert job == {**job, "done": 1, "total": 1, "documents": 1, "errors": []}
    assert job["events"] >= 1
    after = client.get("/health").json()["counts"]
    assert after["documents"] == before["documents"] + 1
    events = client.get("/api/events", params={"pair": "VN-BE", "from": "2026-05"}).json()
    found = [e for e in events["events"] if e["type"] == "AGREEMENT"]
    assert found and found[0]["sources"][0]["doc"] == "edu-agreement"
    # the change log lists it as added
    added = {c["id"]: c["change"] for c in _changes(client, since)}
    assert added.get(found[0]["id"]) == "added"


def test_a_report_joining_an_event_lists_it_as_changed(client, auth, wait_for_job):
    visit = client.get("/api/events", params={"pair": "VN-BE", "type": "VISIT",
                                              "from": "2025-03", "to": "2025-03"}).json()
    (event,) = visit["events"]
    since = client.get("/api/changes").json()["as_of"]
    r = client.post("/api/ingest", headers=auth,
                    json=[_record(JOINS, "king-visit-en", "2025-04-01")])
    assert r.status_code == 202, r.text
    job = wait_for_job(client, r.json()["job"])
    assert job["state"] == "done" and job["documents"] == 1, job
    now = client.get(f"/api/events/{event['id']}").json()
    assert now["source_count"] == event["source_count"] + 1
    assert set(now["languages"]) == {"fr", "en"}
    changes = _changes(client, since)
    assert {"id": event["id"], "change": "changed"} in [
        {"id": c["id"], "change": c["change"]} for c in changes]
    assert all(c["updated_at"] > since for c in changes)


def test_the_same_input_twice_changes_nothing(client, auth, wait_for_job):
    feed = (json.dumps(_record(NEW, "edu-agreement", "2026-05-12")) + "\n").encode()
    before = client.get("/health").json()["counts"]
    since = client.get("/api/changes").json()["as_of"]
    job = _ingest_files(client, auth, wait_for_job, [("edu.jsonl", feed)])
    assert job["state"] == "done" and job["documents"] == 0 and not job["errors"]
    assert client.get("/health").json()["counts"] == before
    assert _changes(client, since) == []


def test_a_bad_file_is_reported_by_name_and_the_others_are_stored(client, auth, wait_for_job):
    before = client.get("/health").json()["counts"]
    good = _record("Vietnam and Belgium held political consultations in Hanoi on 3 June "
                   "2026.", "consultations", "2026-06-03")
    job = _ingest_files(client, auth, wait_for_job, [("broken.html", b"\x00\x01\x02\xff" * 50),
                                 ("empty.txt", b"   "),
                                 ("good.jsonl", (json.dumps(good) + "\n").encode())])
    assert job["state"] == "done" and job["done"] == job["total"] == 3
    reasons = {e["input"]: e["reason"] for e in job["errors"]}
    assert set(reasons) == {"broken.html", "empty.txt"}
    assert "binary" in reasons["broken.html"] and "empty" in reasons["empty.txt"]
    after = client.get("/health").json()["counts"]
    assert after["documents"] == before["documents"] + 1


def test_a_bad_record_is_reported_by_its_number(client, auth, wait_for_job):
    r = client.post("/api/ingest", headers=auth,
                    json=[{"text": "   "}, _record("Vietnam and Belgium held talks in Hanoi "
                                                    "on 9 June 2026.", "talks", "2026-06-09")])
    job = wait_for_job(client, r.json()["job"])
    assert [e["input"] for e in job["errors"]] == ["records#1"]
    assert job["documents"] == 1


@pytest.mark.parametrize(("body", "named"), [
    ([], "empty"),
    ([{"title": "no text"}], "text"),
    ({"text": "not a list"}, "records"),
])
def test_bad_record_lists_get_400(client, body, named, auth):
    r = client.post("/api/ingest", headers=auth, json=body)
    assert r.status_code == 400 and named in r.json()["detail"], r.text


def test_no_files_and_unknown_content_types_get_400(client, auth):
    r = client.post("/api/ingest", headers=auth, data={"other": "x"})
    assert r.status_code == 400 and "files" in r.json()["detail"]
    r = client.post("/api/ingest", headers={**auth, "Content-Type": "text/plain"},
                    content=b"hello")
    assert r.status_code == 400 and "content type" in r.json()["detail"]


def test_a_body_over_the_limit_gets_413(client, auth):
    r = client.post("/api/ingest", headers=auth,
                    files=[("files", ("big.txt", b"x" * 300_000, "text/plain"))])
    assert r.status_code == 413 and "limit" in r.json()["detail"]

    def chunks():  # no Content-Length: counted as it streams in
        for _ in range(30):
            yield b"y" * 10_000

    r = client.post("/api/ingest", headers={**auth, "Content-Type": "application/json"},
                    content=chunks())
    assert r.status_code == 413


def test_an_unknown_job_is_404(client):
    r = client.get("/api/ingest/0123")
    assert r.status_code == 404 and "0123" in r.json()["detail"]


def test_changes_page_by_cursor_without_gaps(client):
    everything = client.get("/api/changes", params={"limit": 500}).json()["changes"]
    walked, cursor = [], None
    while True:
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/changes", params=params).json()
        walked += page["changes"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert walked == everything and len(walked) > 7
    keys = [(c["updated_at"], c["id"]) for c in walked]
    assert keys == sorted(set(keys))
    assert client.get("/api/changes", params={"since": "yesterday"}).status_code == 400


def test_a_downstream_copy_kept_by_changes_equals_the_record(client):
    copy: dict[str, str] = {}
    for c in client.get("/api/changes", params={"limit": 500}).json()["changes"]:
        if c["change"] == "deleted":
            copy.pop(c["id"], None)
        else:
            copy[c["id"]] = c["digest"]
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    assert set(copy) == {e["id"] for e in events}


def test_migration_8_logs_every_event_of_an_older_store_once(tmp_path, corpus_duckdb):
    """A store from before the change log: its first rebuild lists each event as added."""
    import shutil

    import duckdb

    path = tmp_path / "old.duckdb"
    shutil.copy(corpus_duckdb, path)
    con = duckdb.connect(str(path))  # back to schema 7, as a store made before the log
    con.execute("DROP TABLE merged_changes")
    con.execute("DROP TABLE merged_digests")
    con.execute("DROP TABLE store_generation")  # migrations 9's and 10's
    con.execute("DROP TABLE name_rows")
    con.execute("ALTER TABLE fact_rows DROP COLUMN title")
    con.execute("ALTER TABLE fact_rows DROP COLUMN url")
    con.execute("DELETE FROM schema_version WHERE version >= 8")
    con.close()
    with TestClient(create_app(ServeConfig(db=str(path)))) as c:
        changes = c.get("/api/changes", params={"limit": 500}).json()["changes"]
        merged = c.get("/health").json()["counts"]["merged_events"]
    assert len(changes) == merged and {x["change"] for x in changes} == {"added"}


def test_readers_see_whole_batches_only(client, auth, wait_for_job):
    """While a job stores 110 records (batches of 50), every read of the counts finds the
    store before or after a whole batch."""
    from bilat.ingest import BATCH

    base = client.get("/health").json()["counts"]["documents"]
    records = [_record(f"Delegation {n} of Vietnam visited Belgium on {1 + n % 28} March 2027 "
                       f"to discuss topic number {n * 7919} with partners.", f"batch-{n}",
                       "2027-03-01") for n in range(110)]
    job = client.post("/api/ingest", headers=auth, json=records).json()["job"]
    seen = set()
    while client.get(f"/api/ingest/{job}").json()["state"] in ("queued", "running"):
        seen.add(client.get("/health").json()["counts"]["documents"] - base)
    assert wait_for_job(client, job)["state"] == "done"
    seen.add(client.get("/health").json()["counts"]["documents"] - base)
    assert seen <= {0, BATCH, 2 * BATCH, 110} and 110 in seen, sorted(seen)
    assert len(seen) > 2  # the job was seen between batches, not only before and after


def test_a_document_past_the_time_limit_is_reported_and_the_job_goes_on(
        own_db, token_file, tokens, wait_for_job, monkeypatch):
    """The per-document time limit holds in a server (documents are processed in a child
    process, whose main thread the timer reaches): with a limit no document can meet, each
    upload is reported by name as over it, nothing is stored, and the next job still runs."""
    monkeypatch.setenv("BILAT_MAX_SECONDS", "0.000001")
    auth = {"Authorization": f"Bearer {tokens['editor']}"}
    with TestClient(create_app(ServeConfig(db=own_db, token_file=token_file))) as c:
        before = c.get("/health").json()["counts"]["documents"]
        feed = json.dumps(_record(NEW, "slow-one", "2026-05-12")) + "\n"
        first = _ingest_files(c, auth, wait_for_job, [("slow.jsonl", feed.encode())])
        second = _ingest_files(c, auth, wait_for_job, [("slow2.jsonl", feed.encode())])
        after = c.get("/health").json()["counts"]["documents"]
    for job, name in ((first, "slow.jsonl#1"), (second, "slow2.jsonl#1")):  # line 1 of each
        assert job["state"] == "done" and job["documents"] == 0, job
        assert [e["input"] for e in job["errors"]] == [name]
        assert "took more than" in job["errors"][0]["reason"]
    assert after == before
