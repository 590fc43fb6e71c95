"""Settings of the reliability stage (the config's ``reliability`` section and its ``seed``)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from thematica.errors import ThematicaError
from thematica.reliability.bootstrap import DrawsRule
from thematica.reliability.coefficients import COEFFICIENTS


@dataclass(frozen=True)
class ReliabilitySettings:
    """Every parameter of the reliability tables; built once from the config (:meth:`from_config`).

    Attributes
    ----------
    seed
        The config's seed: each bootstrap draws from its own generator seeded by it and the coefficient,
        level and code (:func:`~thematica.reliability.bootstrap.rng_for`).
    alpha_min
        Smallest acceptable alpha: ``q_below_min = P(alpha < alpha_min)``; a dashed line in the figures.
    alpha_good
        Alpha of reliable data; a dotted line in the figures.
    n_bootstrap
        Bootstrap replicates per coefficient and code (0: no intervals).
    ci_level
        Confidence level of the intervals.
    bootstrap_draws
        ``"pairings"``, ``"values"`` or ``"kalpha"``: pairs of values drawn per replicate of
        Krippendorff's algorithm (:mod:`~thematica.reliability.bootstrap`).
    warn_significance, min_units_with_code
        The low-prevalence rule (:mod:`~thematica.reliability.per_code`).
    coefficients
        The coefficients of ``coefficients.csv`` (:data:`~thematica.reliability.coefficients.COEFFICIENTS`);
        ``alpha.csv`` is written whatever this says.
    """

    seed: int = 0
    alpha_min: float = 0.667
    alpha_good: float = 0.800
    n_bootstrap: int = 10_000
    ci_level: float = 0.95
    bootstrap_draws: DrawsRule = "pairings"
    warn_significance: float = 0.05
    min_units_with_code: int = 20
    coefficients: tuple[str, ...] = ("alpha", "cohen_kappa", "fleiss_kappa", "gwet_ac1")

    def __post_init__(self) -> None:
        unknown = [c for c in self.coefficients if c not in COEFFICIENTS]
        if unknown:
            raise ThematicaError(
                f"unknown reliability coefficient(s) {', '.join(map(repr, unknown))} in "
                f"reliability.coefficients; choose from {', '.join(COEFFICIENTS)}",
                path="config",
            )
        if self.bootstrap_draws not in ("pairings", "values", "kalpha"):
            raise ThematicaError(
                "reliability.bootstrap_draws must be pairings, values or kalpha, "
                f"got {self.bootstrap_draws!r}",
                path="config",
            )
        if not 0.0 < self.ci_level < 1.0:
            raise ThematicaError(
                f"reliability.ci_level must lie in (0, 1), got {self.ci_level}", path="config"
            )

    @classmethod
    def from_config(cls, section: dict | None, *, seed: int) -> ReliabilitySettings:
        """Build from the config's ``reliability`` mapping and ``seed`` (missing keys take the defaults).

        Examples
        --------
        >>> s = ReliabilitySettings.from_config({"n_bootstrap": 200, "coefficients": ["alpha"]}, seed=7)
        >>> s.n_bootstrap, s.coefficients, s.seed
        (200, ('alpha',), 7)
        """
        section = dict(section or {})
        known = {f.name for f in fields(cls)} - {"seed"}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ThematicaError(
                f"unknown reliability setting(s) {unknown}; allowed: {sorted(known)}", path="config"
            )
        if "coefficients" in section:
            section["coefficients"] = tuple(str(c) for c in section["coefficients"])
        for name in ("alpha_min", "alpha_good", "ci_level", "warn_significance"):
            if name in section:
                section[name] = float(section[name])
        for name in ("n_bootstrap", "min_units_with_code"):
            if name in section:
                section[name] = int(section[name])
        return cls(seed=int(seed), **section)
