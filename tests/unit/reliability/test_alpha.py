"""Krippendorff's alpha against published worked examples and the krippendorff package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest

from thematica.reliability.alpha import alpha_result, binary_alpha, krippendorff_alpha
from thematica.reliability.coincidence import (
    binary_coincidences,
    coincidences,
    difference_matrix,
    expected_coincidences,
    value_counts,
)

nan = np.nan

#: Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 4 coders x 12 units.
K2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
)
K2011_PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

#: Hayes & Krippendorff (2007), Table 1: 5 observers x 40 units, ordinal (0-3), alpha = .7598.
_ = None
HK2007_UNITS = [
    (1, 1, 2, _, 2), (1, 1, 0, 1, _), (2, 3, 3, 3, _), (_, 0, 0, _, 0), (0, 0, 0, _, 0),
    (0, 0, 0, _, 0), (1, 0, 2, _, 1), (1, _, 2, 0, _), (2, 2, 2, _, 2), (2, 1, 1, 1, _),
    (_, 1, 0, 0, _), (0, 0, 0, 0, _), (1, 2, 2, 2, _), (3, 3, 2, 2, 3), (1, 1, 1, _, 1),
    (1, 1, 1, _, 1), (2, 1, 2, _, 2), (1, 2, 3, 3, _), (1, 1, 0, 1, _), (0, 0, 0, _, 0),
    (0, 0, 1, 1, _), (0, 0, _, 0, 0), (2, 3, 3, 3, _), (0, 0, 0, 0, _), (1, 2, _, 2, 2),
    (0, 1, 1, 1, _), (0, 0, 0, 1, 0), (1, 2, 1, 2, _), (1, 1, 2, 2, _), (1, 1, 2, _, 2),
    (1, 1, 0, _, 0), (2, 1, 2, 1, _), (2, 2, _, 2, 2), (3, 2, 2, 2, _), (2, 2, 2, _, 2),
    (2, 2, 3, _, 2), (2, 2, 2, _, 2), (2, 2, _, 1, 2), (2, 2, 2, 2, _), (1, 1, 1, _, 1),
]  # fmt: skip
HK2007 = np.array([[nan if v is None else v for v in unit] for unit in HK2007_UNITS], dtype=float).T


@pytest.mark.parametrize("level", list(K2011_PUBLISHED))
def test_krippendorff_2011_example_to_printed_precision(level):
    assert round(krippendorff_alpha(K2011, level), 3) == K2011_PUBLISHED[level]


def test_krippendorff_2011_coincidences_as_printed():
    """The coincidence matrix of section C.2: unit 12 (one value) is unpairable, n = 40."""
    counts, values = value_counts(K2011)
    o = coincidences(counts)
    assert values.tolist() == [1, 2, 3, 4, 5]
    assert o.sum() == pytest.approx(40.0)
    assert o.sum(axis=0) == pytest.approx([9, 13, 10, 5, 3])
    assert o[0, :].tolist() == pytest.approx([7, 4 / 3, 1 / 3, 1 / 3, 0])
    result = alpha_result(K2011, "nominal")
    assert result.n_units == 11 and result.n_values == 40


def test_hayes_krippendorff_2007_ordinal_alpha_to_printed_precision():
    result = alpha_result(HK2007, "ordinal")
    assert round(result.alpha, 4) == 0.7598
    assert result.n_units == 40 and result.n_values == 159


def test_wikipedia_example_from_the_package_docs():
    data = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    assert round(krippendorff_alpha(data, "nominal"), 6) == 0.691358
    assert round(krippendorff_alpha(data, "interval"), 6) == 0.810845


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_the_krippendorff_package_on_random_data_with_missing_values(level, seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=30)
    data = np.where(rng.random((4, 30)) < 0.7, truth, rng.integers(1, 6, size=(4, 30))).astype(float)
    data[rng.random(data.shape) < 0.25] = nan
    ours = krippendorff_alpha(data, level)
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    assert ours == pytest.approx(theirs, abs=1e-12)


def test_binary_coincidences_and_alpha_match_the_general_route():
    rng = np.random.default_rng(3)
    data = (rng.random((3, 200)) < 0.2).astype(float)
    data[rng.random(data.shape) < 0.3] = nan
    counts, _ = value_counts(data, np.array([0.0, 1.0]))
    o = binary_coincidences(counts.sum(axis=1), counts[:, 1])
    assert o == pytest.approx(coincidences(counts))
    assert float(binary_alpha(o)) == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), abs=1e-12
    )


def test_binary_alpha_is_vectorised_over_codes():
    m = np.array([[2, 2, 3, 2], [2, 3, 3, 1]])
    k = np.array([[1, 2, 0, 0], [0, 3, 1, 1]])
    o = binary_coincidences(m, k)
    assert o.shape == (2, 2, 2)
    assert binary_alpha(o) == pytest.approx([float(binary_alpha(o[0])), float(binary_alpha(o[1]))])


def test_undefined_alpha_is_nan_not_an_error():
    assert np.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]], "nominal"))
    assert np.isnan(krippendorff_alpha([[1, nan], [nan, 2]], "nominal"))
    assert np.isnan(float(binary_alpha(np.zeros((2, 2)))))


def test_perfect_and_systematic_disagreement():
    assert krippendorff_alpha([[0, 1, 0, 1], [0, 1, 0, 1]], "nominal") == pytest.approx(1.0)
    assert krippendorff_alpha([[0, 1, 0, 1], [1, 0, 1, 0]], "nominal") < 0


def test_expected_coincidences_sum_to_the_margins():
    e = expected_coincidences(np.array([9.0, 13.0, 10.0, 5.0, 3.0]))
    assert e.sum(axis=0) == pytest.approx([9, 13, 10, 5, 3])


def test_ordinal_differences_use_the_margins():
    d = difference_matrix(np.array([1.0, 2.0, 3.0]), "ordinal", np.array([2.0, 4.0, 6.0]))
    assert d[0, 1] == pytest.approx((2 / 2 + 4 / 2) ** 2)
    assert d[0, 2] == pytest.approx((2 / 2 + 4 + 6 / 2) ** 2)
    assert np.allclose(d, d.T) and np.allclose(np.diag(d), 0)


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="level of measurement"):
        difference_matrix(np.array([1.0, 2.0]), "circular")
    with pytest.raises(ValueError, match="margins"):
        difference_matrix(np.array([1.0, 2.0]), "ordinal")
    with pytest.raises(ValueError, match="2-D"):
        value_counts(np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="outside"):
        value_counts(np.array([[1.0, 2.0]]), np.array([1.0]))
