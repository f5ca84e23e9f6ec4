"""Fuzzing in the suite: bilat.fuzz's properties over a few dozen generated inputs per target.

Bounded for CI: derandomized (the same inputs on every run, so a failure reproduces) and no
example database. The long run over many more inputs is `make fuzz` (python -m bilat.bench.fuzz).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bilat import fuzz
from bilat.config import Settings
from bilat.ingest import ingest
from bilat.store import open_store

# CI machines are shared and slower than a workstation: twice the long run's cap per input
CAP_S = 2 * fuzz.CAP_S
# No shrinking: it replays an input hundreds of times (minutes for a slow one); the long run
# keeps the smallest input of each kind of crash instead.
CI = settings(max_examples=50, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
              print_blob=False)
FILE_TARGETS = ["text", "html", "gzip", "warc", "feed", "jsonl"]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    # the first input would otherwise pay for loading the models and language data
    fuzz.warm_up()


@pytest.mark.parametrize("target", list(fuzz.TARGETS))
def test_property(target: str) -> None:
    """Reading never raises, process_one never raises, the outcome is well-formed, in time."""
    strategy, check = fuzz.TARGETS[target]

    @CI
    @given(strategy)
    def holds(value: object) -> None:
        fuzz.within(check, value, CAP_S)

    holds()


@pytest.mark.parametrize("target, value", [
    pytest.param(target, value, id=f"{target}-{i}")
    for target, values in fuzz.SEEDS.items() for i, value in enumerate(values)])
def test_seed(target: str, value: object) -> None:
    """The same properties on the kinds of input that broke bilat before (bilat.fuzz.SEEDS),
    one test each, so that each names its bug. Seeds are small: the long run's cap."""
    fuzz.within(fuzz.TARGETS[target].check, value, fuzz.CAP_S)


@settings(CI, max_examples=8)
@given(st.lists(st.one_of(*(fuzz.TARGETS[t].strategy for t in FILE_TARGETS)),
                min_size=1, max_size=3))
def test_ingest_never_raises_and_twice_stores_nothing(cases: list[fuzz.Case]) -> None:
    with tempfile.TemporaryDirectory() as tmp:  # not tmp_path: one directory per example
        paths = []
        for i, case in enumerate(cases):
            path = Path(tmp) / f"{i}-{case.name}"
            path.write_bytes(case.data)
            paths.append(str(path))
        store = open_store(Path(tmp) / "fuzz.duckdb")
        try:
            first = ingest(paths, store, Settings())
            counts = store.counts()
            second = ingest(paths, store, Settings())
            assert first.read >= 1
            assert second.stored == 0 and second.near_duplicates == 0
            assert store.counts() == counts
        finally:
            store.close()
