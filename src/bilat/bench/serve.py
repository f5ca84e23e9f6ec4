"""API benchmark: timeline, dossier and event requests through a real server over a store
of many synthetic documents, then a load run at a fixed request rate.

    python -m bilat.bench.serve [--docs 100000] [--rps 50] [--seconds 10] [--store PATH]
                                [--db postgresql://…] [--cache-bytes N] [--workers N]

The store is filled as bilat.bench.record fills it (with --db, its rows are then copied into
that PostgreSQL database, bench.to_postgres); `bilat serve`'s app runs under uvicorn in its
own process (so the load generator does not share its interpreter). Latency: each path
requested one at a time, twice: the first time each answer is computed (a miss of the
server's answer cache), the second time it may be kept (a hit); p50 and p95 of each. Load: a
mix of requests (timelines and dossiers of every pair, many event pages, event lists with
filters, figures and people) sent at `--rps` per second for `--seconds` (an open loop: a
slow answer does not slow the sending), p50, p95, p99, errors, the rate achieved, and the
CPU seconds the server and the load generator each used. `--cache-bytes 0` turns the answer
cache off (every request computed); `--passes 2` runs the load twice, the second over the
answers the first left kept. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bilat.bench.record import PARTNERS, TYPES, fill, percentile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int, cache_bytes: int, workers: int) -> None:
    """The server process: the app over `db`, no refresh (see ServeConfig)."""
    import uvicorn

    if workers > 1:  # each worker builds its own app from the environment
        os.environ.update(BILAT_BENCH_DB=db, BILAT_BENCH_CACHE=str(cache_bytes))
        uvicorn.run("bilat.bench.serve:worker_app", factory=True, host="127.0.0.1", port=port,
                    log_level="warning", workers=workers)
        return
    from bilat.serve.app import ServeConfig, create_app, long_lived

    app = create_app(ServeConfig(db=db, refresh_on_start=False, cache_bytes=cache_bytes))
    uvicorn.run(long_lived(app), host="127.0.0.1", port=port, log_level="warning")


def worker_app():
    from bilat.serve.app import ServeConfig, create_app, long_lived

    return long_lived(create_app(ServeConfig(db=os.environ["BILAT_BENCH_DB"],
                                             refresh_on_start=False,
                                             cache_bytes=int(os.environ["BILAT_BENCH_CACHE"]))))


def _start(db: str, cache_bytes: int, workers: int) -> tuple[subprocess.Popen, str]:
    import httpx

    port = _free_port()
    src = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-m", "bilat.bench.serve", "--serve", db,
                             "--port", str(port), "--cache-bytes", str(cache_bytes),
                             "--workers", str(workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=60).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def _paths(base: str, per_pair: int = 20) -> dict[str, list[str]]:
    """The URLs of each kind: a timeline, a dossier and an events list per pair, and
    `per_pair` event pages of each pair's; for the load run, lists with filters, figures
    and people too."""
    import httpx

    out: dict[str, list[str]] = {"timeline": [], "dossier": [], "events": [], "event": [],
                                 "filtered": [], "facts": []}
    with httpx.Client(base_url=base, timeout=120) as http:
        for n, p in enumerate(PARTNERS):
            out["timeline"].append(f"/api/pairs/VN/{p}/timeline?limit=500")
            out["dossier"].append(f"/api/pairs/VN/{p}/dossier")
            out["events"].append(f"/api/events?pair=VN-{p}&limit=50")
            page = http.get(f"/api/events?pair=VN-{p}&limit={per_pair}").json()["events"]
            out["event"] += [f"/api/events/{e['id']}" for e in page]
            out["filtered"] += [
                f"/api/events?pair=VN-{p}&type={TYPES[n % len(TYPES)]}&limit=20",
                f"/api/events?pair=VN-{p}&from={2000 + n % 20}&to={2004 + n % 20}&limit=20",
                f"/api/events?country={p}&status=happened&limit=20"]
            out["facts"] += [f"/api/facts?pair=VN-{p}&per_period=3",
                             f"/api/people?pair=VN-{p}&limit=20"]
    return out


LATENCY_KINDS = ("timeline", "dossier", "events", "event")


def latency(base: str, paths: dict[str, list[str]]) -> dict[str, list[list[float]]]:
    """Each URL twice in turn: [first times, second times] per kind."""
    import httpx

    times: dict[str, list[list[float]]] = {k: [[], []] for k in LATENCY_KINDS}
    with httpx.Client(base_url=base, timeout=120) as http:
        for round_ in (0, 1):
            for kind in LATENCY_KINDS:
                for url in paths[kind][:: 1 if kind != "event" else 5]:
                    t0 = time.perf_counter()
                    r = http.get(url)
                    times[kind][round_].append(time.perf_counter() - t0)
                    if r.status_code != 200:
                        raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
    return times


# the load run's mix: share of requests of each kind
MIX = {"event": 0.35, "events": 0.1, "filtered": 0.15, "timeline": 0.15, "dossier": 0.15,
       "facts": 0.1}


def load_urls(paths: dict[str, list[str]], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    kinds, weights = list(MIX), list(MIX.values())
    return [rng.choice(paths[k]) for k in rng.choices(kinds, weights, k=n)]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One GET on a kept-alive HTTP/1.1 connection: its status (the body read and dropped)."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(v) for k, _, v in (x.partition(":") for x in lines[1:])
                  if k.strip().lower() == "content-length")
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def load(base: str, urls: list[str], rps: float, connections: int = 64
               ) -> tuple[list[float], int, float]:
    """`urls` sent at `rps` (an open loop: each request is due at its time and its latency
    counted from then, however long it waits for one of `connections` kept-alive
    connections): (latencies, errors, seconds). A plain HTTP/1.1 client on asyncio streams:
    an HTTP library's own overhead would take the cores the server is measured on."""
    host, port = base.removeprefix("http://").split(":")
    queue: asyncio.Queue = asyncio.Queue()
    latencies: list[float] = []
    errors = 0

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while (item := await queue.get()) is not None:
            due, url = item
            try:
                status = await _get(reader, writer, url)
                errors += status != 200
            except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, int(port))
            latencies.append(time.perf_counter() - due)
        writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    start = time.perf_counter()
    for k, url in enumerate(urls):
        due = start + k / rps
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((due, url))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return latencies, errors, time.perf_counter() - start


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children that ended, from /proc."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(k) for k in kids]


