"""The web pages, rendered on the server (they read without script; static/ui.js only
enhances), in English and Vietnamese: home, pair, event, document, search, upload, and
sign-in (where reads need a token, as the API's: serve.access)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().with_name("static")


def install(app: FastAPI, config) -> None:
    from bilat.serve.ui import signin
    from bilat.serve.ui.routes import SignInNeeded, router, to_sign_in

    app.include_router(router)
    app.include_router(signin.router)
    app.add_exception_handler(SignInNeeded, to_sign_in)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
