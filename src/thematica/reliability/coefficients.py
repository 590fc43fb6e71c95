"""The reliability coefficients a study reports, behind one small interface, and their bootstrap.

A :class:`Coefficient` names a coefficient, says which designs it takes (two coders, or any number;
missing values or not), and computes it from a code's binary reliability data (:class:`UnitData`) in two
steps: additive per-unit statistics (shape ``(S, N)``) and a function of their totals. Summing the
statistics over units gives the estimate; a bootstrap replicate sums them with resampling weights, so
``R`` replicates are one ``(R, N) x (N, S)`` product, grouped by distinct units so it stays small.

Intervals (``n_boot`` replicates from the generator :func:`~thematica.reliability.bootstrap.rng_for`
seeds from the config's seed and the coefficient, level and code):

- ``bootstrap``: Krippendorff's algorithm for alpha (pairs of values drawn from the coincidences with the
  expected disagreement fixed, :mod:`~thematica.reliability.bootstrap`); resampling units (segments) with
  replacement and recomputing everything for the others, which have no such algorithm;
- ``cluster_bootstrap``: resampling whole transcripts with replacement, the same for every coefficient.

A replicate whose coefficient is undefined (every drawn value the same) counts as 0, as in Krippendorff's
algorithm; when the coefficient of the data is undefined, so is every replicate.

:data:`COEFFICIENTS` is the registry, in the order tables and figures list them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from thematica.reliability.agreement import (
    cohen_statistics,
    kappa_from_table,
    multirater_from_totals,
    multirater_statistics,
)
from thematica.reliability.alpha import binary_alpha
from thematica.reliability.bootstrap import (
    DrawsRule,
    bootstrap_alpha,
    bootstrap_draws,
    cluster_bootstrap_alpha,
)

BINARY = np.array([0.0, 1.0])
NOMINAL2 = 1.0 - np.eye(2)


@dataclass(frozen=True)
class UnitData:
    """One code's (or theme's) binary reliability data.

    Attributes
    ----------
    values
        Shape ``(m, N)``: coders x units, 1 (applied), 0 (not) or ``NaN`` (the coder did not see the
        unit); units that at least one coder saw, in segment order.
    coders
        The ``m`` coders' names, in row order.
    clusters
        Shape ``(N,)``: each unit's transcript as an index ``0 .. C-1`` (transcripts in sorted order).
    """

    values: np.ndarray
    coders: tuple[str, ...]
    clusters: np.ndarray

    @property
    def m_u(self) -> np.ndarray:
        """Shape ``(N,)``: values per unit."""
        return (~np.isnan(self.values)).sum(axis=0).astype(float)

    @property
    def k_u(self) -> np.ndarray:
        """Shape ``(N,)``: ones per unit."""
        return np.nansum(self.values, axis=0)

    @property
    def patterns(self) -> np.ndarray:
        """Shape ``(N,)``: an integer per unit, equal for units with the same values from the same coders."""
        digits = np.where(np.isnan(self.values), 0, self.values + 1).astype(np.int64)
        return (digits * 3 ** np.arange(len(self.coders), dtype=np.int64)[:, None]).sum(axis=0)

    @property
    def n_units(self) -> int:
        """Pairable units (judged by at least two coders)."""
        return int((self.m_u >= 2).sum())

    @property
    def n_coders(self) -> int:
        """Coders with a value in a pairable unit."""
        pairable = self.values[:, self.m_u >= 2]
        return int((~np.isnan(pairable)).any(axis=1).sum())

    def pair(self, a: int, b: int) -> UnitData:
        """The two coders ``a`` and ``b`` (row indices) on the units both saw."""
        both = ~np.isnan(self.values[a]) & ~np.isnan(self.values[b])
        return UnitData(self.values[[a, b]][:, both], (self.coders[a], self.coders[b]), self.clusters[both])

    def pairs(self) -> list[tuple[int, int]]:
        """Coder pairs (row indices) with at least one unit both saw."""
        seen = ~np.isnan(self.values)
        return [
            (a, b) for a, b in itertools.combinations(range(len(self.coders)), 2) if (seen[a] & seen[b]).any()
        ]


@dataclass(frozen=True)
class Interval:
    """A coefficient of one code with its bootstrap replicates.

    Attributes
    ----------
    estimate
        The coefficient (``NaN`` if undefined).
    replicates
        Shape ``(R,)``: the coefficient's bootstrap (Krippendorff's algorithm for alpha, else units).
    cluster_replicates
        Shape ``(R,)``: the bootstrap over transcripts.
    draws
        Items drawn per replicate of ``replicates`` (pairs of values for alpha, units otherwise).
    totals
        Shape ``(S,)``: the statistics behind the estimate (alpha: ``o_00, o_01, o_11``).
    """

    estimate: float
    replicates: np.ndarray
    cluster_replicates: np.ndarray
    draws: int
    totals: np.ndarray


Bootstrap = Callable[..., np.ndarray]


def _cluster_totals(statistics: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """Shape ``(C, S)``: the statistics summed within each cluster (units kept in order)."""
    ids = np.unique(clusters)
    return (
        np.stack([statistics[:, clusters == c].sum(axis=-1) for c in ids])
        if len(ids)
        else np.zeros((0, statistics.shape[0]))
    )


def _finish(replicates: np.ndarray, estimate: float) -> np.ndarray:
    if not np.isfinite(estimate):
        return np.full(len(replicates), np.nan)
    return np.where(np.isnan(replicates), 0.0, replicates)


@dataclass(frozen=True)
class Coefficient:
    """A reliability coefficient for binary codes.

    Attributes
    ----------
    name
        Its id in the config (``reliability.coefficients``) and in ``coefficients.csv``.
    label
        How tables and figures name it.
    coders
        ``"two"``: defined for two coders (with more, the mean over coder pairs, reported per pair as
        well); ``"any"``: any number.
    missing
        Whether a coder may leave units missing.
    statistics
        ``(data: UnitData) -> (S, N)``: additive per-unit statistics.
    from_totals
        ``(totals: (..., S)) -> (...)``: the coefficient from (weighted) totals of the statistics.
    bootstrap
        ``"krippendorff"`` (alpha's algorithm) or ``"units"`` (resampling units).
    note
        What the ``note`` column of ``coefficients.csv`` says about it.
    """

    name: str
    label: str
    coders: Literal["two", "any"]
    missing: bool
    statistics: Callable[[UnitData], np.ndarray]
    from_totals: Callable[[np.ndarray], np.ndarray]
    bootstrap: Literal["krippendorff", "units"]
    note: str

    def estimate(self, data: UnitData) -> float:
        """The coefficient of ``data``."""
        return float(self.from_totals(self.statistics(data).sum(axis=-1)))

    def evaluate(
        self,
        data: UnitData,
        *,
        n_boot: int,
        rng: np.random.Generator,
        cluster_rng: np.random.Generator,
        draws_rule: DrawsRule = "pairings",
    ) -> Interval:
        """The coefficient of ``data`` with ``n_boot`` replicates of each bootstrap.

        Parameters
        ----------
        data
            The code's reliability data.
        n_boot
            Replicates per bootstrap (0: none).
        rng, cluster_rng
            Generators of the bootstrap and of the transcript bootstrap.
        draws_rule
            Pairs drawn per replicate of Krippendorff's algorithm (alpha only).
        """
        statistics = self.statistics(data)
        totals = statistics.sum(axis=-1)
        estimate = float(self.from_totals(totals))
        clusters = _cluster_totals(statistics, data.clusters)
        if self.bootstrap == "krippendorff":
            o = _coincidences(totals)
            draws = bootstrap_draws(o, n_coders=data.n_coders, rule=draws_rule)
            replicates = bootstrap_alpha(o, NOMINAL2, draws=draws, n_boot=n_boot, rng=rng)
            by_cluster = np.stack([_coincidences(t) for t in clusters] or [np.zeros((2, 2))])
            clustered = cluster_bootstrap_alpha(by_cluster, NOMINAL2, n_boot=n_boot, rng=cluster_rng)
        else:
            draws = statistics.shape[-1]
            replicates = resample_units(
                statistics, self.from_totals, n_boot=n_boot, rng=rng, kinds=data.patterns
            )
            replicates = _finish(replicates, estimate)
            clustered = resample_clusters(clusters, self.from_totals, n_boot=n_boot, rng=cluster_rng)
            clustered = (
                _finish(clustered, estimate) if len(clusters) >= 2 else np.full(max(n_boot, 0), np.nan)
            )
        return Interval(estimate, replicates, clustered, draws, totals)


def resample_units(
    statistics: np.ndarray,
    from_totals: Callable,
    *,
    n_boot: int,
    rng: np.random.Generator,
    kinds: np.ndarray | None = None,
) -> np.ndarray:
    """Bootstrap replicates resampling units with replacement.

    Parameters
    ----------
    statistics
        Shape ``(S, N)``: per-unit statistics.
    from_totals
        The coefficient from totals, shape ``(..., S)`` in, ``(...)`` out.
    n_boot
        Replicates ``R``.
    rng
        Random generator.
    kinds
        Shape ``(N,)``: integer keys, equal for units with equal statistics (e.g. the same values from
        the same coders); by default the distinct columns of ``statistics``.

    Returns
    -------
    numpy.ndarray
        Shape ``(R,)``; ``NaN`` where a replicate's coefficient is undefined.

    Examples
    --------
    >>> stats = np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 0.0, 1.0, 1.0]])
    >>> share = lambda t: t[..., 1] / t[..., 0]
    >>> reps = resample_units(stats, share, n_boot=500, rng=np.random.default_rng(0))
    >>> reps.shape, 0.6 < float(reps.mean()) < 0.9
    ((500,), True)
    """
    n = statistics.shape[-1]
    if n_boot <= 0 or n == 0:
        return np.full(max(n_boot, 0), np.nan)
    # units with the same statistics are exchangeable: draw how many of each kind, not which ones
    if kinds is None:
        rows, counts = np.unique(statistics.T, axis=0, return_counts=True)
    else:
        _, first, counts = np.unique(kinds, return_index=True, return_counts=True)
        rows = statistics[:, first].T
    weights = rng.multinomial(n, counts / n, size=int(n_boot)).astype(float)
    return np.asarray(from_totals(weights @ rows), dtype=float)


def resample_clusters(
    cluster_totals: np.ndarray, from_totals: Callable, *, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Bootstrap replicates resampling clusters (transcripts) with replacement.

    Parameters
    ----------
    cluster_totals
        Shape ``(C, S)``: each cluster's summed statistics.
    from_totals
        The coefficient from totals.
    n_boot
        Replicates ``R``.
    rng
        Random generator.

    Returns
    -------
    numpy.ndarray
        Shape ``(R,)``; all ``NaN`` with fewer than two clusters.
    """
    c = len(cluster_totals)
    if n_boot <= 0 or c < 2:
        return np.full(max(n_boot, 0), np.nan)
    # C clusters drawn uniformly with replacement per replicate, counted per replicate with one bincount
    # (the multinomial draw with equal probabilities, several times faster for tens of clusters)
    drawn = rng.integers(0, c, size=(int(n_boot), c)) + c * np.arange(int(n_boot))[:, None]
    weights = np.bincount(drawn.ravel(), minlength=int(n_boot) * c).reshape(int(n_boot), c).astype(float)
    return np.asarray(from_totals(weights @ cluster_totals), dtype=float)


