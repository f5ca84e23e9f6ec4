"""The pages apply the API's read rule: off loopback with reader tokens, a browser without
the sign-in cookie is sent to /signin, and back once a known token is typed; the cookie is
HttpOnly and SameSite=Strict, counts for the API's reads, never for writes. (The same in a
real browser: test_browser.py.)"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bilat.serve.access import COOKIE
from bilat.serve.app import ServeConfig, create_app

RECORD = [{"text": "Vietnam and Belgium held talks in Hanoi on 4 July 2026.", "id": "t4"}]


@pytest.fixture(scope="module")
def guarded(db, token_file):
    app = create_app(ServeConfig(db=str(db), token_file=token_file, host="0.0.0.0"))
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def anonymous(guarded):
    guarded.cookies.clear()
    yield guarded
    guarded.cookies.clear()


def test_pages_send_a_browser_without_a_token_to_sign_in_and_back(anonymous, tokens):
    c = anonymous
    for path in ("/", "/pairs/VN/BE?type=VISIT", "/search?q=visit", "/documents", "/upload"):
        r = c.get(path)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/signin?next="), path
    r = c.get("/pairs/VN/BE?type=VISIT")
    form = c.get(r.headers["location"])
    assert form.status_code == 200 and 'name="token"' in form.text
    assert 'value="/pairs/VN/BE?type=VISIT"' in form.text
    assert c.get("/health").status_code == 200 and c.get("/static/ui.css").status_code == 200

    signed = c.post("/signin", data={"token": tokens["reader"],
                                     "next": "/pairs/VN/BE?type=VISIT"})
    assert signed.status_code == 303 and signed.headers["location"] == "/pairs/VN/BE?type=VISIT"
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={tokens['reader']};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    page = c.get("/pairs/VN/BE?type=VISIT")
    assert page.status_code == 200 and 'id="timeline"' in page.text
    # the cookie counts for the API's reads too
    assert c.get("/api/events", params={"pair": "VN-BE"}).json()["events"]
    assert c.get("/metrics").status_code == 200
    out = c.post("/signout")
    assert out.status_code == 303 and c.get("/").status_code == 303


def test_a_wrong_token_or_another_site_does_not_sign_in(anonymous, tokens):
    c = anonymous
    r = c.post("/signin", data={"token": "not-a-token-at-all", "next": "/"})
    assert r.status_code == 401 and "not known" in r.text and "set-cookie" not in r.headers
    foreign = c.post("/signin", data={"token": tokens["reader"], "next": "/"},
                     headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 401 and "set-cookie" not in foreign.headers
    assert c.get("/api/events").status_code == 401
    c.cookies.set(COOKIE, "not-a-token-at-all")
    assert c.get("/api/events").status_code == 401
    assert c.get("/documents").status_code == 303


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil",
                                    "/\t/evil.example", " //evil.example"])
def test_after_sign_in_a_browser_stays_on_this_server(anonymous, tokens, target):
    r = anonymous.post("/signin", data={"token": tokens["reader"], "next": target})
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_the_cookie_never_writes_the_header_and_the_form_field_do(anonymous, tokens,
                                                                  wait_for_job):
    c = anonymous
    c.post("/signin", data={"token": tokens["editor"], "next": "/"})
    assert c.post("/api/ingest", json=RECORD).status_code == 401  # the cookie alone
    assert c.post("/api/refresh").status_code == 401
    c.cookies.clear()
    report = ("t.txt", b"Vietnam and Belgium held talks in Hanoi on 5 July 2026.", "text/plain")
    # an upload form without script: no header, no cookie, the editor's token in a field
    form = c.post("/api/ingest", data={"token": tokens["editor"]}, files=[("files", report)])
    assert form.status_code == 202, form.text
    assert wait_for_job(c, form.json()["job"], headers={
        "Authorization": f"Bearer {tokens['reader']}"})["state"] == "done"
    reader = c.post("/api/ingest", data={"token": tokens["reader"]}, files=[("files", report)])
    assert reader.status_code == 403


def test_on_loopback_pages_need_no_token(db, token_file):
    with TestClient(create_app(ServeConfig(db=str(db), token_file=token_file)),
                    follow_redirects=False) as c:
        assert c.get("/").status_code == 200
        assert "needs no token" in c.get("/signin").text
