"""Settings of the saturation stage (the config's ``saturation`` section)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Literal

from thematica.errors import ThematicaError

Level = Literal["code", "theme"]
CodebookKind = Literal["deductive", "inductive"]
#: The kinds of codebook (the config's ``codes.codebook_kind``).
CODEBOOK_KINDS = ("deductive", "inductive")


@dataclass(frozen=True)
class SaturationSettings:
    """Every parameter of the saturation stage; the defaults are the config's.

    Construction checks the values together and raises one :class:`~thematica.errors.ThematicaError`
    naming every problem.

    Attributes
    ----------
    order_column
        Column of ``participants.csv`` ordering the interviews (ISO dates or numbers); None: file order.
    levels
        ``code`` and/or ``theme`` (a participant has a theme when they voiced any of its codes).
    coders
        Also analyse each coder's own coding, over the transcripts that coder saw.
    base_size, run_length, threshold
        Guest, Namey & Chen (2020): the base interviews, the run of interviews searched for new codes,
        and the new-information share of the base codes at or below which saturation is reached.
    n_permutations
        Random interview orders for the permutation band and the saturation distribution.
    interval
        Coverage of the permutation band, the Chao2 interval and the bootstrap intervals.
    coverage_targets
        Sample-coverage targets for the further-interviews estimate.
    n_bootstrap
        Bootstrap replicates (iNEXT's method) for the coverage and extrapolation intervals; 0 for none.
    extrapolation_factor
        The extrapolation curve runs to ``ceil(factor * n_interviews)`` interviews, and on to the largest
        coverage target's sample size (at most 10x the interviews).
    codebook_kind
        The config's ``codes.codebook_kind``. ``deductive``: the codebook was fixed before coding, so no
        code lies beyond it; the stage reports when its codes stopped appearing and the share of it
        observed, and estimates nothing beyond it (no Chao2, sample coverage, extrapolation or further
        interviews). ``inductive``: codes came from the data, and those estimates are made.
    """

    order_column: str | None = None
    levels: tuple[Level, ...] = ("code", "theme")
    coders: bool = True
    base_size: int = 4
    run_length: int = 2
    threshold: float = 0.05
    n_permutations: int = 1000
    interval: float = 0.95
    coverage_targets: tuple[float, ...] = (0.9, 0.95)
    n_bootstrap: int = 200
    extrapolation_factor: float = 2.0
    codebook_kind: CodebookKind = "deductive"

    def __post_init__(self) -> None:
        problems = []
        if self.base_size < 1 or self.run_length < 1:
            problems.append("base_size and run_length must be at least 1")
        if not 0 <= self.threshold < 1:
            problems.append("threshold must be a share in [0, 1), e.g. 0.05 for 5%")
        if not 0 < self.interval < 1:
            problems.append("interval must lie strictly between 0 and 1")
        if any(not 0 < t < 1 for t in self.coverage_targets):
            problems.append("coverage_targets must lie strictly between 0 and 1")
        if not self.levels or any(level not in ("code", "theme") for level in self.levels):
            problems.append("levels must list 'code' and/or 'theme'")
        if self.codebook_kind not in CODEBOOK_KINDS:
            problems.append(f"codes.codebook_kind is {self.codebook_kind!r}; use deductive or inductive")
        if problems:
            raise ThematicaError("saturation: " + "; ".join(problems), path="config")

    @classmethod
    def from_config(cls, section: dict | None, *, codebook_kind: str | None = None) -> SaturationSettings:
        """Build from the config's ``saturation`` mapping (missing keys take the defaults).

        Lists become tuples; numbers are kept as given, so the summary table writes them as the
        config does. ``codebook_kind`` is the config's ``codes.codebook_kind`` (None: the mapping's
        own ``codebook_kind``, else the default).

        Examples
        --------
        >>> SaturationSettings.from_config({"base_size": 6, "levels": ["code"]}).levels
        ('code',)
        """
        section = dict(section or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ThematicaError(
                f"unknown saturation setting(s) {unknown}; allowed: {sorted(known)}", path="config"
            )
        for key in ("levels", "coverage_targets"):
            if key in section:
                section[key] = tuple(section[key])
        if codebook_kind is not None:
            section["codebook_kind"] = codebook_kind
        return cls(**section)

    def to_dict(self) -> dict:
        """Plain types, for logs and JSON."""
        out = asdict(self)
        out["levels"] = list(self.levels)
        out["coverage_targets"] = list(self.coverage_targets)
        return out
