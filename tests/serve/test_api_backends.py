"""The same corpus in a DuckDB file and in a PostgreSQL database: every read of the API and
the pages answers the same on both (the store's portable SQL, checked where it shows)."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from bilat.serve.app import ServeConfig, create_app

STORED_AT = re.compile(r"<dd>\d{4}-\d\d-\d\d \d\d:\d\d</dd>")  # a page's ingested_at
READS = [("/api/events", {"limit": 500}), ("/api/events", {"pair": "VN-BE", "q": "visit"}),
         ("/api/events", {"lang": "fr", "from": "2023", "to": "2024-06"}),
         ("/api/events", {"status": "happened", "limit": 7}),
         ("/api/pairs/VN/BE/timeline", {}), ("/api/pairs/VN/BE/dossier", {}),
         ("/api/pairs/VN/JP/dossier", {}), ("/api/countries/VN/partners", {}),
         ("/api/facts", {}), ("/api/facts", {"pair": "VN-BE", "per_period": 1}),
         ("/api/people", {"country": "VN"}), ("/api/people", {"pair": "VN-BE"}),
         ("/api/documents", {"limit": 500}), ("/api/documents", {"lang": "vi", "limit": 3}),
         ("/api/search", {"q": "Belgian senate president visit"}),
         ("/api/search", {"q": "Bỉ", "lang": "vi"}), ("/health", {}),
         ("/", {}), ("/pairs/VN/BE", {}), ("/documents", {}), ("/search", {"q": "thăm Bỉ"})]


def _answers(db: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with TestClient(create_app(ServeConfig(db=db))) as c:
        events = c.get("/api/events", params={"limit": 500}).json()["events"]
        docs = c.get("/api/documents", params={"limit": 500}).json()["documents"]
        reads = [*READS, *((f"/api/events/{e['id']}", {}) for e in events),
                 *((f"/api/documents/{d['content_id']}", {}) for d in docs),
                 *((f"/events/{e['id']}", {}) for e in events[:10]),
                 *((f"/documents/{d['content_id']}", {}) for d in docs[:10])]
        for path, params in reads:
            r = c.get(path, params=params)
            if r.headers["content-type"].startswith("text/html"):  # less when it was stored
                body = STORED_AT.sub("", r.text)
            else:
                body = r.json()
                if isinstance(body, dict):
                    body.pop("ingested_at", None)
            out[f"{path} {params}"] = (r.status_code, body)
        changes = c.get("/api/changes", params={"limit": 500}).json()["changes"]
        out["changes"] = sorted((x["id"], x["change"], x["digest"]) for x in changes)
    return out


def test_duckdb_and_postgresql_answer_alike(corpus_duckdb, corpus_postgres, copy_db):
    duck = _answers(copy_db(str(corpus_duckdb)))
    pg = _answers(copy_db(corpus_postgres))
    assert len(duck) > 60 and duck.keys() == pg.keys()
    differ = [k for k in duck if duck[k] != pg[k]]
    assert not differ, differ[:5]
