"""Study designs: one coder, three coders on everything, and one primary coder with split secondaries.

Small tables in the shapes :func:`~thematica.reliability.reliability_tables` reads: ``segment_codes`` with a
row per segment a coder saw and code (a coder who never saw a transcript has no row: missing, not 0),
spans that cover whole segments, and ``coder_transcripts`` as ``coders.csv`` records it.
"""

from __future__ import annotations

import logging

import krippendorff
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from thematica.figures.reliability import plot_reliability_alpha, plot_reliability_coefficients
from thematica.reliability import (
    ALL_CODES,
    ALPHA_COLUMNS,
    COEFFICIENT_COLUMNS,
    PAIR_COLUMNS,
    UNITIZED_COLUMNS,
    ReliabilitySettings,
    reliability_tables,
)
from thematica.reliability.facts import reliability_facts
from thematica.reliability.note import table_note

CODEBOOK = pd.DataFrame(
    {"code": ["a", "b"], "theme": ["T", "T"], "label": ["Code A", "Code B"], "definition": ["", ""]}
)
TRANSCRIPTS = ["t1", "t2", "t3", "t4"]
PER_TRANSCRIPT = 15  # segments of 10 characters
SEGMENTS = pd.DataFrame(
    [(f"{t}_s{s:02d}", t) for t in TRANSCRIPTS for s in range(PER_TRANSCRIPT)],
    columns=["segment_id", "transcript"],
)
#: every coder on every transcript
FULL = {"p": TRANSCRIPTS, "q": TRANSCRIPTS, "r": TRANSCRIPTS}
#: the primary coder p on every transcript, q and r each on half: q and r share no segment
SPLIT = {"p": TRANSCRIPTS, "q": ["t1", "t2"], "r": ["t3", "t4"]}
SETTINGS = ReliabilitySettings(seed=11, n_bootstrap=400, min_units_with_code=5)


def _truth(seed: int = 7) -> dict[tuple[str, str], int]:
    rng = np.random.default_rng(seed)
    return {
        (segment, code): int(rng.random() < share)
        for segment in SEGMENTS["segment_id"]
        for code, share in (("a", 0.4), ("b", 0.25))
    }


def _design(design: dict[str, list[str]], seed: int = 7):
    """segment_codes, codings and coder_transcripts: each coder copies a planted truth with errors."""
    truth, rng = _truth(seed), np.random.default_rng(seed + 1)
    rows, spans = [], []
    for coder, transcripts in design.items():
        for segment, transcript in SEGMENTS.itertuples(index=False):
            if transcript not in transcripts:
                continue
            start = int(segment[-2:]) * 10
            for code in CODEBOOK["code"]:
                applied = truth[segment, code] if rng.random() > 0.12 else 1 - truth[segment, code]
                rows.append((segment, coder, code, applied))
                if applied:
                    spans.append((coder, transcript, code, start, start + 9))
    segment_codes = pd.DataFrame(rows, columns=["segment_id", "coder", "code", "applied"])
    codings = pd.DataFrame(spans, columns=["coder", "transcript", "code", "start", "end"])
    seen = pd.DataFrame([(c, t) for c, ts in design.items() for t in ts], columns=["coder", "transcript"])
    return segment_codes.astype({"applied": "int8"}), codings, seen


@pytest.fixture(scope="module")
def lengths(tmp_path_factory):
    path = tmp_path_factory.mktemp("lengths") / "transcript_lengths.csv"
    pd.DataFrame({"transcript": TRANSCRIPTS, "length": PER_TRANSCRIPT * 10}).to_csv(path, index=False)
    return [path]


def _tables(design, lengths, *, rename: dict[str, str] | None = None):
    segment_codes, codings, seen = _design(design)
    if rename:
        segment_codes, codings, seen = (
            t.assign(coder=t["coder"].map(rename)) for t in (segment_codes, codings, seen)
        )
    return reliability_tables(
        segment_codes, codings, seen, CODEBOOK, lengths, segments=SEGMENTS, settings=SETTINGS
    ), segment_codes


def _reliability_data(segment_codes: pd.DataFrame, code: str) -> np.ndarray:
    """Coders x segments, NaN where the coder did not see the segment (the krippendorff package's shape)."""
    own = segment_codes.loc[segment_codes["code"] == code]
    return own.pivot(index="coder", columns="segment_id", values="applied").to_numpy(dtype=float)


