"""Benjamini–Yekutieli false-coverage-rate intervals and the markers that keep intervals and flags in step."""

from math import sqrt

import numpy as np
import pandas as pd
import pytest

from thematica.compare.fcr import difference_markers, fcr_confidence
from thematica.compare.prevalence import compare_level
from thematica.compare.stats import newcombe_interval


def test_fcr_level_is_one_minus_r_q_over_m():
    p = np.array([0.001, 0.02, 0.3, 0.6, np.nan])  # BH at 0.05 selects 2 of the 4 tested
    assert fcr_confidence(p, np.array([True, True, False, False, False]), 0.05) == pytest.approx(0.975)
    assert np.isnan(fcr_confidence(p, np.zeros(5, bool), 0.05))


def _wilson(k, n, z):
    """Wilson score interval written out (Newcombe 1998, method 3)."""
    p = k / n
    centre = (2 * n * p + z * z) / (2 * (n + z * z))
    half = z * sqrt(z * z + 4 * n * p * (1 - p)) / (2 * (n + z * z))
    return centre - half, centre + half


def _presence(counts: dict[str, tuple[int, int, int, int]]) -> pd.DataFrame:
    """A presence table from ``code -> (k_a, n_a, k_b, n_b)``: groups ``a`` and ``b``."""
    rows = []
    for code, (k1, n1, k2, n2) in counts.items():
        for group, k, n in (("a", k1, n1), ("b", k2, n2)):
            for i in range(n):
                rows.append(
                    {"participant_id": f"{group}{i}", "group": group, "code": code, "present": int(i < k)}
                )
    return pd.DataFrame(rows)


#: A constructed study of 21 + 21 participants: two codes differ clearly, one (the physicians' demo
#: conversation_starter: 6 of 21 against 13 of 21) has an unadjusted interval excluding 0 but is not
#: flagged after Benjamini–Hochberg over the 12 codes, and nine codes are equal.
COUNTS = {
    "clear_1": (17, 21, 4, 21),
    "clear_2": (3, 21, 17, 21),
    "conversation_starter": (6, 21, 13, 21),
    **{f"same_{i}": (5 + i, 21, 5 + i, 21) for i in range(9)},
}


def test_by_intervals_of_the_flagged_codes_against_a_hand_computation():
    prevalence, pairs = compare_level(_presence(COUNTS), ["a", "b"])
    assert pairs["significant"].sum() == 2
    level = 1 - 2 * 0.05 / 12  # R = 2 selected of m = 12 tested
    z = 2.638257273476751  # the standard normal quantile of 1 - (1 - level) / 2 = 1 - 0.1 / 24
    row = pairs.set_index("code").loc["clear_1"]
    l1, u1 = _wilson(17, 21, z)
    l2, u2 = _wilson(4, 21, z)
    d = 17 / 21 - 4 / 21
    low = d - sqrt((17 / 21 - l1) ** 2 + (u2 - 4 / 21) ** 2)
    high = d + sqrt((u1 - 17 / 21) ** 2 + (4 / 21 - l2) ** 2)
    assert row["fcr_confidence"] == pytest.approx(level)
    assert (row["diff_low_fcr"], row["diff_high_fcr"]) == pytest.approx((low, high), rel=1e-9)
    assert row["diff_low_fcr"] < row["diff_low"] and row["diff_high_fcr"] > row["diff_high"]
    assert (
        pairs.loc[~pairs["significant"], ["diff_low_fcr", "diff_high_fcr", "fcr_confidence"]]
        .isna()
        .all()
        .all()
    )
    # the prevalence table carries the same columns for two groups
    first = prevalence.drop_duplicates("code").set_index("code")
    assert first.loc["clear_1", "diff_low_fcr"] == row["diff_low_fcr"]


def test_no_interval_excluding_zero_sits_beside_an_unexplained_not_different():
    """The physicians' case: conversation_starter, -0.33 [-0.56, -0.03], is marked interval_only."""
    prevalence, pairs = compare_level(_presence(COUNTS), ["a", "b"])
    starter = pairs.set_index("code").loc["conversation_starter"]
    assert starter["diff_low"] < starter["diff_high"] < 0 and not starter["significant"]
    assert starter["marker"] == "interval_only"
    excludes = (pairs["diff_low"] > 0) | (pairs["diff_high"] < 0)
    assert (pairs.loc[excludes & ~pairs["significant"], "marker"] == "interval_only").all()
    assert (pairs.loc[pairs["marker"] == "none", "diff_low"] <= 0).all()
    assert (pairs.loc[pairs["marker"] == "none", "diff_high"] >= 0).all()
    assert (prevalence.drop_duplicates("code")["marker"].to_numpy() == pairs["marker"].to_numpy()).all()


def test_markers():
    markers = difference_markers(
        np.array([True, False, False, False]),
        np.array([0.1, -0.56, -0.2, np.nan]),
        np.array([0.5, -0.03, 0.1, np.nan]),
    )
    assert markers.tolist() == ["significant", "interval_only", "none", "none"]


def test_newcombe_at_the_fcr_level_is_wider():
    assert newcombe_interval(17, 21, 4, 21, 0.99)[0] < newcombe_interval(17, 21, 4, 21, 0.95)[0]
