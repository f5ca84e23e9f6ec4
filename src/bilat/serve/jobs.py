"""Ingest jobs: uploaded files or posted records, stored in the background by one writer at
a time, as `bilat ingest` stores them (a batch committed whole, each bad input reported with
its name and reason, nothing stored before lost, the same input twice a no-op), then the
record refreshed so the new events can be read.

Jobs live in memory: a restarted server forgets them (what they stored stays).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from bilat.config import Settings
from bilat.model import ReadError

KEEP_JOBS = 1000  # finished jobs remembered; the oldest are forgotten first


@dataclass
class JobState:
    state: str = "queued"  # queued | running | done | failed
    done: int = 0  # inputs read
    total: int = 0  # inputs given
    documents: int = 0
    events: int = 0
    facts: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)


def records_input(records: list[dict[str, Any]]) -> list[tuple[str, bytes]]:
    """Posted records as inputs: each a one-line JSON Lines file named records#N, read by the
    JSON Lines reader like any record (the same checks, the same names in errors)."""
    return [(f"records#{n}", json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n")
            for n, r in enumerate(records, start=1)]


def outcomes(inputs: list[tuple[str, bytes]], settings: Settings, job: JobState
             ) -> Iterator[Any]:
    """Each input read and processed in order (bilat.batch.process_one, in a child process
    where its time limit holds: serve/processing.py), counting inputs done. A record keeps
    its own name ("records#3"), not "records#3#1"."""
    from bilat.readers import read_bytes
    from bilat.serve.processing import process_in_child

    for name, data in inputs:
        if len(data) > settings.max_input_bytes:
            yield ReadError(name, f"{len(data)} bytes, larger than the "
                                  f"{settings.max_input_bytes}-byte limit")
        else:
            record = name.startswith("records#")
            for item in read_bytes(data, "records.jsonl" if record else name,
                                   "records" if record else name, settings):
                if record:
                    item = _renamed(item, name)
                yield (item if isinstance(item, ReadError)
                       else process_in_child(item, settings))
        job.done += 1


def _renamed(item: Any, name: str) -> Any:
    from dataclasses import replace

    return replace(item, source=name)


class Jobs:
    """Runs ingest jobs one after another on one thread: the store's single writer."""

    def __init__(self, served: Any, settings: Settings):
        self.served, self.settings = served, settings
        self._jobs: OrderedDict[str, JobState] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bilat-ingest")

    def submit(self, inputs: list[tuple[str, bytes]]) -> str:
        job_id = uuid.uuid4().hex
        job = JobState(total=len(inputs))
        with self._lock:
            self._jobs[job_id] = job
            while len(self._jobs) > KEEP_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state not in ("done", "failed"):
                    break
                self._jobs.pop(oldest)
        self._pool.submit(self._run, job, inputs)
        return job_id

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return asdict(job) if job is not None else None

    def _run(self, job: JobState, inputs: list[tuple[str, bytes]]) -> None:
        from bilat.ingest import ingest_outcomes
        from bilat.store import describe_failure

        job.state = "running"

        def progress(summary: Any) -> None:
            job.documents, job.events, job.facts = summary.stored, summary.events, summary.facts

        try:
            with self.served.write() as store:
                summary = ingest_outcomes(outcomes(inputs, self.settings, job), store,
                                          self.settings, progress)
            progress(summary)
            job.errors = [{"input": f.source, "reason": f.reason} for f in summary.failed]
            self.served.refresh()
            job.state = "done"
        except Exception as exc:  # noqa: BLE001 - the job reports it; the server goes on
            reason = describe_failure(exc, self.served.db) or f"{type(exc).__name__}: {exc}"
            job.errors.append({"input": "(store)", "reason": reason[:500]})
            job.state = "failed"

    def close(self) -> None:
        from bilat.serve.processing import shutdown

        self._pool.shutdown(wait=True, cancel_futures=True)
        shutdown()