# ------------------------------------------------------------------- three coders, and split secondaries
@pytest.mark.parametrize("design", [FULL, SPLIT], ids=["three_coders", "primary_split"])
@pytest.mark.parametrize("code", ["a", "b"])
def test_alpha_equals_the_krippendorff_package(design, code, lengths):
    tables, segment_codes = _tables(design, lengths)
    data = _reliability_data(segment_codes, code)
    row = tables.alpha.set_index("code").loc[code]
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert row["alpha"] == pytest.approx(expected, abs=1e-12)
    assert row["n_coders"] == 3 and row["n_units"] == len(SEGMENTS)
    assert row["n_values"] == np.count_nonzero(~np.isnan(data))
    theme = segment_codes.groupby(["coder", "segment_id"])["applied"].max().unstack().to_numpy(dtype=float)
    assert tables.alpha.set_index("code").loc["T", "alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=theme, level_of_measurement="nominal"), abs=1e-12
    )


#: alpha, Krippendorff's bootstrap interval and the transcript bootstrap's, computed once with
#: ReliabilitySettings(seed=11, n_bootstrap=400): the pipeline must keep giving these numbers.
PINNED = {
    ("three_coders", "a"): (
        0.6067967437653443,
        0.44488952060989795,
        0.7687039669207908,
        0.4228670634920636,
        0.7553307818480044,
    ),
    ("three_coders", "b"): (
        0.5525,
        0.353611111111111,
        0.7265277777777777,
        0.4696296296296296,
        0.6260608434521477,
    ),
    ("three_coders", "T"): (
        0.4829306722689075,
        0.294905462184874,
        0.647452731092437,
        0.24494545454545458,
        0.6104212008705672,
    ),
    ("primary_split", "a"): (
        0.5491110463421742,
        0.34100845234625476,
        0.7572136403380938,
        0.46153846153846156,
        0.6367521367521367,
    ),
    ("primary_split", "b"): (
        0.4489039827107132,
        0.19172584130904602,
        0.7060821241123804,
        0.35944976076555024,
        0.5105757931844889,
    ),
    ("primary_split", "T"): (
        0.4005925925925926,
        0.1537777777777778,
        0.6121481481481481,
        0.0834403080872913,
        0.5868055555555556,
    ),
}
COLUMNS = ["alpha", "ci_low", "ci_high", "ci_low_transcripts", "ci_high_transcripts"]


@pytest.mark.parametrize("design", [FULL, SPLIT], ids=["three_coders", "primary_split"])
def test_intervals_are_pinned_and_contain_the_estimate(design, lengths, request):
    name = request.node.callspec.id.split("-")[0]
    tables, _ = _tables(design, lengths)
    alpha = tables.alpha.set_index("code")
    for code in ("a", "b", "T"):
        row = alpha.loc[code]
        assert tuple(row[COLUMNS]) == pytest.approx(PINNED[name, code], abs=1e-12), code
        assert row["ci_low"] <= row["alpha"] <= row["ci_high"]
        assert row["ci_low_transcripts"] <= row["alpha"] <= row["ci_high_transcripts"]
        assert 0.0 <= row["q_below_min"] <= 1.0


@pytest.mark.parametrize("design", [FULL, SPLIT], ids=["three_coders", "primary_split"])
def test_alpha_and_its_intervals_do_not_depend_on_the_coders_names(design, lengths):
    tables, _ = _tables(design, lengths)
    renamed, _ = _tables(design, lengths, rename={"p": "zoe", "q": "adam", "r": "mia"})
    pd.testing.assert_frame_equal(tables.alpha, renamed.alpha)
    pd.testing.assert_frame_equal(tables.unitized, renamed.unitized)
    every = ["level", "code", "coefficient", "estimate"]
    pooled = tables.coefficients.loc[tables.coefficients["coder_a"].isna(), every].reset_index(drop=True)
    pooled_renamed = renamed.coefficients.loc[renamed.coefficients["coder_a"].isna(), every]
    pd.testing.assert_frame_equal(pooled, pooled_renamed.reset_index(drop=True))


