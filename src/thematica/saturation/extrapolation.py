"""Richness and coverage curves to an endpoint, and the further interviews for each coverage target, with
iNEXT's bootstrap intervals (the estimators are in :mod:`thematica.saturation.coverage`).

Bootstrap intervals follow iNEXT: detection probabilities of the observed codes are shrunk and ``ceil(Q0)``
undetected codes added (``EstiBootComm.Sam``); each replicate draws every code's incidence frequency from
Binomial(T, p) (replicates with no incidence at all are dropped), and the interval is the estimate
+/- z * bootstrap s.e. (coverage clipped to [0, 1]); the codes expected after the further interviews get
the interval of the richness curve at that size. For the number of further interviews itself, an integer
that may be infinite, the interval is the bootstrap percentile interval of the replicates' own estimates.

Richness bands beyond the sample are bounded below by the codes observed. iNEXT's band is for the expected
richness of a *new* sample of t interviews: its s.e. includes how many codes a fresh sample of T interviews
would miss, so estimate - z * s.e. can fall below S_obs (6.8 with 8 observed). The curve drawn here
continues *these* interviews, which already voiced S_obs codes, so after T + m interviews at least S_obs
codes have been voiced: the lower bound at t >= T (and of the codes expected after the further interviews)
is max(S_obs, estimate - z * s.e.). Before T (rarefaction) it is bounded below by 0. The Chao2 interval
needs no clipping: its log-normal form ``S_obs + Q0 / K`` is never below S_obs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from thematica.saturation.coverage import (
    Chao2,
    Frequencies,
    chao2,
    coverage,
    extra_for_coverage,
    frequencies,
    richness,
)


def detection_probabilities(y: np.ndarray, T: int) -> np.ndarray:
    """iNEXT's estimated detection probabilities for the bootstrap (``EstiBootComm.Sam``).

    Observed codes get ``y/T * (1 - w (1 - y/T)^T)``; ``ceil(Q0)`` undetected codes share
    ``a = Q1/T * A`` equally, with ``w = a / sum(y/T (1 - y/T)^T)``.

    Returns
    -------
    numpy.ndarray, shape (S_obs + ceil(Q0),)
        Observed codes first (in the order of ``y``), then the undetected ones.

    Examples
    --------
    >>> detection_probabilities(np.array([1, 2, 5]), 5).round(4).tolist()
    [0.1096, 0.3571, 1.0, 0.1333]
    """
    y = np.asarray(y, dtype=float)
    y = y[y > 0]
    f = frequencies(y.astype(int), T)
    a = f.Q1 / T * f.A if f.Q1 > 0 else 0.0
    b = float((y / T * (1 - y / T) ** T).sum())
    w = a / b if (f.Q0 > 0 and b > 0) else 0.0
    observed = y / T * (1 - w * (1 - y / T) ** T)
    n_unseen = math.ceil(f.Q0)
    unseen = np.full(n_unseen, a / n_unseen) if n_unseen else np.zeros(0)
    return np.concatenate([observed, unseen])


def bootstrap_frequencies(y: np.ndarray, T: int, n_bootstrap: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap incidence frequencies, shape (n_kept, S_obs + ceil(Q0)); all-zero replicates dropped."""
    p = detection_probabilities(y, T)
    if n_bootstrap == 0 or len(p) == 0:
        return np.zeros((0, len(p)), dtype=int)
    draws = rng.binomial(T, np.clip(p, 0.0, 1.0)[None, :], size=(n_bootstrap, len(p)))
    return draws[draws.sum(axis=1) > 0]


@dataclass(frozen=True)
class CoverageResult:
    """Coverage and richness of one reference sample, with bootstrap intervals.

    Attributes
    ----------
    frequencies, chao2
        Frequency summary and Chao2 estimate.
    coverage, coverage_low, coverage_high
        Estimated coverage of the reference sample and its interval.
    targets
        One dict per coverage target: target, extra (interviews, int, or None when it cannot be
        estimated / never reached), extra_low, extra_high, codes (expected codes after T + extra),
        codes_low, codes_high.
    curve
        Columns t, richness, richness_low, richness_high, coverage, coverage_low, coverage_high for
        t = 1..endpoint.
    n_bootstrap
        Replicates used (after dropping empty ones).
    note
        Why something could not be estimated; empty otherwise.
    """

    frequencies: Frequencies
    chao2: Chao2
    coverage: float
    coverage_low: float
    coverage_high: float
    targets: list[dict]
    curve: dict[str, np.ndarray]
    n_bootstrap: int
    note: str


