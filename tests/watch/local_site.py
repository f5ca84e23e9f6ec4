"""A real local web site for watch's tests: an HTTP server in a thread whose pages the test
changes between polls, counting the requests and full (200) responses of each path."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None  # a redirect's target
    delay: float = 0.0  # seconds before answering
    stream: int = 0  # send this many bytes with no Content-Length (a page that never ends)
    drip: float = 0.0  # seconds between the body's bytes (each read answers in time)
    etag: bool = True  # answer with an ETag and honour If-None-Match
    last_modified: str | None = None  # answer with it and honour If-Modified-Since
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: Counter[str] = Counter()
        self.full: Counter[str] = Counter()  # 200 answers with a body
        self.agents: list[str] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site._answer(self)

            def do_POST(self) -> None:  # noqa: N802
                self.send_error(405)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes | str = b"", **kw: object) -> Page:
        page = Page(body.encode("utf-8") if isinstance(body, str) else body, **kw)  # type: ignore[arg-type]
        self.pages[path] = page
        return page

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        with self.lock:
            self.requests[path] += 1
            self.agents.append(h.headers.get("User-Agent", ""))
        page = self.pages.get(path)
        if page is None:
            h.send_error(404)
            return
        if page.delay:
            time.sleep(page.delay)
        try:
            if page.location is not None:
                h.send_response(page.status)
                h.send_header("Location", page.location)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            if page.status != 200:
                h.send_error(page.status)
                return
            tag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
            if page.etag and h.headers.get("If-None-Match") == tag:
                h.send_response(304)
                h.end_headers()
                return
            if page.last_modified and h.headers.get("If-Modified-Since") == page.last_modified:
                h.send_response(304)
                h.end_headers()
                return
            with self.lock:
                self.full[path] += 1
            h.send_response(200)
            h.send_header("Content-Type", page.content_type)
            if page.etag:
                h.send_header("ETag", tag)
            if page.last_modified:
                h.send_header("Last-Modified", page.last_modified)
            for k, v in page.headers.items():
                h.send_header(k, v)
            if page.stream:
                h.send_header("Connection", "close")
                h.end_headers()
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                sent = 0
                while sent < page.stream:
                    h.wfile.write(chunk)
                    sent += len(chunk)
                return
            h.send_header("Content-Length", str(len(page.body)))
            h.end_headers()
            if page.drip:
                for i in range(len(page.body)):
                    h.wfile.write(page.body[i:i + 1])
                    h.wfile.flush()
                    time.sleep(page.drip)
                return
            h.wfile.write(page.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what the size limit is for
