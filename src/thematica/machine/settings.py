"""Settings of the machine coder (the config's ``machine`` section and its ``seed``)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from thematica.errors import ThematicaError


@dataclass(frozen=True)
class MachineSettings:
    """Every parameter of the machine coder; built once from the config (:meth:`from_config`).

    Attributes
    ----------
    seed
        The config's seed: it assigns transcripts to folds and draws the learning curve's training sets.
    folds
        Folds of the cross-validation grouped by transcript (at most the coded transcripts).
    inner_folds
        Folds, grouped by transcript, inside each training set: their out-of-fold probabilities choose
        the code's threshold, so that no test segment takes part in choosing it.
    C
        Inverse regularisation strength of each code's logistic regression.
    context
        Whether a segment's features add the mean embedding of its neighbours (the segments before and
        after it in its transcript).
    curve_step
        Training sizes of the learning curve: ``curve_step, 2 curve_step, ...`` coded transcripts.
    curve_repeats
        Training sets drawn per size of the learning curve.
    """

    seed: int = 0
    folds: int = 5
    inner_folds: int = 4
    C: float = 10.0
    context: bool = False
    curve_step: int = 5
    curve_repeats: int = 3

    def __post_init__(self) -> None:
        for name in ("folds", "inner_folds"):
            if int(getattr(self, name)) < 2:
                raise ThematicaError(
                    f"machine.{name} must be at least 2, got {getattr(self, name)}", path="config"
                )
        if not self.C > 0:
            raise ThematicaError(f"machine.C must be positive, got {self.C}", path="config")
        if self.curve_step < 1 or self.curve_repeats < 1:
            raise ThematicaError(
                "machine.curve_step and machine.curve_repeats must be at least 1", path="config"
            )

    @classmethod
    def from_config(cls, section: dict | None, *, seed: int) -> MachineSettings:
        """Build from the config's ``machine`` mapping and ``seed`` (missing keys take the defaults;
        ``enabled`` belongs to the workflow and is ignored).

        Examples
        --------
        >>> s = MachineSettings.from_config({"folds": 3, "enabled": True}, seed=7)
        >>> s.folds, s.inner_folds, s.seed
        (3, 4, 7)
        """
        section = {k: v for k, v in dict(section or {}).items() if k != "enabled"}
        known = {f.name for f in fields(cls)} - {"seed"}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ThematicaError(
                f"unknown machine setting(s) {unknown}; allowed: {sorted(known)}", path="config"
            )
        types = {
            "folds": int,
            "inner_folds": int,
            "C": float,
            "context": bool,
            "curve_step": int,
            "curve_repeats": int,
        }
        return cls(seed=int(seed), **{k: types[k](v) for k, v in section.items()})
