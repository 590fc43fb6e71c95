"""The study-level reliability tables on a synthetic study with a known structure."""

from __future__ import annotations

import itertools
from pathlib import Path
from statistics import NormalDist

import krippendorff
import numpy as np
import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.reliability import (
    ALL_CODES,
    ALPHA_COLUMNS,
    COEFFICIENT_COLUMNS,
    PAIR_COLUMNS,
    UNITIZED_COLUMNS,
    ReliabilitySettings,
    minimum_units,
    reliability_tables,
)
from thematica.reliability.unitized import alpha_u, continua_from_spans

CODEBOOK = pd.DataFrame(
    {
        "code": ["a", "b", "c", "rare"],
        "theme": ["T1", "T1", "T2", "T2"],
        "label": ["Code A", "Code B", "Code C", "Rare code"],
        "definition": ["", "", "", ""],
    }
)
LENGTHS = {"t1": 400, "t2": 300, "t3": 200}
SEEN = pd.DataFrame(
    {"coder": ["x", "x", "x", "y", "y", "z"], "transcript": ["t1", "t2", "t3", "t1", "t2", "t3"]}
)
SEGMENT = 20  # every transcript is cut into segments of 20 characters
SEGMENTS = pd.DataFrame(
    [(f"{t}_s{s:04d}", t) for t, length in LENGTHS.items() for s in range(length // SEGMENT)],
    columns=["segment_id", "transcript"],
)


def _synthetic(seed: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Spans that each cover whole segments; coders copy a planted truth with misses and additions."""
    rng = np.random.default_rng(seed)
    truth = {
        (t, s): code
        for t, length in LENGTHS.items()
        for s in range(length // SEGMENT)
        for code in [rng.choice(["a", "b", "c", None, None], p=[0.25, 0.2, 0.15, 0.2, 0.2])]
        if code
    }
    spans, rows = [], []
    for coder, transcript in SEEN.itertuples(index=False):
        for s in range(LENGTHS[transcript] // SEGMENT):
            planted = truth.get((transcript, s))
            applied = set()
            if planted and rng.random() > 0.15:
                applied.add(planted)
            if rng.random() < 0.05:
                applied.add(str(rng.choice(["a", "b", "c"])))
            if coder == "x" and transcript == "t3" and s == 2:
                applied.add("rare")
            for code in sorted(applied):
                spans.append((coder, transcript, code, s * SEGMENT, s * SEGMENT + SEGMENT - 2))
            for code in CODEBOOK["code"]:
                rows.append((f"{transcript}_s{s:04d}", coder, code, int(code in applied)))
    codings = pd.DataFrame(spans, columns=["coder", "transcript", "code", "start", "end"]).assign(
        source="x.csv"
    )
    segment_codes = pd.DataFrame(rows, columns=["segment_id", "coder", "code", "applied"]).astype(
        {"applied": "int8"}
    )
    return segment_codes, codings


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("text")
    paths = {}
    for t, length in LENGTHS.items():
        paths[t] = folder / f"{t}.txt"
        paths[t].write_bytes(("w" * (length - 1) + "\n").encode("utf-8"))
    return paths


@pytest.fixture(scope="module")
def tables(texts):
    segment_codes, codings = _synthetic()
    return (
        reliability_tables(
            segment_codes,
            codings,
            SEEN,
            CODEBOOK,
            list(texts.values()),
            segments=SEGMENTS,
            settings=ReliabilitySettings(seed=3, n_bootstrap=2000, min_units_with_code=10),
        ),
        segment_codes,
        codings,
    )


def _matrix(segment_codes: pd.DataFrame, code: str) -> np.ndarray:
    return (
        segment_codes.loc[segment_codes["code"] == code]
        .pivot(index="coder", columns="segment_id", values="applied")
        .to_numpy(dtype=float)
    )


def test_columns_and_rows(tables):
    result, _, _ = tables
    assert list(result.alpha.columns) == ALPHA_COLUMNS
    assert list(result.pairs.columns) == PAIR_COLUMNS
    assert list(result.unitized.columns) == UNITIZED_COLUMNS
    assert result.alpha[["code", "level"]].values.tolist() == [
        ["a", "code"], ["b", "code"], ["c", "code"], ["rare", "code"], ["T1", "theme"], ["T2", "theme"]
    ]  # fmt: skip
    assert result.alpha.set_index("code").loc["a", "label"] == "Code A"


@pytest.mark.parametrize("code", ["a", "b", "c", "rare"])
def test_code_alpha_equals_the_krippendorff_package_with_missing_coders(tables, code):
    result, segment_codes, _ = tables
    row = result.alpha.set_index("code").loc[code]
    data = _matrix(segment_codes, code)
    assert np.isnan(data).sum() == 45  # y never saw t3 (10 segments), z never saw t1, t2 (35)
    assert row["alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
    assert row["n_units"] == 45 and row["n_coders"] == 3 and row["n_values"] == 90
    pairs = [(u[~np.isnan(u)]) for u in data.T]
    agree = np.mean([a == b for u in pairs for a, b in itertools.combinations(u, 2)])
    assert row["pct_agree"] == pytest.approx(100 * agree)
    assert row["prevalence"] == pytest.approx(np.nanmean(data))


def test_theme_alpha_uses_any_of_its_codes(tables):
    result, segment_codes, _ = tables
    lifted = segment_codes.assign(
        theme=segment_codes["code"].map(dict(zip(CODEBOOK["code"], CODEBOOK["theme"], strict=True)))
    )
    data = (
        lifted.loc[lifted["theme"] == "T1"].groupby(["coder", "segment_id"])["applied"].max().unstack()
    ).to_numpy(dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert result.alpha.set_index("code").loc["T1", "alpha"] == pytest.approx(expected)


def test_intervals_and_q(tables):
    result, _, _ = tables
    ok = result.alpha.loc[result.alpha["code"].isin(["a", "b", "c", "T1"])]
    assert (ok["ci_low"] <= ok["alpha"]).all() and (ok["alpha"] <= ok["ci_high"]).all()
    assert (ok["ci_low_transcripts"] <= ok["alpha"]).all() and (
        ok["alpha"] <= ok["ci_high_transcripts"]
    ).all()
    assert ok["q_below_min"].between(0, 1).all() and (ok["bootstrap_pairs"] == 45).all()


def test_low_prevalence_warning(tables):
    result, _, _ = tables
    flags = result.alpha.set_index("code")["low_prevalence_warning"]
    assert flags["rare"] and not flags["T1"]
    few = result.alpha.set_index("code")["n_units_with_code"] < 10
    assert (flags[few]).all()
    row = result.alpha.set_index("code").loc["a"]
    assert row["min_units_required"] == pytest.approx(minimum_units(row["prevalence"], 0.667, 0.05))


def test_pairs_table(tables):
    result, segment_codes, _ = tables
    pairs = result.pairs.set_index(["coder_a", "coder_b", "code"])
    assert set(pairs.index.droplevel(2)) == {("x", "y"), ("x", "z")}
    xy = segment_codes.loc[
        segment_codes["coder"].isin(["x", "y"]) & segment_codes["segment_id"].str.startswith(("t1", "t2"))
    ]
    data = _matrix(xy, "a")
    row = pairs.loc[("x", "y", "a")]
    assert row["n_units"] == 35
    assert row["alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
    assert row["pct_agree"] == pytest.approx(100 * np.mean(data[0] == data[1]))
    assert row["n_both"] + row["n_a_only"] + row["n_b_only"] + row["n_neither"] == 35


def test_unitized_table_and_column(tables):
    result, _, codings = tables
    unitized = result.unitized.set_index("code")
    assert unitized.loc[ALL_CODES, "scope"] == "codebook"
    continua = continua_from_spans(codings.loc[codings["code"] == "b"], SEEN, LENGTHS, labelled=False)
    assert unitized.loc["b", "alpha_U"] == pytest.approx(alpha_u(continua).alpha)
    assert result.alpha.set_index("code").loc["b", "unitized_alpha"] == pytest.approx(
        unitized.loc["b", "alpha_U"]
    )
    assert unitized.loc[ALL_CODES, "pairable_length"] == 2 * sum(LENGTHS.values())
    assert 0 < unitized.loc[ALL_CODES, "u_alpha"] < 1 and 0 < unitized.loc[ALL_CODES, "bar_u_alpha"] <= 1


def test_reruns_give_identical_tables(tables, texts):
    result, segment_codes, codings = tables
    again = reliability_tables(
        segment_codes,
        codings,
        SEEN,
        CODEBOOK,
        texts,
        segments=SEGMENTS,
        settings=ReliabilitySettings(seed=3, n_bootstrap=2000, min_units_with_code=10),
    )
    pd.testing.assert_frame_equal(result.alpha, again.alpha)
    pd.testing.assert_frame_equal(result.pairs, again.pairs)
    pd.testing.assert_frame_equal(result.unitized, again.unitized)


def test_bad_inputs_name_the_problem(texts):
    segment_codes, codings = _synthetic()
    with pytest.raises(ThematicaError, match="not in the codebook"):
        reliability_tables(
            segment_codes.replace({"code": {"a": "zzz"}}),
            codings,
            SEEN,
            CODEBOOK,
            texts,
            segments=SEGMENTS,
            settings=ReliabilitySettings(seed=1, n_bootstrap=0),
        )
    outside = codings.copy()
    outside.loc[0, "end"] = 10_000
    with pytest.raises(ThematicaError, match="outside the canonical text"):
        reliability_tables(
            segment_codes,
            outside,
            SEEN,
            CODEBOOK,
            texts,
            segments=SEGMENTS,
            settings=ReliabilitySettings(seed=1, n_bootstrap=0),
        )
    with pytest.raises(ThematicaError, match="not in segments.parquet"):
        reliability_tables(
            segment_codes,
            codings,
            SEEN,
            CODEBOOK,
            texts,
            segments=SEGMENTS.iloc[1:],
            settings=ReliabilitySettings(seed=1, n_bootstrap=0),
        )
    with pytest.raises(ThematicaError, match="lacks column"):
        reliability_tables(
            segment_codes.drop(columns="applied"),
            codings,
            SEEN,
            CODEBOOK,
            texts,
            segments=SEGMENTS,
            settings=ReliabilitySettings(seed=1),
        )


def test_no_bootstrap_leaves_intervals_empty(texts):
    segment_codes, codings = _synthetic()
    result = reliability_tables(
        segment_codes,
        codings,
        SEEN,
        CODEBOOK,
        texts,
        segments=SEGMENTS,
        settings=ReliabilitySettings(seed=1, n_bootstrap=0),
    )
    assert result.alpha["ci_low"].isna().all() and (result.alpha["bootstrap_pairs"] == 0).all()


def test_minimum_units_follows_bloch_and_kraemer():
    z = NormalDist().inv_cdf(0.95)
    assert minimum_units(0.5, 0.8, 0.05) == pytest.approx(z**2 * (1.8 * 2.2 / (4 * 0.25 * 0.2) - 0.8))
    assert minimum_units(0.0, 0.8, 0.05) == float("inf")
    assert minimum_units(0.05, 0.667, 0.05) > minimum_units(0.2, 0.667, 0.05)


def test_coefficients_table(tables):
    """coefficients.csv: alpha as in alpha.csv, Fleiss and AC1 as the pure functions give them, and
    Cohen's kappa per coder pair (sklearn) with the all-coder row their mean (Light's kappa)."""
    from sklearn.metrics import cohen_kappa_score

    from thematica.reliability import fleiss_kappa, gwet_ac1

    result, segment_codes, _ = tables
    table = result.coefficients
    assert list(table.columns) == COEFFICIENT_COLUMNS
    everyone = table.loc[table["coder_a"].isna()].set_index(["code", "coefficient"])
    alpha = result.alpha.set_index("code")
    for code in ["a", "b", "c", "T1"]:
        row = everyone.loc[(code, "alpha")]
        assert row[
            ["estimate", "ci_low", "ci_high", "ci_low_transcripts", "ci_high_transcripts"]
        ].tolist() == (
            alpha.loc[
                code, ["alpha", "ci_low", "ci_high", "ci_low_transcripts", "ci_high_transcripts"]
            ].tolist()
        )
    for code in ["a", "b", "c", "rare"]:
        data = _matrix(segment_codes, code)
        assert everyone.loc[(code, "fleiss_kappa"), "estimate"] == pytest.approx(fleiss_kappa(data))
        assert everyone.loc[(code, "gwet_ac1"), "estimate"] == pytest.approx(gwet_ac1(data, values=[0, 1]))
    pairs = table.loc[table["coder_a"].notna() & (table["code"] == "a")].set_index(["coder_a", "coder_b"])
    assert set(pairs.index) == {("x", "y"), ("x", "z")}  # y and z share no transcript
    data = _matrix(segment_codes, "a")  # coders x, y, z
    expected = []
    for other, index in (("y", 1), ("z", 2)):
        both = ~np.isnan(data[0]) & ~np.isnan(data[index])
        kappa = cohen_kappa_score(data[0, both], data[index, both])
        assert pairs.loc[("x", other), "estimate"] == pytest.approx(kappa)
        assert pairs.loc[("x", other), "n_units"] == both.sum()
        expected.append(kappa)
    light = everyone.loc[("a", "cohen_kappa")]
    assert light["estimate"] == pytest.approx(np.mean(expected)) and "Light" in light["note"]
    ok = table.loc[table["code"].isin(["a", "b", "c", "T1"])]
    assert (ok["ci_low"] <= ok["estimate"]).all() and (ok["estimate"] <= ok["ci_high"]).all()
    one_transcript = ok["coder_b"] == "z"  # x and z share t3 only: no transcript interval
    assert ok.loc[one_transcript, "ci_low_transcripts"].isna().all()
    assert (
        ok.loc[~one_transcript, "ci_low_transcripts"] <= ok.loc[~one_transcript, "ci_high_transcripts"]
    ).all()


def test_coefficients_follow_the_settings(texts):
    segment_codes, codings = _synthetic()
    settings = ReliabilitySettings(seed=1, n_bootstrap=50, coefficients=("gwet_ac1",))
    result = reliability_tables(
        segment_codes, codings, SEEN, CODEBOOK, texts, segments=SEGMENTS, settings=settings
    )
    assert set(result.coefficients["coefficient"]) == {"gwet_ac1"}
    assert len(result.alpha) == 6  # alpha.csv whatever the coefficients
    with pytest.raises(ThematicaError, match="unknown reliability coefficient"):
        ReliabilitySettings(coefficients=("kappa",))
    with pytest.raises(ThematicaError, match="unknown reliability setting"):
        ReliabilitySettings.from_config({"n_boot": 3}, seed=1)
