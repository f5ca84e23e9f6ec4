"""API benchmark: timeline, dossier and event requests through a real server over a store
of many synthetic documents, then a load run at a fixed request rate.

    python -m bilat.bench.serve [--docs 100000] [--rps 50] [--seconds 10] [--store PATH]

The store is filled as bilat.bench.record fills it; `bilat serve`'s app runs under uvicorn
in its own process (so the load generator does not share its interpreter). Latency: each
path requested once per country pair, one at a time, p50 and p95. Load: requests of all
kinds sent at `--rps` per second for `--seconds` (an open loop: a slow answer does not slow
the sending), p50 and p99 and errors. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bilat.bench.record import PARTNERS, fill, percentile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int) -> None:
    """The server process: the app over `db`, no refresh (see ServeConfig)."""
    import uvicorn

    from bilat.serve.app import ServeConfig, create_app

    app = create_app(ServeConfig(db=db, refresh_on_start=False))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _start(db: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    port = _free_port()
    src = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-m", "bilat.bench.serve", "--serve", str(db),
                             "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def _paths(base: str) -> dict[str, list[str]]:
    """The URLs each kind of request times: one per pair (events: one of each pair's)."""
    import httpx

    out: dict[str, list[str]] = {"timeline": [], "dossier": [], "events": [], "event": []}
    with httpx.Client(base_url=base, timeout=120) as http:
        for p in PARTNERS:
            out["timeline"].append(f"/api/pairs/VN/{p}/timeline?limit=500")
            out["dossier"].append(f"/api/pairs/VN/{p}/dossier")
            out["events"].append(f"/api/events?pair=VN-{p}&limit=50")
            first = http.get(f"/api/events?pair=VN-{p}&limit=1").json()["events"]
            if first:
                out["event"].append(f"/api/events/{first[0]['id']}")
    return out


def latency(base: str, paths: dict[str, list[str]], rounds: int = 2) -> dict[str, list[float]]:
    import httpx

    times: dict[str, list[float]] = {k: [] for k in paths}
    with httpx.Client(base_url=base, timeout=120) as http:
        for _ in range(rounds):
            for kind, urls in paths.items():
                for url in urls:
                    t0 = time.perf_counter()
                    r = http.get(url)
                    times[kind].append(time.perf_counter() - t0)
                    if r.status_code != 200:
                        raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
    return times


async def load(base: str, paths: dict[str, list[str]], rps: float, seconds: float
               ) -> tuple[list[float], int, int, float]:
    """Requests of every kind in turn, sent at `rps`: (latencies, errors, sent, seconds)."""
    import httpx

    urls = [u for kind in ("events", "event", "timeline", "dossier") for u in paths[kind]]
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:

        async def one(url: str) -> None:
            nonlocal errors
            t0 = time.perf_counter()
            try:
                r = await http.get(url)
                if r.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - t0)

        tasks = []
        start = time.perf_counter()
        n = int(rps * seconds)
        for k in range(n):
            delay = start + k / rps - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(urls[k % len(urls)])))
        await asyncio.gather(*tasks)
        return latencies, errors, n, time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--rps", type=float, default=50)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--store", type=Path, help="keep the filled store here; reuse it when "
                                               "it exists")
    ap.add_argument("--serve", help=argparse.SUPPRESS)  # the server process's own mode
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port)
        return
    from bilat.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "serve.duckdb"
        start = time.perf_counter()
        if not path.exists():
            store = open_store(path)
            fill(store, args.docs)
            store.close()
        built = time.perf_counter() - start
        proc, base = _start(path)
        try:
            paths = _paths(base)
            times = latency(base, paths)
            ms = 1000
            print(f"serve: {args.docs} documents (store built in {built:.0f} s); "
                  "one request at a time, over HTTP:")
            for kind, values in times.items():
                print(f"  {kind:8s} n={len(values):3d} p50 {percentile(values, .5) * ms:7.1f} ms"
                      f"  p95 {percentile(values, .95) * ms:7.1f} ms")
            lat, errors, sent, took = asyncio.run(load(base, paths, args.rps, args.seconds))
            print(f"load: {sent} requests at {args.rps:g}/s for {args.seconds:g} s "
                  f"(done in {took:.1f} s, {sent / took:.1f}/s): p50 "
                  f"{percentile(lat, .5) * ms:.1f} ms p99 {percentile(lat, .99) * ms:.1f} ms, "
                  f"errors {errors}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