def test_secondaries_who_share_no_segment_have_no_pair_rows(lengths):
    tables, segment_codes = _tables(SPLIT, lengths)
    pairs = tables.pairs
    assert set(zip(pairs["coder_a"], pairs["coder_b"], strict=True)) == {("p", "q"), ("p", "r")}
    assert (pairs["n_units"] == 2 * PER_TRANSCRIPT).all() and pairs["alpha"].notna().all()
    kappa = tables.coefficients.loc[tables.coefficients["coefficient"] == "cohen_kappa"]
    named = kappa.loc[kappa["coder_a"].notna()]
    assert set(zip(named["coder_a"], named["coder_b"], strict=True)) == {("p", "q"), ("p", "r")}
    assert named["estimate"].notna().all() and (named["n_units"] == 2 * PER_TRANSCRIPT).all()
    light = kappa.loc[kappa["coder_a"].isna()].set_index("code")
    assert light["note"].str.startswith("mean of the 2 coder pairs").all()
    assert light.loc["a", "estimate"] == pytest.approx(named.loc[named["code"] == "a", "estimate"].mean())
    # the pairs' alpha is the krippendorff package's on the segments both saw
    pq = segment_codes.loc[
        segment_codes["coder"].isin(["p", "q"]) & segment_codes["segment_id"].str[:2].isin(["t1", "t2"])
    ]
    row = pairs.set_index(["coder_a", "coder_b", "code"]).loc[("p", "q", "a")]
    assert row["alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=_reliability_data(pq, "a"), level_of_measurement="nominal")
    )


# ------------------------------------------------------------------------------------------ one coder
@pytest.mark.parametrize(
    "design, note",
    [
        ({"p": TRANSCRIPTS}, "reliability needs two coders; this study has one (p)"),
        (
            {"q": ["t1", "t2"], "r": ["t3", "t4"]},
            "reliability needs two coders on the same transcripts; the 2 coders (q, r) share none",
        ),
    ],
    ids=["one_coder", "coders_share_nothing"],
)
def test_without_two_coders_every_table_says_so_once(design, note, lengths, caplog, tmp_path):
    with caplog.at_level(logging.WARNING, logger="thematica.reliability"):
        tables, _ = _tables(design, lengths)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and note in warnings[0].getMessage()
    for table, columns in (
        (tables.alpha, ALPHA_COLUMNS),
        (tables.pairs, PAIR_COLUMNS),
        (tables.unitized, UNITIZED_COLUMNS),
        (tables.coefficients, COEFFICIENT_COLUMNS),
    ):
        assert list(table.columns) == columns and len(table) == 1
        assert table["code"].iloc[0] == ALL_CODES
        # written and read back as the figures, captions and notebooks read it
        path = tmp_path / "table.csv"
        table.to_csv(path, index=False)
        assert table_note(pd.read_csv(path)) == note
    row = tables.alpha.iloc[0]
    assert row["n_coders"] == len(design) and row["n_units"] == 0 and np.isnan(row["alpha"])
    assert not row["low_prevalence_warning"]
    assert tables.unitized["n_spans"].iloc[0] > 0 and np.isnan(tables.unitized["u_alpha"].iloc[0])
    # the captions' facts
    tables.alpha.to_csv(tmp_path / "alpha.csv", index=False)
    tables.unitized.to_csv(tmp_path / "unitized.csv", index=False)
    facts = reliability_facts(tmp_path / "alpha.csv")
    assert facts["note"] == note[0].upper() + note[1:] + "." and facts["n_coders"] == len(design)


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_one_coder_figures_state_the_note_once(lengths):
    tables, _ = _tables({"p": TRANSCRIPTS}, lengths)
    for fig in (
        plot_reliability_alpha(tables.alpha, study="solo"),
        plot_reliability_coefficients(tables.coefficients, study="solo"),
    ):
        assert _texts(fig) == ["Reliability needs two coders; this study has one (p)."]
        assert not any("undefined" in t or "*" in t for t in _texts(fig))
        assert len(fig.axes) == 1 and not fig.axes[0].axison  # no rows, no axis: the note alone
        plt.close(fig)


def test_a_study_with_results_has_no_note(lengths):
    tables, _ = _tables(FULL, lengths)
    assert all(
        table_note(t) is None for t in (tables.alpha, tables.pairs, tables.unitized, tables.coefficients)
    )