# ------------------------------------------------------------------------------------ the registry
def _coincidences(totals: np.ndarray) -> np.ndarray:
    o00, o01, o11 = np.moveaxis(np.asarray(totals, dtype=float), -1, 0)
    return np.stack([np.stack([o00, o01], axis=-1), np.stack([o01, o11], axis=-1)], axis=-2)


def _alpha_statistics(data: UnitData) -> np.ndarray:
    """Each unit's share of the binary coincidences ``o_00, o_01, o_11`` (as ``binary_coincidences``)."""
    m, k = data.m_u, data.k_u
    pairable = m >= 2
    weight = np.where(pairable, 1.0 / np.where(pairable, m - 1.0, 1.0), 0.0)
    return np.stack([weight * (m - k) * (m - k - 1.0), weight * k * (m - k), weight * k * (k - 1.0)])


def _alpha_from_totals(totals: np.ndarray) -> np.ndarray:
    return binary_alpha(_coincidences(totals))


def _counts(data: UnitData) -> np.ndarray:
    """Shape ``(N, 2)``: zeros and ones per unit."""
    return np.stack([data.m_u - data.k_u, data.k_u], axis=1)


def _multirater_statistics(data: UnitData) -> np.ndarray:
    return multirater_statistics(_counts(data))


def _pairwise_statistics(data: UnitData) -> np.ndarray:
    """The 2 x 2 cells of every coder pair with shared units, stacked: shape ``(4 P, N)``."""
    rows = [cohen_statistics(data.values[a], data.values[b], BINARY) for a, b in data.pairs()]
    return np.vstack(rows) if rows else np.zeros((4, data.values.shape[1]))


