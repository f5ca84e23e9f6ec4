"""This process's peak resident memory, as the benchmarks print it."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_rss_mb() -> float:
    """The high-water mark of this process's resident memory, MB: VmHWM, which a program
    started by exec begins anew (Linux's ru_maxrss carries over the parent's peak when a
    benchmark measures a step in a fresh process)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
