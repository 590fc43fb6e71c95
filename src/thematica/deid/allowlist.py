"""A study's allowlist: its known false positives, read from ``deid_allowlist.txt``.

A finding is **allowlisted** (:func:`thematica.deid.scan.scan_text`) when nothing is left of it once the
allowlist's terms are taken out as well as placeholders (:func:`thematica.deid.clean.is_clean`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thematica.deid.clean import is_clean
from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file


@dataclass(frozen=True)
class Allowlist:
    """A study's known false positives.

    Parameters
    ----------
    terms
        Words or phrases matched case-insensitively as whole words ("MindMate", "Dr. Google").
    patterns
        Regular expressions (``re:`` lines of an allowlist file), matched case-insensitively.

    Examples
    --------
    >>> allow = Allowlist(terms=("MindMate", "Dr. Google"))
    >>> allow.covers("the MindMate app's"), allow.covers("Dr. Google"), allow.covers("Maria")
    (True, True, False)
    """

    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    _regex: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alternatives = [
            re.escape(" ".join(t.split())).replace(r"\ ", r"\s+") for t in self.terms if t.strip()
        ]
        alternatives.sort(key=len, reverse=True)
        alternatives += [f"(?:{p})" for p in self.patterns]
        regex = (
            re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)
            if alternatives
            else None
        )
        object.__setattr__(self, "_regex", regex)

    def extended(self, terms: Iterable[str]) -> Allowlist:
        """A copy with more terms (e.g. the study's speaker labels and participant ids)."""
        return Allowlist(tuple(dict.fromkeys([*self.terms, *terms])), self.patterns)

    def remove(self, text: str) -> str:
        """``text`` with every allowlisted term blanked out."""
        return text if self._regex is None else self._regex.sub(" ", text)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every allowlisted term in ``text``."""
        return [] if self._regex is None else [m.span() for m in self._regex.finditer(text)]

    def covers(self, text: str) -> bool:
        """Whether nothing identifying is left of ``text`` once allowlisted terms are removed."""
        return is_clean(self.remove(text))


def read_allowlist(path: str | Path | None) -> Allowlist:
    """Read an allowlist file: one term per line; ``#`` starts a comment; ``re:`` starts a regex.

    A missing file (or ``None``) is an empty allowlist.

    Raises
    ------
    ThematicaError
        If a ``re:`` line is not a valid regular expression (naming the file and line).
    """
    if path is None or not Path(path).is_file():
        return Allowlist()
    terms, patterns = [], []
    for number, raw in enumerate(read_text_file(path).split("\n"), start=1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("re:") else raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("re:"):
            pattern = line[3:].strip()
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ThematicaError(
                    f"allowlist pattern {pattern!r} is not a valid regular expression: {exc}",
                    path=path,
                    line=number,
                ) from None
            patterns.append(pattern)
        else:
            terms.append(line)
    return Allowlist(tuple(terms), tuple(patterns))