def _mean_pairwise_kappa(totals: np.ndarray) -> np.ndarray:
    """Light's kappa: the mean of the pairs' Cohen's kappas (those defined), from ``(..., 4 P)`` totals."""
    totals = np.asarray(totals, dtype=float)
    tables = totals.reshape(*totals.shape[:-1], -1, 2, 2)
    kappas = kappa_from_table(tables)
    defined = np.isfinite(kappas)
    count = defined.sum(axis=-1)
    with np.errstate(invalid="ignore"):
        return np.where(count > 0, np.where(defined, kappas, 0.0).sum(axis=-1) / np.maximum(count, 1), np.nan)


ALPHA = Coefficient(
    name="alpha",
    label="Krippendorff's alpha",
    coders="any",
    missing=True,
    statistics=_alpha_statistics,
    from_totals=_alpha_from_totals,
    bootstrap="krippendorff",
    note="binary nominal alpha over segments judged by two or more coders; interval: Krippendorff's "
    "bootstrap (pairs of values, expected disagreement fixed)",
)
COHEN_KAPPA = Coefficient(
    name="cohen_kappa",
    label="Cohen's kappa",
    coders="two",
    missing=False,
    statistics=_pairwise_statistics,
    from_totals=_mean_pairwise_kappa,
    bootstrap="units",
    note="over the segments both coders saw; interval: resampling segments",
)
FLEISS_KAPPA = Coefficient(
    name="fleiss_kappa",
    label="Fleiss' kappa",
    coders="any",
    missing=True,
    statistics=_multirater_statistics,
    from_totals=lambda totals: multirater_from_totals(totals, "fleiss"),
    bootstrap="units",
    note="generalised to missing values (Gwet 2014): agreement over segments judged by two or more "
    "coders, chance from every judged segment; interval: resampling segments",
)
GWET_AC1 = Coefficient(
    name="gwet_ac1",
    label="Gwet's AC1",
    coders="any",
    missing=True,
    statistics=_multirater_statistics,
    from_totals=lambda totals: multirater_from_totals(totals, "gwet"),
    bootstrap="units",
    note="missing values as in Gwet (2014): agreement over segments judged by two or more coders, chance "
    "from every judged segment, q = 2 categories; interval: resampling segments",
)

#: Every coefficient, by config name, in the order tables and figures list them.
COEFFICIENTS: dict[str, Coefficient] = {c.name: c for c in (ALPHA, COHEN_KAPPA, FLEISS_KAPPA, GWET_AC1)}


def get_coefficients(names: Sequence[str]) -> tuple[Coefficient, ...]:
    """The registered coefficients of ``names``, in registry order.

    Raises
    ------
    ValueError
        For an unknown name, listing the known ones.

    Examples
    --------
    >>> [c.name for c in get_coefficients(["gwet_ac1", "alpha"])]
    ['alpha', 'gwet_ac1']
    """
    unknown = sorted(set(names) - set(COEFFICIENTS))
    if unknown:
        raise ValueError(
            f"unknown reliability coefficient(s) {', '.join(unknown)}; choose from {', '.join(COEFFICIENTS)}"
        )
    return tuple(c for name, c in COEFFICIENTS.items() if name in set(names))
