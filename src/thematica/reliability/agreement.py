"""Cohen's kappa, Fleiss' kappa and Gwet's AC1 for nominal data, missing values allowed where defined.

All three are ``(p_a - p_e) / (1 - p_e)``: observed agreement ``p_a`` corrected for the agreement
``p_e`` expected by chance; they differ in ``p_e`` and in which coders they take.

- **Cohen's kappa** (Cohen 1960), two coders: ``p_a`` is the share of units on which they agree and
  ``p_e = sum_k p_ak p_bk`` from each coder's own marginal shares. Only units both coders judged count.
- **Fleiss' kappa** (Fleiss 1971), any number of coders, generalised to missing values as in Gwet (2014,
  ch. 2 and 5; the R package irrCAC's ``fleiss.kappa.raw``): with ``r_uk`` coders giving value ``k``
  to unit ``u`` and ``r_u`` its values,

  .. math::

      p_a = \\frac{1}{n_2} \\sum_{u:\\,r_u \\ge 2} \\sum_k \\frac{r_{uk}(r_{uk} - 1)}{r_u(r_u - 1)},
      \\qquad \\pi_k = \\frac{1}{n_1} \\sum_{u:\\,r_u \\ge 1} \\frac{r_{uk}}{r_u},
      \\qquad p_e = \\sum_k \\pi_k^2,

  over the ``n_2`` units judged by at least two coders and the ``n_1`` units judged by at least one (a
  unit one coder saw informs the chance agreement, not the observed one). When every unit has the same
  number of values this is Fleiss' (1971) kappa; for two coders and no missing values, Scott's pi.
- **Gwet's AC1** (Gwet 2008; 2014, ch. 4), any number of coders, missing values as for Fleiss' kappa, with
  ``p_e = sum_k pi_k (1 - pi_k) / (q - 1)`` over the ``q`` categories of the value domain. AC1 depends on
  the domain: a category nobody used still counts in ``q``, so pass ``values`` when some went unused.

Each coefficient is computed from additive per-unit statistics (``*_statistics``: shape ``(S, N)``) and
a function of their totals (``*_from_totals``: shape ``(..., S)`` in, ``(...)`` out), so a bootstrap
replicate is a weighted sum of the statistics and thousands of replicates are one matrix product.

Examples
--------
Gwet's (2014) 4 raters x 12 subjects with missing ratings, the R package irrCAC's ``cac.raw4raters``
(documented values: Fleiss' kappa 0.76117, AC1 0.77544; the same data are Krippendorff's 2011 example):

>>> nan = np.nan
>>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, nan],
...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
>>> round(fleiss_kappa(data), 5), round(gwet_ac1(data), 5)
(0.76117, 0.77544)

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
Measurement, 20(1), 37-46.
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5),
378-382.
Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high agreement.
British Journal of Mathematical and Statistical Psychology, 61, 29-48.
Gwet, K. L. (2014). Handbook of Inter-Rater Reliability (4th ed.). Advanced Analytics.
Light, R. J. (1971). Measures of response agreement for qualitative data. Psychological Bulletin, 76(5),
365-377.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from thematica.reliability.coincidence import value_counts

Chance = Literal["fleiss", "gwet"]


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1.0), np.nan)


def chance_corrected(p_a: np.ndarray, p_e: np.ndarray) -> np.ndarray:
    """``(p_a - p_e) / (1 - p_e)``; ``NaN`` where ``p_e`` is 1 (no variation) or either is ``NaN``.

    Examples
    --------
    >>> chance_corrected(np.array([0.89, 1.0]), np.array([0.5, 1.0])).round(2).tolist()
    [0.78, nan]
    """
    p_a = np.asarray(p_a, dtype=float)
    p_e = np.asarray(p_e, dtype=float)
    return _ratio(p_a - p_e, 1.0 - p_e)


# ----------------------------------------------------------------------------------- Cohen's kappa
def cohen_statistics(values_a: np.ndarray, values_b: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """Per-unit cell indicators of two coders' contingency table.

    Parameters
    ----------
    values_a, values_b
        Shape ``(N,)``: each coder's value per unit, ``NaN`` where missing.
    domain
        Shape ``(V,)``: the value domain.

    Returns
    -------
    numpy.ndarray
        Shape ``(V * V, N)``: row ``i * V + j`` is 1 where coder a gave ``domain[i]`` and coder b
        ``domain[j]``; units either coder left missing are all 0.
    """
    a = np.asarray(values_a, dtype=float)
    b = np.asarray(values_b, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"two coders' values must be 1-D arrays of one length, got {a.shape} and {b.shape}")
    domain = np.asarray(domain, dtype=float)
    both = ~np.isnan(a) & ~np.isnan(b)
    if not (np.isin(a[both], domain).all() and np.isin(b[both], domain).all()):
        raise ValueError("the coders' values hold values outside the given value domain")
    in_a = (a[None, :] == domain[:, None]) & both
    in_b = (b[None, :] == domain[:, None]) & both
    return (in_a[:, None, :] & in_b[None, :, :]).reshape(len(domain) ** 2, -1).astype(float)


def kappa_from_table(table: np.ndarray) -> np.ndarray:
    """Cohen's kappa of contingency tables, vectorised: shape ``(..., V, V)`` in, ``(...)`` out.

    ``table[..., i, j]``: units coder a put in category ``i`` and coder b in ``j``. ``NaN`` without units or
    when both coders used one and the same category throughout.

    Examples
    --------
    Gwet's (2014) two abstractors, the R package irrCAC's ``cont3x3abstractors`` (documented
    Cohen's kappa 0.7964094):

    >>> round(float(kappa_from_table(np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]]))), 7)
    0.7964094
    """
    table = np.asarray(table, dtype=float)
    n = table.sum(axis=(-2, -1))
    p_a = _ratio(np.trace(table, axis1=-2, axis2=-1), n)
    row = _ratio(table.sum(axis=-1), n[..., None])
    col = _ratio(table.sum(axis=-2), n[..., None])
    return chance_corrected(p_a, (row * col).sum(axis=-1))


def cohen_kappa(reliability_data: np.ndarray, values: np.ndarray | None = None) -> float:
    """Cohen's kappa of two coders over the units both judged.

    Parameters
    ----------
    reliability_data
        Shape ``(2, N)``: coders x units, ``NaN`` for a missing value.
    values
        Shape ``(V,)``: the value domain (defaults to the distinct values present).

    Returns
    -------
    float
        ``NaN`` when no unit was judged by both or both coders used one category throughout.

    Examples
    --------
    >>> round(cohen_kappa([[0, 1, 1, 0, 1, np.nan], [0, 1, 0, 0, 1, 1]]), 4)
    0.6154
    """
    data = np.asarray(reliability_data, dtype=float)
    if data.ndim != 2 or data.shape[0] != 2:
        raise ValueError(
            f"Cohen's kappa takes two coders: reliability data of shape (2, units), got {data.shape}; "
            "for more coders use fleiss_kappa, gwet_ac1 or Cohen's kappa per pair"
        )
    domain = np.unique(data[~np.isnan(data)]) if values is None else np.asarray(values, dtype=float)
    cells = cohen_statistics(data[0], data[1], domain).sum(axis=-1)
    return float(kappa_from_table(cells.reshape(len(domain), len(domain))))


# ------------------------------------------------------------------------ Fleiss' kappa, Gwet's AC1
def multirater_statistics(counts: np.ndarray) -> np.ndarray:
    """Per-unit statistics of Fleiss' kappa and Gwet's AC1 (Gwet 2014) from value counts.

    Parameters
    ----------
    counts
        Shape ``(N, V)``: ``counts[u, k]`` coders who gave unit ``u`` the ``k``-th value.

    Returns
    -------
    numpy.ndarray
        Shape ``(V + 3, N)``: whether the unit is pairable (at least two values), its share of agreeing
        pairs (0 unless pairable), whether it has a value at all, and its share of each value (0 without
        values). Their totals over units are what :func:`multirater_from_totals` takes.

    Examples
    --------
    >>> multirater_statistics(np.array([[2, 1], [0, 1], [0, 0]])).round(3).tolist()
    [[1.0, 0.0, 0.0], [0.333, 0.0, 0.0], [1.0, 1.0, 0.0], [0.667, 0.0, 0.0], [0.333, 1.0, 0.0]]
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 2:
        raise ValueError(f"value counts must be a 2-D units x values array, got shape {counts.shape}")
    r = counts.sum(axis=1)
    pairable = r >= 2
    agree = _ratio((counts * (counts - 1.0)).sum(axis=1), r * (r - 1.0))
    shares = _ratio(counts, r[:, None])
    return np.vstack(
        [
            pairable.astype(float),
            np.where(pairable, agree, 0.0),
            (r >= 1).astype(float),
            np.where(r[:, None] >= 1, shares, 0.0).T,
        ]
    )


