"""`bilat serve`: the record over HTTP — the JSON API and the web pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="The store: a DuckDB file or a postgresql:// address.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (this machine only unless "
                                           "told otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token_file: Annotated[Path | None, typer.Option(
        "--token-file", help="Tokens (one 'token role' per line; roles: reader, editor). "
                             "Writes need an editor token, and are off without this file; "
                             "off loopback, reader tokens make reads need a token too "
                             "(a browser signs in once at /signin).")
    ] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="A web origin allowed to call the API from a browser "
                              "(repeatable; none by default).")] = None,
    max_upload_bytes: Annotated[int, typer.Option(
        "--max-upload-bytes", help="Refuse request bodies larger than this (413).", min=1)
    ] = 50 * 1024 * 1024,
    refresh_every: Annotated[float, typer.Option(
        "--refresh-every", min=0, help="Seconds between looks for events that another "
        "process stored (0: never).")] = 5.0,
    workers: Annotated[int, typer.Option(
        help="Worker processes. Several need a PostgreSQL store (a DuckDB file is opened for "
             "writing by one process only) and turn the API's ingest and the periodic "
             "refresh off (a job lives in one process): store with `bilat ingest --db "
             "ADDRESS`, then `bilat merge --db ADDRESS`; every worker reads the new record "
             "at once. Each worker keeps its own answers (--cache-mb each).", min=1)] = 1,
    cache_mb: Annotated[int, typer.Option(
        "--cache-mb", help="Memory for kept answers to GET /api reads, per worker: an answer "
                           "is sent again until the store is written to (0: none).", min=0)
    ] = 64,
) -> None:
    """Serve the record: JSON API under /api (OpenAPI at /openapi.json) and web pages.

    The server merges and indexes what was stored at start and after each upload. Events
    that another process stores meanwhile (`bilat ingest --db postgresql://…` beside the
    server; a DuckDB file has one writer, so there the server is it) appear after the
    server's next refresh: it looks at most once every --refresh-every seconds when it is
    read, and refreshes in the background; an editor can refresh at once with
    POST /api/refresh (Authorization: Bearer TOKEN).
    """
    import uvicorn

    from bilat.cli.output import fail
    from bilat.config import Settings
    from bilat.serve.access import TokenFileError
    from bilat.serve.app import ServeConfig, create_app, long_lived

    settings = Settings.from_env()
    config = ServeConfig(db=db or settings.db_path, host=host, token_file=token_file,
                         cors_origins=tuple(cors_origin or ()),
                         max_upload_bytes=max_upload_bytes, embedder=settings.embedder,
                         refresh_every=refresh_every,
                         cache_bytes=cache_mb * 1024 * 1024, workers=workers)
    try:
        app = create_app(config)
    except TokenFileError as exc:
        fail(str(exc))
    if workers == 1:
        _check_store(config.db)
        uvicorn.run(long_lived(app), host=host, port=port, log_level="info")
        return
    _serve_workers(config, port)


def _serve_workers(config, port: int) -> None:
    """Several uvicorn workers over one PostgreSQL store, the record refreshed once first."""
    import dataclasses
    import json
    import os

    import uvicorn

    from bilat.cli.output import fail
    from bilat.serve.stores import ServedStore
    from bilat.store import is_address

    if not is_address(config.db):
        fail("--workers: several workers need a PostgreSQL store (postgresql://…); a DuckDB "
             "file is opened for writing by one process only")
    served = ServedStore(config.db, config.embedder)
    try:
        served.refresh()
    finally:
        served.close()
    fields = {**dataclasses.asdict(config), "refresh_on_start": False,
              "token_file": str(config.token_file) if config.token_file else None}
    os.environ["BILAT_SERVE_CONFIG"] = json.dumps(fields)
    uvicorn.run("bilat.serve.app:app_from_env", factory=True, host=config.host, port=port,
                workers=config.workers, log_level="info")


def _check_store(db: str) -> None:
    """Open the store once before listening: a store that cannot be opened (a DuckDB file
    another process holds, a server out of reach) is one error line, not a traceback from
    the app's start-up."""
    from bilat.cli.output import fail
    from bilat.store import StoreError, open_store

    try:
        open_store(db).close()
    except StoreError as exc:
        fail(str(exc))


def register(app: typer.Typer) -> None:
    app.command()(serve)
