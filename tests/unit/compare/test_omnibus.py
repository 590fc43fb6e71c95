"""The Freeman–Halton test of a 2 x k table against hand computations, R and Fisher's exact test."""

from math import comb

import numpy as np
import pytest

from thematica.compare.omnibus import count_tables, freeman_halton
from thematica.compare.stats import fisher_exact


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        # k = (2, 0, 1) of n = (2, 2, 2): C(6, 3) = 20 tables' worth of weight; the observed table has
        # weight C(2,2) C(2,0) C(2,1) = 2 like the five other orderings of (2, 1, 0); (1, 1, 1) has 8,
        # so p = 6 * 2 / 20.
        ((2, 0, 1), (2, 2, 2), 12 / 20),
        # k = (3, 0, 0) of n = (3, 3, 3): weights 1 for the three orderings of (3, 0, 0), 9 for the six
        # of (2, 1, 0), 27 for (1, 1, 1), total C(9, 3) = 84; p = 3 / 84.
        ((3, 0, 0), (3, 3, 3), 3 / 84),
        # (1, 1, 1): the most likely table, so every table counts.
        ((1, 1, 1), (3, 3, 3), 1.0),
    ],
)
def test_hand_computed_tables(k, n, expected):
    p, test = freeman_halton(k, n)
    assert test == "freeman_halton"
    assert p == pytest.approx(expected, rel=1e-12)


def test_r_fisher_test_of_a_2_by_3_table():
    """R 4.5.2: fisher.test(matrix(c(10, 5, 8, 12, 6, 7), nrow = 2))$p.value = 0.3770904526630931
    (the table [[10, 8, 6], [5, 12, 7]], as recorded in pystatistics' tests/hypothesis/test_fisher.py)."""
    p, _ = freeman_halton([10, 8, 6], [15, 20, 13])
    assert p == pytest.approx(0.3770904526630931, rel=1e-9)


@pytest.mark.parametrize("table", [(3, 4, 1, 4), (17, 21, 5, 21), (0, 10, 6, 15), (6, 21, 13, 21)])
def test_two_groups_is_fishers_exact_test(table):
    k1, n1, k2, n2 = table
    assert freeman_halton([k1, k2], [n1, n2])[0] == pytest.approx(fisher_exact(*table), rel=1e-9)


def _bruteforce(k, n):
    """Every table by nested loops, in exact integer arithmetic (independent of the module)."""
    total = sum(k)
    weight = [comb(nj, kj) for kj, nj in zip(k, n, strict=True)]
    observed = np.prod(weight)
    tables = []

    def walk(j, left, w):
        if j == len(n) - 1:
            if left <= n[j]:
                tables.append(w * comb(n[j], left))
            return
        for x in range(min(n[j], left) + 1):
            walk(j + 1, left - x, w * comb(n[j], x))

    walk(0, total, 1)
    assert sum(tables) == comb(sum(n), total)
    return sum(t for t in tables if t <= observed) / comb(sum(n), total)


@pytest.mark.parametrize(
    ("k", "n"), [((4, 9, 2), (12, 11, 9)), ((0, 3, 7, 2), (8, 8, 9, 7)), ((5, 5, 5, 5, 1), (6, 6, 6, 6, 6))]
)
def test_against_enumeration_in_integers(k, n):
    assert freeman_halton(k, n)[0] == pytest.approx(_bruteforce(k, n), rel=1e-9)


def test_monte_carlo_beyond_the_limit_is_seeded_and_close():
    k, n = [10, 8, 6], [15, 20, 13]
    assert count_tables(n, sum(k)) > 10
    p1, test = freeman_halton(k, n, max_tables=10, seed="20261123:code:x")
    p2, _ = freeman_halton(k, n, max_tables=10, seed="20261123:code:x")
    p3, _ = freeman_halton(k, n, max_tables=10, seed="20261123:code:y")
    assert test == "freeman_halton_monte_carlo" and p1 == p2 and p1 != p3
    assert p1 == pytest.approx(0.3770904526630931, abs=0.01)  # 6.5 standard errors of 100,000 draws


def test_empty_groups_add_nothing_and_one_group_has_no_test():
    assert freeman_halton([2, 0, 1, 0], [2, 2, 2, 0])[0] == pytest.approx(0.6)
    assert np.isnan(freeman_halton([2, 0], [2, 0])[0])
    with pytest.raises(ValueError, match="0..n"):
        freeman_halton([3, 1], [2, 2])
