"""iNEXT's bootstrap on the worked case of test_coverage: detection probabilities by hand, seeded intervals
that bracket the estimates, and degenerate samples."""

from __future__ import annotations

import numpy as np
import pytest

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
