"""Text folding: typographic differences removed, with the offsets back into the original text.

Exports from QDA packages often give the coded text, and their text is rarely byte-identical to the
transcript: line breaks become spaces, straight quotes become curly ones, ``--`` becomes an em dash. Both
sides are therefore *folded* before they are compared:

- Unicode NFKC per character (``…`` -> ``...``, non-breaking space -> space, ligatures split), then
  case folding;
- every kind of single quote or apostrophe (``‘ ’ ‚ ‛ ′ ` ´``) -> ``'``, every double quote
  (``“ ” „ ‟ ″ « »``) -> ``"``;
- every dash or minus (``‐ ‑ ‒ – — ― −``) -> ``-``, and a run of dashes (``--``) -> one ``-``;
- whitespace, zero-width characters, soft hyphens and byte-order marks are dropped.

Used by the codes' quote locator (:mod:`thematica.codes.locate`) and the REFI-QDA placement check
(:mod:`thematica.refiqda.verify`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_TABLE = {
    **{ord(c): "'" for c in _SINGLE_QUOTES},
    **{ord(c): '"' for c in _DOUBLE_QUOTES},
    **{ord(c): "-" for c in _DASHES},
}


_DASH_RUN = re.compile("-{2,}")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DROP or ch.isspace():
        return ""
    if ord(ch) in _TABLE:
        return _TABLE[ord(ch)]
    out = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(_TABLE.get(ord(c), c) for c in out if not c.isspace() and c not in _DROP)


@dataclass(frozen=True)
class Folded:
    """A folded text and, for every folded character, the original characters behind it.

    Attributes
    ----------
    text
        The folded text, ``m`` characters.
    starts, ends
        Integer arrays of shape ``(m,)``: folded character ``i`` stands for original characters
        ``starts[i]:ends[i]`` (a folded dash stands for a whole run of dashes).
    """

    text: str
    starts: np.ndarray
    ends: np.ndarray

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original ``(start, end)`` behind folded characters ``i:j`` (``i < j``)."""
        return int(self.starts[i]), int(self.ends[j - 1])

    def index_range(self, start: int, end: int) -> tuple[int, int]:
        """Folded characters ``i:j`` whose originals lie inside original ``start:end``."""
        i = int(np.searchsorted(self.starts, start, side="left"))
        j = int(np.searchsorted(self.ends, end, side="right"))
        return i, max(i, j)


def fold(text: str) -> Folded:
    """Fold ``text`` for tolerant comparison (see the module docstring).

    Examples
    --------
    >>> f = fold("It\\u2019s  fine \\u2014 really")
    >>> f.text
    "it'sfine-really"
    >>> f.span(4, 8)  # "fine" in the original
    (6, 10)
    >>> fold("a -- b").text == fold("A \\u2014 B").text
    True
    """
    text = unicodedata.normalize("NFC", text)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for pos, ch in enumerate(text):
        folded = _fold_char(ch)
        for out in folded:
            if out == "-" and chars and chars[-1] == "-":  # only dropped characters lie between
                ends[-1] = pos + 1
                continue
            chars.append(out)
            starts.append(pos)
            ends.append(pos + 1)
    return Folded("".join(chars), np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64))


def fold_text(text: str) -> str:
    """The folded text of :func:`fold` alone, without the offsets behind it (cheaper to compare).

    Examples
    --------
    >>> fold_text("It\u2019s  fine \u2014 really") == fold("It\u2019s  fine \u2014 really").text
    True
    """
    return _DASH_RUN.sub("-", "".join(map(_fold_char, unicodedata.normalize("NFC", text))))
