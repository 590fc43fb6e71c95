"""A study's allowlist: its known false positives, read from ``deid_allowlist.txt``; and the suggested one.

A finding is **allowlisted** (:func:`thematica.deid.scan.scan_text`) when nothing is left of it once the
allowlist's terms are taken out as well as placeholders (:func:`thematica.deid.clean.is_clean`). The scan
suggests terms for it (:func:`suggested_allowlist`: every flagged name, place, organisation and date once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from thematica.deid.clean import is_clean
from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file

#: Kinds the suggested allowlist lists (named things that may be vocabulary: a product, a common word tagged
#: as an organisation, a city named in passing); contact details, numbers and addresses never are.
SUGGESTED_KINDS = ("organization", "facility", "location", "name", "date")


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


def suggested_allowlist(
    flagged: Mapping[str, Sequence[tuple[str, str, int]]],
    *,
    allowlist_path: str | Path | None = None,
    withheld: bool = False,
) -> str:
    """The suggested allowlist: every flagged term of :data:`SUGGESTED_KINDS` once (case-insensitively), most
    frequent first.

    Parameters
    ----------
    flagged
        Transcript id -> ``(term, kind, line)`` of each flagged finding, the term unmasked.
    allowlist_path
        The study's allowlist, named in the header.
    withheld
        Whether the terms were withheld (``deid.policy: redact``, under which no file outside
        ``source_text/`` holds an identifier whole): the file then says so.

    Returns
    -------
    str
        A file in the allowlist's own format: a commented header, then one term a line followed by
        ``# kind; how many findings in how many transcripts; the first place``, so that a line copied
        into the allowlist allows the term.

    Examples
    --------
    >>> print(suggested_allowlist({"t1": [("Confidentiality", "organization", 3)],
    ...                            "t2": [("confidentiality", "organization", 9)]}).splitlines()[-1])
    Confidentiality  # organization; 2 findings in 2 transcripts, first t1 line 3
    """
    terms: dict[str, dict] = {}
    for transcript, rows in flagged.items():
        for term, kind, line in rows:
            if kind not in SUGGESTED_KINDS:
                continue
            term = " ".join(str(term).split())
            entry = terms.setdefault(
                term.casefold(), {"term": term, "kinds": {}, "n": 0, "where": {}, "first": (transcript, line)}
            )
            entry["kinds"][kind] = None
            entry["n"] += 1
            entry["where"][transcript] = None
    target = allowlist_path or "the study's deid_allowlist.txt"
    lines = [
        "# Suggested allowlist of the deidentification scan: every name, place, organisation and date it",
        "# flagged, once, most frequent first (contact details, numbers and addresses are never suggested).",
        "# These terms are NOT masked here: this file stays in data/processed/ beside the unredacted texts.",
        f"# Copy into {target} only the lines that are not personal identifiers (a product",
        "# name, a common word tagged as an organisation); the text after ' #' is a comment there too.",
        "# Replace a real identifier in its transcript with a placeholder such as [NAME] instead, or set",
        "# deid.policy to 'redact'.",
    ]
    if withheld:
        lines.append(
            "# deid.policy is 'redact': the terms are not written here; set it to 'fail' to list them."
        )
    elif not terms:
        lines.append("# The scan flagged nothing to suggest.")
    ordered = sorted(terms.values(), key=lambda e: (-e["n"], e["term"].casefold()))
    for entry in ordered:
        n, k = entry["n"], len(entry["where"])
        transcript, line = entry["first"]
        lines.append(
            f"{entry['term']}  # {', '.join(entry['kinds'])}; {n} finding{'s' * (n != 1)} in {k} "
            f"transcript{'s' * (k != 1)}, first {transcript} line {line}"
        )
    return "\n".join(lines) + "\n"
