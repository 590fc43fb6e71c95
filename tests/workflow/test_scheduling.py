"""Scheduling: a study's longest chain (embedding, then the stability refits, then the job joining them to the
reference fit) starts before the short table and figure jobs when cores are short, and a per-study job with
a per-transcript cache reserves a core per transcript it has to compute, within an equal share of the cores
among the studies that have transcripts to compute."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.workflow.conftest import REPO, coded_small_study, run_snakemake, write_config

PICK = ["interview_01", "interview_02", "interview_03"]
CHAIN = ("embed", "topic_refits", "topics", "topic_stability")
# what the embedding waits for
TO_EMBEDDING = ("ingest", "deid_entities", "deid_scan", "deid", "segment", "onnx_model")
COMPILE = "jit_cache"  # the topic fits' numba code, compiled once at the start of a run


def _jobs(dry_run_output: str) -> list[tuple[str, str]]:
    """(rule, the job's block) for every job a dry run plans."""
    jobs = []
    for block in re.split(r"\n(?=(?:local)?rule \w+:)", dry_run_output):
        head = re.match(r"(?:local)?rule (\w+):", block)
        if head is not None and "jobid:" in block:
            jobs.append((head.group(1), block))
    return jobs


def _field(block: str, name: str) -> str | None:
    found = re.search(rf"^\s+{name}: (.+)$", block, flags=re.M)
    return None if found is None else found.group(1)


def _priorities(dry_run_output: str) -> dict[str, set[int]]:
    """Rule -> the priorities of its planned jobs (a dry run prints a job's priority unless it is 0)."""
    found: dict[str, set[int]] = {}
    for rule, block in _jobs(dry_run_output):
        found.setdefault(rule, set()).add(int(_field(block, "priority") or 0))
    return found


def _threads(dry_run_output: str) -> dict[str, list[int]]:
    """Rule -> the threads of its planned jobs (a dry run prints a job's threads unless it is 1)."""
    found: dict[str, list[int]] = {}
    for rule, block in _jobs(dry_run_output):
        found.setdefault(rule, []).append(int(_field(block, "threads") or 1))
    return found


@pytest.fixture(scope="module")
def work(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("scheduling")
    studies = {
        name: coded_small_study(demo_raw / f"demo_{name}", work / "raw" / name, PICK)
        for name in ("alliance", "physicians")
    }
    write_config(work, studies, share_export=False)  # the export is planned too
    return work


@pytest.fixture(scope="module")
def dry_run(work) -> str:
    result = run_snakemake(work, "--dry-run")
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def priorities(dry_run) -> dict[str, set[int]]:
    return _priorities(dry_run)


def test_every_job_of_a_rule_has_one_priority(priorities):
    assert set(CHAIN) <= set(priorities)
    assert len(priorities) > 20  # the whole DAG was read, not just the chain
    assert all(len(values) == 1 for values in priorities.values()), priorities


def test_the_longest_chain_goes_first(priorities):
    (embed,), (refits,), (reference,), (joined,) = (priorities[rule] for rule in CHAIN)
    others = {rule: p for rule, (p,) in priorities.items() if rule not in (*CHAIN, *TO_EMBEDDING, COMPILE)}
    # a study's way to its embedding goes first too: one study's fits do not hold back another's segments;
    # so does the compilation the fits wait for
    assert all(priorities[rule] == {embed} for rule in (*TO_EMBEDDING, COMPILE))
    # embedding first, then the longest topic job before the reference fit and the codes' keywords
    assert embed > refits > reference > max(others.values())
    # Snakemake maximises the sum of the priorities of the jobs it starts: an embedding job, which takes
    # both cores of a laptop, must outweigh the two topic fits that could run there instead
    assert embed > refits + reference
    assert refits > others["code_keywords"]
    # the join of the fits starts before the figures waiting beside it
    assert joined > max(others.values())
    assert all(p == 0 for p in others.values()), others


def test_priorities_parse_from_a_dry_run():
    text = "rule a:\n    jobid: 1\n    priority: 5\n\nlocalrule b:\n    jobid: 2\n\nrule c:\n    output: x\n"
    assert _priorities(text) == {"a": {5}, "b": {0}}


CACHES = {"deid_entities": "deid/entities", "segment": "segments", "embed": "embeddings"}


def _planned_threads(work: Path, cores: int, cached: dict | None = None) -> dict[str, list[int]]:
    """The threads of the planned jobs of a dry run on ``cores``, with a cache entry for the ``cached``
    transcripts of each study (study -> transcripts) in every per-transcript cache; the entries are removed
    afterwards."""
    for study, transcripts in (cached or {}).items():
        for folder in CACHES.values():
            cache = work / "data" / "processed" / study / folder
            cache.mkdir(parents=True, exist_ok=True)
            for transcript in transcripts:
                (cache / f"{transcript}.json").write_text("{}", encoding="utf-8")
    try:
        result = run_snakemake(work, "--dry-run", "--cores", str(cores))
    finally:
        shutil.rmtree(work / "data", ignore_errors=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return _threads(result.stdout + result.stderr)


def test_cached_steps_reserve_a_core_per_transcript_to_compute(work):
    # nothing cached: one worker per transcript, all three at once, when the cores allow
    threads = _planned_threads(work, 8)
    assert {rule: threads[rule] for rule in CACHES} == {rule: [3, 3] for rule in CACHES}
    # fewer cores: the two studies with transcripts to compute share them equally, so that both advance
    threads = _planned_threads(work, 4)
    assert {rule: threads[rule] for rule in CACHES} == {rule: [2, 2] for rule in CACHES}
    # one study cached whole: the other may take every core it can keep busy
    threads = _planned_threads(work, 4, {"alliance": PICK})
    assert {rule: max(threads[rule]) for rule in CACHES} == {rule: 3 for rule in CACHES}
    # two transcripts of each study cached (an interview added since the last run): one core, the rest free
    threads = _planned_threads(work, 4, {"alliance": PICK[:2], "physicians": PICK[:2]})
    assert {rule: threads[rule] for rule in CACHES} == {rule: [1, 1] for rule in CACHES}
    assert max(threads["topics"]) == 1


def test_the_refits_take_a_core_per_seed_up_to_the_cores(work):
    """topic_refits shares its seeds among forked processes: one thread per refit, capped at --cores; the
    reference fit stays on one."""
    runs = yaml.safe_load((work / "config.yaml").read_text())["topics"]["stability_runs"]
    assert runs == 4
    for cores, expected in ((8, runs), (2, 2)):
        threads = _planned_threads(work, cores)
        assert threads["topic_refits"] == [expected, expected], (cores, threads["topic_refits"])
        assert threads["topics"] == [1, 1]


def test_threads_parse_from_a_dry_run():
    text = "rule a:\n    jobid: 1\n    threads: 2\n\nlocalrule b:\n    jobid: 2\n"
    assert _threads(text) == {"a": [2], "b": [1]}


def test_a_figure_is_one_job_writing_every_format(dry_run):
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    formats = config["figures"]["formats"]
    assert len(formats) > 1
    figures = [(rule, block) for rule, block in _jobs(dry_run) if rule.startswith("figure_")]
    defined = {
        m
        for path in (REPO / "workflow" / "rules").glob("*.smk")
        for m in re.findall(r"^rule (figure_\w+):", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(defined) >= 11 and {rule for rule, _ in figures} == defined  # every figure rule
    written = []
    for _, block in figures:
        outputs = _field(block, "output").split(", ")
        stems = {output.rsplit(".", 1)[0] for output in outputs}
        assert len(stems) == 1 and sorted(o.rsplit(".", 1)[1] for o in outputs) == sorted(formats), block
        written.extend(outputs)
    assert len(written) == len(set(written)) == len(formats) * len(figures)
