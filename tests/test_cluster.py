"""kg/cluster.py: extraction on a Dask cluster gives the graph a local build gives (a LocalCluster started and
stopped by the test, on loopback)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

pytest.importorskip("distributed")


def test_a_build_on_a_local_dask_cluster_is_byte_identical_to_a_local_build(seed_build, tmp_path):
    _, local = seed_build
    out = tmp_path / "dask"
    result = CliRunner().invoke(cli, ["build", "seeds", "-o", str(out), "-q", "--no-cache", "--scheduler", "local",
                                      "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert (out / "kg.ttl").read_bytes() == (local / "kg.ttl").read_bytes()
    assert (out / "resolution.json").read_bytes() == (local / "resolution.json").read_bytes()


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path):
    out = tmp_path / "never"
    result = CliRunner().invoke(cli, ["build", "seeds", "-o", str(out), "-q", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()
