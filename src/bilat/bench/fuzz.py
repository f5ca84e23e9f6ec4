"""Fuzzing run: every property of bilat.fuzz over many generated inputs.

    python -m bilat.bench.fuzz [--examples N] [--seconds S] [--cap S] [--targets a,b]
                               [--seed N] [--save DIR]

--examples (default 100000) is the total, shared evenly by the targets (text, html, gzip,
warc, feed, jsonl, rawdoc); --seconds stops sooner, each target getting an even share of what
is left. Every input is timed. One that raises, or breaks a property, is a crash: crashes are
grouped by exception and the place in bilat that raised it, and the smallest input of each group
is shown (and written under --save, to replay with `bilat extract`). An input over --cap runs a
second time: slow both times it is slow; fast the second time, the first run was loading
something once (a language's data, a model). Exits 1 when anything crashed or was slow.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import resource
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from bilat import fuzz

CHUNK = 500  # examples per hypothesis run: its engine keeps every example it tried in memory


@dataclass
class Crash:
    kind: str
    where: str
    message: str
    trace: str
    value: Any
    size: int
    count: int = 1


@dataclass
class Tally:
    target: str
    runs: int = 0
    seconds: float = 0.0
    crashes: dict[tuple[str, str], Crash] = field(default_factory=dict)
    slow: list[tuple[float, float, Any]] = field(default_factory=list)  # first, second, input
    cold: int = 0  # over the cap once, then fast: a first-time load
    slowest: tuple[float, Any] = (0.0, None)
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)

    @property
    def crash_count(self) -> int:
        return sum(c.count for c in self.crashes.values())


def _fault(exc: BaseException) -> BaseException:
    """The exception to show: for an internal error bilat caught, the fault it caught."""
    if isinstance(exc, fuzz.InternalError) and exc.__cause__ is not None:
        return exc.__cause__
    return exc


def _where(exc: BaseException) -> str:
    """The innermost place in bilat (not this harness) that the exception came through."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if "/bilat/" in f.filename and "fuzz.py" not in f.filename]
    frame = own[-1] if own else frames[-1]
    path = frame.filename[frame.filename.rfind("/bilat/") + 1:] if own else frame.filename
    return f"{path}:{frame.lineno} in {frame.name}"


def _key(exc: BaseException) -> tuple[str, str]:
    fault = _fault(exc)
    if fault is exc and isinstance(exc, fuzz.PropertyFailed):
        # a property's message starts with what broke ("date_start not ...: '21.0'")
        return type(exc).__name__, str(exc).split(":", 1)[0]
    kind = type(fault).__name__
    if fault is not exc:
        kind = f"{kind} (caught by bilat: {str(exc).split(':', 1)[0]})"
    return kind, _where(fault)


def _alarm(seconds: float) -> contextlib.AbstractContextManager[None]:
    """Interrupt an input that hangs (where Python code runs; a C loop finishes first), by
    CPU time: process_one keeps the wall-clock timer for its own per-document limit."""
    from bilat.batch import time_limit

    return time_limit(seconds, cpu=True, exc=fuzz.InputHang)


def _timed(check: Callable[[Any], list[str]], value: Any,
           hang_s: float) -> tuple[float, list[str], Exception | None]:
    sink = io.StringIO()  # warcio and trafilatura write warnings to stderr per input
    start = time.perf_counter()
    labels: list[str] = []
    error = None
    try:
        with contextlib.redirect_stderr(sink), _alarm(hang_s):
            labels = check(value)
    except Exception as exc:  # noqa: BLE001 - every exception is a finding to report
        error = exc
    return time.perf_counter() - start, labels, error


def run_target(name: str, examples: int, budget_s: float | None, cap_s: float,
               seed_value: int | None = None) -> Tally:
    """Run one target's property over `examples` generated inputs (or until the budget)."""
    strategy, check = fuzz.TARGETS[name]
    tally = Tally(name)
    deadline = None if budget_s is None else time.monotonic() + budget_s
    hang_s = max(60.0, cap_s * 12)

    def one(value: Any) -> None:
        if tally.runs >= examples or (deadline is not None and time.monotonic() > deadline):
            return  # the rest of this chunk is drawn but not run
        elapsed, labels, error = _timed(check, value, hang_s)
        tally.runs += 1
        tally.seconds += elapsed
        tally.outcomes.update(labels)
        if error is not None:
            _record(tally, error, value)
        if elapsed > tally.slowest[0]:
            tally.slowest = (elapsed, value)
        if elapsed > cap_s:
            again, _, _ = _timed(check, value, hang_s)
            if again > cap_s:
                tally.slow.append((elapsed, again, value))
            else:
                tally.cold += 1

    for value in fuzz.SEEDS.get(name, []):  # the kinds that broke bilat before, first
        one(value)
    chunk_no = 0
    while tally.runs < examples and (deadline is None or time.monotonic() < deadline):
        before = tally.runs
        test = given(strategy)(one)
        test = settings(max_examples=min(CHUNK, examples - tally.runs), database=None,
                        deadline=None, suppress_health_check=list(HealthCheck),
                        phases=[Phase.generate])(test)
        if seed_value is not None:
            test = seed(seed_value + chunk_no)(test)
        test()
        chunk_no += 1
        if tally.runs == before:
            break  # the strategy has nothing new to give
    return tally


