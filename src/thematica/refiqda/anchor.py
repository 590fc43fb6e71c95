"""Canonical source text and the re-anchoring of REFI-QDA offsets onto it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from thematica.errors import ThematicaError

_BOM = "\ufeff"


def canonicalise(raw: str) -> str:
    """Return the canonical form of a source text.

    Drops a leading byte-order mark, turns ``\\r\\n`` and lone ``\\r`` into
    ``\\n`` and applies Unicode NFC.

    Examples
    --------
    >>> canonicalise("\\ufeffa\\r\\nb\\re\\u0301")
    'a\\nb\\né'
    """
    return unicodedata.normalize("NFC", _newline_map(raw)[0])


def _newline_map(raw: str) -> tuple[str, list[int]]:
    """Drop a leading BOM and fold CR/CRLF to LF.

    Returns the folded text and ``pos`` with ``len(raw) + 1`` entries where
    ``pos[i]`` is the folded offset of raw offset ``i`` (deleted characters
    collapse onto the next kept one).
    """
    out: list[str] = []
    pos: list[int] = []
    n = len(raw)
    for i, ch in enumerate(raw):
        pos.append(len(out))
        if i == 0 and ch == _BOM:
            continue
        if ch == "\r":
            if i + 1 < n and raw[i + 1] == "\n":
                continue
            out.append("\n")
        else:
            out.append(ch)
    pos.append(len(out))
    return "".join(out), pos


def _nfc_chunks(text: str) -> Iterator[str]:
    """Split ``text`` into chunks that NFC-normalise independently."""
    chunk = ""
    seg = ""
    for ch in text:
        if seg and unicodedata.combining(ch) == 0:
            if chunk and unicodedata.normalize("NFC", chunk + seg) != (
                unicodedata.normalize("NFC", chunk) + unicodedata.normalize("NFC", seg)
            ):
                chunk += seg
            else:
                if chunk:
                    yield chunk
                chunk = seg
            seg = ""
        seg += ch
    if seg:
        if chunk and unicodedata.normalize("NFC", chunk + seg) != (
            unicodedata.normalize("NFC", chunk) + unicodedata.normalize("NFC", seg)
        ):
            chunk += seg
        else:
            if chunk:
                yield chunk
            chunk = seg
    if chunk:
        yield chunk


def _nfc_maps(text: str) -> tuple[str, list[int], list[int]]:
    """Map offsets of ``text`` onto ``NFC(text)``.

    Returns the normalised text and two maps with ``len(text) + 1`` entries: one
    for start offsets (an offset inside a composed character moves to its
    start) and one for end offsets (moves to its end).
    """
    if unicodedata.is_normalized("NFC", text):
        ident = list(range(len(text) + 1))
        return text, ident, ident
    starts: list[int] = []
    ends: list[int] = []
    parts: list[str] = []
    done = 0
    for chunk in _nfc_chunks(text):
        norm = unicodedata.normalize("NFC", chunk)
        starts.append(done)
        ends.append(done)
        if len(chunk) > 1:
            starts.extend([done] * (len(chunk) - 1))
            ends.extend([done + len(norm)] * (len(chunk) - 1))
        parts.append(norm)
        done += len(norm)
    starts.append(done)
    ends.append(done)
    joined = "".join(parts)
    if joined != unicodedata.normalize("NFC", text):  # pragma: no cover - defensive
        whole = unicodedata.normalize("NFC", text)
        n = len(text)
        return whole, [0] * n + [len(whole)], [0] + [len(whole)] * n
    return joined, starts, ends


@dataclass(frozen=True)
class OffsetMap:
    """Raw offsets of one text mapped onto its canonical form (see :func:`reanchor`)."""

    canonical: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def build(cls, raw: str) -> OffsetMap:
        folded, pos = _newline_map(raw)
        canonical, nfc_starts, nfc_ends = _nfc_maps(folded)
        return cls(
            canonical,
            tuple(nfc_starts[p] for p in pos),
            tuple(nfc_ends[p] for p in pos),
        )

    def map(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end]


def reanchor(raw: str, canonical: str, start: int, end: int) -> tuple[int, int]:
    """Map code-point offsets into ``raw`` onto ``canonical``.

    ``canonical`` must be :func:`canonicalise` of ``raw``. A removed leading BOM
    and the ``\\r`` of each ``\\r\\n`` shift later offsets left; NFC composition
    is followed character by character, and an offset that falls inside a
    character composed by NFC is widened to cover the whole character.

    Parameters
    ----------
    raw
        The text the offsets were counted on.
    canonical
        The canonical form of ``raw``.
    start, end
        Offsets into ``raw``, ``0 <= start <= end <= len(raw)``.

    Returns
    -------
    tuple of int
        ``(start, end)`` into ``canonical``.

    Raises
    ------
    ThematicaError
        If the offsets are out of range or ``canonical`` is not the canonical
        form of ``raw``.

    Examples
    --------
    >>> raw = "\\ufeffHi\\r\\nthere"
    >>> reanchor(raw, canonicalise(raw), 5, 10)
    (3, 8)
    """
    if not 0 <= start <= end <= len(raw):
        raise ThematicaError(
            f"offsets {start}..{end} do not fit a text of {len(raw)} characters; "
            "use 0 <= start <= end <= length"
        )
    offsets = OffsetMap.build(raw)
    if offsets.canonical != canonical:
        raise ThematicaError(
            "the canonical text is not the canonical form of the raw text; pass canonicalise(raw)"
        )
    return offsets.map(start, end)
