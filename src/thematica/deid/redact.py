"""Redaction: flagged identifiers replaced by pseudonyms, with an offset map to re-anchor spans.

Every flagged finding is replaced by a pseudonym of its kind, numbered per transcript in order of
first appearance: ``[PERSON_1]``, ``[PERSON_2]``, ``[LOCATION_1]``, ``[PHONE_1]``... The same
identifier gets the same pseudonym throughout a transcript: names are compared without titles,
case or possessive, and a shorter mention whose words all belong to exactly one longer name
("Okafor", "Dr. Okafor" after "Grace Okafor") joins it. Ages over 89 become ``[AGE_OVER_89]``.
Inside a speaker label (``Grace Okafor: ...``) the brackets are left out (``PERSON_1: ...``) so the
line still parses as a turn.

The **offset map** has one row per replacement: ``start, end`` in the original text,
``new_start, new_end`` in the redacted text, ``kind`` and ``replacement``. It never holds the
original text. :func:`map_span` moves a span of the original text onto the redacted text; an empty
map is the identity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.deid.clean import NEUTRAL_WORDS, PSEUDONYM_LABELS
from thematica.deid.model import Finding
from thematica.errors import ThematicaError
from thematica.ingest.turns import compile_speaker_pattern

OFFSET_COLUMNS = ["start", "end", "new_start", "new_end", "kind", "replacement"]
_NAME_KINDS = {"name", "location", "facility", "organization"}
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def empty_offset_map() -> pd.DataFrame:
    """The identity offset map (no replacements)."""
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c not in ("kind", "replacement") else "str") for c in OFFSET_COLUMNS}
    )


def _key(kind: str, surface: str) -> tuple[str, ...]:
    """What two mentions must share to get the same pseudonym."""
    if kind in _NAME_KINDS:
        words = [re.sub(r"['’]s$", "", w).casefold() for w in _TOKEN.findall(surface)]
        return tuple(w for w in words if w not in NEUTRAL_WORDS) or tuple(words)
    if kind in ("phone", "record_number", "postcode"):
        return ("".join(ch for ch in surface.casefold() if ch.isalnum()),)
    return (" ".join(surface.casefold().split()),)


def pseudonyms(text: str, findings: Sequence[Finding]) -> list[str]:
    """The pseudonym label (``PERSON_1``, no brackets) of each finding, in the order given.

    Examples
    --------
    >>> text = "Grace Okafor called. Dr. Okafor said Tom Lee agreed. Okafor again."
    >>> spans = [(0, 12), (25, 31), (37, 44), (53, 59)]
    >>> pseudonyms(text, [Finding(s, e, "name", "ner:PERSON") for s, e in spans])
    ['PERSON_1', 'PERSON_1', 'PERSON_2', 'PERSON_1']
    """
    keys = [(f.kind, _key(f.kind, text[f.start : f.end])) for f in findings]
    # longest names first, so that a shorter mention can join the one full name that contains it
    group_of: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    for kind, key in sorted(set(keys), key=lambda k: (-len(k[1]), k)):
        if kind in _NAME_KINDS and len(key) >= 1:
            containing = {
                group_of[(kind, other)]
                for k2, other in group_of
                if k2 == kind and len(other) > len(key) and set(key) <= set(other)
            }
            if len(containing) == 1:
                group_of[(kind, key)] = containing.pop()
                continue
        group_of[(kind, key)] = (kind, key)
    numbers: dict[tuple[str, tuple[str, ...]], str] = {}
    counts: dict[str, int] = {}
    labels = []
    for finding, key in sorted(zip(findings, keys, strict=True), key=lambda fk: fk[0].start):
        group = group_of[key]
        if finding.kind == "age":
            numbers[group] = "AGE_OVER_89"
        elif group not in numbers:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
            numbers[group] = f"{PSEUDONYM_LABELS[finding.kind]}_{counts[finding.kind]}"
        labels.append((finding, numbers[group]))
    by_finding = {id(f): label for f, label in labels}
    return [by_finding[id(f)] for f in findings]


def _label_spans(text: str, speaker_pattern: str | None) -> list[tuple[int, int]]:
    """``(start, end)`` of every speaker label in ``text``."""
    if not speaker_pattern:
        return []
    regex = compile_speaker_pattern(speaker_pattern)
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        match = regex.match(line)
        if match:
            spans.append((offset + match.start("speaker"), offset + match.end("speaker")))
        offset += len(line)
    return spans


def redact_text(
    text: str, findings: Sequence[Finding], *, speaker_pattern: str | None = None
) -> tuple[str, pd.DataFrame]:
    """Replace every flagged finding with its pseudonym.

    Parameters
    ----------
    text
        The canonical text.
    findings
        Non-overlapping findings (as returned by :func:`thematica.deid.scan.scan_text`); only
        those with status ``flagged`` are replaced.
    speaker_pattern
        The study's speaker-label pattern; a pseudonym inside a label is written without brackets.

    Returns
    -------
    (str, pandas.DataFrame)
        The redacted text and the offset map (:data:`OFFSET_COLUMNS`, one row per replacement).

    Examples
    --------
    >>> text = "P01: Ask Maria Lopez, 617-555-0134. Maria knows."
    >>> found = [Finding(9, 20, "name", "ner"), Finding(22, 34, "phone", "pattern"),
    ...          Finding(36, 41, "name", "ner")]
    >>> redacted, offsets = redact_text(text, found)
    >>> redacted
    'P01: Ask [PERSON_1], [PHONE_1]. [PERSON_1] knows.'
    >>> offsets[["start", "end", "new_start", "new_end"]].values.tolist()
    [[9, 20, 9, 19], [22, 34, 21, 30], [36, 41, 32, 42]]
    """
    flagged = sorted((f for f in findings if f.status == "flagged"), key=lambda f: f.start)
    for before, after in zip(flagged, flagged[1:], strict=False):
        if after.start < before.end:
            raise ThematicaError(f"findings overlap at offsets {after.start}-{before.end}; merge them first")
    labels = _label_spans(text, speaker_pattern)
    parts, rows, cursor, shift = [], [], 0, 0
    for finding, label in zip(flagged, pseudonyms(text, flagged), strict=True):
        in_label = any(s < finding.end and finding.start < e for s, e in labels)
        replacement = label if in_label else f"[{label}]"
        parts.append(text[cursor : finding.start])
        parts.append(replacement)
        new_start = finding.start + shift
        rows.append(
            (finding.start, finding.end, new_start, new_start + len(replacement), finding.kind, replacement)
        )
        shift += len(replacement) - (finding.end - finding.start)
        cursor = finding.end
    parts.append(text[cursor:])
    if not rows:
        return text, empty_offset_map()
    offsets = pd.DataFrame(rows, columns=OFFSET_COLUMNS).astype(
        {"start": "int64", "end": "int64", "new_start": "int64", "new_end": "int64"}
    )
    return "".join(parts), offsets


def read_offset_map(path: str | Path) -> pd.DataFrame:
    """Read an offset map written by the ``deid`` rule (``data/processed/<s>/offsets/<t>.parquet``)."""
    table = pd.read_parquet(path, engine="pyarrow")
    return table if len(table) else empty_offset_map()


def map_spans(offset_map: pd.DataFrame, starts, ends) -> tuple[np.ndarray, np.ndarray]:
    """Move spans of the original text onto the redacted text.

    A position outside every replacement shifts by the length change of the replacements before
    it. A start inside a replaced identifier moves to the start of its pseudonym, an end inside
    one to the end of its pseudonym, so a span never cuts a pseudonym in two and a span that
    touched an identifier covers its pseudonym.

    Parameters
    ----------
    offset_map
        Table with columns ``start, end, new_start, new_end`` (sorted, non-overlapping), shape
        ``(n_replacements, ...)``; empty means the identity.
    starts, ends
        Span offsets into the original text, shape ``(n_spans,)``.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The new starts and ends, int64, shape ``(n_spans,)``.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if starts.shape != ends.shape:
        raise ThematicaError(f"{starts.shape[0]} span starts but {ends.shape[0]} span ends")
    bad = np.flatnonzero(ends < starts)
    if bad.size:
        i = int(bad[0])
        raise ThematicaError(
            f"span {int(starts[i])}-{int(ends[i])} ends before it starts", offset=int(starts[i])
        )
    if offset_map is None or len(offset_map) == 0:
        return starts.copy(), ends.copy()
    table = offset_map.sort_values("start")
    old_s = table["start"].to_numpy(np.int64)
    old_e = table["end"].to_numpy(np.int64)
    new_s = table["new_start"].to_numpy(np.int64)
    new_e = table["new_end"].to_numpy(np.int64)
    cumulative = np.concatenate([[0], np.cumsum((new_e - new_s) - (old_e - old_s))])

    def move(points: np.ndarray, inside_to: np.ndarray) -> np.ndarray:
        before = np.searchsorted(old_e, points, side="right")  # replacements ending at or before p
        moved = points + cumulative[before]
        j = np.searchsorted(old_s, points, side="right") - 1  # last replacement starting at or before p
        jj = np.clip(j, 0, len(old_s) - 1)
        inside = (j >= 0) & (old_s[jj] < points) & (points < old_e[jj])
        return np.where(inside, inside_to[jj], moved)

    return move(starts, new_s), move(ends, new_e)


def map_span(offset_map: pd.DataFrame, start: int, end: int) -> tuple[int, int]:
    """Move one span of the original (unredacted) text onto the redacted text.

    Examples
    --------
    >>> text = "P01: Ask Maria Lopez, 617-555-0134. Maria knows."
    >>> found = [Finding(9, 20, "name", "ner"), Finding(22, 34, "phone", "pattern"),
    ...          Finding(36, 41, "name", "ner")]
    >>> redacted, offsets = redact_text(text, found)
    >>> s, e = map_span(offsets, 36, 48)   # "Maria knows."
    >>> redacted[s:e]
    '[PERSON_1] knows.'
    >>> s, e = map_span(offsets, 15, 20)   # "Lopez", inside a replaced name
    >>> redacted[s:e]
    '[PERSON_1]'
    """
    new_starts, new_ends = map_spans(offset_map, [start], [end])
    return int(new_starts[0]), int(new_ends[0])
