"""Opening the record for reading: the store migrated and its merged events up to date."""

from __future__ import annotations

from pathlib import Path

import typer

from bilat.config import Settings

# --db of every command that opens the store: a string, so that an address is not taken
# for a path
DB_OPTION = typer.Option(
    "--db", help="The store: a DuckDB file or a postgresql://user:password@host/database "
    "address (default: $BILAT_DB, else bilat.duckdb).")


def open_existing(db: str | Path | None, settings: Settings | None = None,
                  read_only: bool = False):
    """A store that `bilat ingest` made, or one error line and exit 2."""
    from bilat.cli.output import fail
    from bilat.store import StoreError, is_address, open_store

    path = str(db) if db else (settings or Settings.from_env()).db_path
    # a server's database is checked by opening it (an empty one says it holds no store)
    if not is_address(path) and not Path(path).exists():
        fail(f"{path}: no such store (run `bilat ingest` first)")
    try:
        return open_store(path, read_only=read_only)
    except StoreError as exc:
        fail(str(exc))


def open_record(db: str | Path | None, settings: Settings | None = None):
    """The store, read-only, after merging any events stored since the last merge."""
    from bilat.cli.output import err
    from bilat.know.merge import remerge
    from bilat.store.migrations import MIGRATIONS
    from bilat.store.record import is_stale

    settings = settings or Settings.from_env()
    store = open_existing(db, settings, read_only=True)
    if store.version < len(MIGRATIONS) or is_stale(store):
        store.close()
        writable = open_existing(db, settings)
        try:
            summary = remerge(writable, settings.embedder,
                              duckdb_memory=settings.duckdb_memory)
        finally:
            writable.close()
        err().print(f"merged {summary.reports} reports into {summary.merged} events")
        store = open_existing(db, settings, read_only=True)
    return store


def resolve(name: str) -> str:
    """A country or organisation by code or name in any supported language, or exit 2."""
    from bilat.analysis.gazetteer import resolve_country
    from bilat.cli.output import fail

    code = resolve_country(name)
    if code is None:
        fail(f"{name}: not a country or organisation bilat knows (try an ISO code such as VN)")
    return code
