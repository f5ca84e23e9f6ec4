"""Several worker processes (`bilat serve --workers`): PostgreSQL only, and the API's writes
off, saying why (an ingest job lives in one process)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bilat.serve.app import ServeConfig, create_app


def test_with_several_workers_ingest_is_refused_saying_why(db_address, token_file, tokens):
    config = ServeConfig(db=db_address, token_file=token_file, workers=2)
    with TestClient(create_app(config)) as c:
        r = c.post("/api/ingest", json=[{"text": "x"}],
                   headers={"Authorization": f"Bearer {tokens['editor']}"})
        assert r.status_code == 403 and "2 worker processes" in r.json()["detail"]
        assert c.get("/api/pairs/VN/BE/timeline").status_code == 200


def test_several_workers_over_a_duckdb_file_are_refused(tmp_path):
    from bilat.cli import app

    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb"), "--workers",
                                 "2"])
    assert r.exit_code != 0 and "PostgreSQL" in r.output
