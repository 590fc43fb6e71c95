from math import comb

import numpy as np
import pytest

from thematica.compare.stats import benjamini_hochberg, fisher_exact, odds_ratio, wilson_interval


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score, no correction).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_matches_newcombe_1998(k, n, low, high):
    lo, hi = wilson_interval(k, n)
    assert (round(lo, 4), round(hi, 4)) == (low, high)


def test_wilson_vectorised_and_empty_group():
    low, high = wilson_interval(np.array([0, 5]), np.array([0, 10]))
    assert np.isnan(low[0]) and np.isnan(high[0]) and round(low[1], 4) == 0.2366


def _fisher_bruteforce(k1, n1, k2, n2):
    """Two-sided Fisher p by enumerating the hypergeometric distribution (independent of scipy)."""
    total_k, total = k1 + k2, n1 + n2

    def prob(x):
        return comb(n1, x) * comb(n2, total_k - x) / comb(total, total_k)

    observed = prob(k1)
    support = range(max(0, total_k - n2), min(n1, total_k) + 1)
    return sum(prob(x) for x in support if prob(x) <= observed * (1 + 1e-7))


@pytest.mark.parametrize(
    "table", [(3, 4, 1, 4), (17, 21, 5, 21), (0, 10, 6, 15), (9, 10, 9, 15), (2, 21, 2, 21)]
)
def test_fisher_against_enumeration(table):
    assert fisher_exact(*table) == pytest.approx(_fisher_bruteforce(*table), rel=1e-9)


def test_odds_ratio_and_correction():
    assert odds_ratio(17, 21, 5, 21) == pytest.approx((17 * 16) / (4 * 5))
    assert odds_ratio(0, 10, 5, 10) == pytest.approx((0.5 * 5.5) / (10.5 * 5.5))


def test_benjamini_hochberg_hand_computed():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan])
    adjusted = benjamini_hochberg(p)
    assert adjusted[:4].round(6).tolist() == [0.02, 0.04, 0.04, 0.02] and np.isnan(adjusted[4])
    assert benjamini_hochberg(np.array([0.9, 0.95])).tolist() == [0.95, 0.95]


@pytest.mark.parametrize(
    ("table", "expected"),
    # Newcombe (1998b), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score).
    [
        ((56, 70, 48, 80), (0.0524, 0.3339)),
        ((9, 10, 3, 10), (0.1705, 0.8090)),
        ((5, 56, 0, 29), (-0.0381, 0.1926)),
        ((0, 10, 0, 20), (-0.1611, 0.2775)),
        ((10, 10, 0, 10), (0.6075, 1.0)),
    ],
)
def test_newcombe_difference_interval(table, expected):
    from thematica.compare.stats import newcombe_interval

    assert tuple(round(x, 4) for x in newcombe_interval(*table)) == expected
