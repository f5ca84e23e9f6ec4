"""Answers to GET reads kept in memory, keyed by the store's generation.

The record changes only when a write transaction commits (a batch of documents, a rebuild,
an index build), and each commit bumps the store's generation (store.base.Store.generation).
An answer computed at generation G for a path, a query and a day (statuses are read as of
today) is the answer for as long as the generation stays G: it is kept (bytes, the least
recently used dropped past a byte budget) and sent again, and its strong ETag, made from the
same key, lets a client that holds it get 304 without anything being read.

The generation (with the count of this server's own writes, which changes the moment one
ends: serve.stores.ServedStore.generation) is taken before the answer is computed, so an
answer read from a newer record can only be filed under an older key (never asked for
again), never the reverse. Writes by other processes (PostgreSQL) are seen within
ServedStore.GENERATION_MAX_AGE.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from anyio import to_thread

# reads whose answer depends on more than the store: an ingest job's state, the server's
# own counters
UNCACHED = ("/api/ingest", "/health", "/metrics")
CACHED = ("/api/", "/feeds/")  # the feeds are read like the API (serve.feeds)


class ResponseCache:
    """Rendered answers (status, headers, body) by key; at most `max_bytes` of bodies, the
    least recently used dropped first. Used from the event loop's one thread only."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 8  # one huge answer does not empty the cache
        self.size = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()

    def get(self, key: tuple) -> tuple[int, list, bytes] | None:
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: tuple, status: int, headers: list, body: bytes) -> None:
        if len(body) > self.max_entry or key in self._entries:
            return
        self._entries[key] = (status, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, _, old) = self._entries.popitem(last=False)
            self.size -= len(old)

    def __len__(self) -> int:
        return len(self._entries)


def cacheable(method: str, path: str) -> bool:
    return (method == "GET" and path.startswith(CACHED)
            and not path.startswith(UNCACHED))


def etag_of(nonce: str, key: tuple) -> str:
    """A strong validator for the answer filed under `key`; `nonce` is the server's (a
    restarted server, perhaps over another store at the same generation, does not honour
    its predecessor's)."""
    return '"' + hashlib.blake2b(repr((nonce, key)).encode(), digest_size=16).hexdigest() + '"'


def _matches(header: str, etag: str) -> bool:
    return any(tag.strip() in (etag, "*") for tag in header.split(","))


class CachedReads:
    """ASGI middleware: GET reads under /api and /feeds answered from the cache when their key is
    there, 304 when the client's If-None-Match holds the key's ETag, and otherwise computed
    by the app and kept when 200. `may_read(authorization)` raises when the request may not
    read: such requests go to the app, which refuses them in its own words."""

    def __init__(self, app: Any, cache: ResponseCache, served: Callable[[], Any],
                 may_read: Callable[[str | None], None]):
        self.app, self.cache = app, cache
        self.served, self.may_read = served, may_read
        self.nonce = secrets.token_hex(8)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or not cacheable(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        auth = headers.get(b"authorization")
        try:
            self.may_read(auth.decode("latin-1") if auth is not None else None)
            served = self.served()
            # read off the event loop: a store busy with other requests' reads may be slow
            generation = served.generation() or await to_thread.run_sync(
                served.read_generation)
        except Exception:  # noqa: BLE001 - refused, or the store in trouble: the app says
            await self.app(scope, receive, send)
            return
        # the scheme and Host too: a feed's answer holds absolute addresses built from them
        # (serve.feeds), so one asked for under another Host must not be sent here
        key = (generation, dt.date.today().isoformat(), scope.get("scheme", "http"),
               headers.get(b"host", b""), scope["path"], scope.get("query_string", b""))
        etag = etag_of(self.nonce, key)
        extra = [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
        asked = headers.get(b"if-none-match")
        if asked is not None and _matches(asked.decode("latin-1"), etag):
            await send({"type": "http.response.start", "status": 304, "headers": extra})
            await send({"type": "http.response.body", "body": b""})
            return
        entry = self.cache.get(key)
        if entry is not None:
            status, kept, body = entry
            await send({"type": "http.response.start", "status": status,
                        "headers": kept + extra})
            await send({"type": "http.response.body", "body": body})
            return
        await self._compute(scope, receive, send, key, extra)

    async def _compute(self, scope: dict, receive: Callable, send: Callable, key: tuple,
                       extra: list) -> None:
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keep(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                if message["status"] == 200:
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self.cache.put(key, 200, list(start.get("headers", [])), b"".join(parts))
            await send(message)

        await self.app(scope, receive, keep)
