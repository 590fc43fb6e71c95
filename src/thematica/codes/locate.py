"""Find a coded quote in a transcript's canonical text, tolerant of typographic differences.

Exports from QDA packages often give the coded text instead of offsets, and their text is rarely
byte-identical to the transcript: line breaks become spaces, straight quotes become curly ones,
``--`` becomes an em dash. Both sides are therefore *folded* before they are compared
(:mod:`thematica.support.textfold`).

A quote is placed when its folded form occurs exactly once in the folded text; the span then runs
from the first to the last original character behind the match (so it never starts or ends with
whitespace). No occurrence is ``not_found``; several are ``ambiguous``. Nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from thematica.support.textfold import Folded, fold


def find_all(haystack: str, needle: str) -> list[int]:
    """Every (possibly overlapping) start of ``needle`` in ``haystack``.

    Examples
    --------
    >>> find_all("aaaa", "aa")
    [0, 1, 2]
    """
    if not needle:
        return []
    hits = []
    i = haystack.find(needle)
    while i >= 0:
        hits.append(i)
        i = haystack.find(needle, i + 1)
    return hits


Outcome = Literal["found", "not_found", "ambiguous", "empty"]


@dataclass(frozen=True)
class Location:
    """Where a quote was found.

    Attributes
    ----------
    outcome
        ``found``, ``not_found``, ``ambiguous`` (several occurrences) or ``empty`` (the quote has no
        characters left after folding).
    start, end
        The span in the original text when found, else -1.
    candidates
        Original start offsets of every occurrence (for ``ambiguous``: all of them).
    """

    outcome: Outcome
    start: int = -1
    end: int = -1
    candidates: tuple[int, ...] = ()

    @property
    def found(self) -> bool:
        return self.outcome == "found"


def locate_quote(quote: str, text: str | Folded) -> Location:
    """Locate ``quote`` in ``text`` after folding both.

    Parameters
    ----------
    quote
        The coded text as exported.
    text
        The canonical transcript text, or its :func:`fold` (pass it when locating many quotes).

    Returns
    -------
    Location

    Examples
    --------
    >>> text = "P01: I said \\u201cno\\u201d -- twice.\\nP01: Then yes."
    >>> loc = locate_quote('I said "no" \\u2014\\n twice.', text)
    >>> loc.outcome, text[loc.start:loc.end]
    ('found', 'I said \\u201cno\\u201d -- twice.')
    >>> locate_quote("P01", text).outcome
    'ambiguous'
    >>> locate_quote("never", text).outcome
    'not_found'
    """
    folded = text if isinstance(text, Folded) else fold(text)
    needle = fold(quote).text
    if not needle:
        return Location("empty")
    hits = find_all(folded.text, needle)
    if not hits:
        return Location("not_found")
    candidates = tuple(int(folded.starts[h]) for h in hits)
    if len(hits) > 1:
        return Location("ambiguous", candidates=candidates)
    start, end = folded.span(hits[0], hits[0] + len(needle))
    return Location("found", start, end, candidates)
