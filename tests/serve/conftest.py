"""A store ingested from samples/corpus once (through the CLI, a real DuckDB file), and a
copy of it for each test module, so that modules which write do not change what others
read."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilat.serve.app import ServeConfig, create_app

EDITOR = "editor-token-0123456789"
READER = "reader-token-0123456789"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, samples) -> Path:
    from typer.testing import CliRunner

    from bilat.cli import app

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    r = CliRunner().invoke(app, ["ingest", str(samples), "--db", str(path)])
    assert r.exit_code == 0, r.output
    # merged and indexed once here (the server does it on start): every copy starts fresh
    from bilat.serve.stores import ServedStore

    served = ServedStore(str(path))
    served.refresh()
    served.close()
    return path


@pytest.fixture(scope="module")
def db(corpus_db, tmp_path_factory) -> Path:
    """This module's own copy of the corpus store."""
    path = tmp_path_factory.mktemp("store") / "store.duckdb"
    shutil.copy(corpus_db, path)
    return path


@pytest.fixture(scope="module")
def token_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tokens") / "tokens"
    path.write_text(f"# who may do what\n{EDITOR} editor\n{READER} reader\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(ServeConfig(db=str(db)))) as c:
        yield c


@pytest.fixture(scope="session")
def tokens() -> dict[str, str]:
    return {"editor": EDITOR, "reader": READER}


@pytest.fixture(scope="session")
def wait_for_job():
    return _wait_for_job


def _wait_for_job(client: TestClient, job: str, headers: dict | None = None,
                  seconds: float = 120) -> dict:
    """Poll an ingest job until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(f"/api/ingest/{job}", headers=headers).json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"job {job} still {state['state']} after {seconds} s")
