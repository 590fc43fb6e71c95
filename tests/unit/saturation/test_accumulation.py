"""Accumulation curves: hand-counted new codes, the exact random-order mean against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import comb

import numpy as np
import pytest

from thematica.saturation.accumulation import (
    accumulation,
    band,
    expected_accumulation,
    first_appearance,
    permutation_curves,
)

# codes x interviews; new codes by interview (read off the columns): 2, 1, 0, 1, 0, 1
MATRIX = np.array(
    [
        [1, 0, 1, 0, 1, 1],  # a: first in interview 1
        [1, 1, 0, 0, 0, 0],  # b: 1
        [0, 1, 1, 1, 0, 1],  # c: 2
        [0, 0, 0, 1, 0, 0],  # d: 4
        [0, 0, 0, 0, 0, 1],  # e: 6
        [0, 0, 0, 0, 0, 0],  # f: never
    ]
)


def test_new_and_cumulative_codes_per_interview():
    new, cumulative = accumulation(MATRIX)
    assert new.tolist() == [2, 1, 0, 1, 0, 1]
    assert cumulative.tolist() == [2, 3, 3, 4, 4, 5]
    assert first_appearance(MATRIX).tolist() == [0, 0, 1, 3, 5, -1]


def _brute_force_mean(matrix: np.ndarray) -> list[Fraction]:
    n = matrix.shape[1]
    totals = [Fraction(0)] * n
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        _, cumulative = accumulation(matrix[:, list(order)])
        totals = [t + int(c) for t, c in zip(totals, cumulative, strict=True)]
    return [t / len(orders) for t in totals]


def test_exact_mean_equals_brute_force_over_all_orderings():
    exact = expected_accumulation(MATRIX.sum(axis=1), MATRIX.shape[1])
    brute = _brute_force_mean(MATRIX)  # 720 orderings
    assert exact == pytest.approx([float(b) for b in brute], abs=1e-12)


def test_exact_mean_by_hand_on_a_tiny_case():
    # 3 interviews; code x in 1 of them, y in 2:
    # E[S_1] = 1/3 + 2/3 = 1, E[S_2] = (1 - 1/3) + 1 = 5/3, E[S_3] = 2
    exact = expected_accumulation(np.array([1, 2]), 3)
    assert exact.tolist() == pytest.approx([1.0, 5 / 3, 2.0], abs=1e-14)
    # the closed form with exact integers
    for k in (1, 2, 3):
        value = sum(1 - Fraction(comb(3 - f, k), comb(3, k)) for f in (1, 2))
        assert exact[k - 1] == pytest.approx(float(value), abs=1e-14)


def test_permutation_curves_are_seeded_monotone_and_centred_on_the_exact_mean():
    a = permutation_curves(MATRIX, 4000, np.random.default_rng(7))
    b = permutation_curves(MATRIX, 4000, np.random.default_rng(7))
    assert np.array_equal(a, b)
    assert (np.diff(a, axis=1) >= 0).all() and (a[:, -1] == 5).all()
    exact = expected_accumulation(MATRIX.sum(axis=1), 6)
    assert a.mean(axis=0) == pytest.approx(exact, abs=0.06)
    low, high = band(a, 0.95)
    assert (low <= exact + 1e-9).all() and (exact <= high + 1e-9).all()
    assert not np.array_equal(a, permutation_curves(MATRIX, 4000, np.random.default_rng(8)))


def test_permutations_agree_with_a_direct_reordering():
    rng = np.random.default_rng(3)
    curves = permutation_curves(MATRIX, 5, np.random.default_rng(3))
    orders = rng.permuted(np.tile(np.arange(6), (5, 1)), axis=1)
    for order, curve in zip(orders, curves, strict=True):
        assert accumulation(MATRIX[:, order])[1].tolist() == curve.tolist()


@pytest.mark.parametrize("shape", [(0, 4), (3, 0), (3, 1)])
def test_edge_shapes_give_empty_or_trivial_curves(shape):
    matrix = np.ones(shape, dtype=int)
    new, cumulative = accumulation(matrix)
    assert len(new) == shape[1] == len(cumulative)
    assert len(expected_accumulation(matrix.sum(axis=1), shape[1])) == shape[1]
    curves = permutation_curves(matrix, 10, np.random.default_rng(0))
    assert curves.shape == (10, shape[1])
    if shape == (3, 1):
        assert cumulative.tolist() == [3] and expected_accumulation(np.array([1, 1, 1]), 1).tolist() == [3.0]
