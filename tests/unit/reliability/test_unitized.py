"""Alpha for unitizing: Krippendorff's 1995 and 2004 worked examples, the 2016 paper's, pooling rules."""

from __future__ import annotations

import itertools
from fractions import Fraction

import krippendorff
import numpy as np
import pandas as pd
import pytest

from thematica.reliability.unitized import (
    Continuum,
    alpha_u,
    continua_from_spans,
    merge_overlaps,
    u_alpha,
)


def _units(*pairs: tuple[int, int]) -> np.ndarray:
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _from_lengths(*pairs: tuple[int, int], stretch: int = 1) -> np.ndarray:
    """Units given as (beginning, length) on a grid, as Krippendorff draws them."""
    return _units(*[(b * stretch, (b + n) * stretch) for b, n in pairs])


# Krippendorff (2004, p. 254): two observers, categories c and k, continuum 150..450 (shifted to 0..300).
C_2004 = Continuum(300, [_units((75, 145), (220, 250)), _units((70, 150), (205, 225), (250, 270))])
K_2004 = Continuum(300, [_units((30, 90), (150, 200)), _units((30, 90), (150, 200))])


def test_krippendorff_2004_example_to_printed_precision():
    c, k = alpha_u([C_2004]), alpha_u([K_2004])
    assert (round(c.observed, 4), round(c.expected, 4), round(c.alpha, 4)) == (0.0144, 0.0532, 0.7286)
    assert (round(k.observed, 4), round(k.expected, 4), round(k.alpha, 4)) == (0.0, 0.0490, 1.0)
    # the book's overall alpha_U = 1 - (.0144 + 0) / (.0532 + .0490) = .8591, from the rounded disagreements
    rounded = 1 - (round(c.observed, 4) + round(k.observed, 4)) / (
        round(c.expected, 4) + round(k.expected, 4)
    )
    assert round(rounded, 4) == 0.8591
    assert 1 - (c.observed + k.observed) / (c.expected + k.expected) == pytest.approx(0.8591, abs=5e-4)


def _example_1995(stretch: int) -> dict[str, Continuum]:
    """Krippendorff (1995, p. 57): four pairs of observers on a continuum of 24."""
    s = stretch
    return {
        "A": Continuum(
            24 * s, [_from_lengths((2, 8), (14, 6), stretch=s), _from_lengths((4, 4), (15, 2), stretch=s)]
        ),
        "B": Continuum(
            24 * s,
            [
                _from_lengths((0, 18), stretch=s),
                _from_lengths((0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1), stretch=s),
            ],
        ),
        "C": Continuum(
            24 * s,
            [
                _from_lengths((2, 6), (10, 2), (14, 4), (20, 2), stretch=s),
                _from_lengths((0, 2), (4, 4), (10, 4), (16, 2), (20, 2), stretch=s),
            ],
        ),
        "D": Continuum(
            24 * s,
            [
                _from_lengths((0, 2), (2, 8), (10, 4), (14, 6), (20, 4), stretch=s),
                _from_lengths((0, 4), (4, 4), (8, 7), (15, 2), (17, 7), stretch=s),
            ],
        ),
    }


