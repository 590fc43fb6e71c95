"""The coefficient interface: registry, estimates as the pure functions give them, the two bootstraps."""

from __future__ import annotations

import numpy as np
import pytest

from thematica.reliability import (
    COEFFICIENTS,
    UnitData,
    cohen_kappa,
    fleiss_kappa,
    get_coefficients,
    gwet_ac1,
    krippendorff_alpha,
)
from thematica.reliability.bootstrap import rng_for
from thematica.reliability.coefficients import resample_clusters, resample_units


def _data(seed: int = 0, coders: int = 3, units: int = 300) -> UnitData:
    rng = np.random.default_rng(seed)
    truth = rng.random(units) < 0.3
    values = np.where(rng.random((coders, units)) < 0.9, truth, ~truth).astype(float)
    values[coders - 1, : units // 3] = np.nan  # the last coder saw two thirds
    return UnitData(values, tuple(f"c{i}" for i in range(coders)), np.arange(units) // 10)


def test_registry():
    assert list(COEFFICIENTS) == ["alpha", "cohen_kappa", "fleiss_kappa", "gwet_ac1"]
    assert COEFFICIENTS["cohen_kappa"].coders == "two" and COEFFICIENTS["fleiss_kappa"].missing
    with pytest.raises(ValueError, match="unknown reliability coefficient.*choose from alpha"):
        get_coefficients(["alpha", "scott_pi"])


def test_estimates_equal_the_pure_functions():
    data = _data()
    assert COEFFICIENTS["alpha"].estimate(data) == pytest.approx(krippendorff_alpha(data.values, "nominal"))
    assert COEFFICIENTS["fleiss_kappa"].estimate(data) == pytest.approx(fleiss_kappa(data.values))
    assert COEFFICIENTS["gwet_ac1"].estimate(data) == pytest.approx(gwet_ac1(data.values, values=[0, 1]))
    pairs = data.pairs()
    assert pairs == [(0, 1), (0, 2), (1, 2)]
    kappas = [cohen_kappa(data.values[[a, b]]) for a, b in pairs]
    assert COEFFICIENTS["cohen_kappa"].estimate(data) == pytest.approx(np.mean(kappas))
    two = data.pair(0, 2)
    assert two.values.shape == (2, 200) and two.n_units == 200
    assert COEFFICIENTS["cohen_kappa"].estimate(two) == pytest.approx(kappas[1])


def test_unit_bootstrap_matches_resampling_units_directly():
    """Drawing how many units of each kind (one multinomial) has the distribution of drawing units."""
    data = _data(1)
    coefficient = COEFFICIENTS["fleiss_kappa"]
    stats = coefficient.statistics(data)
    fast = resample_units(
        stats, coefficient.from_totals, n_boot=2000, rng=np.random.default_rng(0), kinds=data.patterns
    )
    rng = np.random.default_rng(1)
    n = data.values.shape[1]
    slow = np.array([fleiss_kappa(data.values[:, rng.integers(0, n, n)]) for _ in range(400)])
    assert fast.mean() == pytest.approx(slow.mean(), abs=0.01)
    assert fast.std() == pytest.approx(slow.std(), rel=0.15)
    plain = resample_units(stats, coefficient.from_totals, n_boot=2000, rng=np.random.default_rng(0))
    assert plain.mean() == pytest.approx(fast.mean(), abs=0.01)  # kinds from the statistics themselves


def test_evaluate_is_seeded_and_sensible():
    data = _data(2)
    for coefficient in COEFFICIENTS.values():
        one, two = (
            coefficient.evaluate(data, n_boot=500, rng=rng_for(4, "k"), cluster_rng=rng_for(4, "k:t"))
            for _ in range(2)
        )
        assert np.array_equal(one.replicates, two.replicates)
        assert np.array_equal(one.cluster_replicates, two.cluster_replicates)
        assert np.quantile(one.replicates, 0.025) < one.estimate < np.quantile(one.replicates, 0.975)
        assert np.isfinite(one.cluster_replicates).all()
    none = COEFFICIENTS["gwet_ac1"].evaluate(data, n_boot=0, rng=rng_for(1, "a"), cluster_rng=rng_for(1, "b"))
    assert none.replicates.shape == (0,) and none.cluster_replicates.shape == (0,)


def test_undefined_coefficient_gives_undefined_replicates():
    data = UnitData(np.zeros((2, 20)), ("a", "b"), np.arange(20) // 5)
    result = COEFFICIENTS["cohen_kappa"].evaluate(
        data, n_boot=50, rng=rng_for(1, "a"), cluster_rng=rng_for(1, "b")
    )
    assert (
        np.isnan(result.estimate)
        and np.isnan(result.replicates).all()
        and np.isnan(result.cluster_replicates).all()
    )


def test_cluster_bootstrap_counts_clusters():
    totals = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    reps = resample_clusters(totals, lambda t: t.sum(axis=-1), n_boot=1000, rng=np.random.default_rng(0))
    assert reps.mean() == pytest.approx(21.0, rel=0.05)
    assert np.isnan(
        resample_clusters(totals[:1], lambda t: t.sum(axis=-1), n_boot=5, rng=np.random.default_rng(0))
    ).all()
