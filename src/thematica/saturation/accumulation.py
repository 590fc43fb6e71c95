"""Code accumulation curves: in interview order, their exact random-order mean, and a permutation band.

All functions take a 0/1 incidence matrix of shape (n_codes, n_interviews) whose columns are in
interview order (:mod:`thematica.saturation.incidence`).
"""

from __future__ import annotations

import numpy as np


def log_factorials(n: int) -> np.ndarray:
    """``log(k!)`` for k = 0..n, shape (n + 1,)."""
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1, dtype=float)))])


def first_appearance(matrix: np.ndarray) -> np.ndarray:
    """0-based column of each code's first presence, -1 for codes never present.

    Parameters
    ----------
    matrix
        0/1 array, shape (n_codes, n_interviews).

    Returns
    -------
    numpy.ndarray of int, shape (n_codes,)

    Examples
    --------
    >>> first_appearance(np.array([[0, 1, 1], [0, 0, 0], [1, 0, 1]])).tolist()
    [1, -1, 0]
    """
    matrix = np.asarray(matrix, dtype=bool)
    if matrix.shape[1] == 0:
        return np.full(matrix.shape[0], -1, dtype=int)
    first = matrix.argmax(axis=1)
    return np.where(matrix.any(axis=1), first, -1)


def accumulation(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New and cumulative codes per interview, in column order.

    Parameters
    ----------
    matrix
        0/1 array, shape (n_codes, n_interviews).

    Returns
    -------
    new, cumulative : numpy.ndarray of int, shape (n_interviews,)
        Codes first voiced in each interview, and codes voiced up to and including it.

    Examples
    --------
    >>> new, cumulative = accumulation(np.array([[1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]))
    >>> new.tolist(), cumulative.tolist()
    ([2, 1, 1], [2, 3, 4])
    """
    matrix = np.asarray(matrix)
    first = first_appearance(matrix)
    new = np.bincount(first[first >= 0], minlength=matrix.shape[1])[: matrix.shape[1]]
    return new, np.cumsum(new)


def expected_accumulation(frequencies: np.ndarray, n_interviews: int) -> np.ndarray:
    """Exact mean number of codes after k interviews, over all orderings of the interviews.

    A code present in ``f`` of ``n`` interviews is missing from a random set of ``k`` of them with
    probability ``C(n - f, k) / C(n, k)``, so the mean over all ``n!`` orderings is
    ``E[S_k] = sum_j 1 - C(n - f_j, k) / C(n, k)`` — the incidence-based rarefaction curve
    (Colwell et al. 2012; iNEXT's interpolated richness for incidence data).

    Parameters
    ----------
    frequencies
        Number of interviews with each code, shape (n_codes,); zeros are ignored.
    n_interviews
        n, the number of interviews.

    Returns
    -------
    numpy.ndarray of float, shape (n_interviews,)
        ``E[S_k]`` for k = 1..n; the last value is the observed number of codes.

    Examples
    --------
    >>> expected_accumulation(np.array([1, 2, 0]), 2).tolist()
    [1.5, 2.0]
    """
    f = np.asarray(frequencies, dtype=int)
    f = f[f > 0]
    n = int(n_interviews)
    if n == 0:
        return np.zeros(0)
    k = np.arange(1, n + 1)
    return rarefied_richness(f, n, k)


def rarefied_richness(frequencies: np.ndarray, n: int, k: np.ndarray) -> np.ndarray:
    """``sum_j 1 - C(n - f_j, k) / C(n, k)`` for each k in ``k`` (0 < k <= n); shape (len(k),)."""
    f = np.asarray(frequencies, dtype=int)
    f = f[f > 0]
    k = np.asarray(k, dtype=int)
    if len(f) == 0:
        return np.zeros(len(k))
    lf = log_factorials(n)
    a = (n - f)[None, :]
    kk = k[:, None]
    ok = a >= kk
    with np.errstate(invalid="ignore"):
        log_ratio = lf[a] - lf[np.where(ok, a - kk, 0)] - lf[n] + lf[n - kk]
    missing = np.where(ok, np.exp(np.where(ok, log_ratio, 0.0)), 0.0)
    return (1.0 - missing).sum(axis=1)


def permutation_curves(matrix: np.ndarray, n_permutations: int, rng: np.random.Generator) -> np.ndarray:
    """Cumulative codes per interview under random interview orders.

    Parameters
    ----------
    matrix
        0/1 array, shape (n_codes, n_interviews).
    n_permutations
        Number of random orderings.
    rng
        The generator (seeded by the caller), e.g. ``numpy.random.default_rng(seed)``.

    Returns
    -------
    numpy.ndarray of int, shape (n_permutations, n_interviews)
    """
    matrix = np.asarray(matrix, dtype=bool)
    n_codes, n = matrix.shape
    if n == 0 or n_permutations == 0:
        return np.zeros((n_permutations, n), dtype=int)
    orders = rng.permuted(np.tile(np.arange(n), (n_permutations, 1)), axis=1)
    rank = np.argsort(orders, axis=1)  # rank[p, u]: position of interview u in ordering p
    present = matrix[matrix.any(axis=1)]
    counts = np.zeros((n_permutations, n + 1), dtype=int)
    chunk = max(1, 2_000_000 // max(1, present.size))  # bound the (chunk, codes, interviews) temporary
    for start in range(0, n_permutations, chunk):
        part = rank[start : start + chunk]
        first = np.where(present[None, :, :], part[:, None, :], n).min(axis=2)  # (chunk, n_present)
        rows = np.repeat(np.arange(start, start + len(part)), first.shape[1])
        np.add.at(counts, (rows, first.ravel()), 1)
    return np.cumsum(counts[:, :n], axis=1)


def band(curves: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise central ``level`` interval of permutation curves (numpy's linear quantiles).

    Parameters
    ----------
    curves
        shape (n_permutations, n_interviews).
    level
        Coverage of the band, e.g. 0.95 for the 2.5% and 97.5% quantiles.

    Returns
    -------
    low, high : numpy.ndarray, shape (n_interviews,)
    """
    curves = np.asarray(curves, dtype=float)
    if curves.shape[0] == 0:
        nan = np.full(curves.shape[1], np.nan)
        return nan, nan.copy()
    tail = (1.0 - level) / 2.0
    return np.quantile(curves, tail, axis=0), np.quantile(curves, 1.0 - tail, axis=0)
