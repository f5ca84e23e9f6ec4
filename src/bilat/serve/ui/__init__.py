"""The web pages, rendered on the server (they read without script), labels in en and vi."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home() -> str:
    return "<!doctype html><title>bilat</title><h1>bilat</h1>"


def install(app: FastAPI, config) -> None:
    app.include_router(router)
