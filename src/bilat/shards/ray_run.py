"""Every shard of a batch through Ray Data: one task a shard, on a local Ray the command
starts (`workers` CPUs) or on a running cluster (`address`). Shards whose manifest entry is
written are skipped, so a rerun after a crash does only what is missing; a task whose worker
dies is run again by Ray (TASK_RETRIES)."""

from __future__ import annotations

import logging
import os
import resource
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bilat.config import Settings
from bilat.shards.sources import Shard
from bilat.shards.write import ShardResult, finished, prepare, process_shard

TASK_RETRIES = 3  # a worker killed (out of memory, a lost node) costs a rerun, not the batch


@dataclass
class BatchSummary:
    done: list[ShardResult] = field(default_factory=list)  # this run's shards
    skipped: list[ShardResult] = field(default_factory=list)  # finished by an earlier run
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # per worker process id


def start_ray(workers: int | None = None, address: str | None = None) -> None:
    """Connect to the cluster at `address`, else start a local Ray of `workers` CPUs, with
    no dashboard and no usage report (nothing leaves the machine). Already connected: kept."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    else:
        ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    from ray.data import DataContext

    DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # the command prints its progress


def run_batch(shards: list[Shard], out: Path, settings: Settings,
              progress: Callable[[ShardResult], None] | None = None) -> BatchSummary:
    """Process every shard not finished yet under `out` on the connected Ray (start_ray)."""
    import ray.data

    prepare(out)
    summary = BatchSummary()
    before = finished(out)
    todo = []
    for shard in shards:
        if shard.name in before:
            summary.skipped.append(before[shard.name])
        else:
            todo.append(shard)
    if not todo:
        return summary
    rows = [{"paths": list(s.paths), "name": s.name, "order": s.order} for s in todo]
    with warnings.catch_warnings():
        # Ray Data retries a task without end by default: a shard that kills its worker
        # each time would hang the batch. Its named parameters have no max_retries yet.
        warnings.filterwarnings("ignore", "`ray_remote_args` is deprecated")
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map(
            _task, fn_kwargs={"out": str(out.resolve()), "settings": settings},
            num_cpus=1, max_retries=TASK_RETRIES)
    for row in dataset.iter_rows():
        result = ShardResult(**{k: row[k] for k in ShardResult.__dataclass_fields__})
        result.paths = [str(p) for p in result.paths]  # Ray Data hands lists back as arrays
        summary.done.append(result)
        pid = row["pid"]
        summary.peak_rss_mb[pid] = max(summary.peak_rss_mb.get(pid, 0.0), row["peak_rss_mb"])
        if progress is not None:
            progress(result)
    summary.done.sort(key=lambda r: r.order)
    return summary


def _task(row: dict[str, Any], out: str, settings: Settings) -> dict[str, Any]:
    shard = Shard(paths=tuple(row["paths"]), name=row["name"], order=row["order"])
    result = process_shard(shard, Path(out), settings)
    # ru_maxrss is in kB on Linux: the worker's peak so far, the figure the benchmark prints
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {**asdict(result), "pid": os.getpid(), "peak_rss_mb": peak}
