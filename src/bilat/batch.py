"""Run the pure stages over many inputs, in one process or a pool of processes."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import BinaryIO

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.model import Document, Extraction, RawDocument, ReadError

Outcome = tuple[Document, Extraction] | ReadError


class TimeLimit(Exception):  # noqa: N818 - raised into the stage that ran over, not an error
    """Raised by the timer when one document runs past its time limit."""


@contextmanager
def time_limit(seconds: float, *, cpu: bool = False,
               exc: type[BaseException] = TimeLimit) -> Iterator[None]:
    """Raise `exc` into the block after `seconds` of wall-clock time (SIGALRM), or of CPU
    time with `cpu` (SIGVTALRM: a separate timer, so the two can nest). Timer signals reach
    the main thread of a process only; elsewhere, as in a server's worker thread, the block
    runs unbounded."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    sig, timer = ((signal.SIGVTALRM, signal.ITIMER_VIRTUAL) if cpu
                  else (signal.SIGALRM, signal.ITIMER_REAL))

    def ring(signum: int, frame: object) -> None:
        raise exc(f"still running after {seconds:g} s")

    previous = signal.signal(sig, ring)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(sig, previous)


def process_one(raw: RawDocument, settings: Settings | None = None) -> Outcome:
    """Clean and extract one raw document. Whatever goes wrong with it (bad input, a limit, a
    fault of bilat's own) becomes a ReadError naming it, so one document never stops a batch."""
    from bilat.pipeline import process

    settings = settings or Settings()
    try:
        with time_limit(settings.max_seconds):
            return process(raw, settings)
    except BadInput as exc:
        return ReadError(raw.source, str(exc))
    except TimeLimit:
        return ReadError(raw.source, f"took more than {settings.max_seconds:g} s to clean and "
                                     "extract (limit BILAT_MAX_SECONDS)")
    except RecursionError:
        return ReadError(raw.source, "nested too deeply to read")
    except MemoryError:
        return ReadError(raw.source, "too large to read in the memory available")
    except Exception as exc:  # noqa: BLE001 - a fault of bilat's must not cost the batch
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return ReadError(raw.source, f"internal error while reading it ({detail}); please "
                                     "report it with the input")


def run(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None
        ) -> Iterator[Outcome]:
    """Read every input and process it, in input order; workers > 1 uses a process pool."""
    from bilat.readers import read_inputs

    items = read_inputs(paths, settings, stdin=stdin)
    if settings.workers <= 1:
        for item in items:
            yield item if isinstance(item, ReadError) else process_one(item, settings)
        return
    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    # workers fork from a server that imported and warmed the pipeline once (bilat.warm);
    # the server is a fresh interpreter, so no DuckDB thread of this process is inherited
    ctx.set_forkserver_preload(["bilat.warm"])
    with ctx.Pool(settings.workers) as pool:
        yield from pool.imap(partial(_process_or_pass, settings=settings), items, chunksize=8)


def _process_or_pass(item: RawDocument | ReadError, settings: Settings) -> Outcome:
    return item if isinstance(item, ReadError) else process_one(item, settings)