def multirater_from_totals(totals: np.ndarray, chance: Chance = "fleiss") -> np.ndarray:
    """Fleiss' kappa or Gwet's AC1 from totals of :func:`multirater_statistics`, vectorised.

    Parameters
    ----------
    totals
        Shape ``(..., V + 3)``: the per-unit statistics summed over units (or weighted, for a bootstrap).
    chance
        ``"fleiss"`` (``p_e = sum_k pi_k^2``) or ``"gwet"`` (``p_e = sum_k pi_k (1 - pi_k) / (V - 1)``).

    Returns
    -------
    numpy.ndarray
        Shape ``(...)``; ``NaN`` without pairable units, or where ``p_e`` is 1.
    """
    totals = np.asarray(totals, dtype=float)
    p_a = _ratio(totals[..., 1], totals[..., 0])
    pi = _ratio(totals[..., 3:], totals[..., 2:3])
    v = totals.shape[-1] - 3
    if chance == "fleiss":
        p_e = (pi**2).sum(axis=-1)
    elif chance == "gwet":
        if v < 2:
            return np.full(totals.shape[:-1], np.nan)
        p_e = (pi * (1.0 - pi)).sum(axis=-1) / (v - 1.0)
    else:
        raise ValueError(f"chance agreement must be 'fleiss' or 'gwet', got {chance!r}")
    return chance_corrected(p_a, p_e)


