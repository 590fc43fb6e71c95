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

The bootstrap intervals and the curves to an endpoint are in :mod:`thematica.saturation.extrapolation`.
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
