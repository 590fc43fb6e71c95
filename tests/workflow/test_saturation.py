"""Saturation end to end on small coded studies: tables, figure, planted late codes, determinism."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.workflow.conftest import REPO, coded_small_study, run_snakemake, write_config
from thematica.saturation import guest_saturation

# Interviews straddling the planted late codes (alliance: trust_calibration from 17; physicians:
# self_diagnosis from 26, ai_note_burden from 31), including interviews where a coder falsely added them.
PICK = {
    "demo_alliance": ["interview_01", "interview_02", "interview_16", "interview_18", "interview_20"],
    "demo_physicians": [
        "interview_04",
        "interview_05",
        "interview_10",
        "interview_26",
        "interview_31",
        "interview_32",
    ],
}
OUTPUTS = [
    "saturation/curve.csv",
    "saturation/summary.csv",
    "saturation/extrapolation.csv",
    "figures/saturation.png",
    "figures/saturation.svg",
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("saturation")
    studies = {name: coded_small_study(demo_raw / name, work / "raw" / name, ts) for name, ts in PICK.items()}
    config = {
        **_config(),
        "saturation": {**_config()["saturation"], "n_permutations": 200, "n_bootstrap": 50},
    }
    # Each demo transcript has two coders; counting a 1-1 tie as applied would make the consensus the union
    # of both coders, so one coder's planted false additions would enter it. Require agreement here.
    config["codes"] = {**config.get("codes", {}), "majority_ties": "not_applied"}
    write_config(work, studies, saturation=config["saturation"], codes=config["codes"])
    targets = [f"results/{s}/{o}" for s in PICK for o in OUTPUTS]
    result = run_snakemake(work, *targets)
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def _config() -> dict:
    import yaml

    return yaml.safe_load((REPO / "config" / "config.yaml").read_text())


def _read(workdir: Path, study: str, name: str) -> pd.DataFrame:
    return pd.read_csv(workdir / "results" / study / "saturation" / name, dtype={"participant_id": str})


def test_outputs_exist(workdir):
    for study in PICK:
        for output in OUTPUTS:
            if output.endswith("extrapolation.csv"):  # a deductive codebook: the header, no rows
                assert (workdir / "results" / study / output).read_text().startswith("source,level,group,t,")
                continue
            assert (workdir / "results" / study / output).stat().st_size > 500, output


@pytest.mark.parametrize("study", list(PICK))
def test_curves_are_consistent(workdir, study):
    curve = _read(workdir, study, "curve.csv")
    summary = _read(workdir, study, "summary.csv")
    assert set(curve["source"]) == {"consensus", "coder_1", "coder_2"} | (
        {"coder_3"} if "phys" in study else set()
    )
    assert set(curve["level"]) == {"code", "theme"}
    for (source, level, group), part in curve.groupby(["source", "level", "group"]):
        assert part["order"].tolist() == list(range(1, len(part) + 1))
        assert part["new"].cumsum().tolist() == part["cumulative"].tolist()
        assert part["expected"].iloc[-1] == pytest.approx(part["cumulative"].iloc[-1])
        assert (part["band_low"] <= part["band_high"]).all()
        mask = (summary["source"] == source) & (summary["level"] == level) & (summary["group"] == group)
        row = summary.loc[mask].iloc[0]
        g = guest_saturation(
            part["cumulative"].to_numpy(),
            row["guest_base_size"],
            row["guest_run_length"],
            row["guest_threshold"],
        )
        assert g.label == row["guest_saturation"]
        assert row["observed"] == part["cumulative"].iloc[-1]
    consensus = curve.query("source == 'consensus' and level == 'code' and group == 'all'")
    assert consensus["participant_id"].tolist() == [
        f"P{t[-2:]}" for t in PICK[study]
    ]  # participants.csv order


@pytest.mark.parametrize("study", list(PICK))
def test_planted_late_codes_first_appear_at_or_after_their_interview(workdir, demo_raw, study):
    planted = json.loads((demo_raw / study / "truth" / "planted.json").read_text())["late_emerging_codes"]
    truth = pd.read_csv(demo_raw / study / "truth" / "participants.csv", dtype=str)
    order = dict(zip(truth["participant_id"], truth["order"].astype(int), strict=True))
    curve = _read(workdir, study, "curve.csv").query(
        "source == 'consensus' and level == 'code' and group == 'all'"
    )
    for code, first in planted.items():
        hits = curve.loc[
            curve["new_codes"].fillna("").str.split("; ").apply(lambda names, c=code: c in names)
        ]
        assert len(hits) == 1, f"{code} never appears in the consensus curve"
        assert order[hits["participant_id"].iloc[0]] >= first, (code, hits["participant_id"].iloc[0], first)


def test_summary_numbers_are_sane(workdir):
    for study in PICK:
        summary = _read(workdir, study, "summary.csv")
        assert np.all((summary["coverage"].dropna() >= 0) & (summary["coverage"].dropna() <= 1))
        assert summary["perm_share_reached"].between(0, 1).all()
        # the default codebook is deductive: its share observed and last new code, nothing beyond it
        assert (summary["codebook_kind"] == "deductive").all()
        assert summary["codebook_coverage"].between(0, 1).all()
        assert (summary["codebook_coverage"] == summary["observed"] / summary["n_codes"]).all()
        last = summary["last_new"].dropna()
        assert (last >= 1).all() and (last <= summary.loc[last.index, "n_interviews"]).all()
        assert summary["chao2"].isna().all() and summary["extra_interviews_90"].isna().all()
        assert _read(workdir, study, "extrapolation.csv").empty
        assert set(summary["guest_saturation"].str.replace(r"^\d+\+\d+$", "n+r", regex=True)) <= {
            "n+r",
            "not reached",
            "not assessable",
        }


def test_rerun_is_byte_identical(workdir):
    def digest():
        return {
            f"{s}/{o}": hashlib.sha256((workdir / "results" / s / o).read_bytes()).hexdigest()
            for s in PICK
            for o in OUTPUTS
        }

    before = digest()
    for study in PICK:
        shutil.rmtree(workdir / "results" / study / "saturation")
        for ext in ("png", "svg"):
            (workdir / "results" / study / "figures" / f"saturation.{ext}").unlink()
    targets = [f"results/{s}/{o}" for s in PICK for o in OUTPUTS]
    again = run_snakemake(workdir, *targets, "--rerun-triggers", "mtime")
    assert again.returncode == 0, again.stderr[-4000:]
    assert "rule saturation:" in again.stdout + again.stderr
    assert digest() == before
