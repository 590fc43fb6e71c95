"""End to end on a small config: ingest, segment, ledger and the corpus-overview figure."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.workflow.conftest import run_snakemake, small_study, write_config

PICK = {
    "demo_alliance": ["interview_01", "interview_02", "interview_03", "interview_05"],  # vtt txt docx srt
    "demo_physicians": ["interview_01", "interview_02", "interview_03", "interview_05"],
}


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("wf")
    studies = {name: small_study(demo_raw / name, work / "raw" / name, ts) for name, ts in PICK.items()}
    write_config(work, studies)
    result = run_snakemake(work)
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def test_outputs_exist(workdir):
    for study in PICK:
        assert (workdir / "results" / study / "qa" / "ledger.csv").is_file()
        for ext in ("png", "svg"):
            assert (workdir / "results" / study / "figures" / f"corpus_overview.{ext}").stat().st_size > 1000


@pytest.mark.parametrize("study", list(PICK))
def test_ledger_reconciles_and_matches_tables(workdir, study):
    ledger = pd.read_csv(workdir / "results" / study / "qa" / "ledger.csv", dtype={"transcript": str})
    segments = pd.read_parquet(workdir / "data" / "processed" / study / "segments.parquet")
    assert sorted(ledger["transcript"]) == PICK[study]
    assert ledger["reconciled"].all()
    assert (ledger["chars_participant"] == ledger["chars_segments"]).all()
    assert (
        ledger.set_index("transcript")["segments"].to_dict()
        == segments.groupby("transcript").size().to_dict()
    )
    turns = pd.read_parquet(workdir / "data" / "processed" / study / "turns.parquet")
    assert sorted(turns["transcript"].unique()) == PICK[study]
    assert ledger.set_index("transcript")["turns"].to_dict() == turns.groupby("transcript").size().to_dict()


@pytest.mark.parametrize("study", list(PICK))
def test_segments_match_planted_sentences(workdir, demo_raw, study):
    """Every planted participant sentence lies inside exactly one segment (or spans a merge)."""
    segments = pd.read_parquet(workdir / "data" / "processed" / study / "segments.parquet")
    truth = pd.read_csv(demo_raw / study / "truth" / "sentences.csv", dtype=str, keep_default_na=False)
    truth = truth.loc[truth["transcript"].isin(PICK[study])]
    for t, group in truth.groupby("transcript"):
        text = (workdir / "data" / "processed" / study / "text" / f"{t}.txt").read_text(encoding="utf-8")
        own = segments.loc[segments["transcript"] == t]
        covered = {i for s, e in zip(own["start"], own["end"], strict=True) for i in range(s, e)}
        for s, e in zip(group["start"].astype(int), group["end"].astype(int), strict=True):
            assert all(i in covered for i in range(s, e) if not text[i].isspace())
        assert set(own["participant_id"]) == set(group["participant_id"])


def test_rerun_is_a_noop_and_byte_identical(workdir):
    before = _digest(workdir / "results") | _digest(workdir / "data" / "processed")
    dry = run_snakemake(workdir, "--dry-run")
    assert "Nothing to be done" in dry.stdout + dry.stderr
    shutil.rmtree(workdir / "results")
    shutil.rmtree(workdir / "data" / "processed")
    again = run_snakemake(workdir)
    assert again.returncode == 0, again.stderr[-4000:]
    assert _digest(workdir / "results") | _digest(workdir / "data" / "processed") == before


@pytest.mark.parametrize("study", list(PICK))
def test_speakers_table_gives_every_label_its_role_and_reason(workdir, study):
    speakers = pd.read_csv(
        workdir / "results" / study / "qa" / "speakers.csv", dtype={"transcript": str}, keep_default_na=False
    )
    turns = pd.read_parquet(workdir / "data" / "processed" / study / "turns.parquet")
    participants = pd.read_csv(workdir / "raw" / study / "participants.csv", dtype=str)
    own = participants.set_index("transcript")["participant_id"].to_dict()
    assert list(speakers.columns) == [
        "transcript",
        "label",
        "role",
        "decided_by",
        "turns",
        "words",
        "first_line",
    ]
    for row in speakers.itertuples():
        if row.role == "interviewer":
            assert (row.label, row.decided_by) in {
                ("Interviewer", "interviewer_labels"),
                ("INT", "interviewer_labels"),
            }
        else:
            assert (row.label, row.role, row.decided_by) == (
                own[row.transcript],
                "participant",
                "participant_id",
            )
    # every turn and word is counted once, per transcript and role
    words = turns.assign(words=turns["text"].str.split().str.len()).groupby(["transcript", "role"])
    assert speakers.groupby(["transcript", "role"])["turns"].sum().to_dict() == words.size().to_dict()
    assert speakers.groupby(["transcript", "role"])["words"].sum().to_dict() == words["words"].sum().to_dict()
