"""The SLURM profile for real: the pipeline runs through sbatch and srun on a single-node SLURM cluster
(Debian's slurmctld, slurmd and munge, started by tests/slurm/single_node.sh) and writes the bytes of a local
run.

Without sbatch the module is skipped, unless THEMATICA_REQUIRE_SLURM=1 (CI) makes that a failure. The cluster
is started in a temporary folder (as root) and stopped afterwards; THEMATICA_SLURM_DIR names the folder of one
started beforehand with `tests/slurm/single_node.sh start DIR`, which is used and left running.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NoReturn

import pytest
import yaml

from tests.workflow.conftest import REPO, run_snakemake, small_study, write_config

CLUSTER = REPO / ".venv" / "cluster"
SINGLE_NODE = REPO / "tests" / "slurm" / "single_node.sh"
PROFILE = REPO / "workflow" / "profiles" / "slurm"
# Four interviews make every job of the full DAG (a few minutes on 2 cores, most of it job start-up).
PICK = [f"interview_{i:02d}" for i in range(1, 5)]


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("THEMATICA_REQUIRE_SLURM") == "1":
        pytest.fail(f"{reason} (THEMATICA_REQUIRE_SLURM=1 requires the SLURM test)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def slurm_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    """Environment of the SLURM clients (SLURM_CONF) for a running single-node cluster."""
    if shutil.which("sbatch") is None:
        _unavailable("sbatch not found: apt-get install slurmctld slurmd slurm-client munge")
    given = os.environ.get("THEMATICA_SLURM_DIR")
    if given is None and os.geteuid() != 0:
        _unavailable("starting slurmd needs root (or THEMATICA_SLURM_DIR of a running cluster)")
    folder = Path(given) if given else tmp_path_factory.mktemp("slurm-cluster")
    start = subprocess.run(
        [str(SINGLE_NODE), "start", str(folder)], capture_output=True, text=True, timeout=120
    )
    assert start.returncode == 0, start.stdout + start.stderr
    env = {"SLURM_CONF": str(folder / "slurm.conf")}
    try:
        # a job with a step, as every job of the profile runs one (srun inside sbatch), within two minutes
        probe = subprocess.run(
            ["sbatch", "--wait", "--quiet", f"--output={folder}/probe.out", "--wrap", "srun hostname"],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            cwd=folder,
            timeout=120,
        )
        assert probe.returncode == 0, f"a test job failed: {probe.stderr} (see {folder}/log/)"
        yield env
    finally:
        if start.stdout.startswith("SLURM started"):
            subprocess.run([str(SINGLE_NODE), "stop", str(folder)], timeout=120, check=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, demo_raw, slurm_env) -> dict[str, tuple[Path, str]]:
    """One config run with the SLURM profile and locally, side by side: (working folder, Snakemake's log)."""
    assert (CLUSTER / "snakemake_executor_plugin_slurm").is_dir(), (
        "no SLURM plugin in .venv/cluster: make install"
    )
    root = tmp_path_factory.mktemp("slurm-run")
    study = small_study(demo_raw / "demo_alliance", root / "raw" / "alliance4", PICK)
    work = {"slurm": root / "slurm", "local": root / "local"}
    for path in work.values():
        path.mkdir()
        write_config(path, {"alliance4": study})
    slurm_args = (
        "--profile",
        str(PROFILE),
        # no slurmdbd here: squeue reports finished jobs (MinJobAge), and the first status check comes early
        "--slurm-status-command",
        "squeue",
        "--slurm-init-seconds-before-status-checks",
        "1",
        "--slurm-keep-successful-logs",
    )
    with ThreadPoolExecutor(2) as pool:
        on_slurm = pool.submit(
            run_snakemake, work["slurm"], *slurm_args, env={**slurm_env, "PYTHONPATH": str(CLUSTER)}
        )
        local = pool.submit(run_snakemake, work["local"])
        results = {"slurm": on_slurm.result(), "local": local.result()}
    for name, result in results.items():
        assert result.returncode == 0, f"{name} run:\n{result.stderr[-5000:]}"
    return {name: (work[name], results[name].stdout + results[name].stderr) for name in work}


@pytest.fixture(scope="module")
def slurm_jobs(runs, slurm_env) -> dict[str, dict]:
    """The SLURM jobs of the run, by job id: squeue's state, partition, memory, time limit and CPUs, and the
    rules that the job's own log says it ran."""
    work, log = runs["slurm"]
    ids = re.findall(r"submitted with SLURM jobid (\d+)", log)
    assert ids, log[-3000:]
    listing = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--format=%i|%T|%P|%m|%l|%C", "--jobs", ",".join(ids)],
        capture_output=True,
        text=True,
        env={**os.environ, **slurm_env},
        check=True,
    ).stdout
    jobs = {}
    for line in listing.splitlines():
        job_id, *values = line.split("|")
        jobs[job_id] = dict(zip(("state", "partition", "memory", "time", "cpus"), values, strict=True))
        (job_log,) = (work / ".snakemake" / "slurm_logs").rglob(f"{job_id}.log")
        jobs[job_id]["rules"] = set(re.findall(r"^(?:local)?rule (\w+):", job_log.read_text(), re.MULTILINE))
    assert sorted(jobs) == sorted(ids), listing
    return jobs


