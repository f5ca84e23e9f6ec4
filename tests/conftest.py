"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "corpus"
SHARED = ROOT / ".." / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


def _ingest_records(folder: Path, records: list[dict]) -> tuple[Path, str]:
    """Write `records` as a JSON Lines file in `folder` and ingest it through the CLI into a
    DuckDB store there: (the store's path, what ingest printed)."""
    import json

    from typer.testing import CliRunner

    from bilat.cli import app

    feed = folder / "records.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = folder / "records.duckdb"
    r = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(store)])
    assert r.exit_code == 0, r.output
    return store, r.output


@pytest.fixture(scope="session")
def ingest_records():
    """_ingest_records, for tests that build a store of their own records."""
    return _ingest_records


# -- the two store backends -------------------------------------------------------------------
# Tests that exercise the store take `db_address` (a fresh store per test) or
# `module_db_address` (one per module): a DuckDB file's path, then a PostgreSQL address on a
# throw-away cluster (skipped when the PostgreSQL binaries are absent).
BACKENDS = ["duckdb", "postgresql"]


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL cluster for the session, started with initdb/pg_ctl and deleted after."""
    from pg_cluster import Cluster, binaries

    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are absent: `make test` installs "
                    "them as root")
    cluster = Cluster(bin_dir)
    yield cluster
    cluster.stop()


def _maker(backend: str, request, folder: Path):
    count = iter(range(1_000_000))
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        return server.new_database
    return lambda: str(folder / f"store{next(count)}.duckdb")


@pytest.fixture(params=BACKENDS)
def make_db(request, tmp_path):
    """Makes fresh, empty stores for one test, all on one backend: a DuckDB path or a
    PostgreSQL address each."""
    return _maker(request.param, request, tmp_path)


@pytest.fixture
def db_address(make_db) -> str:
    """A fresh, empty store for one test: a DuckDB path or a PostgreSQL address."""
    return make_db()


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_address(request, tmp_path_factory) -> str:
    """A fresh, empty store shared by a module's tests (on each backend in turn)."""
    return _maker(request.param, request, tmp_path_factory.mktemp("store"))()


@pytest.fixture(scope="session")
def copy_db(request):
    """Copies a store (a DuckDB file, or a PostgreSQL database none is connected to) to a
    new one beside it and returns the copy's path or address."""
    import shutil
    import uuid

    def copy(db: str) -> str:
        if db.startswith("postgresql://"):
            return request.getfixturevalue("pg_server").copy_database(db)
        target = Path(db).with_name(f"copy-{uuid.uuid4().hex[:8]}.duckdb")
        shutil.copy(db, target)
        return str(target)

    return copy
