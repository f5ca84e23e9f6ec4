"""The request size limit: a body over `max_bytes` is refused with 413 before it is read
whole (by its Content-Length when it gives one, else as it streams in)."""

from __future__ import annotations

import json
from typing import Any


class BodyTooLarge(Exception):  # noqa: N818 - an answer (413), not a fault
    pass


def _message(max_bytes: int) -> bytes:
    return json.dumps({"detail": f"request body larger than the {max_bytes}-byte limit "
                                 "(max_upload_bytes); send fewer or smaller files"}).encode()


class BodyLimit:
    """ASGI middleware: 413 with a JSON detail for bodies over `max_bytes`."""

    def __init__(self, app: Any, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracked(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = _message(self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
