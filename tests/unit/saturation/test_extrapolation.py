"""iNEXT's bootstrap on the worked case of test_coverage: detection probabilities by hand, seeded intervals
that bracket the estimates, degenerate samples, and richness bounds never below the codes observed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.saturation.test_coverage import T, Y
from thematica.saturation.extrapolation import (
    bootstrap_frequencies,
    coverage_analysis,
    detection_probabilities,
)


def test_detection_probabilities_by_hand():
    # Q0 = 1.8 -> 2 undetected codes; A = 0.75, a = Q1/T * A = 0.45;
    # b = sum y/T (1 - y/T)^T = 3 * 0.2 * 0.8^5 + 2 * 0.4 * 0.6^5 + 0.6 * 0.4^5 = 0.26496, w = a / b
    p = detection_probabilities(Y, T)
    w = 0.45 / 0.26496
    expected = [0.2 * (1 - w * 0.8**5)] * 3 + [0.4 * (1 - w * 0.6**5)] * 2 + [0.6 * (1 - w * 0.4**5), 1.0]
    assert p[:7] == pytest.approx(expected, abs=1e-12)
    assert p[7:] == pytest.approx([0.225, 0.225])


def test_bootstrap_is_seeded_and_brackets_the_estimates():
    a = coverage_analysis(Y, T, targets=[0.9], endpoint=10, n_bootstrap=300, rng=np.random.default_rng(5))
    b = coverage_analysis(Y, T, targets=[0.9], endpoint=10, n_bootstrap=300, rng=np.random.default_rng(5))
    assert a.targets == b.targets and a.coverage_low == b.coverage_low
    assert a.n_bootstrap == 300
    assert a.coverage_low <= a.coverage <= a.coverage_high
    curve = a.curve
    assert (curve["richness_low"] <= curve["richness"] + 1e-12).all()
    assert (curve["richness"] <= curve["richness_high"] + 1e-12).all()
    assert curve["t"].tolist() == list(range(1, 11))
    row = a.targets[0]
    assert row["extra_low"] <= row["extra"] <= row["extra_high"]
    draws = bootstrap_frequencies(Y, T, 50, np.random.default_rng(1))
    assert draws.shape[1] == 9 and (draws <= T).all() and (draws.sum(axis=1) > 0).all()


@pytest.mark.parametrize(("y", "t", "note"), [([], 5, "no codes were applied"), ([1, 1], 1, "at least two")])
def test_degenerate_samples_give_nan_and_a_note(y, t, note):
    result = coverage_analysis(
        np.array(y, int), t, targets=[0.9], endpoint=2 * t, n_bootstrap=20, rng=np.random.default_rng(0)
    )
    assert note in result.note
    assert np.isnan(result.coverage) and np.isnan(result.targets[0]["extra"])
    assert result.chao2.estimate == len(y)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=1, max_size=15)
        )
    ),
    st.integers(0, 2**32 - 1),
)
def test_richness_beyond_the_sample_never_falls_below_the_codes_observed(case, seed):
    # the band of the curve that continues these interviews, the codes expected after the further
    # interviews and the Chao2 interval all hold at least the codes already voiced
    n, rows = case
    y = np.array(rows, dtype=int).sum(axis=1)
    observed = int((y > 0).sum())
    result = coverage_analysis(
        y, n, targets=[0.9, 0.95], endpoint=2 * n, n_bootstrap=30, rng=np.random.default_rng(seed)
    )
    curve = result.curve
    beyond = curve["t"] >= n
    low = curve["richness_low"][beyond]
    assert (low[~np.isnan(low)] >= observed).all()
    assert (curve["richness"][beyond] >= observed - 1e-9).all()
    for row in result.targets:
        assert np.isnan(row["codes_low"]) or row["codes_low"] >= observed
    assert result.chao2.low >= observed and result.chao2.high >= result.chao2.estimate >= observed


def test_a_bootstrap_band_that_would_fall_below_the_observed_is_clipped():
    # 8 codes observed, five of them once: iNEXT's unclipped band dips below 8 beyond the sample
    y = np.array([1, 1, 1, 1, 1, 2, 3, 6])
    result = coverage_analysis(
        y, 6, targets=[0.9], endpoint=12, n_bootstrap=200, rng=np.random.default_rng(1)
    )
    beyond = result.curve["t"] >= 6
    assert result.curve["richness_low"][beyond].min() == 8.0  # clipped at the reference sample
    assert (result.curve["richness_high"][beyond] > 8).all()