def _record(tally: Tally, error: Exception, value: Any) -> None:
    key = _key(error)
    crash = tally.crashes.get(key)
    n = fuzz.size(value)
    if crash is None:
        crash = tally.crashes[key] = Crash(key[0], key[1], "", "", value, n, 0)
    crash.count += 1
    if crash.count == 1 or n < crash.size:  # the smallest input of a kind reproduces it best
        fault = _fault(error)
        crash.value, crash.size = value, n
        crash.message = str(error)[:300]
        crash.trace = "".join(traceback.format_exception(fault, chain=False)[-9:])


def _save(directory: Path, target: str, number: int, value: Any) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(value, fuzz.Case):
        path = directory / f"{target}-{number}-{value.name}"
        path.write_bytes(value.data)
    else:
        # a RawDocument as an input record; ensure_ascii keeps lone surrogates as \ud800
        record = {k: v for k, v in asdict(value).items() if v is not None}
        record["id"] = record.pop("doc_id", None)
        path = directory / f"{target}-{number}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=True) + "\n")
    return path


def report(tallies: list[Tally], cap_s: float, save: Path | None, out: Any = None) -> int:
    """Print the figures and findings; the number of crash kinds and slow inputs."""
    out = out or sys.stdout

    def p(*parts: object) -> None:
        print(*parts, file=out)

    p(f"{'target':8} {'inputs':>8} {'s/input':>8} {'crashes':>8} {'kinds':>6} "
      f"{'slow':>5} {'cold':>5} {'slowest':>8}")
    for t in tallies:
        mean = t.seconds / t.runs if t.runs else 0.0
        p(f"{t.target:8} {t.runs:8d} {mean:8.3f} {t.crash_count:8d} {len(t.crashes):6d} "
          f"{len(t.slow):5d} {t.cold:5d} {t.slowest[0]:7.2f}s")
    p("\noutcomes per target (documents, and the commonest reasons inputs were refused):")
    for t in tallies:
        common = ", ".join(f"{n} {what}" for what, n in t.outcomes.most_common(6))
        p(f"  [{t.target}] {common}")
    findings = 0
    number = 0
    for t in tallies:
        for crash in sorted(t.crashes.values(), key=lambda c: -c.count):
            findings += 1
            number += 1
            p(f"\n[{t.target}] {crash.kind} at {crash.where} ({crash.count} inputs): "
              f"{crash.message}")
            p(f"  smallest input ({crash.size}): {fuzz.describe(crash.value)}")
            if save is not None:
                p(f"  saved: {_save(save, t.target, number, crash.value)}")
            p("  " + crash.trace.rstrip().replace("\n", "\n  "))
    for t in tallies:
        for first, again, value in sorted(t.slow, key=lambda s: -s[1])[:5]:
            findings += 1
            number += 1
            p(f"\n[{t.target}] slow: {first:.1f} s, then {again:.1f} s (cap {cap_s:.0f} s): "
              f"{fuzz.describe(value)}")
            if save is not None:
                p(f"  saved: {_save(save, t.target, number, value)}")
    p("\nslowest input per target:")
    for t in tallies:
        if t.slowest[1] is not None:
            p(f"  [{t.target}] {t.slowest[0]:.2f} s: {fuzz.describe(t.slowest[1], 160)}")
    return findings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=100_000,
                    help="generated inputs in all, shared by the targets")
    ap.add_argument("--seconds", type=float, default=None, help="time budget for the whole run")
    ap.add_argument("--cap", type=float, default=fuzz.CAP_S, help="seconds an input may take")
    ap.add_argument("--targets", default=",".join(fuzz.TARGETS),
                    help="comma-separated subset of " + ", ".join(fuzz.TARGETS))
    ap.add_argument("--seed", type=int, default=None, help="make the run reproducible")
    ap.add_argument("--save", type=Path, default=None,
                    help="write the smallest input of each crash and each slow input here")
    args = ap.parse_args(argv)
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = [t for t in targets if t not in fuzz.TARGETS]
    if unknown:
        ap.error(f"unknown target(s): {', '.join(unknown)}")

    start = time.monotonic()
    fuzz.warm_up()
    print(f"warm-up {time.monotonic() - start:.1f} s; {args.examples} inputs over "
          f"{len(targets)} targets, cap {args.cap:.0f} s per input", flush=True)
    tallies = []
    for i, name in enumerate(targets):
        share = args.examples // len(targets) + (1 if i < args.examples % len(targets) else 0)
        budget = None
        if args.seconds is not None:
            budget = max(0.0, args.seconds - (time.monotonic() - start)) / (len(targets) - i)
        t0 = time.monotonic()
        tally = run_target(name, share, budget, args.cap,
                           None if args.seed is None else args.seed + 1000 * i)
        print(f"  {name}: {tally.runs} inputs in {time.monotonic() - t0:.0f} s, "
              f"{tally.crash_count} crashed", flush=True)
        tallies.append(tally)
    print()
    findings = report(tallies, args.cap, args.save)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{sum(t.runs for t in tallies)} inputs in {time.monotonic() - start:.0f} s; "
          f"peak memory {peak:.0f} MiB; {findings} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
