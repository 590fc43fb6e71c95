"""Numbers for report captions, read from result files when the report is rendered.

A rule passes ``ResultFacts(path, kind)`` as a param; its caption uses ``{{ snakemake.params.facts.x }}``.
Snakemake does not track such objects as params, so they never trigger reruns, and the file is read only
when the caption is rendered (``snakemake --report``), after the run wrote it. Every number quoted in the
report therefore comes from a results file, never from typed text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SUMMARISERS: dict[str, Callable[[Path], dict]] = {}


def summariser(kind: str):
    """Register a function ``path -> dict of caption values`` under ``kind``."""

    def register(func: Callable[[Path], dict]) -> Callable[[Path], dict]:
        SUMMARISERS[kind] = func
        return func

    return register


class ResultFacts:
    """Lazily read caption values from a result file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ledger.csv"
    >>> _ = path.write_text("transcript,group,participant_words,segments,reconciled\\nt1,a,100,5,True\\n")
    >>> ResultFacts(path, "ledger").n_transcripts
    1
    """

    def __init__(self, path: str | Path, kind: str) -> None:
        if kind not in SUMMARISERS:
            raise KeyError(f"no summariser for {kind!r}; known: {sorted(SUMMARISERS)}")
        self.path = str(path)
        self.kind = kind
        self._values: dict | None = None

    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("path", "kind"):
            raise AttributeError(name)
        if self._values is None:
            self._values = SUMMARISERS[self.kind](Path(self.path))
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"{self.kind} facts have no {name!r}") from None

    def __repr__(self) -> str:
        return f"ResultFacts({self.path!r}, {self.kind!r})"

    def __getstate__(self) -> dict:
        return {"path": self.path, "kind": self.kind, "_values": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


def _fmt(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}"


@summariser("ledger")
def ledger_facts(path: Path) -> dict:
    """Transcripts, segments and words from ``qa/ledger.csv``."""
    import pandas as pd

    ledger = pd.read_csv(path)
    return {
        "n_transcripts": len(ledger),
        "n_segments": int(ledger["segments"].sum()),
        "median_words": int(ledger["participant_words"].median()),
        "all_reconciled": "yes" if bool(ledger["reconciled"].all()) else "NO",
        "groups": ", ".join(f"{g}: {n}" for g, n in ledger["group"].value_counts().sort_index().items()),
    }
