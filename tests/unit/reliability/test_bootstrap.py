"""Krippendorff's bootstrap: the Hayes & Krippendorff (2007) example, calibration, edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit.reliability.test_alpha import HK2007
from thematica.reliability.alpha import alpha_result, binary_alpha
from thematica.reliability.bootstrap import (
    bootstrap_alpha,
    bootstrap_draws,
    confidence_interval,
    q_below,
    rng_for,
)
from thematica.reliability.coincidence import binary_coincidences

NOMINAL2 = 1.0 - np.eye(2)


def _hk_replicates(rule: str, seed: int = 2007) -> tuple[float, np.ndarray]:
    result = alpha_result(HK2007, "ordinal")
    draws = bootstrap_draws(result.coincidences, n_coders=5, rule=rule)
    replicates = bootstrap_alpha(
        result.coincidences, result.delta2, draws=draws, n_boot=10_000, rng=np.random.default_rng(seed)
    )
    return result.alpha, replicates


def test_hayes_krippendorff_2007_interval_with_one_draw_per_value():
    """The published interval for the example is about .69 to .82 with q(.667) close to 0."""
    alpha, replicates = _hk_replicates("values")
    low, high = confidence_interval(replicates, 0.95)
    assert low == pytest.approx(0.69, abs=0.015)
    assert high == pytest.approx(0.82, abs=0.015)
    assert q_below(replicates, 0.667) < 0.02
    assert np.mean(replicates) == pytest.approx(alpha, abs=0.005)


def test_hayes_krippendorff_2007_interval_with_the_default_pairings():
    alpha, replicates = _hk_replicates("pairings")
    low, high = confidence_interval(replicates, 0.95)
    assert 0.64 < low < 0.69 and 0.82 < high < 0.86
    assert low < alpha < high
    assert 0.0 < q_below(replicates, 0.667) < 0.08
    assert q_below(replicates, 0.9) > 0.99


def test_draws_rules():
    result = alpha_result(HK2007, "ordinal")
    o = result.coincidences
    assert bootstrap_draws(o, n_coders=5, rule="pairings") == 80  # n = 159
    assert bootstrap_draws(o, n_coders=5, rule="values") == 159
    assert bootstrap_draws(o, n_coders=5, rule="kalpha") == min(25 * np.count_nonzero(o), 318)
    with pytest.raises(ValueError, match="pairings"):
        bootstrap_draws(o, n_coders=5, rule="units")


@pytest.mark.parametrize(("n_units", "n_coders"), [(300, 2), (200, 3), (80, 5)])
def test_default_draws_match_the_sampling_spread_of_alpha(n_units, n_coders):
    """Replicates spread like alpha over repeated samples of units and judgments (within 30%)."""
    rng = np.random.default_rng(11)

    def sample():
        truth = rng.random(n_units) < 0.2
        ones = np.where(
            truth[:, None], rng.random((n_units, n_coders)) > 0.15, rng.random((n_units, n_coders)) < 0.04
        )
        return binary_coincidences(np.full(n_units, n_coders), ones.sum(axis=1))

    spread = np.std([float(binary_alpha(sample())) for _ in range(600)])
    boot = []
    for _ in range(40):
        o = sample()
        draws = bootstrap_draws(o, n_coders=n_coders)
        boot.append(np.std(bootstrap_alpha(o, NOMINAL2, draws=draws, n_boot=2000, rng=rng)))
    assert np.mean(boot) == pytest.approx(spread, rel=0.3)


def test_replicates_are_deterministic_per_seed_and_code():
    o = np.array([[400.0, 20.0], [20.0, 60.0]])
    a = bootstrap_alpha(o, NOMINAL2, draws=250, n_boot=500, rng=rng_for(7, "code:x"))
    b = bootstrap_alpha(o, NOMINAL2, draws=250, n_boot=500, rng=rng_for(7, "code:x"))
    c = bootstrap_alpha(o, NOMINAL2, draws=250, n_boot=500, rng=rng_for(7, "code:y"))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_replicates_are_centred_on_alpha_and_bounded():
    o = np.array([[400.0, 20.0], [20.0, 60.0]])
    replicates = bootstrap_alpha(o, NOMINAL2, draws=250, n_boot=20_000, rng=np.random.default_rng(0))
    assert np.mean(replicates) == pytest.approx(float(binary_alpha(o)), abs=0.01)
    assert replicates.min() >= -1.0 and replicates.max() <= 1.0


def test_no_variation_counts_as_zero_and_low_values_are_clamped():
    # one diagonal cell only besides disagreement: draws of only agreements have no variation
    o = np.array([[10.0, 1.0], [1.0, 0.0]])
    replicates = bootstrap_alpha(o, NOMINAL2, draws=3, n_boot=5000, rng=np.random.default_rng(1))
    assert not (replicates == 1.0).any()
    assert (replicates == 0.0).mean() == pytest.approx((10 / 12) ** 3, abs=0.03)
    assert replicates.min() == -1.0


def test_undefined_alpha_gives_nan_replicates_and_interval():
    replicates = bootstrap_alpha(
        np.array([[8.0, 0.0], [0.0, 0.0]]), NOMINAL2, draws=4, n_boot=10, rng=rng_for(0, "x")
    )
    assert replicates.shape == (10,) and np.isnan(replicates).all()
    assert all(np.isnan(confidence_interval(replicates)))
    assert np.isnan(q_below(replicates, 0.667))
    assert bootstrap_alpha(np.eye(2), NOMINAL2, draws=4, n_boot=0, rng=rng_for(0, "x")).shape == (0,)


def test_interval_ranks_follow_kalpha():
    replicates = np.arange(10_000)[::-1] / 10_000.0
    assert confidence_interval(replicates, 0.95) == (0.0249, 0.975)
    assert confidence_interval(replicates, 0.90) == (0.0499, 0.95)
    assert q_below(replicates, 0.5) == 0.5


def _bench():
    """``benchmarks/bench_bootstrap.py``, a script rather than a module of the package."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_bootstrap.py"
    spec = importlib.util.spec_from_file_location("bench_bootstrap", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_and_reports_every_method():
    run_benchmark = _bench().run_benchmark

    table = run_benchmark(n_codes=2, n_segments=200, n_boot=100, loop_replicates=20, repeats=2)
    assert table["method"].tolist() == ["vectorised", "naive loop", "unit resampling (krippendorff)"]
    assert (table["seconds"] > 0).all() and table.loc[0, "speedup"] == 1.0
    assert (table["repeats"] == 2).all()


def test_benchmark_keeps_the_fastest_pass():
    fastest = _bench().fastest

    calls = iter([0.05, 0.0, 0.02])

    def slow_then_fast():
        import time

        time.sleep(next(calls))

    assert fastest(slow_then_fast, 3) < 0.015
    with pytest.raises(ValueError, match="repeats must be at least 1"):
        fastest(slow_then_fast, 0)


def test_transcript_bootstrap_follows_errors_that_span_segments():
    """Coders err per passage of 4 segments: resampling transcripts matches the sampling spread of alpha,
    resampling pairs (units treated as independent) understates it."""
    from thematica.reliability.bootstrap import cluster_bootstrap_alpha

    rng = np.random.default_rng(5)
    transcripts, passages, length = 30, 20, 4

    def sample():
        truth = rng.random((transcripts, passages)) < 0.15
        keep = rng.random((2, transcripts, passages)) > 0.15
        add = rng.random((2, transcripts, passages)) < 0.03
        ones = np.where(truth, keep, add).sum(axis=0)  # per passage, 0..2 coders applied
        k = np.repeat(ones, length, axis=1)  # every segment of a passage shares the coders' decisions
        per_transcript = binary_coincidences(np.full(k.shape, 2), k)
        return per_transcript, per_transcript.sum(axis=0)

    spread = np.std([float(binary_alpha(sample()[1])) for _ in range(400)])
    by_transcript, by_pairs = [], []
    for _ in range(30):
        clusters, o = sample()
        by_transcript.append(np.std(cluster_bootstrap_alpha(clusters, NOMINAL2, n_boot=1000, rng=rng)))
        draws = bootstrap_draws(o, n_coders=2)
        by_pairs.append(np.std(bootstrap_alpha(o, NOMINAL2, draws=draws, n_boot=1000, rng=rng)))
    assert np.mean(by_transcript) == pytest.approx(spread, rel=0.3)
    assert np.mean(by_pairs) < 0.7 * spread


def test_transcript_bootstrap_edge_cases():
    from thematica.reliability.bootstrap import cluster_bootstrap_alpha

    one = np.array([[[5.0, 1.0], [1.0, 2.0]]])
    assert np.isnan(cluster_bootstrap_alpha(one, NOMINAL2, n_boot=5, rng=rng_for(0, "x"))).all()
    # the code appears in one transcript only: replicates without it have no variation and count as 0
    rare = np.array([[[6.0, 0.0], [0.0, 0.0]], [[4.0, 1.0], [1.0, 2.0]]])
    replicates = cluster_bootstrap_alpha(rare, NOMINAL2, n_boot=4000, rng=rng_for(0, "x"))
    assert (replicates == 0.0).mean() == pytest.approx(0.25, abs=0.03)


def _cellwise_replicates(o, delta2, draws, n_boot, rng):
    """Reference: one multinomial draw over every cell of the coincidence matrix (Krippendorff's
    algorithm as published), to check that drawing cells grouped by delta^2 changes nothing."""
    from thematica.reliability.alpha import disagreements

    _, expected = disagreements(o, delta2)
    rows, cols = np.tril_indices(o.shape[0])
    p = np.where(rows == cols, o[rows, cols], 2.0 * o[rows, cols])
    counts = rng.multinomial(draws, p / p.sum(), size=n_boot)
    replicates = np.maximum(1.0 - counts @ delta2[rows, cols] / (draws * expected), -1.0)
    replicates[(counts[:, rows == cols] == draws).any(axis=1)] = 0.0
    return replicates


@pytest.mark.parametrize(
    ("o", "level", "draws"),
    [
        (np.array([[400.0, 20.0], [20.0, 60.0]]), "nominal", 250),  # binary: one binomial per replicate
        (np.array([[10.0, 1.0], [1.0, 2.0]]), "nominal", 4),  # many replicates without variation
        (np.array([[30.0, 6.0, 1.0], [6.0, 20.0, 4.0], [1.0, 4.0, 12.0]]), "interval", 40),
        (np.array([[30.0, 6.0, 1.0], [6.0, 20.0, 4.0], [1.0, 4.0, 12.0]]), "nominal", 12),
    ],
)
def test_grouped_draws_have_the_distribution_of_draws_over_every_cell(o, level, draws):
    from thematica.reliability.coincidence import difference_matrix

    delta2 = difference_matrix(np.arange(len(o), dtype=float), level)
    grouped = bootstrap_alpha(o, delta2, draws=draws, n_boot=200_000, rng=np.random.default_rng(3))
    cellwise = _cellwise_replicates(o, delta2, draws, 200_000, np.random.default_rng(4))
    # the same support and the same probability of every value, up to sampling error
    values = np.union1d(np.unique(grouped), np.unique(cellwise))
    assert len(values) < 2000
    share_g = np.array([np.mean(grouped == v) for v in values])
    share_c = np.array([np.mean(cellwise == v) for v in values])
    assert np.abs(share_g - share_c).max() < 0.006
    assert np.mean(grouped == 0.0) == pytest.approx(np.mean(cellwise == 0.0), abs=0.004)
    assert np.quantile(grouped, [0.025, 0.5, 0.975]) == pytest.approx(
        np.quantile(cellwise, [0.025, 0.5, 0.975]), abs=0.02
    )
