"""Every answer of the API's paths, good and bad, matches what the OpenAPI spec says the
path returns (jsonschema over the spec's own schemas), and every JSON path is exercised."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from bilat.serve.app import ServeConfig, create_app


@pytest.fixture(scope="module")
def api(db, token_file):
    with TestClient(create_app(ServeConfig(db=str(db), token_file=token_file))) as c:
        yield c


def _requests(api, tokens) -> list[tuple[str, str, dict]]:
    """(method, url, httpx keywords) for each path, its answers good and bad."""
    event = api.get("/api/events", params={"pair": "VN-BE"}).json()["events"][0]["id"]
    doc = api.get("/api/documents", params={"limit": 1}).json()["documents"][0]["content_id"]
    editor = {"Authorization": f"Bearer {tokens['editor']}"}
    job = api.post("/api/ingest", headers=editor,
                   json=[{"text": "Vietnam and Belgium held talks on 1 May 2026."}]).json()
    return [
        ("GET", "/api/events", {"params": {"pair": "VN-BE", "limit": 3}}),
        ("GET", "/api/events", {"params": {"q": "visit", "status": "happened"}}),
        ("GET", "/api/events", {"params": {"country": "Narnia"}}),
        ("GET", "/api/events", {"params": {"limit": "many"}}),
        ("GET", f"/api/events/{event}", {}),
        ("GET", "/api/events/nope", {}),
        ("GET", "/api/pairs/VN/BE/timeline", {}),
        ("GET", "/api/pairs/VN/Atlantis/timeline", {}),
        ("GET", "/api/pairs/Việt Nam/Bỉ/dossier", {}),
        ("GET", "/api/pairs/VN/JP/dossier", {}),
        ("GET", "/api/countries/VN/partners", {}),
        ("GET", "/api/facts", {"params": {"pair": "VN-BE"}}),
        ("GET", "/api/facts", {}),
        ("GET", "/api/people", {"params": {"country": "VN"}}),
        ("GET", "/api/people", {}),
        ("GET", "/api/documents", {"params": {"limit": 2}}),
        ("GET", f"/api/documents/{doc}", {}),
        ("GET", "/api/documents/nope", {}),
        ("GET", "/api/search", {"params": {"q": "Bỉ"}}),
        ("GET", "/api/search", {"params": {"q": "visit", "kind": "thing"}}),
        ("POST", "/api/match", {"json": {"text": "Belgium and Vietnam held talks in Hanoi "
                                                 "on 31 March 2025."}}),
        ("POST", "/api/match", {"json": {"text": ""}}),
        ("POST", "/api/ingest", {"json": [{"text": "x"}]}),  # no token: 401
        ("POST", "/api/ingest", {"json": [], "headers": editor}),
        ("POST", "/api/ingest", {"files": [("files", ("a.txt", b"Vietnam and Belgium held "
                                                      b"talks on 2 May 2026.", "text/plain"))],
                                 "headers": editor}),
        ("GET", f"/api/ingest/{job['job']}", {}),
        ("GET", "/api/ingest/nope", {}),
        ("GET", "/api/changes", {"params": {"limit": 5}}),
        ("GET", "/api/changes", {"params": {"since": "never"}}),
        ("POST", "/api/refresh", {"headers": editor}),
        ("POST", "/api/refresh", {}),  # no token: 401
        ("GET", "/health", {}),
    ]


def _template(spec: dict, method: str, url: str) -> str:
    for template, ops in spec["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if method.lower() in ops and re.match(pattern, url):
            return template
    raise AssertionError(f"{method} {url}: no path of the spec")


def test_every_answer_matches_the_spec(api, tokens):
    spec = api.get("/openapi.json").json()
    seen: dict[str, set[int]] = {}
    for method, url, kwargs in _requests(api, tokens):
        r = api.request(method, url, **kwargs)
        template = _template(spec, method, url)
        seen.setdefault(f"{method} {template}", set()).add(r.status_code)
        declared = spec["paths"][template][method.lower()]["responses"]
        assert str(r.status_code) in declared, (method, url, r.status_code, r.text[:200])
        schema = declared[str(r.status_code)]["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**schema, "components": spec["components"]})
        errors = sorted(validator.iter_errors(r.json()), key=str)
        assert not errors, (method, url, r.status_code, [e.message for e in errors[:3]])
    json_paths = {f"{method.upper()} {path}" for path, ops in spec["paths"].items()
                  for method in ops if path.startswith("/api") or path == "/health"}
    assert json_paths <= set(seen), json_paths - set(seen)
    assert any(s >= 400 for s in seen["GET /api/events"])


def test_the_spec_says_what_each_path_returns(api):
    spec = api.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        if not path.startswith("/api"):
            continue
        for method, op in ops.items():
            ok = next(v for k, v in op["responses"].items() if k.startswith("2"))
            schema = ok["content"]["application/json"]["schema"]
            assert "$ref" in schema, (method, path, schema)  # a named model, not "any"
    ingest = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(ingest)