def _own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _store(args: argparse.Namespace, tmp: str) -> tuple[str, float]:
    """The store to serve (filled when new) and the seconds it took to fill."""
    from bilat.store import open_store

    path = args.store or Path(tmp) / "serve.duckdb"
    start = time.perf_counter()
    if not path.exists():
        store = open_store(path)
        fill(store, args.docs)
        store.close()
    if not args.db:
        return str(path), time.perf_counter() - start
    from bilat.bench.to_postgres import copy_store, has_rows

    source, target = open_store(path, read_only=True), open_store(args.db)
    try:
        if not has_rows(target):
            copy_store(source, target)
    finally:
        source.close()
        target.close()
    return args.db, time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--rps", type=float, default=50)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--store", type=Path, help="keep the filled store here; reuse it when "
                                               "it exists")
    ap.add_argument("--db", help="a postgresql:// address: serve the same rows from there "
                                 "(copied in when the database holds no documents)")
    ap.add_argument("--cache-bytes", type=int, default=64 * 1024 * 1024,
                    help="the server's answer cache (0: none)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--passes", type=int, default=1,
                    help="load runs one after another (the first over answers not kept yet)")
    ap.add_argument("--serve", help=argparse.SUPPRESS)  # the server process's own mode
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.cache_bytes, args.workers)
        return
    from bilat.store import redact

    with tempfile.TemporaryDirectory() as tmp:
        db, built = _store(args, tmp)
        proc, base = _start(db, args.cache_bytes, args.workers)
        try:
            paths = _paths(base)
            times = latency(base, paths)
            ms = 1000
            print(f"serve: {args.docs} documents on {redact(db)} (store ready in {built:.0f} "
                  f"s), cache {args.cache_bytes} bytes, {args.workers} worker(s); one request "
                  "at a time, over HTTP (first: computed; again: may be kept):")
            for kind, (first, again) in times.items():
                print(f"  {kind:8s} n={len(first):3d} first p50 {percentile(first, .5) * ms:6.1f}"
                      f" p95 {percentile(first, .95) * ms:6.1f} ms; again p50 "
                      f"{percentile(again, .5) * ms:6.1f} p95 {percentile(again, .95) * ms:6.1f}"
                      " ms")
            urls = load_urls(paths, int(args.rps * args.seconds))
            for n in range(1, args.passes + 1):
                server0, own0 = _cpu_seconds(proc.pid), _own_cpu()
                lat, errors, took = asyncio.run(load(base, urls, args.rps))
                server, own = _cpu_seconds(proc.pid) - server0, _own_cpu() - own0
                print(f"load #{n}: {len(urls)} requests ({len(set(urls))} distinct) at "
                      f"{args.rps:g}/s for {args.seconds:g} s: done in {took:.1f} s "
                      f"({len(urls) / took:.1f}/s); p50 {percentile(lat, .5) * ms:.1f} ms p95 "
                      f"{percentile(lat, .95) * ms:.1f} ms p99 {percentile(lat, .99) * ms:.1f} "
                      f"ms, errors {errors}; CPU: server {server:.1f} s, load generator "
                      f"{own:.1f} s ({os.cpu_count()} cores)")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
