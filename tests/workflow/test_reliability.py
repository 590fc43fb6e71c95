"""Reliability end to end on small coded demo studies: tables, figure, the planted poor code, determinism.

The demo coders were simulated with known miss, add and boundary rates (``truth/planted.json``). Besides
checking that the planted poor-agreement code comes out visibly low, the tests re-simulate the coders
with those planted rates on the same transcripts and check that the observed alphas sit inside the
spread the planted rates imply.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest

from tests.workflow.conftest import coded_small_study, run_snakemake, write_config
from thematica.codes import align_segments
from thematica.demo.bank import load_bank
from thematica.demo.coders import CoderProfile, simulate_coder
from thematica.demo.compose import sections_of
from thematica.reliability import ALPHA_COLUMNS, COEFFICIENT_COLUMNS, PAIR_COLUMNS, UNITIZED_COLUMNS
from thematica.reliability.alpha import binary_alpha
from thematica.reliability.coincidence import binary_coincidences

PICK = {
    "demo_physicians": [f"interview_{i:02d}" for i in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)],
    "demo_alliance": [f"interview_{i:02d}" for i in (1, 2, 3, 4, 5, 6, 7, 8)],
}
OUTPUTS = [
    "reliability/alpha.csv",
    "reliability/pairs.csv",
    "reliability/unitized.csv",
    "figures/reliability_alpha.png",
    "figures/reliability_alpha.svg",
    "reliability/coefficients.csv",
    "figures/reliability_coefficients.png",
    "figures/reliability_coefficients.svg",
]
BOOTSTRAP = 2000


def _targets() -> list[str]:
    return [f"results/{study}/{out}" for study in PICK for out in OUTPUTS]


def _digest(work: Path) -> dict[str, str]:
    return {t: hashlib.sha256((work / t).read_bytes()).hexdigest() for t in _targets()}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("reliability_wf")
    studies = {name: coded_small_study(demo_raw / name, work / "raw" / name, ts) for name, ts in PICK.items()}
    config = write_config(work, studies)
    text = config.read_text().replace("n_bootstrap: 10000", f"n_bootstrap: {BOOTSTRAP}")
    config.write_text(text)
    result = run_snakemake(work, *_targets())
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def _alpha(work: Path, study: str) -> pd.DataFrame:
    return pd.read_csv(work / "results" / study / "reliability" / "alpha.csv").set_index("code")


def _processed(work: Path, study: str, table: str) -> pd.DataFrame:
    return pd.read_parquet(work / "data" / "processed" / study / f"{table}.parquet")


def test_outputs(workdir):
    for study in PICK:
        folder = workdir / "results" / study
        assert list(pd.read_csv(folder / "reliability" / "alpha.csv").columns) == ALPHA_COLUMNS
        assert list(pd.read_csv(folder / "reliability" / "pairs.csv").columns) == PAIR_COLUMNS
        assert list(pd.read_csv(folder / "reliability" / "unitized.csv").columns) == UNITIZED_COLUMNS
        assert list(pd.read_csv(folder / "reliability" / "coefficients.csv").columns) == COEFFICIENT_COLUMNS
        for ext in ("png", "svg"):
            assert (folder / "figures" / f"reliability_alpha.{ext}").stat().st_size > 5000


@pytest.mark.parametrize("study", list(PICK))
def test_alpha_agrees_with_the_krippendorff_package_on_segment_codes(workdir, study):
    table = _alpha(workdir, study)
    segment_codes = _processed(workdir, study, "segment_codes")
    book = _processed(workdir, study, "codebook")
    assert list(table.index[table["level"] == "code"]) == list(book["code"])
    for code in book["code"]:
        data = (
            segment_codes.loc[segment_codes["code"] == code]
            .pivot(index="coder", columns="segment_id", values="applied")
            .to_numpy(dtype=float)
        )
        if np.unique(data[~np.isnan(data)]).size < 2:  # nobody applied it here: alpha is undefined
            assert np.isnan(table.loc[code, "alpha"])
        else:
            expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
            assert table.loc[code, "alpha"] == pytest.approx(expected, abs=1e-12)
        assert table.loc[code, "n_units"] == int((np.sum(~np.isnan(data), axis=0) >= 2).sum())


@pytest.mark.parametrize("study", list(PICK))
def test_the_planted_poor_code_is_visibly_low(workdir, demo_raw, study):
    poor = json.loads((demo_raw / study / "truth" / "planted.json").read_text())["poor_agreement_code"]
    table = _alpha(workdir, study)
    codes = table.loc[(table["level"] == "code") & ~table["low_prevalence_warning"]]
    others = codes.drop(index=poor)
    assert table.loc[poor, "alpha"] < table.loc[poor, "alpha_min"]
    assert table.loc[poor, "alpha"] == codes["alpha"].min()
    assert table.loc[poor, "ci_high"] < others["alpha"].median()
    assert table.loc[poor, "q_below_min"] > 0.9
    assert others["alpha"].median() > 0.75


def _simulated_alphas(work: Path, demo_raw: Path, study: str, replicates: int) -> pd.DataFrame:
    """Alpha per code for coders re-simulated with the planted rates: one column per replicate."""
    planted = json.loads((demo_raw / study / "truth" / "planted.json").read_text())
    profiles = {name: CoderProfile(name=name, **rates) for name, rates in planted["coders"].items()}
    bank = load_bank(study)
    section_codes = {k: v["codes"] for k, v in sections_of(bank).items()}
    truth = pd.read_csv(demo_raw / study / "truth" / "sentences.csv", dtype={"transcript": str})
    book = _processed(work, study, "codebook")
    theme_of = dict(zip(book["code"], book["theme"], strict=True))
    segments = _processed(work, study, "segments")
    seen = _processed(work, study, "coder_transcripts")
    texts = {
        t: (work / "data" / "processed" / study / "text" / f"{t}.txt").read_text(encoding="utf-8")
        for t in segments["transcript"].unique()
    }
    columns = {}
    for r in range(replicates):
        events = [
            simulate_coder(
                truth.loc[truth["transcript"] == transcript],
                texts[transcript],
                profiles[coder],
                poor_code=planted["poor_agreement_code"],
                theme_of=theme_of,
                section_codes=section_codes,
                rng=np.random.default_rng([r, i, int(transcript[-2:])]),
            )
            for i, (coder, transcript) in enumerate(seen[["coder", "transcript"]].itertuples(index=False))
        ]
        codings = pd.concat(events).query("event != 'missed'").assign(source="simulated")
        aligned = align_segments(segments, codings, seen, book, texts)
        totals = aligned.groupby(["code", "segment_id"])["applied"].agg(m="count", k="sum").reset_index()
        columns[r] = {
            code: float(binary_alpha(binary_coincidences(g["m"].to_numpy(), g["k"].to_numpy())))
            for code, g in totals.groupby("code")
        }
    return pd.DataFrame(columns)


@pytest.mark.parametrize("study", list(PICK))
def test_observed_alphas_match_the_planted_coder_error_rates(workdir, demo_raw, study):
    """The planted rates imply a distribution of alpha per code: every observed alpha lies within it, the
    transcript-resampling interval covers its centre for most codes, and so does Krippendorff's narrower
    interval (segments treated as independent while the simulated coders err per passage) for a majority.
    On the full demo studies the two intervals cover 29 and 27 of 31 codes."""
    simulated = _simulated_alphas(workdir, demo_raw, study, replicates=6)
    table = _alpha(workdir, study)
    codes = table.loc[(table["level"] == "code") & ~table["low_prevalence_warning"]].index
    centre, spread = simulated.loc[codes].mean(axis=1), simulated.loc[codes].std(axis=1)
    observed = table.loc[codes, "alpha"]
    report = pd.DataFrame({"observed": observed, "planted": centre, "planted_sd": spread})
    assert ((observed - centre).abs() <= 3.5 * spread + 0.01).all(), report
    low, high = table.loc[codes, "ci_low_transcripts"], table.loc[codes, "ci_high_transcripts"]
    assert ((low <= centre) & (centre <= high)).mean() >= 0.7, report
    low, high = table.loc[codes, "ci_low"], table.loc[codes, "ci_high"]
    assert ((low <= centre + 0.02) & (centre - 0.02 <= high)).mean() >= 0.6, report
    poor = json.loads((demo_raw / study / "truth" / "planted.json").read_text())["poor_agreement_code"]
    assert centre[poor] == centre.min()


def test_rerun_is_byte_identical(workdir):
    before = _digest(workdir)
    again = run_snakemake(workdir, *_targets(), "--forcerun", "reliability")  # --forcerun takes several
    assert again.returncode == 0, again.stderr[-4000:]
    assert _digest(workdir) == before
