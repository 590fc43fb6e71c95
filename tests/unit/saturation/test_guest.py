"""Guest, Namey & Chen (2020): hand-worked base/run/threshold cases and the edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from thematica.saturation.accumulation import accumulation, permutation_curves
from thematica.saturation.guest import guest_saturation, run_shares, saturation_points


def _matrix(new_per_interview: list[int]) -> np.ndarray:
    """A codes x interviews matrix in which each interview voices its new codes (and code 0 again)."""
    n_codes = sum(new_per_interview)
    matrix = np.zeros((n_codes, len(new_per_interview)), dtype=int)
    start = 0
    for j, k in enumerate(new_per_interview):
        matrix[start : start + k, j] = 1
        start += k
    if n_codes:
        matrix[0, :] = 1
    return matrix


def test_known_n_plus_r_from_a_hand_made_matrix():
    # base (interviews 1-4): 4+3+2+1 = 10 codes. Runs of 2 after interview n:
    # n=4: 5-6 add 1+1 = 2 -> 20%; n=5: 6-7 add 1+0 -> 10%; n=6: 7-8 add 0 -> 0% <= 5%: saturation "6+2".
    matrix = _matrix([4, 3, 2, 1, 1, 1, 0, 0, 1])
    new, cumulative = accumulation(matrix)
    assert new.tolist() == [4, 3, 2, 1, 1, 1, 0, 0, 1]
    result = guest_saturation(cumulative, base_size=4, run_length=2, threshold=0.05)
    assert (result.status, result.label, result.n, result.base_codes) == ("reached", "6+2", 6, 10)
    shares = run_shares(cumulative, 4, 2)
    assert shares[3:7] == pytest.approx([0.2, 0.1, 0.0, 0.1])
    assert np.isnan(shares[:3]).all() and np.isnan(shares[7:]).all()


def test_threshold_is_inclusive_and_zero_is_stricter():
    # base of 20 codes; the run after interview 4 adds 1 code = exactly 5%
    cumulative = np.cumsum([5, 5, 5, 5, 1, 0, 1, 0, 0])
    assert guest_saturation(cumulative, 4, 2, 0.05).label == "4+2"
    assert guest_saturation(cumulative, 4, 2, 0.0).label == "7+2"
    assert guest_saturation(cumulative, 4, 3, 0.0).label == "not reached"


def test_not_reached_when_every_run_adds_too_much():
    cumulative = np.cumsum([3, 2, 2, 2, 2, 2, 2])
    result = guest_saturation(cumulative, 4, 2, 0.05)
    assert (result.status, result.label, result.n) == ("not reached", "not reached", None)
    assert "more than 5%" in result.note and "9 base codes" in result.note


@pytest.mark.parametrize(
    ("cumulative", "note"),
    [
        ([], "only 0 interviews; base size 4 + run length 2 needs at least 6"),
        ([3], "only 1 interview; base size 4 + run length 2 needs at least 6"),
        ([3, 4, 5, 5, 5], "only 5 interviews; base size 4 + run length 2 needs at least 6"),
        ([0, 0, 0, 0, 0, 0, 0], "no codes in the first 4 interviews"),
        ([0, 0, 0, 0, 2, 2, 2], "no codes in the first 4 interviews"),
    ],
)
def test_edge_cases_are_not_assessable_with_a_reason(cumulative, note):
    result = guest_saturation(np.array(cumulative, dtype=int), 4, 2, 0.05)
    assert result.status == "not assessable" and result.label == "not assessable" and result.n is None
    assert result.note == note


def test_permutation_points_match_the_single_order_rule():
    matrix = _matrix([4, 3, 2, 1, 1, 1, 0, 0, 1, 0, 2, 0])
    curves = permutation_curves(matrix, 200, np.random.default_rng(11))
    points = saturation_points(curves, 4, 2, 0.05)
    for curve, point in zip(curves, points, strict=True):
        result = guest_saturation(curve, 4, 2, 0.05)
        assert (result.n is None and np.isnan(point)) or result.n == point
    assert np.isfinite(points).any()


def test_base_and_run_of_one():
    assert guest_saturation(np.array([2, 3, 3]), 1, 1, 0.0).label == "2+1"
