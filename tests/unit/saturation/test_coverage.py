"""Chao2, sample coverage and extrapolation (iNEXT's incidence formulas) on hand-worked cases.

The worked case: T = 5 interviews, incidence frequencies y = (1, 1, 1, 2, 2, 3, 5), so S_obs = 7,
U = 15, Q1 = 3, Q2 = 2. By hand:

- Q0 = (T-1)/T * Q1^2 / (2 Q2) = 0.8 * 9 / 4 = 1.8, Chao2 = 8.8;
- var = Q2 [w (Q1/Q2)^2 / 2 + w^2 (Q1/Q2)^3 + w^2 (Q1/Q2)^4 / 4], w = 0.8:
  2 [0.8 * 2.25 / 2 + 0.64 * 3.375 + 0.64 * 5.0625 / 4] = 2 (0.9 + 2.16 + 0.81) = 7.74, s.e. = 2.782086;
- log-normal interval: K = exp(1.959964 sqrt(ln(1 + 7.74 / 1.8^2))) = 8.717498,
  (7 + 1.8 / K, 7 + 1.8 K) = (7.206489, 22.690934);
- A = (T-1) Q1 / ((T-1) Q1 + 2 Q2) = 12 / 16 = 0.75, coverage C(T) = 1 - Q1/U * A = 1 - 0.2 * 0.75 = 0.85;
- C(T + m) = 1 - 0.2 * 0.75^(m+1): 90% needs 0.75^(m+1) = 0.5, m = ln 0.5 / ln 0.75 - 1 = 1.409421,
  so 2 further interviews, after which S(7) = 7 + 1.8 (1 - 0.75^2) = 7.7875 codes are expected;
  95% needs 0.75^(m+1) = 0.25, m = 3.818842, so 4 further interviews and S(9) = 7 + 1.8 (1 - 0.75^4)
  = 8.23046875 codes.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from thematica.saturation.accumulation import expected_accumulation
from thematica.saturation.coverage import chao2, coverage, extra_for_coverage, frequencies, richness
from thematica.saturation.extrapolation import coverage_analysis

Y = np.array([1, 1, 1, 2, 2, 3, 5])
T = 5


def test_worked_case_chao2_and_interval():
    r = chao2(Y, T)
    assert r.observed == 7
    assert r.estimate == pytest.approx(8.8, abs=1e-12)
    assert r.se == pytest.approx(7.74**0.5, abs=1e-12)
    assert (r.low, r.high) == pytest.approx((7.206489, 22.690934), abs=1e-5)


def test_worked_case_coverage_and_further_interviews():
    f = frequencies(Y, T)
    assert (f.U, f.S_obs, f.Q1, f.Q2) == (15, 7, 3, 2)
    assert (f.Q0, f.A) == pytest.approx((1.8, 0.75))
    assert coverage(Y, T, [T])[0] == pytest.approx(0.85, abs=1e-12)
    assert extra_for_coverage(Y, T, 0.9) == pytest.approx(1.409421, abs=1e-6)
    assert extra_for_coverage(Y, T, 0.95) == pytest.approx(3.818842, abs=1e-6)
    assert coverage(Y, T, [T + 1.409421])[0] == pytest.approx(0.9, abs=1e-6)
    assert richness(Y, T, [7, 9]) == pytest.approx([7.7875, 8.23046875], abs=1e-12)
    result = coverage_analysis(
        Y, T, targets=[0.9, 0.95], endpoint=10, n_bootstrap=0, rng=np.random.default_rng(0)
    )
    assert [r["extra"] for r in result.targets] == [2, 4]
    assert [r["codes"] for r in result.targets] == pytest.approx([7.7875, 8.23046875])


def test_bias_corrected_chao2_when_there_are_no_doubletons():
    # Q1 = 3, Q2 = 0, T = 4: Q0 = 3/4 * 3 * 2 / 2 = 2.25, Chao2 = 4 + 2.25; A = 3*2 / (3*2 + 2) = 0.75;
    # coverage = 1 - 3/6 * 0.75 = 0.625
    y = np.array([1, 1, 1, 3])
    assert chao2(y, 4).estimate == pytest.approx(6.25)
    assert frequencies(y, 4).A == pytest.approx(0.75)
    assert coverage(y, 4, [4])[0] == pytest.approx(0.625)
    # variance (iNEXT): w Q1 (Q1-1)/2 + w^2 Q1 (2 Q1 - 1)^2 / 4 - w^2 Q1^4 / 4 / S, w = 3/4
    var = 0.75 * 3 + 0.5625 * 3 * 25 / 4 - 0.5625 * 81 / 4 / 6.25
    assert chao2(y, 4).se == pytest.approx(var**0.5)


def test_no_singletons_means_complete_coverage():
    y = np.array([2, 3, 4])
    r = chao2(y, 4)
    assert r.estimate == 3 and r.low == 3
    assert coverage(y, 4, [4, 8]).tolist() == [1.0, 1.0]
    assert extra_for_coverage(y, 4, 0.95) == 0.0
    assert richness(y, 4, [8])[0] == 3.0


def test_rarefied_richness_is_the_exact_random_order_mean():
    matrix = np.array([[1, 0, 1, 0, 1], [1, 1, 0, 0, 0], [0, 0, 0, 1, 0], [0, 1, 1, 1, 1]])
    y = matrix.sum(axis=1)
    assert richness(y, 5, np.arange(1, 6)) == pytest.approx(expected_accumulation(y, 5))


def test_rarefied_coverage_against_brute_force_over_subsets():
    # C(t) = 1 - (1/U) sum over interviews u and codes i in u of P(a random t-subset of the other
    # interviews misses code i): the share of the next interview's incidences already seen.
    matrix = np.array(
        [[1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1]]
    )
    y, n = matrix.sum(axis=1), matrix.shape[1]
    for t in range(1, n):
        missed = 0.0
        for u in range(n):
            others = [v for v in range(n) if v != u]
            subsets = list(itertools.combinations(others, t))
            for i in np.flatnonzero(matrix[:, u]):
                missed += np.mean([not matrix[i, list(s)].any() for s in subsets])
        assert coverage(y, n, [t])[0] == pytest.approx(1 - missed / y.sum(), abs=1e-12)


def test_extrapolation_starts_at_the_reference_sample():
    assert richness(Y, T, [T, T + 1e-9])[1] == pytest.approx(7.0, abs=1e-6)
    assert coverage(Y, T, [T + 1e-9])[0] == pytest.approx(coverage(Y, T, [T])[0], abs=1e-6)
    assert richness(Y, T, [1000])[0] == pytest.approx(8.8, abs=1e-9)  # -> Chao2
