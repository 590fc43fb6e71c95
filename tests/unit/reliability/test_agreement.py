"""Cohen's kappa, Fleiss' kappa and Gwet's AC1 against published worked examples and independent references.

Published values are those the R package irrCAC (Gwet) documents in its README/vignette
(https://github.com/kgwet/irrCAC, README.md "Computing agreement coefficients ..."), for the examples of
Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed.:

- ``cont3x3abstractors`` (two abstractors, 100 subjects, 3 categories): Cohen's kappa 0.7964094, Scott's pi
  0.7962397, Gwet's AC1 0.8493305, percent agreement 0.89, Krippendorff's alpha 0.7972585;
- ``distrib.6raters`` (15 patients, 6 psychiatrists, 5 diagnoses; counts per category): Fleiss' kappa
  0.4139265 (pa 0.5511111, pe 0.2340741), Gwet's AC1 0.4448007 (pe 0.1914815);
- ``cac.raw4raters`` (12 subjects, 4 raters, missing ratings; no rater rated every subject): Fleiss' kappa
  0.76117 (pa 0.8181818, pe 0.2387153), AC1 0.77544 (pe 0.1903212), Krippendorff's alpha 0.74342.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from thematica.reliability import cohen_kappa, fleiss_kappa, gwet_ac1, kappa_from_table, krippendorff_alpha
from thematica.reliability.agreement import multirater_from_totals, multirater_statistics

nan = np.nan
RAW4RATERS = np.array(  # raters x subjects (irrCAC lists subjects x raters)
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, nan],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
)
ABSTRACTORS = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
DISTRIB_6RATERS = np.array(
    [
        [0, 0, 0, 6, 0],
        [0, 3, 0, 0, 3],
        [0, 1, 4, 0, 1],
        [0, 0, 0, 0, 6],
        [0, 3, 0, 3, 0],
        [2, 0, 4, 0, 0],
        [0, 0, 4, 0, 2],
        [2, 0, 3, 1, 0],
        [2, 0, 0, 4, 0],
        [0, 0, 0, 0, 6],
        [1, 0, 0, 5, 0],
        [1, 1, 0, 4, 0],
        [0, 3, 3, 0, 0],
        [1, 0, 0, 5, 0],
        [0, 2, 0, 3, 1],
    ]
)


def _table_to_data(table: np.ndarray) -> np.ndarray:
    a, b = [], []
    for (i, j), count in np.ndenumerate(table):
        a += [i] * int(count)
        b += [j] * int(count)
    return np.array([a, b], dtype=float)


def _counts_to_data(counts: np.ndarray) -> np.ndarray:
    """Raters x subjects from counts per category (raters are interchangeable for Fleiss and AC1)."""
    return np.array([np.repeat(np.arange(counts.shape[1]), row) for row in counts], dtype=float).T


def test_gwet_2014_two_abstractors():
    data = _table_to_data(ABSTRACTORS)
    assert round(float(kappa_from_table(ABSTRACTORS)), 7) == 0.7964094
    assert round(cohen_kappa(data), 7) == 0.7964094
    assert round(fleiss_kappa(data), 7) == 0.7962397  # Scott's pi
    assert round(gwet_ac1(data), 7) == 0.8493305
    assert round(krippendorff_alpha(data, "nominal"), 7) == 0.7972585


def test_gwet_2014_six_raters_from_counts():
    data = _counts_to_data(DISTRIB_6RATERS)
    assert data.shape == (6, 15)
    assert round(fleiss_kappa(data), 7) == 0.4139265
    assert round(gwet_ac1(data), 7) == 0.4448007
    totals = multirater_statistics(DISTRIB_6RATERS).sum(axis=-1)
    assert round(totals[1] / totals[0], 7) == 0.5511111  # pa
    assert round(float(multirater_from_totals(totals, "fleiss")), 7) == 0.4139265


def test_gwet_2014_four_raters_with_missing_ratings():
    assert round(fleiss_kappa(RAW4RATERS), 5) == 0.76117
    assert round(gwet_ac1(RAW4RATERS), 5) == 0.77544
    assert round(krippendorff_alpha(RAW4RATERS, "nominal"), 5) == 0.74342


def _fleiss_1971(data: np.ndarray) -> float:
    """Fleiss' (1971) formulas, written out independently: every subject rated by the same n raters."""
    values = np.unique(data)
    counts = np.array([[np.sum(column == v) for v in values] for column in data.T], dtype=float)
    n = counts.sum(axis=1)[0]
    p_i = ((counts**2).sum(axis=1) - n) / (n * (n - 1))
    p_j = counts.sum(axis=0) / counts.sum()
    return (p_i.mean() - (p_j**2).sum()) / (1 - (p_j**2).sum())


