"""Request metrics in the Prometheus text format (hand-written: counters and one histogram
need no client library): requests by method, path template and status, their latency, and
the store's counts at scrape time."""

from __future__ import annotations

import threading
import time
from typing import Any

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, str], int] = {}
        self.latency: dict[tuple[str, str], list[float]] = {}  # bucket counts, sum, count

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        with self._lock:
            key = (method, path, str(status))
            self.requests[key] = self.requests.get(key, 0) + 1
            h = self.latency.setdefault((method, path), [0.0] * (len(BUCKETS) + 2))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    h[i] += 1
            h[-2] += seconds
            h[-1] += 1

    def exposition(self, counts: dict[str, int]) -> str:
        lines = ["# HELP bilat_http_requests_total HTTP requests by method, path template "
                 "and status.", "# TYPE bilat_http_requests_total counter"]
        with self._lock:
            requests = sorted(self.requests.items())
            latency = sorted((k, list(v)) for k, v in self.latency.items())
        for (method, path, status), n in requests:
            lines.append(f'bilat_http_requests_total{{method="{method}",path="{_esc(path)}",'
                         f'status="{status}"}} {n}')
        lines += ["# HELP bilat_http_request_seconds Time to answer a request.",
                  "# TYPE bilat_http_request_seconds histogram"]
        for (method, path), h in latency:
            labels = f'method="{method}",path="{_esc(path)}"'
            for bound, n in zip(BUCKETS, h, strict=False):
                lines.append(f'bilat_http_request_seconds_bucket{{{labels},le="{bound}"}} '
                             f"{int(n)}")
            lines.append(f'bilat_http_request_seconds_bucket{{{labels},le="+Inf"}} '
                         f"{int(h[-1])}")
            lines.append(f"bilat_http_request_seconds_sum{{{labels}}} {h[-2]:.6f}")
            lines.append(f"bilat_http_request_seconds_count{{{labels}}} {int(h[-1])}")
        lines += ["# HELP bilat_store_rows Rows in the store by table.",
                  "# TYPE bilat_store_rows gauge"]
        for table, n in sorted(counts.items()):
            lines.append(f'bilat_store_rows{{table="{_esc(table)}"}} {n}')
        return "\n".join(lines) + "\n"


def _esc(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class MetricsMiddleware:
    """ASGI middleware: each HTTP request counted under its route's path template
    ("/api/events/{id}", never the id itself: one series per route, however many ids)."""

    def __init__(self, app: Any, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def tracked(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "(unmatched)"
            self.metrics.observe(scope.get("method", ""), path, status,
                                 time.perf_counter() - started)
