"""Krippendorff's alpha for coding predefined units, with missing data and four levels of measurement.

.. math::

    \\alpha = 1 - \\frac{D_o}{D_e}, \\qquad
    D_o = \\frac{1}{n} \\sum_{c,k} o_{ck}\\,\\delta^2_{ck}, \\qquad
    D_e = \\frac{1}{n(n-1)} \\sum_{c,k} n_c\\,n_k\\,\\delta^2_{ck},

with ``o_ck`` the coincidence matrix of the pairable values, ``n_c`` its margins and ``n`` their sum
(:mod:`thematica.reliability.coincidence`). For binary (0/1) nominal data this is
``alpha = 1 - (n - 1) o_01 / (n_0 n_1)``. Alpha is undefined (``NaN`` here) when the pairable values
show no variation (``D_e = 0``) or fewer than two values are pairable.

The results agree with the ``krippendorff`` package (which must be given ``level_of_measurement``
explicitly: its default is interval) and reproduce the published worked examples: Krippendorff's (2011)
4 coders x 12 units with missing values (nominal .743, ordinal .815, interval .849, ratio .797) and the
5 observers x 40 units ordinal data of Hayes & Krippendorff (2007), alpha = .7598.

Examples
--------
>>> nan = np.nan
>>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
>>> [round(krippendorff_alpha(data, level), 3) for level in ("nominal", "ordinal", "interval", "ratio")]
[0.743, 0.815, 0.849, 0.797]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from thematica.reliability.coincidence import (
    Level,
    coincidences,
    difference_matrix,
    value_counts,
)


@dataclass(frozen=True)
class AlphaResult:
    """Alpha with what it was computed from.

    Attributes
    ----------
    alpha
        Krippendorff's alpha (``NaN`` if undefined).
    observed, expected
        The disagreements ``D_o`` and ``D_e``.
    coincidences
        Shape ``(V, V)``: the observed coincidence matrix.
    delta2
        Shape ``(V, V)``: the difference function used.
    values
        Shape ``(V,)``: the value domain.
    n_units
        Pairable units (judged by at least two coders).
    n_values
        Pairable values ``n``.
    n_pairs
        Pairs of values within pairable units, ``sum_u m_u (m_u - 1) / 2``.
    """

    alpha: float
    observed: float
    expected: float
    coincidences: np.ndarray
    delta2: np.ndarray
    values: np.ndarray
    n_units: int
    n_values: float
    n_pairs: float


def disagreements(o: np.ndarray, delta2: np.ndarray) -> tuple[float, float]:
    """Observed and expected disagreement ``(D_o, D_e)`` of a coincidence matrix ``o`` (shape ``(V, V)``)."""
    o = np.asarray(o, dtype=float)
    n_c = o.sum(axis=0)
    n = n_c.sum()
    if n < 2:
        return float("nan"), float("nan")
    observed = float((o * delta2).sum() / n)
    expected = float((np.outer(n_c, n_c) * delta2).sum() / (n * (n - 1.0)))
    return observed, expected


def alpha_from_coincidences(o: np.ndarray, delta2: np.ndarray) -> float:
    """Alpha from coincidences and a difference function (both shape ``(V, V)``); ``NaN`` if undefined.

    Examples
    --------
    >>> o = np.array([[10.0, 4.0], [4.0, 2.0]])
    >>> round(alpha_from_coincidences(o, 1 - np.eye(2)), 6)
    0.095238
    """
    observed, expected = disagreements(o, delta2)
    if not expected > 0:
        return float("nan")
    return 1.0 - observed / expected


def alpha_result(
    reliability_data: np.ndarray, level: Level = "nominal", values: np.ndarray | None = None
) -> AlphaResult:
    """Alpha of a coders x units matrix with the coincidences and counts behind it.

    Parameters
    ----------
    reliability_data
        Shape ``(m, N)``: coders x units, ``NaN`` for a missing value.
    level
        Level of measurement: ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``.
    values
        Shape ``(V,)``: the ordered value domain (defaults to the distinct values present).
    """
    counts, domain = value_counts(np.asarray(reliability_data, dtype=float), values)
    o = coincidences(counts)
    delta2 = difference_matrix(domain, level, o.sum(axis=0))
    observed, expected = disagreements(o, delta2)
    m_u = counts.sum(axis=1)
    pairable = m_u >= 2
    value = 1.0 - observed / expected if expected > 0 else float("nan")
    return AlphaResult(
        alpha=value,
        observed=observed,
        expected=expected,
        coincidences=o,
        delta2=delta2,
        values=domain,
        n_units=int(pairable.sum()),
        n_values=float(m_u[pairable].sum()),
        n_pairs=float((m_u[pairable] * (m_u[pairable] - 1) / 2).sum()),
    )


def krippendorff_alpha(
    reliability_data: np.ndarray, level: Level = "nominal", values: np.ndarray | None = None
) -> float:
    """Krippendorff's alpha of a coders x units matrix (shape ``(m, N)``, ``NaN`` = missing).

    Examples
    --------
    >>> round(krippendorff_alpha([[0, 1, 1, 0], [0, 1, 0, 0]], "nominal"), 4)
    0.5333
    """
    return alpha_result(reliability_data, level, values).alpha


def binary_alpha(o: np.ndarray) -> np.ndarray:
    """Nominal alpha of binary data from coincidences, vectorised: shape ``(..., 2, 2)`` in, ``(...)`` out.

    ``alpha = 1 - (n - 1) o_01 / (n_0 n_1)``; ``NaN`` where either value never occurs.

    Examples
    --------
    >>> binary_alpha(np.array([[[10.0, 4.0], [4.0, 2.0]], [[6.0, 0.0], [0.0, 0.0]]])).round(6).tolist()
    [0.095238, nan]
    """
    o = np.asarray(o, dtype=float)
    n0 = o[..., 0, 0] + o[..., 0, 1]
    n1 = o[..., 1, 1] + o[..., 1, 0]
    n = n0 + n1
    denominator = n0 * n1
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 1.0 - (n - 1.0) * o[..., 0, 1] / denominator
    return np.where(denominator > 0, value, np.nan)
