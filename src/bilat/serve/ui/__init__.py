"""The web pages, rendered on the server (they read without script; static/ui.js only
enhances), in English and Vietnamese: home, pair, event, document, search, upload."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().with_name("static")


def install(app: FastAPI, config) -> None:
    from bilat.serve.ui.routes import router

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