def test_krippendorff_1995_examples():
    """Observed disagreements exactly; alphas in the continuous limit of the discrete formula.

    The paper computes with continuous lengths and, as noted by others reproducing it, its expected
    disagreement carries a small slip; the printed alphas are .553, -.926, .679 and .066.
    """
    observed = {name: alpha_u([c]).observed for name, c in _example_1995(1).items()}
    assert observed == pytest.approx({"A": 0.03125, "B": 2.26736, "C": 0.02778, "D": 0.38715}, abs=5e-6)
    limit = {name: alpha_u([c]).alpha for name, c in _example_1995(50_000).items()}
    assert limit == pytest.approx({"A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066}, abs=0.02)
    assert limit["A"] == pytest.approx(0.553, abs=1e-3) and limit["D"] == pytest.approx(0.066, abs=1e-3)


def test_alpha_u_is_one_for_identical_coders_and_undefined_without_units():
    same = Continuum(
        100, [_units((10, 20), (40, 70)), _units((10, 20), (40, 70)), _units((10, 20), (40, 70))]
    )
    assert alpha_u([same]).alpha == pytest.approx(1.0)
    assert np.isnan(alpha_u([Continuum(50, [_units(), _units()])]).alpha)


def test_alpha_u_skips_unpairable_continua_and_pools_the_rest():
    lone = Continuum(80, [_units((0, 40))])
    assert alpha_u([C_2004, lone]).alpha == pytest.approx(alpha_u([C_2004]).alpha)
    pooled = alpha_u([C_2004, K_2004])
    assert pooled.pairable_length == 1200 and pooled.n_units == 9
    assert min(alpha_u([C_2004]).alpha, 1.0) <= pooled.alpha <= 1.0


def test_alpha_u_penalises_a_missed_unit():
    hit = Continuum(100, [_units((10, 30)), _units((10, 30))])
    missed = Continuum(100, [_units((10, 30), (60, 80)), _units((10, 30))])
    assert alpha_u([missed]).alpha < alpha_u([hit]).alpha == pytest.approx(1.0)


def test_u_alpha_hand_computed_case():
    """L = 10, coder 1 marks [2, 6), coder 2 [3, 6): ell = [[12, 1], [1, 6]], S_gap = 13, S_a = 25.

    eps_gap,gap = 20 (13^2 - 13) / (400 - 38), eps_aa = 20 (7^2 - 25) / 362, so
    u-alpha = 1 - 2 / (20 - 3600/362) = 729/910.
    """
    result = u_alpha([Continuum(10, [[(2, 6, "a")], [(3, 6, "a")]])])
    assert result.observed.tolist() == [[12.0, 1.0], [1.0, 6.0]]
    assert result.u_alpha == pytest.approx(729 / 910)
    assert result.bar_u_alpha == pytest.approx(729 / 910)
    assert result.expected.sum() == pytest.approx(20.0)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_u_alpha_of_unit_length_sections_is_ordinary_nominal_alpha(seed):
    """Every section one position long: u-alpha is nominal alpha of the positions x coders matrix."""
    rng = np.random.default_rng(seed)
    length, coders = 40, 3
    grid = rng.choice([0, 1, 2], size=(coders, length), p=[0.5, 0.3, 0.2])
    grid[1] = np.where(rng.random(length) < 0.7, grid[0], grid[1])
    spans = [[(x, x + 1, f"v{v}") for x, v in enumerate(row) if v] for row in grid]
    result = u_alpha([Continuum(length, spans)])
    expected = krippendorff.alpha(reliability_data=grid.astype(float), level_of_measurement="nominal")
    assert result.u_alpha == pytest.approx(expected, abs=1e-12)
    relevant = (grid > 0).astype(float)
    binary = krippendorff.alpha(reliability_data=relevant, level_of_measurement="nominal")
    assert result.bar_u_alpha == pytest.approx(binary, abs=1e-12)


def test_u_alpha_matches_an_independent_implementation():
    """Cross-check with lindanna/unitized_alpha on GitHub (a Python implementation of the 2016 paper).

    Its README prints ``u alpha: 0.474`` and ``bu_alpha: 0.433`` as the output of the example in the
    ``__main__`` block of its ``unitized_alpha.py``: these spans (``[start, end)``) on a continuum of 20.
    """
    spans = {
        "Alex": [(2, 5, "1"), (9, 11, "1"), (12, 20, "2")],
        "Paul": [(2, 5, "1"), (7, 15, "2")],
        "Susan": [(2, 5, "1"), (10, 15, "2")],
    }
    result = u_alpha([Continuum(20, list(spans.values()))])
    assert round(result.u_alpha, 3) == 0.474 and round(result.bar_u_alpha, 3) == 0.433


# Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of unitizing textual continua:
# Further developments", Quality & Quantity 50:2347-2364, worked example (also Krippendorff 2019, Content
# Analysis, 4th ed., section 12.6, Figure 12.11): three observers on a continuum of 60, as inclusive 1-based
# positions -> value. Alex's 33-37 and 38-44 (and Suzan's 33-37, 38-41, 42-44) are separate units of one
# value.
PUBLISHED_2016 = {
    "Alex": [(1, 7, "1"), (8, 13, "2"), (31, 32, "5"), (33, 37, "6"), (38, 44, "6"), (45, 60, "7")],
    "Paul": [(1, 7, "1"), (8, 13, "3"), (14, 21, "5"), (33, 44, "6")],
    "Suzan": [(1, 7, "1"), (8, 13, "4"), (14, 21, "5"), (33, 37, "6"), (38, 41, "6"), (42, 44, "6")],
}


def _half_open(units):
    """Inclusive 1-based positions ``first..last`` are the 0-based half-open ``[first - 1, last)``."""
    return [(first - 1, last, value) for first, last, value in units]


def test_u_alpha_reproduces_the_published_example():
    """u-alpha = .510 (0.50998) and |u-alpha = .414 (0.41360).

    An independent R implementation tests the same example against .510 and .413 (tolerance .002):
    quallmer (github.com/quallmer/quallmer), ``tests/testthat/test-alpha_u.R``, citing Krippendorff (2019,
    p. 340).
    """
    result = u_alpha([Continuum(60, [_half_open(u) for u in PUBLISHED_2016.values()])])
    assert round(result.u_alpha, 3) == 0.510 and result.u_alpha == pytest.approx(0.50998, abs=5e-6)
    assert round(result.bar_u_alpha, 3) == 0.414 and result.bar_u_alpha == pytest.approx(0.41360, abs=5e-6)
    assert result.observed.sum() == pytest.approx(3 * 60)  # ell_.. = m L
    assert result.values[0] is None and sorted(result.values[1:]) == ["1", "2", "3", "4", "5", "6", "7"]


def test_published_example_position_by_position():
    """The same coefficients from coincidences counted position by position, in exact fractions.

    ``ell_ck``: each position where observer i has value c and observer j != i value k adds 1/(m - 1);
    ``S_c``: squared lengths of the units of value c, lengths of the gaps; then eq. 4 and 5 of the paper.
    """
    length, m = 60, len(PUBLISHED_2016)
    at = []  # per observer: the value of each position, "" in a gap
    sizes: dict[str, Fraction] = {}
    for units in PUBLISHED_2016.values():
        row = [""] * length
        for first, last, value in units:
            row[first - 1 : last] = [value] * (last - first + 1)
            sizes[value] = sizes.get(value, Fraction(0)) + (last - first + 1) ** 2
        gaps = "".join("g" if v == "" else "u" for v in row).split("u")
        sizes[""] = sizes.get("", Fraction(0)) + sum(len(g) for g in gaps)
        at.append(row)
    values = sorted(sizes)
    ell = {(c, k): Fraction(0) for c in values for k in values}
    for i, j in itertools.permutations(range(m), 2):
        for x in range(length):
            ell[at[i][x], at[j][x]] += Fraction(1, m - 1)
    total = sum(ell.values())
    margin = {c: sum(ell[c, k] for k in values) for c in values}
    denominator = total**2 - sum(sizes.values())
    eps = {
        (c, k): total * (margin[c] * margin[k] - (sizes[c] if c == k else 0)) / denominator
        for c in values
        for k in values
    }
    u = 1 - (total - sum(ell[c, c] for c in values)) / (total - sum(eps[c, c] for c in values))
    relevant = [c for c in values if c]
    bar = 1 - sum(ell["", k] for k in relevant) / sum(eps["", k] for k in relevant)
    result = u_alpha([Continuum(length, [_half_open(u) for u in PUBLISHED_2016.values()])])
    assert result.u_alpha == pytest.approx(float(u), abs=1e-12)
    assert result.bar_u_alpha == pytest.approx(float(bar), abs=1e-12)
    assert (round(float(u), 5), round(float(bar), 5)) == (0.50998, 0.41360)


def test_published_example_keeps_adjacent_units_of_one_value_apart():
    """Merging Alex's 33-37 and 38-44 (and Suzan's three) into one unit of 6 would give other values.

    The paper's .510 needs them as separate units: a touching boundary is a unit boundary. The pipeline's
    path (spans table -> :func:`continua_from_spans`) keeps touching spans apart too.
    """
    merged = dict(PUBLISHED_2016)
    merged["Alex"] = [(1, 7, "1"), (8, 13, "2"), (31, 32, "5"), (33, 44, "6"), (45, 60, "7")]
    merged["Suzan"] = [(1, 7, "1"), (8, 13, "4"), (14, 21, "5"), (33, 44, "6")]
    other = u_alpha([Continuum(60, [_half_open(u) for u in merged.values()])])
    assert round(other.u_alpha, 3) != 0.510 and round(other.bar_u_alpha, 3) != 0.414
    spans = pd.DataFrame(
        [
            (coder, "t", value, start, end)
            for coder, units in PUBLISHED_2016.items()
            for start, end, value in _half_open(units)
        ],
        columns=["coder", "transcript", "code", "start", "end"],
    )
    seen = pd.DataFrame({"coder": list(PUBLISHED_2016), "transcript": "t"})
    result = u_alpha(continua_from_spans(spans, seen, {"t": 60}, labelled=True))
    assert result.u_alpha == pytest.approx(0.50998, abs=5e-6)
    assert result.bar_u_alpha == pytest.approx(0.41360, abs=5e-6)


def test_u_alpha_over_transcripts_equals_the_concatenated_continuum():
    first = Continuum(30, [[(5, 12, "a"), (20, 25, "b")], [(6, 12, "a")]])
    second = Continuum(20, [[(2, 8, "b")], [(2, 9, "b"), (12, 15, "a")]])
    joined = Continuum(
        50, [[(5, 12, "a"), (20, 25, "b"), (32, 38, "b")], [(6, 12, "a"), (32, 39, "b"), (42, 45, "a")]]
    )
    split, whole = u_alpha([first, second]), u_alpha([joined])
    assert split.u_alpha == pytest.approx(whole.u_alpha) and split.bar_u_alpha == pytest.approx(
        whole.bar_u_alpha
    )


def test_u_alpha_uses_code_sets_where_one_coders_codes_overlap():
    both = Continuum(20, [[(0, 10, "a"), (5, 15, "b")], [(0, 10, "a"), (5, 15, "b")]])
    result = u_alpha([both])
    assert result.u_alpha == pytest.approx(1.0)
    assert ("a", "b") in result.values and "a" in result.values


def test_u_alpha_weights_pairs_by_the_coders_of_each_transcript():
    three = Continuum(30, [[(5, 15, "a")], [(5, 15, "a")], [(5, 15, "a")]])
    result = u_alpha([three, Continuum(10, [[(0, 5, "a")]])])
    assert result.observed.sum() == pytest.approx(90.0)  # m L = 3 x 30; the one-coder transcript is skipped
    assert result.u_alpha == pytest.approx(1.0)


def test_merge_overlaps_keeps_touching_spans_apart():
    merged = merge_overlaps(np.array([0, 2, 5, 5, 9]), np.array([3, 4, 5, 8, 12]))
    assert merged.tolist() == [[0, 4], [5, 8], [9, 12]]
    assert merge_overlaps(np.array([], dtype=int), np.array([], dtype=int)).shape == (0, 2)


def test_continua_from_spans_includes_coders_who_saw_but_did_not_code():
    spans = pd.DataFrame(
        {"coder": ["x", "x"], "transcript": ["t1", "t1"], "code": ["a", "a"], "start": [0, 3], "end": [5, 8]}
    )
    seen = pd.DataFrame({"coder": ["x", "y", "x"], "transcript": ["t1", "t1", "t2"]})
    continua = continua_from_spans(spans, seen, {"t1": 20, "t2": 10}, labelled=False)
    assert [c.length for c in continua] == [20, 10]
    assert continua[0].units[0].tolist() == [[0, 8]] and continua[0].units[1].shape == (0, 2)
    assert len(continua[1].units) == 1
