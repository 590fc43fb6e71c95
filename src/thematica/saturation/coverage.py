"""Richness and sample coverage from incidence data, with the formulas iNEXT uses for incidence frequencies.

Interviews are the sampling units and codes the "species": ``T`` interviews, ``y_j`` = number of
interviews that voiced code j, ``U = sum_j y_j`` incidences, ``Q_k`` = number of codes voiced in exactly
k interviews. Following Chao et al. (2014, Ecological Monographs 84:45-67), Chao & Jost (2012, Ecology
93:2533-2547) and the iNEXT R package (Hsieh, Ma & Chao 2016; functions ``ChaoRichness``, ``Chat.Sam``,
``Dqhat.Sam``, ``EstiBootComm.Sam``):

- undetected codes ``Q0 = (T-1)/T * Q1^2 / (2 Q2)``, or the bias-corrected ``(T-1)/T * Q1 (Q1-1) / 2``
  when ``Q2 = 0``; Chao2 richness = ``S_obs + Q0``, with iNEXT's analytic variance and log-normal
  confidence interval;
- ``A = T Q0 / (T Q0 + Q1)`` (1 when ``Q1 = 0``); for ``Q2 > 0`` it equals
  ``(T-1) Q1 / ((T-1) Q1 + 2 Q2)``;
- sample coverage of the reference sample ``C(T) = 1 - Q1/U * A``; of an extrapolated sample of
  ``T + m`` interviews ``1 - Q1/U * A^(m+1)``; of a rarefied one (t < T)
  ``1 - sum_j y_j/U * C(T-y_j, t) / C(T-1, t)``;
- richness after ``T + m`` interviews ``S_obs + Q0 (1 - A^m)``; after t < T interviews the rarefaction
  ``sum_j 1 - C(T-y_j, t) / C(T, t)``;
- further interviews to reach coverage g: ``m = log((1-g) U / Q1) / log(A) - 1`` (0 if already reached).

Bootstrap intervals follow iNEXT: detection probabilities of the observed codes are shrunk and ``ceil(Q0)``
undetected codes added (``EstiBootComm.Sam``); each replicate draws every code's incidence frequency from
Binomial(T, p) (replicates with no incidence at all are dropped), and the interval is the estimate
+/- z * bootstrap s.e. (richness bounded below by 0, coverage clipped to [0, 1]); the codes expected after
the further interviews get the interval of the richness curve at that size. For the number of further
interviews itself, an integer that may be infinite, the interval is the bootstrap percentile interval of
the replicates' own estimates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from thematica.saturation.accumulation import log_factorials, rarefied_richness


@dataclass(frozen=True)
class Frequencies:
    """Incidence frequency summary of a reference sample.

    Attributes
    ----------
    T, U, S_obs, Q1, Q2
        Interviews, incidences, observed codes, codes in exactly one / two interviews.
    Q0
        Estimated undetected codes (Chao2 term, bias-corrected when Q2 = 0).
    A
        ``T Q0 / (T Q0 + Q1)``, 1 when Q1 = 0.
    """

    T: int
    U: int
    S_obs: int
    Q1: int
    Q2: int
    Q0: float
    A: float


def frequencies(y: np.ndarray, T: int) -> Frequencies:
    """Summarise incidence frequencies ``y`` (shape (n_codes,), zeros ignored) of ``T`` interviews.

    Examples
    --------
    >>> f = frequencies(np.array([1, 1, 1, 2, 2, 3, 5, 0]), 5)
    >>> (f.U, f.S_obs, f.Q1, f.Q2, round(f.Q0, 6), round(f.A, 6))
    (15, 7, 3, 2, 1.8, 0.75)
    """
    y = np.asarray(y, dtype=int)
    y = y[y > 0]
    if len(y) and y.max() > T:
        raise ValueError(f"a code is present in {y.max()} interviews but there are only T={T}")
    q1, q2 = int((y == 1).sum()), int((y == 2).sum())
    if T < 1:
        q0 = 0.0
    elif q2 > 0:
        q0 = (T - 1) / T * q1**2 / (2 * q2)
    else:
        q0 = (T - 1) / T * q1 * (q1 - 1) / 2
    a = T * q0 / (T * q0 + q1) if q1 > 0 else 1.0
    return Frequencies(T=int(T), U=int(y.sum()), S_obs=len(y), Q1=q1, Q2=q2, Q0=float(q0), A=float(a))


@dataclass(frozen=True)
class Chao2:
    """Chao2 richness with iNEXT's (``ChaoRichness``) standard error and confidence interval."""

    observed: int
    estimate: float
    se: float
    low: float
    high: float


