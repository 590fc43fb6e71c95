"""Job priorities: a study's longest chain (embedding, then the stability refits, then the job joining them
to the reference fit) starts before the short table and figure jobs when cores are short."""

from __future__ import annotations

import re

import pytest

from tests.workflow.conftest import coded_small_study, run_snakemake, write_config

PICK = ["interview_01", "interview_02", "interview_03"]
CHAIN = ("embed", "topic_refits", "topics", "topic_stability")


def _priorities(dry_run_output: str) -> dict[str, set[int]]:
    """Rule -> the priorities of its planned jobs (a dry run prints a job's priority unless it is 0)."""
    found: dict[str, set[int]] = {}
    for block in re.split(r"\n(?=(?:local)?rule \w+:)", dry_run_output):
        head = re.match(r"(?:local)?rule (\w+):", block)
        if head is None or "jobid:" not in block:
            continue
        priority = re.search(r"^\s+priority: (\d+)$", block, flags=re.M)
        found.setdefault(head.group(1), set()).add(int(priority.group(1)) if priority else 0)
    return found


@pytest.fixture(scope="module")
def priorities(tmp_path_factory, demo_raw) -> dict[str, set[int]]:
    work = tmp_path_factory.mktemp("scheduling")
    studies = {
        name: coded_small_study(demo_raw / f"demo_{name}", work / "raw" / name, PICK)
        for name in ("alliance", "physicians")
    }
    write_config(work, studies)
    result = run_snakemake(work, "--dry-run")
    assert result.returncode == 0, result.stderr[-3000:]
    return _priorities(result.stdout + result.stderr)


def test_every_job_of_a_rule_has_one_priority(priorities):
    assert set(CHAIN) <= set(priorities)
    assert len(priorities) > 20  # the whole DAG was read, not just the chain
    assert all(len(values) == 1 for values in priorities.values()), priorities


def test_the_longest_chain_goes_first(priorities):
    (embed,), (refits,), (reference,), (joined,) = (priorities[rule] for rule in CHAIN)
    others = {rule: p for rule, (p,) in priorities.items() if rule not in CHAIN}
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
