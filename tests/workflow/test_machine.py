"""The machine coder end to end on a small coded demo study: its tables, figures and REFI-QDA proposals,
an uncoded and a single-coded transcript, and the same bytes when its jobs rerun."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest

from tests.workflow.conftest import coded_small_study, run_snakemake, write_config
from thematica.machine import MACHINE_USER
from thematica.machine.agreement import MACHINE_COLUMNS
from thematica.refiqda import read_qdpx

STUDY = "demo_alliance"
PICK = [f"interview_{i:02d}" for i in range(1, 9)]
UNCODED, SINGLE = "interview_07", "interview_08"  # no coder saw the one, only coder_1 the other
OUTPUTS = [
    "reliability/machine.csv",
    "machine/learning_curve.csv",
    "machine/proposals.csv",
    "machine/proposals.qdpx",
    "figures/machine_reliability.png",
    "figures/machine_reliability.svg",
    "figures/machine_learning_curve.png",
    "figures/machine_learning_curve.svg",
]


def _drop(path: Path, keep) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if keep(r))


def _targets() -> list[str]:
    return [f"results/{STUDY}/{out}" for out in OUTPUTS]


def _digest(work: Path) -> dict[str, str]:
    return {t: hashlib.sha256((work / t).read_bytes()).hexdigest() for t in _targets()}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("machine_wf")
    study = coded_small_study(demo_raw / STUDY, work / "raw" / STUDY, PICK)
    _drop(
        study / "coders.csv",
        lambda r: r["transcript"] != UNCODED and (r["transcript"], r["coder"]) != (SINGLE, "coder_2"),
    )
    _drop(study / "codes" / "coder_1.csv", lambda r: r["transcript"] != UNCODED)
    _drop(study / "codes" / "coder_2_quotes.csv", lambda r: r["transcript"] not in (UNCODED, SINGLE))
    write_config(
        work,
        {STUDY: study},
        machine={
            "enabled": True,
            "folds": 3,
            "inner_folds": 2,
            "C": 10.0,
            "context": False,
            "curve_step": 3,
            "curve_repeats": 1,
        },
    )
    config = work / "config.yaml"
    config.write_text(config.read_text().replace("n_bootstrap: 10000", "n_bootstrap: 200"))
    result = run_snakemake(work, *_targets())
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def test_outputs(workdir):
    folder = workdir / "results" / STUDY
    table = pd.read_csv(folder / "reliability" / "machine.csv")
    assert list(table.columns) == MACHINE_COLUMNS
    assert set(table["comparison"]) == {"machine_consensus", "machine_coder", "coders", "coder_pair"}
    first = table.loc[table["comparison"] == "machine_consensus"]
    assert len(first) == 15 and first["alpha"].notna().any()
    curve = pd.read_csv(folder / "machine" / "learning_curve.csv")
    assert sorted(set(curve["n_transcripts"])) == [3, 6]  # 7 coded transcripts
    proposals = pd.read_csv(folder / "machine" / "proposals.csv")
    assert set(proposals["transcript"]) <= {UNCODED, SINGLE}
    assert set(proposals.loc[proposals["basis"] == "uncoded", "transcript"]) == {UNCODED}
    project = read_qdpx(folder / "machine" / "proposals.qdpx")
    assert set(project.users.values()) == {MACHINE_USER} and len(project.codings) == len(proposals)


def test_the_machine_never_enters_the_consensus(workdir):
    consensus = pd.read_parquet(workdir / "data" / "processed" / STUDY / "consensus.parquet")
    assert not consensus["segment_id"].str.startswith(UNCODED).any()


def test_rerun_gives_the_same_bytes(workdir):
    before = _digest(workdir)
    rules = ["machine", "machine_learning_curve", "machine_proposals"]
    result = run_snakemake(workdir, "--forcerun", *rules, "--", *_targets())
    assert result.returncode == 0, result.stderr[-4000:]
    assert _digest(workdir) == before
