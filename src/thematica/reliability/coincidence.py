"""Coincidence matrices and difference functions for Krippendorff's alpha.

Reliability data are ``m`` coders x ``N`` units; a coder who did not judge a unit leaves it missing.
A unit judged by ``m_u >= 2`` coders is *pairable*; a unit with fewer values is dropped, because its
value cannot be compared with anyone's. From the value counts ``n_uc`` (how many coders gave value
``c`` to unit ``u``) the observed coincidences are (Krippendorff 2011, section E)

.. math::

    o_{ck} = \\sum_{u:\\,m_u \\ge 2} \\frac{n_{uc}\\,(n_{uk} - [c = k])}{m_u - 1},

every pair of values within a unit counted in both orders, each unit weighted so that it contributes
``m_u`` values. The margins ``n_c = sum_k o_ck`` sum to ``n``, the number of pairable values. Expected
coincidences are those of values paired at random from the same pool:
``e_ck = n_c (n_k - [c = k]) / (n - 1)``.

Difference functions ``delta^2_ck`` (Krippendorff 2011, section E.3):

- nominal: 0 if ``c == k`` else 1;
- ordinal: ``(sum_{g=c}^{k} n_g - (n_c + n_k) / 2)^2`` (ranks from the margins, values in order);
- interval: ``(c - k)^2``;
- ratio: ``((c - k) / (c + k))^2``.

References
----------
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")


def value_counts(
    reliability_data: np.ndarray, values: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Count the values each unit received.

    Parameters
    ----------
    reliability_data
        Shape ``(m, N)``: coders x units, ``NaN`` where a coder gave no value.
    values
        Shape ``(V,)``: the value domain in order; by default the sorted distinct values present.

    Returns
    -------
    counts : numpy.ndarray
        Shape ``(N, V)``: ``counts[u, c]`` coders who gave value ``values[c]`` to unit ``u``.
    values : numpy.ndarray
        Shape ``(V,)``: the value domain used.

    Examples
    --------
    >>> counts, values = value_counts(np.array([[1, 2, np.nan], [1, 1, 2.0]]))
    >>> counts.tolist(), values.tolist()
    ([[2, 0], [1, 1], [0, 1]], [1.0, 2.0])
    """
    data = np.asarray(reliability_data, dtype=float)
    if data.ndim != 2:
        raise ValueError(f"reliability data must be a 2-D coders x units array, got shape {data.shape}")
    present = ~np.isnan(data)
    domain = np.unique(data[present]) if values is None else np.asarray(values, dtype=float)
    if not np.isin(data[present], domain).all():
        raise ValueError("the reliability data hold values outside the given value domain")
    counts = (data.T[:, :, None] == domain[None, None, :]).sum(axis=1)
    return counts.astype(np.int64), domain


def coincidences(counts: np.ndarray) -> np.ndarray:
    """Observed coincidence matrix from value counts; units with fewer than two values are dropped.

    Parameters
    ----------
    counts
        Shape ``(N, V)``: value counts per unit (see :func:`value_counts`).

    Returns
    -------
    numpy.ndarray
        Shape ``(V, V)``, symmetric; sums to the number of pairable values ``n``.

    Examples
    --------
    >>> coincidences(np.array([[2, 0], [1, 1], [0, 1]])).tolist()
    [[2.0, 1.0], [1.0, 0.0]]
    """
    counts = np.asarray(counts, dtype=float)
    m_u = counts.sum(axis=1)
    pairable = m_u >= 2
    c = counts[pairable]
    weight = 1.0 / (m_u[pairable] - 1.0)
    pairs = np.einsum("u,uc,uk->ck", weight, c, c)
    pairs -= np.diag((weight[:, None] * c).sum(axis=0))
    return pairs


def expected_coincidences(margins: np.ndarray) -> np.ndarray:
    """Expected coincidences ``e_ck = n_c (n_k - [c = k]) / (n - 1)`` from margins ``n_c`` (shape ``(V,)``).

    Examples
    --------
    >>> expected_coincidences(np.array([3.0, 1.0])).tolist()
    [[2.0, 1.0], [1.0, 0.0]]
    """
    n_c = np.asarray(margins, dtype=float)
    n = n_c.sum()
    return (np.outer(n_c, n_c) - np.diag(n_c)) / (n - 1.0)


def difference_matrix(values: np.ndarray, level: Level, margins: np.ndarray | None = None) -> np.ndarray:
    """Squared differences ``delta^2_ck`` between the values of a domain.

    Parameters
    ----------
    values
        Shape ``(V,)``: the value domain, in order for ordinal data.
    level
        Level of measurement.
    margins
        Shape ``(V,)``: the coincidence margins ``n_c``; required for ``"ordinal"``.

    Returns
    -------
    numpy.ndarray
        Shape ``(V, V)``, symmetric, zero diagonal.

    Examples
    --------
    >>> difference_matrix(np.array([1.0, 2.0, 4.0]), "interval").tolist()
    [[0.0, 1.0, 9.0], [1.0, 0.0, 4.0], [9.0, 4.0, 0.0]]
    >>> float(difference_matrix(np.array([0.0, 1.0, 2.0]), "ordinal", np.array([2.0, 4.0, 6.0]))[0, 2])
    64.0
    """
    v = np.asarray(values, dtype=float)
    if level == "nominal":
        return 1.0 - np.eye(len(v))
    if level == "interval":
        return np.subtract.outer(v, v) ** 2
    if level == "ratio":
        total = np.add.outer(v, v)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(total == 0, 0.0, np.subtract.outer(v, v) / total)
        return ratio**2
    if level == "ordinal":
        if margins is None:
            raise ValueError("ordinal differences need the coincidence margins n_c")
        n_c = np.asarray(margins, dtype=float)
        cumulative = np.concatenate([[0.0], np.cumsum(n_c)])
        lo = np.minimum.outer(np.arange(len(n_c)), np.arange(len(n_c)))
        hi = np.maximum.outer(np.arange(len(n_c)), np.arange(len(n_c)))
        between = cumulative[hi + 1] - cumulative[lo]
        return (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2
    raise ValueError(f"level of measurement must be one of {', '.join(LEVELS)}, got {level!r}")


def binary_coincidences(m_u: np.ndarray, k_u: np.ndarray) -> np.ndarray:
    """Coincidences of binary (0/1) data from per-unit totals, for many variables at once.

    Parameters
    ----------
    m_u
        Shape ``(..., N)``: values per unit (coders who judged it); units with fewer than two are dropped.
    k_u
        Shape ``(..., N)``: how many of those values are 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., 2, 2)``: ``[[o_00, o_01], [o_10, o_11]]`` per variable.

    Examples
    --------
    >>> binary_coincidences(np.array([2, 2, 3, 1]), np.array([2, 1, 0, 1])).tolist()
    [[3.0, 1.0], [1.0, 2.0]]
    """
    m = np.asarray(m_u, dtype=float)
    k = np.asarray(k_u, dtype=float)
    pairable = m >= 2
    weight = np.where(pairable, 1.0 / np.where(pairable, m - 1.0, 1.0), 0.0)
    o11 = (weight * k * (k - 1.0)).sum(axis=-1)
    o00 = (weight * (m - k) * (m - k - 1.0)).sum(axis=-1)
    o01 = (weight * k * (m - k)).sum(axis=-1)
    return np.stack([np.stack([o00, o01], axis=-1), np.stack([o01, o11], axis=-1)], axis=-2)