def chao2(y: np.ndarray, T: int, conf: float = 0.95) -> Chao2:
    """Chao2 richness estimate, s.e. and log-normal confidence interval (iNEXT ``ChaoRichness``).

    Parameters
    ----------
    y
        Incidence frequencies, shape (n_codes,).
    T
        Number of interviews.
    conf
        Confidence level of the interval.

    Returns
    -------
    Chao2

    Examples
    --------
    >>> r = chao2(np.array([1, 1, 1, 2, 2, 3, 5]), 5)
    >>> round(r.estimate, 6), round(r.se, 4), round(r.low, 4), round(r.high, 3)
    (8.8, 2.7821, 7.2065, 22.691)
    """
    y = np.asarray(y, dtype=int)
    y = y[y > 0]
    d = len(y)
    z = NormalDist().inv_cdf(1 - (1 - conf) / 2)
    if d == 0 or T < 1:
        return Chao2(0, 0.0, 0.0, 0.0, 0.0)
    f1, f2 = int((y == 1).sum()), int((y == 2).sum())
    w = (T - 1) / T
    if f1 > 0 and f2 > 0:
        est = d + w * f1**2 / (2 * f2)
        r = f1 / f2
        var = f2 * (w * r**2 / 2 + w**2 * r**3 + w**2 * r**4 / 4)
    elif f1 > 1 and f2 == 0:
        est = d + w * f1 * (f1 - 1) / 2
        var = w * f1 * (f1 - 1) / 2 + w**2 * f1 * (2 * f1 - 1) ** 2 / 4 - w**2 * f1**4 / 4 / est
    else:
        values, counts = np.unique(y, return_counts=True)
        var = float(
            (counts * (np.exp(-values) - np.exp(-2 * values))).sum()
            - (values * np.exp(-values) * counts).sum() ** 2 / T
        )
        p = float((counts * np.exp(-values)).sum() / d)
        half = z * math.sqrt(max(var, 0.0)) / (1 - p)
        return Chao2(d, float(d), math.sqrt(max(var, 0.0)), max(d, d / (1 - p) - half), d / (1 - p) + half)
    t = est - d
    if t <= 0 or var <= 0:
        return Chao2(d, float(est), math.sqrt(max(var, 0.0)), float(est), float(est))
    k = math.exp(z * math.sqrt(math.log(1 + var / t**2)))
    return Chao2(d, float(est), math.sqrt(var), d + t / k, d + t * k)


def coverage(y: np.ndarray, T: int, t: np.ndarray) -> np.ndarray:
    """Estimated sample coverage after ``t`` interviews (rarefied for t < T, extrapolated for t > T).

    Parameters
    ----------
    y
        Incidence frequencies, shape (n_codes,).
    T
        Interviews in the reference sample.
    t
        Sample sizes, shape (n_sizes,); may be non-integer beyond T.

    Returns
    -------
    numpy.ndarray, shape (n_sizes,)
        NaN when there are no incidences or fewer than two interviews.

    Examples
    --------
    >>> coverage(np.array([1, 1, 1, 2, 2, 3, 5]), 5, np.array([5, 7])).round(6).tolist()
    [0.85, 0.915625]
    """
    y = np.asarray(y, dtype=int)
    y = y[y > 0]
    t = np.atleast_1d(np.asarray(t, dtype=float))
    f = frequencies(y, T)
    if f.U == 0 or T < 2:
        return np.full(len(t), np.nan)
    out = np.empty(len(t))
    inner = t < T
    if inner.any():
        lf = log_factorials(T)
        s = t[inner].astype(int)[:, None]
        a = (T - y)[None, :]
        ok = a >= s
        log_ratio = lf[a] - lf[np.where(ok, a - s, 0)] - lf[T - 1] + lf[T - 1 - s]
        missed = np.where(ok, np.exp(np.where(ok, log_ratio, 0.0)), 0.0)
        out[inner] = 1.0 - (y[None, :] / f.U * missed).sum(axis=1)
    out[~inner] = 1.0 - f.Q1 / f.U * f.A ** (t[~inner] - T + 1)
    return out


def richness(y: np.ndarray, T: int, t: np.ndarray) -> np.ndarray:
    """Expected number of codes after ``t`` interviews: rarefaction (t <= T) and extrapolation (t > T).

    Examples
    --------
    >>> richness(np.array([1, 1, 1, 2, 2, 3, 5]), 5, np.array([5, 7, 9])).round(6).tolist()
    [7.0, 7.7875, 8.230469]
    """
    y = np.asarray(y, dtype=int)
    y = y[y > 0]
    t = np.atleast_1d(np.asarray(t, dtype=float))
    f = frequencies(y, T)
    out = np.empty(len(t))
    inner = t <= T
    if inner.any():
        out[inner] = rarefied_richness(y, T, t[inner].astype(int)) if T else 0.0
    outer = ~inner
    if outer.any():
        out[outer] = f.S_obs if f.Q1 == 0 else f.S_obs + f.Q0 * (1 - f.A ** (t[outer] - T))
    return out


def extra_for_coverage(y: np.ndarray, T: int, target: float) -> float:
    """Further interviews m (real, >= 0) for the estimated coverage to reach ``target``.

    Returns 0 when the reference sample already reaches it, ``inf`` when the coverage never grows,
    NaN when coverage cannot be estimated (no incidences, or fewer than two interviews).

    Examples
    --------
    >>> round(extra_for_coverage(np.array([1, 1, 1, 2, 2, 3, 5]), 5, 0.9), 6)
    1.409421
    """
    f = frequencies(y, T)
    if f.U == 0 or T < 2:
        return float("nan")
    now = 1.0 - f.Q1 / f.U * f.A
    if now >= target or f.Q1 == 0:
        return 0.0
    if f.A >= 1.0:
        return float("inf")
    return max(0.0, math.log((1 - target) * f.U / f.Q1) / math.log(f.A) - 1.0)


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
    r_low = np.maximum(r_low, 0.0)
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
                row["codes_low"], row["codes_high"] = max(float(low[0]), 0.0), float(high[0])
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
