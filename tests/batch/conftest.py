"""One local Ray for the batch tests (2 CPUs, no dashboard, no usage report), and a batch
of the sample corpus made once for the tests that only read it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def ray_session():
    from bilat.shards.ray_run import start_ray

    start_ray(workers=2)
    import ray

    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def sample_batch(ray_session, samples, tmp_path_factory) -> Path:
    """The sample corpus through `bilat batch` (read-only: copy it to change it)."""
    from typer.testing import CliRunner

    from bilat.cli import app

    out = tmp_path_factory.mktemp("batch") / "out"
    r = CliRunner().invoke(app, ["batch", str(samples), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture
def batch_copy(sample_batch, tmp_path) -> Path:
    """A copy of the sample batch this test may change."""
    return Path(shutil.copytree(sample_batch, tmp_path / "out"))
