"""Small, exact statistics for two-group prevalence comparisons.

Pure functions on counts: Wilson score intervals, Fisher's exact test (two-sided, by summing the
probabilities of tables no more likely than the observed one, as R's ``fisher.test``), the odds ratio with the
Haldane–Anscombe correction when a cell is zero, and Benjamini–Hochberg adjusted p-values.
"""

from __future__ import annotations

import numpy as np


def wilson_interval(k: np.ndarray | int, n: np.ndarray | int, confidence: float = 0.95) -> tuple:
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    k, n
        Successes and trials, scalars or arrays of one shape; ``n = 0`` gives ``(nan, nan)``.
    confidence
        Two-sided confidence level.

    Returns
    -------
    (low, high)
        Arrays (or floats) of the same shape as ``k``.

    Examples
    --------
    >>> [round(float(x), 4) for x in wilson_interval(5, 10)]
    [0.2366, 0.7634]
    >>> [round(float(x), 4) for x in wilson_interval(0, 10)]
    [0.0, 0.2775]
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    from scipy import stats  # imported on use: the workflow imports this package while parsing

    z = stats.norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
        # the interval always contains p; clipping guards against rounding at p = 0 and p = 1
        low = np.where(n > 0, np.clip(np.minimum(centre - half, p), 0.0, 1.0), np.nan)
        high = np.where(n > 0, np.clip(np.maximum(centre + half, p), 0.0, 1.0), np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def fisher_exact(k1: int, n1: int, k2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test for ``k1`` of ``n1`` versus ``k2`` of ``n2``.

    Examples
    --------
    >>> round(fisher_exact(3, 4, 1, 4), 4)  # Fisher's tea-tasting table [[3, 1], [1, 3]]
    0.4857
    """
    if n1 == 0 or n2 == 0:
        return float("nan")
    table = [[k1, n1 - k1], [k2, n2 - k2]]
    from scipy import stats

    return float(stats.fisher_exact(table, alternative="two-sided").pvalue)


def odds_ratio(k1: int, n1: int, k2: int, n2: int) -> float:
    """Odds ratio of group 1 versus group 2, adding 0.5 to every cell when any cell is zero.

    Examples
    --------
    >>> odds_ratio(3, 4, 1, 4)
    9.0
    >>> round(odds_ratio(4, 4, 0, 4), 2)  # Haldane–Anscombe: (4.5 * 4.5) / (0.5 * 0.5)
    81.0
    """
    a, b, c, d = k1, n1 - k1, k2, n2 - k2
    if min(a, b, c, d) == 0:
        a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
    return float((a * d) / (b * c))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (step-up, monotone, capped at 1); NaN stays NaN.

    Examples
    --------
    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.005])).round(4).tolist()
    [0.02, 0.04, 0.04, 0.02]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    values = p[ok]
    m = values.size
    if m == 0:
        return out
    order = np.argsort(values, kind="stable")
    ranked = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[ok] = result
    return out


def newcombe_interval(k1: int, n1: int, k2: int, n2: int, confidence: float = 0.95) -> tuple[float, float]:
    """Newcombe's hybrid score interval for the difference ``k1/n1 - k2/n2`` (method 10 of Newcombe 1998).

    Examples
    --------
    >>> [round(x, 4) for x in newcombe_interval(56, 70, 48, 80)]  # Newcombe (1998) Table II, example (a)
    [0.0524, 0.3339]
    """
    if n1 == 0 or n2 == 0:
        return float("nan"), float("nan")
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson_interval(k1, n1, confidence)
    l2, u2 = wilson_interval(k2, n2, confidence)
    d = p1 - p2
    return float(d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)), float(
        d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    )
