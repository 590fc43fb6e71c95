"""The human-codes stages end to end on a small config: demo exports and hand-built QDA exports."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.unit.codes.fixtures import mini_study
from tests.workflow.conftest import run_snakemake, small_study, write_config

# The CSV exports of demo_alliance are checked against the planted spans in tests/unit/codes.
PICK = {"demo_physicians": ["interview_01", "interview_02"]}  # txt (coders 1 and 2), vtt (coders 1 and 3)
TABLES = ["codebook", "codings", "coder_transcripts", "segment_codes", "consensus"]
KEY = ["coder", "transcript", "code", "start", "end"]
MINI_CONSENSUS = "data/processed/mini/consensus.parquet"


def _targets(studies) -> list[str]:
    out = []
    for study in studies:
        out += [f"data/processed/{study}/{t}.parquet" for t in TABLES]
        out += [f"results/{study}/qa/{t}.csv" for t in ("codes_unplaced", "codes_ledger", "spans_ledger")]
        out += [f"results/{study}/qa/codes_unaligned.csv"]
    return out


def _digest(work: Path, studies) -> dict[str, str]:
    return {t: hashlib.sha256((work / t).read_bytes()).hexdigest() for t in _targets(studies)}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("codes_wf")
    studies = {}
    for name, transcripts in PICK.items():
        dst = small_study(demo_raw / name, work / "raw" / name, transcripts)
        shutil.copytree(demo_raw / name / "codes", dst / "codes")
        for f in ("codebook.csv", "coders.csv", "deid_allowlist.txt"):
            if (demo_raw / name / f).is_file():
                shutil.copy(demo_raw / name / f, dst / f)
        studies[name] = dst
    studies["mini"] = mini_study(work / "raw" / "mini")
    write_config(work, studies)
    result = run_snakemake(work, *_targets(studies))
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def _read(work: Path, study: str, table: str) -> pd.DataFrame:
    return pd.read_parquet(work / "data" / "processed" / study / f"{table}.parquet")


@pytest.mark.parametrize("study", list(PICK))
def test_demo_codings_are_the_planted_spans_of_the_kept_transcripts(workdir, demo_raw, study):
    truth = pd.read_csv(demo_raw / study / "truth" / "coder_events.csv", dtype={"transcript": str})
    truth = truth.loc[(truth["event"] != "missed")]
    kept = truth.loc[truth["transcript"].isin(PICK[study]), KEY].sort_values(KEY).reset_index(drop=True)
    codings = _read(workdir, study, "codings")
    assert list(codings.columns) == ["coder", "transcript", "code", "start", "end", "source"]
    pd.testing.assert_frame_equal(
        codings[KEY].sort_values(KEY).reset_index(drop=True), kept, check_dtype=False
    )
    unplaced = pd.read_csv(workdir / "results" / study / "qa" / "codes_unplaced.csv")
    assert len(unplaced) == len(truth) - len(kept)  # spans on transcripts left out of the small study
    assert set(unplaced["reason"]) == {"unknown_source"}
    ledger = pd.read_csv(workdir / "results" / study / "qa" / "codes_ledger.csv")
    assert ledger["reconciled"].all()
    assert ledger["spans_in"].sum() == len(truth)
    assert ledger["spans_placed"].sum() == len(codings)


@pytest.mark.parametrize("study", [*PICK, "mini"])
def test_segment_codes_have_a_row_per_seen_segment_coder_and_code(workdir, study):
    segments = _read(workdir, study, "segments")
    book = _read(workdir, study, "codebook")
    seen = _read(workdir, study, "coder_transcripts")
    sc = _read(workdir, study, "segment_codes")
    per_transcript = segments.groupby("transcript").size()
    expected = sum(per_transcript.get(t, 0) for t in seen["transcript"]) * len(book)
    assert len(sc) == expected
    assert list(sc.columns) == ["segment_id", "coder", "code", "applied"]
    assert str(sc["applied"].dtype) == "int8"
    consensus = _read(workdir, study, "consensus")
    assert len(consensus) == sc["segment_id"].nunique() * len(book)
    assert set(consensus["applied"]) <= {0, 1}


def test_missing_is_not_zero_for_a_coder_who_did_not_see_a_transcript(workdir):
    sc = _read(workdir, "demo_physicians", "segment_codes")
    segments = _read(workdir, "demo_physicians", "segments").set_index("segment_id")
    coders_of = sc.assign(t=sc["segment_id"].map(segments["transcript"])).groupby("t")["coder"].unique()
    assert sorted(coders_of["interview_01"]) == ["coder_1", "coder_2"]  # coder_3 coded the even interviews
    assert sorted(coders_of["interview_02"]) == ["coder_1", "coder_3"]


def test_mini_study_consensus(workdir):
    segments = _read(workdir, "mini", "segments")
    consensus = _read(workdir, "mini", "consensus").merge(segments[["segment_id", "text"]], on="segment_id")
    trust = consensus.loc[
        consensus["text"].str.contains("I trust my doctor") & (consensus["code"] == "trust")
    ]
    # Ana (NVivo) and cara (MAXQDA) coded it, ben's coding could not be placed: 2 of 3 coders
    assert trust[["applied", "n_coders", "n_applied"]].values.tolist() == [[1, 3, 2]]
    ledger = pd.read_csv(workdir / "results" / "mini" / "qa" / "codes_ledger.csv")
    assert ledger.set_index("file")["spans_unplaced"].to_dict() == {
        "ana.qdpx": 0,
        "ben.qdpx": 1,
        "cara.csv": 3,
    }


@pytest.mark.parametrize("study", [*PICK, "mini"])
def test_span_ledger_accounts_for_every_span(workdir, study):
    qa = workdir / "results" / study / "qa"
    spans = pd.read_csv(qa / "spans_ledger.csv", dtype={"transcript": str}, keep_default_na=False)
    assert spans["reconciled"].all()
    imported = pd.read_csv(qa / "codes_ledger.csv")
    assert spans["spans_placed"].sum() + spans["spans_unplaced"].sum() == imported["spans_in"].sum()
    assert spans["spans_placed"].sum() == len(_read(workdir, study, "codings"))
    assert spans["segment_code_rows"].sum() == len(_read(workdir, study, "segment_codes"))
    unaligned = pd.read_csv(qa / "codes_unaligned.csv")
    assert spans["spans_unaligned"].sum() == len(unaligned)
    assert spans["spans_aligned"].sum() + len(unaligned) == spans["spans_placed"].sum()


def test_rerun_gives_identical_bytes(workdir):
    before = _digest(workdir, ["mini"])
    # targets first: --rerun-triggers and --forcerun take lists and would swallow them
    result = run_snakemake(
        workdir, *_targets(["mini"]), "--rerun-triggers", "mtime", "--forcerun", "codebook"
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stderr.count("Finished jobid") == 5  # codebook, import, align, merge, reconcile
    assert _digest(workdir, ["mini"]) == before


def test_consensus_rule_from_config(workdir):
    config = yaml.safe_load((workdir / "config.yaml").read_text())
    config["codes"] = {"consensus": "intersection"}
    (workdir / "config.yaml").write_text(yaml.safe_dump(config))
    try:
        result = run_snakemake(
            workdir, MINI_CONSENSUS, "--rerun-triggers", "mtime", "--forcerun", "merge_codes"
        )
        assert result.returncode == 0, result.stderr[-4000:]
        consensus = _read(workdir, "mini", "consensus")
        assert (consensus["applied"] == (consensus["n_applied"] == consensus["n_coders"])).all()
        config["codes"] = {"consensus": "coder:nobody"}
        (workdir / "config.yaml").write_text(yaml.safe_dump(config))
        result = run_snakemake(
            workdir, MINI_CONSENSUS, "--rerun-triggers", "mtime", "--forcerun", "merge_codes"
        )
        assert result.returncode != 0
        assert "codes.consensus names coder 'nobody', who is not among the coders" in result.stderr
    finally:
        config.pop("codes")
        (workdir / "config.yaml").write_text(yaml.safe_dump(config))


def test_bad_consensus_value_stops_before_running(tmp_path, demo_raw):
    study = mini_study(tmp_path / "mini")
    write_config(tmp_path, {"mini": study}, codes={"consensus": "mode"})
    result = run_snakemake(tmp_path, MINI_CONSENSUS, "-n")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "codes.consensus" in output and "majority" in output
