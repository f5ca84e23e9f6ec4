"""Who may read and write: writes need an editor token (none without a token file),
reads need a token only off loopback when reader tokens exist; CORS closed by default."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bilat.serve.access import TokenFileError, access_for, is_loopback
from bilat.serve.app import ServeConfig, create_app

RECORD = [{"text": "Vietnam and Belgium held talks in Hanoi on 2 July 2026.", "id": "t1"}]


def _client(db, **config):
    return TestClient(create_app(ServeConfig(db=str(db), **config)))


def test_without_a_token_file_writes_are_refused_saying_how_to_enable_them(db):
    with _client(db) as c:
        r = c.post("/api/ingest", json=RECORD)
        assert r.status_code == 403
        assert "--token-file" in r.json()["detail"]
        assert c.get("/api/events").status_code == 200  # reads stay open


def test_writes_need_an_editor_token(db, token_file, tokens, wait_for_job):
    with _client(db, token_file=token_file) as c:
        none = c.post("/api/ingest", json=RECORD)
        assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
        wrong = c.post("/api/ingest", json=RECORD, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "unknown token" in wrong.json()["detail"]
        basic = c.post("/api/ingest", json=RECORD, headers={"Authorization": "Basic abc"})
        assert basic.status_code == 401
        reader = c.post("/api/ingest", json=RECORD,
                        headers={"Authorization": f"Bearer {tokens['reader']}"})
        assert reader.status_code == 403 and "reader" in reader.json()["detail"]
        editor = c.post("/api/ingest", json=RECORD,
                        headers={"Authorization": f"Bearer {tokens['editor']}"})
        assert editor.status_code == 202
        assert wait_for_job(c, editor.json()["job"])["state"] == "done"
        assert c.get("/api/events").status_code == 200  # on loopback reads need no token


def test_refresh_needs_an_editor_token(db, token_file, tokens):
    with _client(db, token_file=token_file) as c:
        assert c.post("/api/refresh").status_code == 401
        reader = c.post("/api/refresh", headers={"Authorization": f"Bearer {tokens['reader']}"})
        assert reader.status_code == 403
        editor = c.post("/api/refresh", headers={"Authorization": f"Bearer {tokens['editor']}"})
        assert editor.status_code == 200, editor.text
        assert editor.json() == {"refreshed": False, "merged_events": c.get(
            "/health").json()["counts"]["merged_events"]}
    with _client(db) as c:
        assert c.post("/api/refresh").status_code == 403  # writes off


def test_off_loopback_with_reader_tokens_reads_need_a_token(db, token_file, tokens):
    with _client(db, token_file=token_file, host="0.0.0.0") as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/metrics").status_code == 401
        for role in ("reader", "editor"):
            r = c.get("/api/events", headers={"Authorization": f"Bearer {tokens[role]}"})
            assert r.status_code == 200, role
        assert c.get("/health").status_code == 200  # liveness stays open


def test_off_loopback_with_editor_tokens_only_reads_stay_open(db, tmp_path, tokens):
    only_editors = tmp_path / "tokens"
    only_editors.write_text(f"{tokens['editor']} editor\n", encoding="utf-8")
    with _client(db, token_file=only_editors, host="0.0.0.0") as c:
        assert c.get("/api/events").status_code == 200


@pytest.mark.parametrize(("text", "reason"), [
    ("abc editor\n", "16 characters"),
    ("0123456789abcdefgh admin\n", "ROLE"),
    ("0123456789abcdefgh\n", "TOKEN ROLE"),
])
def test_a_bad_token_file_is_refused_naming_the_line(tmp_path, text, reason):
    path = tmp_path / "tokens"
    path.write_text("# comment\n\n" + text, encoding="utf-8")
    with pytest.raises(TokenFileError, match=reason) as err:
        access_for(path, "127.0.0.1")
    assert f"{path}:3" in str(err.value)


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_cors_is_closed_unless_an_origin_is_named(db):
    origin = {"Origin": "https://analyst.example.org"}
    with _client(db) as c:
        r = c.get("/api/events", headers=origin)
        assert "access-control-allow-origin" not in r.headers
    with _client(db, cors_origins=("https://analyst.example.org",)) as c:
        r = c.get("/api/events", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://analyst.example.org"
        other = c.get("/api/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_user_input_is_never_sql(db):
    """A quote or a statement in a parameter is a value: it finds nothing, breaks nothing."""
    with _client(db) as c:
        before = c.get("/health").json()["counts"]
        for value in ("x' OR '1'='1", "'; DROP TABLE merged_events; --"):
            r = c.get("/api/events", params={"q": value, "lang": "vi"})
            assert r.status_code in (200, 400)
            assert c.get(f"/api/documents/{value}").status_code == 404
            assert c.get("/api/events", params={"type": value}).status_code == 400
        assert c.get("/health").json()["counts"] == before


def test_a_fault_is_answered_in_json_not_a_bare_page(db, monkeypatch):
    from bilat.serve import reads

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(reads, "partners", broken)
    with TestClient(create_app(ServeConfig(db=str(db))), raise_server_exceptions=False) as c:
        r = c.get("/api/countries/VN/partners")
    assert r.status_code == 500 and "RuntimeError" in r.json()["detail"]


def test_an_upload_form_may_carry_the_editor_token_in_a_field(db, token_file, tokens,
                                                               wait_for_job):
    """A page's form cannot set the Authorization header; its `token` field counts, and
    is checked like the header (before the files are looked at)."""
    report = ("Vietnam and Belgium held talks in Hanoi on 3 July 2026.", "text/plain")
    with _client(db, token_file=token_file) as c:
        none = c.post("/api/ingest", files=[("files", ("t.txt", *report))])
        assert none.status_code == 401
        reader = c.post("/api/ingest", data={"token": tokens["reader"]},
                        files=[("files", ("t.txt", *report))])
        assert reader.status_code == 403
        empty = c.post("/api/ingest", data={"token": "nope-nope-nope-nope"})
        assert empty.status_code == 401  # no token: refused before "no files"
        editor = c.post("/api/ingest", data={"token": tokens["editor"]},
                        files=[("files", ("t.txt", *report))])
        assert editor.status_code == 202
        assert wait_for_job(c, editor.json()["job"])["state"] == "done"
    with _client(db) as c:  # writes off: refused whatever the form holds
        off = c.post("/api/ingest", data={"token": tokens["editor"]},
                     files=[("files", ("t.txt", *report))])
        assert off.status_code == 403
