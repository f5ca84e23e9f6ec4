"""The JSON API: /api/..., /health, /metrics. Paths are stable: tools call them."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

router = APIRouter()


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


def install(app: FastAPI, config) -> None:
    app.include_router(router)
