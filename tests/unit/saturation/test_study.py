"""The stage's tables on a tiny study (inductive codebook, so every estimate is made): structure, determinism,
Guest labels, and degenerate groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thematica.saturation.settings import SaturationSettings
from thematica.saturation.study import CURVE_COLUMNS, EXTRAPOLATION_COLUMNS, saturation_tables

# 8 participants; group g1: P1-P6, g2: P7-P8. Codes x participants (interview order P1..P8):
PRESENCE = {
    "a": [1, 1, 1, 1, 1, 1, 1, 1],
    "b": [1, 0, 1, 0, 1, 0, 1, 0],
    "c": [0, 1, 0, 0, 0, 0, 0, 1],
    "d": [0, 0, 1, 0, 0, 0, 0, 0],
    "e": [0, 0, 0, 0, 0, 0, 0, 1],  # late code: first in the 8th interview
    "f": [0, 0, 0, 0, 0, 0, 0, 0],  # never applied
}
IDS = [f"P{i}" for i in range(1, 9)]


def _inputs(presence=PRESENCE):
    participants = pd.DataFrame(
        {"participant_id": IDS, "transcript": [f"t{i}" for i in range(1, 9)], "grp": ["g1"] * 6 + ["g2"] * 2}
    )
    segments = pd.DataFrame({"segment_id": [f"{p}_s0" for p in IDS], "participant_id": IDS})
    consensus = pd.DataFrame(
        [(f"{p}_s0", c, v[i]) for c, v in presence.items() for i, p in enumerate(IDS)],
        columns=["segment_id", "code", "applied"],
    )
    coders = pd.concat(
        [consensus.assign(coder="c1"), consensus.query("segment_id < 'P5'").assign(coder="c2")]
    )
    codebook = pd.DataFrame({"code": list(presence), "theme": ["T1", "T1", "T2", "T2", "T3", "T3"]})
    return dict(
        consensus=consensus,
        segment_codes=coders,
        codebook=codebook,
        segments=segments,
        participants=participants,
        group_column="grp",
        groups=["g1", "g2"],
    )


@pytest.fixture(scope="module")
def tables():
    return saturation_tables(
        **_inputs(),
        settings=SaturationSettings(codebook_kind="inductive", n_permutations=200, n_bootstrap=50),
        seed=1,
    )


def test_one_curve_row_per_interview_and_combination(tables):
    curve = tables.curve
    assert list(curve.columns) == CURVE_COLUMNS
    assert list(tables.extrapolation.columns) == EXTRAPOLATION_COLUMNS
    combos = curve.groupby(["source", "level", "group"], sort=False).size()
    assert combos[("consensus", "code", "all")] == 8 and combos[("consensus", "code", "g2")] == 2
    assert combos[("c2", "theme", "all")] == 4  # c2 saw P1-P4 only
    assert len(tables.summary) == 3 * 2 * 3


def test_consensus_code_curve_by_hand(tables):
    c = tables.curve.query("source == 'consensus' and level == 'code' and group == 'all'")
    assert c["new"].tolist() == [2, 1, 1, 0, 0, 0, 0, 1]
    assert c["new_codes"].fillna("").tolist()[:3] == ["a; b", "c", "d"]
    assert c["new_codes"].iloc[-1] == "e"
    assert c["cumulative"].tolist() == [2, 3, 4, 4, 4, 4, 4, 5]
    assert c["expected"].iloc[-1] == pytest.approx(5.0)
    assert (c["band_low"] <= c["band_high"]).all()
    s = tables.summary.set_index(["source", "level", "group"]).loc[("consensus", "code", "all")]
    # base (P1-P4) = 4 codes; run after interview 4 (P5-P6) adds 0 -> "4+2"
    assert s["guest_saturation"] == "4+2" and s["guest_n"] == 4 and s["observed"] == 5 and s["n_codes"] == 6
    assert s["q1"] == 2 and s["q2"] == 1  # d and e once, c twice
    assert s["chao2"] == pytest.approx(5 + 7 / 8 * 4 / 2)


def test_small_groups_are_not_assessable_but_still_summarised(tables):
    s = tables.summary.set_index(["source", "level", "group"]).loc[("consensus", "code", "g2")]
    assert s["guest_saturation"] == "not assessable" and "only 2 interviews" in s["guest_note"]
    assert s["n_interviews"] == 2 and np.isfinite(s["coverage"])


def test_same_seed_same_tables_other_seed_other_band():
    a = saturation_tables(
        **_inputs(),
        settings=SaturationSettings(codebook_kind="inductive", n_permutations=100, n_bootstrap=30),
        seed=3,
    )
    b = saturation_tables(
        **_inputs(),
        settings=SaturationSettings(codebook_kind="inductive", n_permutations=100, n_bootstrap=30),
        seed=3,
    )
    for name in ("curve", "summary", "extrapolation"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    c = saturation_tables(
        **_inputs(),
        settings=SaturationSettings(codebook_kind="inductive", n_permutations=100, n_bootstrap=30),
        seed=4,
    )
    assert not a.extrapolation.equals(c.extrapolation)


def test_no_codes_at_all_gives_clear_answers():
    empty = {code: [0] * 8 for code in PRESENCE}
    t = saturation_tables(
        **_inputs(empty),
        settings=SaturationSettings(codebook_kind="inductive", n_permutations=50, n_bootstrap=20),
        seed=0,
    )
    s = t.summary.set_index(["source", "level", "group"]).loc[("consensus", "code", "all")]
    assert s["observed"] == 0 and s["guest_saturation"] == "not assessable"
    assert s["guest_note"] == "no codes in the first 4 interviews"
    assert np.isnan(s["coverage"]) and s["coverage_note"] == "no codes were applied"
    assert (t.curve["cumulative"] == 0).all()


def test_one_interview_gives_clear_answers():
    inputs = _inputs()
    inputs["participants"] = inputs["participants"].head(1)
    inputs["segments"] = inputs["segments"].head(1)
    inputs["consensus"] = inputs["consensus"].query("segment_id == 'P1_s0'")
    inputs["segment_codes"] = inputs["segment_codes"].query("segment_id == 'P1_s0'")
    t = saturation_tables(
        **inputs,
        settings=SaturationSettings(codebook_kind="inductive", n_permutations=20, n_bootstrap=20),
        seed=0,
    )
    s = t.summary.set_index(["source", "level", "group"]).loc[("consensus", "code", "all")]
    assert s["observed"] == 2 and s["guest_saturation"] == "not assessable"
    assert "coverage needs at least two interviews" in s["coverage_note"]
    assert s["chao2"] == 2.0  # (T-1)/T = 0: nothing can be extrapolated from one interview
    g2 = t.summary.set_index(["source", "level", "group"]).loc[("consensus", "code", "g2")]
    assert g2["n_interviews"] == 0 and g2["guest_note"].startswith("only 0 interviews")


def test_bad_parameters_are_reported_together():
    with pytest.raises(ValueError, match="threshold must be a share.*coverage_targets"):
        saturation_tables(**_inputs(), settings={"threshold": 5, "coverage_targets": [90]})


def test_a_config_mapping_gives_the_same_tables_as_its_settings():
    section = {"levels": ["code"], "coders": False, "n_permutations": 30, "n_bootstrap": 10}
    a = saturation_tables(**_inputs(), settings=section, seed=2)
    b = saturation_tables(**_inputs(), settings=SaturationSettings.from_config(section), seed=2)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert set(a.summary["level"]) == {"code"} and set(a.summary["source"]) == {"consensus"}