def test_every_rule_ran_in_a_completed_slurm_job(runs, slurm_jobs):
    assert {job["state"] for job in slurm_jobs.values()} == {"COMPLETED"}
    assert {job["partition"] for job in slurm_jobs.values()} == {"single"}
    # the run's job stats (the plan) against the rules the SLURM jobs ran
    log = runs["slurm"][1]
    stats = log[log.index("Job stats:") :].split("\n\n")[0]
    planned = set(re.findall(r"^(\w+)\s+\d+$", stats, flags=re.MULTILINE)) - {"total"}
    assert "topics" in planned
    # the target rule and the release bundle's byte copies and index run on the submitting node
    local = set(re.findall(r"^localrule (\w+):", log, flags=re.MULTILINE))
    assert local == {"all", "release_copy", "release_index"}, local
    assert set().union(*(job["rules"] for job in slurm_jobs.values())) == planned - local
    # the small figure jobs share one SLURM job
    figures = [
        job["rules"] for job in slurm_jobs.values() if any(r.startswith("figure_") for r in job["rules"])
    ]
    assert len(figures) == 1 and len(figures[0]) > 1


def _time_limit(minutes: int) -> str:
    """A run time as squeue shows a time limit: MM:SS, H:MM:SS or D-HH:MM:SS."""
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days}-{hours:02d}:{minutes:02d}:00"
    return f"{hours}:{minutes:02d}:00" if hours else f"{minutes}:00"


def test_the_profile_resources_reach_sbatch(slurm_jobs):
    profile = yaml.safe_load((PROFILE / "config.yaml").read_text())
    by_rule = {rule: job for job in slurm_jobs.values() for rule in job["rules"]}
    topics = profile["set-resources"]["topics"]
    assert by_rule["topics"]["memory"] == f"{topics['mem_mb']}M"
    assert by_rule["topics"]["time"] == _time_limit(topics["runtime"])
    # a rule without set-resources gets the profile's defaults
    defaults = profile["default-resources"]
    assert by_rule["manifest"]["memory"] == f"{defaults['mem_mb']}M"
    assert by_rule["manifest"]["time"] == _time_limit(defaults["runtime"])
    # one core a job (the group job of the figures may run its jobs side by side)
    single = [job for job in slurm_jobs.values() if len(job["rules"]) == 1]
    assert {job["cpus"] for job in single} == {str(defaults["cpus_per_task"])}


def test_the_outputs_are_the_bytes_of_a_local_run(runs):
    manifests = {
        name: json.loads((work / "results" / "manifest.json").read_text()) for name, (work, _) in runs.items()
    }
    outputs = manifests["slurm"]["outputs"]
    assert len(outputs) > 20 and any(path.endswith("topic_info.csv") for path in outputs)
    assert outputs == manifests["local"]["outputs"]
