"""The SLURM profile: a dry run with the executor plugin plans every job with its resources, and bundles
the small figure jobs into group jobs. The plugin lives in .venv/cluster (make install), on Snakemake's
path only when a cluster run puts it there; without it Snakemake does not know the profile's executor."""

from __future__ import annotations

import re

import pytest

from tests.workflow.conftest import REPO, run_snakemake, small_study, write_config

CLUSTER = REPO / ".venv" / "cluster"

PICK = [f"interview_{i:02d}" for i in range(1, 9)]


@pytest.fixture(scope="module")
def dry_run(tmp_path_factory, demo_raw) -> str:
    assert (CLUSTER / "snakemake_executor_plugin_slurm").is_dir(), (
        "no SLURM plugin in .venv/cluster: make install"
    )
    work = tmp_path_factory.mktemp("slurm")
    study = small_study(demo_raw / "demo_alliance", work / "raw" / "alliance8", PICK)
    write_config(work, {"alliance8": study})
    result = run_snakemake(
        work,
        "--profile",
        str(REPO / "workflow" / "profiles" / "slurm"),
        "--dry-run",
        "--default-resources",
        "slurm_account=thematica",
        "slurm_partition=short",
        env={"PYTHONPATH": str(CLUSTER)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_profile_selects_the_slurm_executor(dry_run):
    assert "Using profile" in dry_run and "workflow/profiles/slurm" in dry_run
    assert "slurm_account=thematica" in dry_run and "slurm_partition=short" in dry_run


def test_per_rule_resources_reach_the_jobs(dry_run):
    topics = dry_run[dry_run.index("rule topics:") :].split("\n\n")[0]
    assert re.search(r"mem_mb=16000\b", topics) and re.search(r"runtime=240\b", topics)


def test_figure_jobs_are_grouped_and_per_transcript_steps_are_one_job_per_study(dry_run):
    # one study: fewer than 50 figure jobs make one "figures" group job
    assert len(re.findall(r"Group job figures\b", dry_run)) == 1
    counts = dict(re.findall(r"^(ingest|deid_scan|deid)\s+(\d+)\s*$", dry_run, flags=re.MULTILINE))
    assert counts == {"ingest": "1", "deid_scan": "1", "deid": "1"}, dry_run[-3000:]


def test_without_the_plugin_path_snakemake_does_not_load_it(tmp_path, demo_raw):
    """The plain pipeline never pays for importing the cluster plugin (0.7 s of every Snakemake start)."""
    study = small_study(demo_raw / "demo_alliance", tmp_path / "raw" / "alliance8", PICK[:1])
    write_config(tmp_path, {"alliance8": study})
    result = run_snakemake(tmp_path, "--profile", str(REPO / "workflow" / "profiles" / "slurm"), "--dry-run")
    assert result.returncode != 0 and "slurm" in (result.stdout + result.stderr).lower()
