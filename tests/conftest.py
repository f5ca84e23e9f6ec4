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