@pytest.mark.parametrize("seed", range(5))
def test_against_independent_references(seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, size=60)
    data = np.where(rng.random((4, 60)) < 0.7, truth, rng.integers(0, 3, size=(4, 60))).astype(float)
    assert fleiss_kappa(data) == pytest.approx(_fleiss_1971(data))
    assert cohen_kappa(data[:2]) == pytest.approx(cohen_kappa_score(data[0], data[1]))
    # two coders without missing values: Fleiss' kappa is Scott's pi, and alpha = pi + (1 - pi) / (2 N)
    pi = fleiss_kappa(data[:2])
    assert krippendorff_alpha(data[:2], "nominal") == pytest.approx(pi + (1 - pi) / (2 * 60))


def test_properties():
    rng = np.random.default_rng(7)
    data = rng.integers(0, 2, size=(3, 40)).astype(float)
    data[0, :5] = nan
    order = rng.permutation(40)
    for f in (fleiss_kappa, gwet_ac1):
        assert f(data[:, order]) == pytest.approx(f(data))  # unit order
        assert f(data[::-1]) == pytest.approx(f(data))  # coder order
        assert f(1 - data) == pytest.approx(f(data))  # relabelling the categories
    perfect = np.tile(rng.integers(0, 2, size=40), (3, 1)).astype(float)
    assert fleiss_kappa(perfect) == 1.0 and gwet_ac1(perfect) == 1.0 and cohen_kappa(perfect[:2]) == 1.0
    assert np.isnan(fleiss_kappa(np.zeros((3, 10)))) and np.isnan(cohen_kappa(np.ones((2, 10))))
    assert gwet_ac1(np.zeros((3, 10)), values=[0, 1]) == 1.0  # AC1 is defined without variation
    assert np.isnan(gwet_ac1(np.zeros((3, 10))))  # ... given the categories the coders could use
    # a unit only one coder judged changes chance agreement, not observed agreement
    lone = np.concatenate([data, np.array([[1.0], [nan], [nan]])], axis=1)
    assert fleiss_kappa(lone) != fleiss_kappa(data)


def test_cohen_kappa_per_pair_uses_units_both_judged():
    a = np.array([1, 0, 1, 1, nan, 0, 0, 1])
    b = np.array([1, 0, 0, 1, 1, 0, nan, 1])
    both = ~np.isnan(a) & ~np.isnan(b)
    assert cohen_kappa([a, b]) == pytest.approx(cohen_kappa_score(a[both], b[both]))


def test_helpful_errors():
    with pytest.raises(ValueError, match="two coders"):
        cohen_kappa(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="2-D"):
        fleiss_kappa(np.zeros(4))
    with pytest.raises(ValueError, match="value domain"):
        gwet_ac1([[0, 1, 2]], values=[0, 1])
    with pytest.raises(ValueError, match="'fleiss' or 'gwet'"):
        multirater_from_totals(np.ones(5), "cohen")


def test_all_pairs_relation():
    """Light's kappa is the mean of the pairwise kappas; with every pair on every unit it is close to
    Fleiss' kappa when the coders' marginals agree."""
    rng = np.random.default_rng(3)
    truth = rng.integers(0, 2, size=400)
    data = np.where(rng.random((3, 400)) < 0.8, truth, 1 - truth).astype(float)
    light = np.mean([cohen_kappa(data[[i, j]]) for i, j in itertools.combinations(range(3), 2)])
    assert light == pytest.approx(fleiss_kappa(data), abs=0.01)
