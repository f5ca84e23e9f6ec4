"""A store ingested from samples/corpus once per backend (through the CLI: a real DuckDB
file, a real PostgreSQL database), and a copy of it for each test module, so that modules
which write do not change what others read; every test taking `db` runs on both."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilat.serve.app import ServeConfig, create_app

BACKENDS = ["duckdb", "postgresql"]  # as tests/conftest.py names them

EDITOR = "editor-token-0123456789"
READER = "reader-token-0123456789"


def _ingest_corpus(db: str, samples: Path) -> str:
    """samples/corpus ingested through the CLI into the store `db`, merged and indexed."""
    from typer.testing import CliRunner

    from bilat.cli import app

    r = CliRunner().invoke(app, ["ingest", str(samples), "--db", db])
    assert r.exit_code == 0, r.output
    # merged and indexed once here (the server does it on start): every copy starts fresh
    from bilat.serve.stores import ServedStore

    served = ServedStore(db)
    served.refresh()
    served.close()
    return db


@pytest.fixture(scope="session")
def corpus_duckdb(tmp_path_factory, samples) -> Path:
    """The corpus in a DuckDB file (for tests that open the file with duckdb itself)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    return Path(_ingest_corpus(str(path), samples))


@pytest.fixture(scope="session")
def corpus_postgres(pg_server, samples) -> str:
    """The corpus in a PostgreSQL database no one connects to (copies are made from it)."""
    return _ingest_corpus(pg_server.new_database(), samples)


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_db(request) -> str:
    """The corpus store on each backend in turn: a DuckDB path, a PostgreSQL address."""
    if request.param == "duckdb":
        return str(request.getfixturevalue("corpus_duckdb"))
    return request.getfixturevalue("corpus_postgres")


@pytest.fixture(scope="module")
def db(corpus_db, copy_db) -> str:
    """This module's own copy of the corpus store (a path or an address)."""
    return copy_db(corpus_db)


@pytest.fixture
def own_db(corpus_db, copy_db) -> str:
    """This test's own copy of the corpus store, for tests that write."""
    return copy_db(corpus_db)


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