def _interval(estimate: np.ndarray, replicates: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    if replicates.shape[0] < 2:
        nan = np.full(np.shape(estimate), np.nan)
        return nan, nan.copy()
    se = np.nanstd(replicates, axis=0, ddof=1)
    return estimate - z * se, estimate + z * se


def _ceil_extra(m: float) -> float:
    return m if not np.isfinite(m) else float(math.ceil(m - 1e-9))


def coverage_analysis(
    y: np.ndarray,
    T: int,
    *,
    targets: list[float],
    endpoint: int,
    n_bootstrap: int,
    rng: np.random.Generator,
    conf: float = 0.95,
) -> CoverageResult:
    """Chao2, coverage, the richness/coverage curve to ``endpoint`` interviews and the effort to each target.

    Parameters
    ----------
    y
        Incidence frequencies, shape (n_codes,).
    T
        Interviews in the reference sample.
    targets
        Coverage targets, e.g. [0.9, 0.95].
    endpoint
        Last sample size of the curve (iNEXT's default is 2T). The curve runs further, up to 10T, when
        a coverage target is reached only beyond it, so the target lies on the curve.
    n_bootstrap
        Bootstrap replicates (iNEXT's default is 50; 0 gives no intervals).
    rng
        Seeded generator.
    conf
        Confidence level of the intervals.

    Returns
    -------
    CoverageResult
    """
    y = np.asarray(y, dtype=int)
    y = y[y > 0]
    f = frequencies(y, T)
    z = NormalDist().inv_cdf(1 - (1 - conf) / 2)
    extras = [_ceil_extra(extra_for_coverage(y, T, target)) for target in targets]
    reach = max([T + m for m in extras if np.isfinite(m)], default=0)
    t = np.arange(1, max(endpoint, T, int(min(reach, 10 * T))) + 1, dtype=float)
    est_rich, est_cov = richness(y, T, t), coverage(y, T, t)
    cov_now = float(coverage(y, T, [T])[0]) if T else float("nan")
    note = ""
    if T < 2:
        note = "coverage needs at least two interviews"
    elif f.U == 0:
        note = "no codes were applied"
    boot = bootstrap_frequencies(y, T, n_bootstrap, rng) if (T >= 2 and f.U > 0) else np.zeros((0, 0), int)
    rich_b = np.array([richness(b, T, t) for b in boot]).reshape(len(boot), len(t))
    cov_b = np.array([coverage(b, T, t) for b in boot]).reshape(len(boot), len(t))
    r_low, r_high = _interval(est_rich, rich_b, z)
    c_low, c_high = _interval(est_cov, cov_b, z)
    r_low = np.where(t >= T, np.maximum(r_low, f.S_obs), np.maximum(r_low, 0.0))
    c_low, c_high = np.clip(c_low, 0.0, 1.0), np.clip(c_high, 0.0, 1.0)
    at_t = t == T
    rows = []
    tail = (1 - conf) / 2
    for target, m in zip(targets, extras, strict=True):
        codes = float(richness(y, T, [T + m])[0]) if np.isfinite(m) else float("nan")
        row = {"target": target, "extra": m, "codes": codes}
        if len(boot) >= 2:
            m_b = np.array([_ceil_extra(extra_for_coverage(b, T, target)) for b in boot])
            row["extra_low"], row["extra_high"] = _quantiles(m_b[~np.isnan(m_b)], tail)
            if np.isfinite(m):
                codes_b = np.array([richness(b, T, [T + m])[0] for b in boot])
                low, high = _interval(np.array([codes]), codes_b[:, None], z)
                row["codes_low"], row["codes_high"] = max(float(low[0]), float(f.S_obs)), float(high[0])
            else:
                row["codes_low"] = row["codes_high"] = np.nan
        else:
            row.update(extra_low=np.nan, extra_high=np.nan, codes_low=np.nan, codes_high=np.nan)
        rows.append(row)
    return CoverageResult(
        frequencies=f,
        chao2=chao2(y, T, conf),
        coverage=cov_now,
        coverage_low=float(c_low[at_t][0]) if at_t.any() else float("nan"),
        coverage_high=float(c_high[at_t][0]) if at_t.any() else float("nan"),
        targets=rows,
        curve={
            "t": t.astype(int),
            "richness": est_rich,
            "richness_low": r_low,
            "richness_high": r_high,
            "coverage": est_cov,
            "coverage_low": c_low,
            "coverage_high": c_high,
        },
        n_bootstrap=len(boot),
        note=note,
    )


def _quantiles(values: np.ndarray, tail: float) -> tuple[float, float]:
    if len(values) == 0:
        return float("nan"), float("nan")
    return (
        float(np.quantile(values, tail, method="inverted_cdf")),
        float(np.quantile(values, 1 - tail, method="inverted_cdf")),
    )