def _multirater(reliability_data: np.ndarray, values: np.ndarray | None, chance: Chance) -> float:
    counts, _ = value_counts(np.asarray(reliability_data, dtype=float), values)
    return float(multirater_from_totals(multirater_statistics(counts).sum(axis=-1), chance))


def fleiss_kappa(reliability_data: np.ndarray, values: np.ndarray | None = None) -> float:
    """Fleiss' kappa of a coders x units matrix, missing values allowed (Gwet 2014; module docstring).

    Parameters
    ----------
    reliability_data
        Shape ``(m, N)``: coders x units, ``NaN`` for a missing value; units without values are ignored.
    values
        Shape ``(V,)``: the value domain (defaults to the distinct values present; unused categories do
        not change Fleiss' kappa).

    Returns
    -------
    float
        ``NaN`` without a unit judged by two coders, or when every value is the same.

    Examples
    --------
    Two coders and no missing values: Scott's pi; irrCAC documents Scott's pi 0.7962397 for its
    ``cont3x3abstractors`` table (13, 20 and 56 agreements; 7 and 4 disagreements):

    >>> a = [0] * 13 + [1] * 27 + [2] * 60
    >>> b = [0] * 13 + [1] * 20 + [2] * 7 + [1] * 4 + [2] * 56
    >>> round(fleiss_kappa([a, b]), 7)
    0.7962397
    """
    return _multirater(reliability_data, values, "fleiss")


def gwet_ac1(reliability_data: np.ndarray, values: np.ndarray | None = None) -> float:
    """Gwet's AC1 of a coders x units matrix, missing values allowed (Gwet 2014; module docstring).

    Parameters
    ----------
    reliability_data
        Shape ``(m, N)``: coders x units, ``NaN`` for a missing value; units without values are ignored.
    values
        Shape ``(V,)``: the value domain; AC1's chance agreement depends on its size ``q``, so give the
        categories the coders could choose from when some went unused (defaults to those present).

    Returns
    -------
    float
        ``NaN`` without a unit judged by two coders, or with fewer than two categories.

    Examples
    --------
    irrCAC's ``cont3x3abstractors`` (documented AC1 0.8493305):

    >>> a = [0] * 13 + [1] * 27 + [2] * 60
    >>> b = [0] * 13 + [1] * 20 + [2] * 7 + [1] * 4 + [2] * 56
    >>> round(gwet_ac1([a, b]), 7)
    0.8493305
    """
    return _multirater(reliability_data, values, "gwet")
