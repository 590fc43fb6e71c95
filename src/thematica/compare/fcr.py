"""Intervals that agree with the test shown: false-coverage-rate intervals and markers.

The comparison flags an item when its Benjamini–Hochberg adjusted p is below ``alpha``, while each
difference comes with an unadjusted interval: an item can have an interval that excludes 0 and still not be
flagged. Two things keep the picture honest:

- Benjamini & Yekutieli (2005, JASA 100:71-81, "False discovery rate-adjusted multiple confidence intervals
  for selected parameters"): when R of m tested items are selected by BH at level q, intervals at level
  ``1 - R q / m`` for the selected items keep the false-coverage rate (the expected share of selected items
  whose interval misses) at most q. :func:`fcr_confidence` gives that level; the flagged items get their
  difference interval again at it (``diff_low_fcr``, ``diff_high_fcr``).
- A marker per item (:func:`difference_markers`): ``significant`` (flagged after FDR), ``interval_only``
  (the unadjusted interval excludes 0, but the item is not flagged after FDR) or ``none``.
"""

from __future__ import annotations

import numpy as np

#: Marker of an item flagged after the FDR adjustment.
SIGNIFICANT = "significant"
#: Marker of an item whose unadjusted interval excludes 0 but which is not flagged after FDR.
INTERVAL_ONLY = "interval_only"
#: Marker of an item neither flagged nor with an interval excluding 0 (or not tested).
NONE = "none"


def fcr_confidence(p: np.ndarray, selected: np.ndarray, q: float) -> float:
    """Benjamini–Yekutieli level ``1 - R q / m`` of the intervals of the selected items.

    Parameters
    ----------
    p
        The unadjusted p-values of the family (NaN: not tested, not counted in m).
    selected
        Which items BH selected at level ``q`` (same shape as ``p``).
    q
        The FDR level of the selection (``compare.alpha``).

    Returns
    -------
    float
        NaN when nothing was selected (no interval to adjust).

    Examples
    --------
    >>> fcr_confidence(np.array([0.001, 0.02, 0.3, 0.6]), np.array([True, True, False, False]), 0.05)
    0.975
    """
    p = np.asarray(p, dtype=float)
    selected = np.asarray(selected, dtype=bool) & ~np.isnan(p)
    m = int((~np.isnan(p)).sum())
    r = int(selected.sum())
    if r == 0:
        return float("nan")
    return 1.0 - r * q / m


def difference_markers(significant: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Marker per item from the FDR flag and the unadjusted interval of the difference.

    Examples
    --------
    >>> difference_markers(
    ...     np.array([True, False, False]), np.array([0.1, -0.56, -0.2]), np.array([0.5, -0.03, 0.1])
    ... ).tolist()
    ['significant', 'interval_only', 'none']
    """
    significant = np.asarray(significant, dtype=bool)
    low = np.asarray(low, dtype=float)
    high = np.asarray(high, dtype=float)
    with np.errstate(invalid="ignore"):
        excludes = (low > 0) | (high < 0)
    return np.where(significant, SIGNIFICANT, np.where(excludes, INTERVAL_ONLY, NONE))
