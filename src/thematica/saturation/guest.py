"""Thematic saturation after Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076.

Three parameters define saturation:

- **base size** b: the first b interviews give the base, the number of distinct codes they voice;
- **run length** r: a window of r consecutive interviews in which new codes are counted;
- **new-information threshold**: saturation is reached when a run adds at most this share of the base
  (new codes in the run / codes in the base, e.g. <= 5%).

The run starts right after the base and rolls forward one interview at a time; a code is new when no
earlier interview voiced it. Saturation is reported as "n+r": n interviews, confirmed by a run of r
further interviews that added information at or under the threshold. When no run qualifies, it is
"not reached"; when it cannot be judged (fewer than b + r interviews, or a base without codes), it is
"not assessable", with the reason in ``note``.

The functions work on cumulative code counts (:func:`thematica.saturation.accumulation.accumulation`),
so the same code serves the interview order and every permutation of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Status = Literal["reached", "not reached", "not assessable"]
_EPS = 1e-12


@dataclass(frozen=True)
class GuestResult:
    """Saturation of one ordering of interviews.

    Attributes
    ----------
    status
        "reached", "not reached" or "not assessable".
    n
        Interviews before the confirming run (None unless reached).
    label
        "n+r" when reached, else the status.
    base_codes
        Distinct codes in the first ``base_size`` interviews.
    note
        Why saturation is not assessable or not reached; empty when reached.
    """

    status: Status
    n: int | None
    label: str
    base_codes: int
    note: str


def run_shares(cumulative: np.ndarray, base_size: int, run_length: int) -> np.ndarray:
    """New information of the run that follows each interview, as a share of the base.

    Parameters
    ----------
    cumulative
        Cumulative codes per interview, shape (n_interviews,) or (n_orderings, n_interviews).
    base_size, run_length
        b and r.

    Returns
    -------
    numpy.ndarray of float, same shape as ``cumulative``
        At (0-based) position n - 1: (codes first voiced in interviews n+1..n+r) / (codes in the base),
        defined for b <= n <= n_interviews - r; NaN elsewhere and where the base has no codes.

    Examples
    --------
    >>> run_shares(np.array([3, 4, 5, 5, 5, 5]), base_size=2, run_length=2).round(2).tolist()
    [nan, 0.25, 0.0, 0.0, nan, nan]
    """
    cum = np.atleast_2d(np.asarray(cumulative, dtype=float))
    n_orders, n_total = cum.shape
    out = np.full(cum.shape, np.nan)
    if base_size < 1 or run_length < 1 or n_total < base_size + run_length:
        return out.reshape(np.shape(cumulative))
    base = cum[:, base_size - 1]
    n = np.arange(base_size, n_total - run_length + 1)  # interviews before the run
    new = cum[:, n + run_length - 1] - cum[:, n - 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(base[:, None] > 0, new / np.where(base > 0, base, 1.0)[:, None], np.nan)
    out[:, n - 1] = share
    return out.reshape(np.shape(cumulative))


def saturation_points(
    cumulative: np.ndarray, base_size: int, run_length: int, threshold: float
) -> np.ndarray:
    """n of the first run at or under the threshold, per ordering (NaN when none).

    Parameters
    ----------
    cumulative
        shape (n_orderings, n_interviews).

    Returns
    -------
    numpy.ndarray of float, shape (n_orderings,)
    """
    shares = np.atleast_2d(run_shares(np.atleast_2d(cumulative), base_size, run_length))
    ok = shares <= threshold + _EPS  # NaN compares False
    if ok.shape[1] == 0:
        return np.full(ok.shape[0], np.nan)
    first = ok.argmax(axis=1) + 1.0
    return np.where(ok.any(axis=1), first, np.nan)


def guest_saturation(
    cumulative: np.ndarray, base_size: int = 4, run_length: int = 2, threshold: float = 0.05
) -> GuestResult:
    """Saturation of one ordering (Guest, Namey & Chen 2020).

    Parameters
    ----------
    cumulative
        Cumulative codes per interview in the ordering, shape (n_interviews,).
    base_size, run_length, threshold
        b, r and the new-information threshold (a share, 0.05 = 5%).

    Returns
    -------
    GuestResult

    Examples
    --------
    Base of 4 interviews with 10 codes; interviews 5-6 add 2 (20%), 6-7 add 1 (10%), 7-8 add none:

    >>> r = guest_saturation(np.array([4, 7, 9, 10, 11, 12, 12, 12]), 4, 2, 0.05)
    >>> r.label, r.n, r.base_codes
    ('6+2', 6, 10)
    >>> guest_saturation(np.array([4, 7, 9]), 4, 2).note
    'only 3 interviews; base size 4 + run length 2 needs at least 6'
    """
    cum = np.asarray(cumulative, dtype=int)
    n_total = len(cum)
    if n_total < base_size + run_length:
        return GuestResult(
            "not assessable",
            None,
            "not assessable",
            int(cum[min(base_size, n_total) - 1]) if n_total else 0,
            f"only {n_total} interview{'s' if n_total != 1 else ''}; base size {base_size} + run length "
            f"{run_length} needs at least {base_size + run_length}",
        )
    base = int(cum[base_size - 1])
    if base == 0:
        return GuestResult(
            "not assessable", None, "not assessable", 0, f"no codes in the first {base_size} interviews"
        )
    n = saturation_points(cum[None, :], base_size, run_length, threshold)[0]
    if np.isnan(n):
        shares = run_shares(cum, base_size, run_length)
        last = shares[n_total - run_length - 1]
        return GuestResult(
            "not reached",
            None,
            "not reached",
            base,
            f"every run of {run_length} added more than {threshold:.0%} of the {base} base codes "
            f"(last run: {last:.0%})",
        )
    return GuestResult("reached", int(n), f"{int(n)}+{run_length}", base, "")
