"""One test for three or more groups: is voicing an item independent of the group?

For one item, the participants of ``k`` groups form a 2 x k table (with / without the item, by group).
:func:`freeman_halton` gives the two-sided p-value of the Freeman–Halton extension of Fisher's exact test:
the probability, with every margin fixed, of a table no more likely than the observed one (the definition of
R's ``fisher.test`` and of :func:`thematica.compare.stats.fisher_exact` for two groups). Every table with
the observed margins is enumerated when there are at most ``max_tables`` of them, which covers qualitative
studies of any usual size (three groups of 300 participants have fewer than 70,000 tables); beyond that
the p-value is estimated from ``n_draws`` seeded random tables, as ``fisher.test(simulate.p.value = TRUE)``
does. The ``test`` it returns says which.
"""

from __future__ import annotations

import zlib
from typing import Literal

import numpy as np

#: Tables enumerated at most for an exact p-value (about 0.1 s of CPU per item at the limit).
MAX_EXACT_TABLES = 1_000_000
#: Random tables drawn when there are more: the Monte Carlo p-value's standard error is at most 0.0016.
N_DRAWS = 100_000
#: Relative tolerance on a table's probability, as R's fisher.test and scipy's fisher_exact use.
_TOLERANCE = np.log1p(1e-7)

Test = Literal["freeman_halton", "freeman_halton_monte_carlo"]


def count_tables(sizes, total: int, cap: int | None = None) -> int:
    """How many 2 x k tables have column sums ``sizes`` and first-row sum ``total`` (at most ``cap + 1``:
    counts above ``cap`` stop growing, which is all :func:`freeman_halton` needs to know).

    Examples
    --------
    >>> count_tables([2, 2, 2], 3)  # x1 + x2 + x3 = 3 with each x in 0..2
    7
    >>> count_tables([300, 300, 300], 450, cap=1000)
    1001
    """
    if cap is None:  # exact integers
        ways = [1] + [0] * total
        for n in sizes:
            running = [0] * (total + 2)
            for s, w in enumerate(ways):
                running[s + 1] = running[s] + w
            ways = [running[s + 1] - running[max(0, s - n)] for s in range(total + 1)]
        return ways[total]
    ways = np.zeros(total + 1)
    ways[0] = 1.0
    for n in sizes:  # ways'[s] = sum of ways[s - n .. s], by a running sum; capped, so exact in float
        running = np.concatenate([[0.0], np.cumsum(ways)])
        s = np.arange(total + 1)
        ways = np.minimum(running[s + 1] - running[np.maximum(0, s - n)], cap + 1)
    return int(ways[total])


def _log_choose(n: int) -> np.ndarray:
    """``log C(n, x)`` for ``x = 0..n``."""
    from scipy.special import gammaln

    x = np.arange(n + 1)
    return gammaln(n + 1) - gammaln(x + 1) - gammaln(n - x + 1)


def _table_log_weights(sizes: list[int], total: int) -> np.ndarray:
    """``sum_j log C(n_j, x_j)`` for every table ``x`` with ``sum x = total`` and ``0 <= x_j <= n_j``."""
    sums, weights = np.zeros(1, dtype=np.int64), np.zeros(1)
    room = sum(sizes)
    for n in sizes[:-1]:
        room -= n  # what the groups after this one can still hold
        x = np.arange(n + 1)
        s = (sums[:, None] + x[None, :]).ravel()
        w = (weights[:, None] + _log_choose(n)[None, :]).ravel()
        keep = (s <= total) & (s >= total - room)
        sums, weights = s[keep], w[keep]
    return weights + _log_choose(sizes[-1])[total - sums]


def freeman_halton(
    k,
    n,
    *,
    seed: int | str = 0,
    max_tables: int = MAX_EXACT_TABLES,
    n_draws: int = N_DRAWS,
) -> tuple[float, Test]:
    """Two-sided p-value of the Freeman–Halton test of a 2 x k table of ``k`` of ``n`` per group.

    Parameters
    ----------
    k, n
        Participants with the item and participants, per group (sequences of length k >= 2). A group
        without participants adds nothing to the table.
    seed
        Seeds the Monte Carlo draws, together with nothing else: one item's p-value never depends on the
        others (pass e.g. ``f"{config_seed}:{level}:{code}"``). Unused when the p-value is exact.
    max_tables
        Enumerate every table up to this many; above it, draw ``n_draws`` tables.

    Returns
    -------
    (p, test)
        ``test`` is ``freeman_halton`` (exact) or ``freeman_halton_monte_carlo`` (estimated as
        ``(1 + #{draws no more likely than observed}) / (n_draws + 1)``). NaN when fewer than two groups
        have participants.

    Examples
    --------
    >>> p, test = freeman_halton([3, 1], [4, 4])  # a 2 x 2 table: Fisher's exact test (tea tasting)
    >>> round(p, 4), test
    (0.4857, 'freeman_halton')
    """
    k = np.asarray(k, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    if k.shape != n.shape or k.ndim != 1:
        raise ValueError(f"k and n must be sequences of one length, got shapes {k.shape} and {n.shape}")
    if (k < 0).any() or (k > n).any():
        raise ValueError(f"each k must lie in 0..n, got k={k.tolist()}, n={n.tolist()}")
    kept = n > 0
    k, n = k[kept], n[kept]
    if k.size < 2:
        return float("nan"), "freeman_halton"
    total = int(k.sum())
    observed = float(sum(_log_choose(int(nj))[int(kj)] for kj, nj in zip(k, n, strict=True)))
    from scipy.special import gammaln, logsumexp

    log_all = gammaln(n.sum() + 1) - gammaln(total + 1) - gammaln(n.sum() - total + 1)
    if count_tables(n.tolist(), total, cap=max_tables) <= max_tables:
        weights = _table_log_weights(n.tolist(), total)
        extreme = weights[weights <= observed + _TOLERANCE]
        return float(min(1.0, np.exp(logsumexp(extreme) - log_all))), "freeman_halton"
    key = seed if isinstance(seed, int) else zlib.crc32(str(seed).encode("utf-8"))
    rng = np.random.default_rng(key)
    draws = rng.multivariate_hypergeometric(n, total, size=n_draws)
    tables = np.zeros(n_draws)
    for j, nj in enumerate(n):
        tables += _log_choose(int(nj))[draws[:, j]]
    hits = int((tables <= observed + _TOLERANCE).sum())
    return (1 + hits) / (n_draws + 1), "freeman_halton_monte_carlo"
