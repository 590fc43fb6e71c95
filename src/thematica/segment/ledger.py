"""The transcript ledger: counts in equal counts out for ingest and segment, and the identities that tie them.

A table of counts taken independently from the tables the stages wrote, plus the identities those counts
must satisfy, checked by :func:`thematica.support.reconcile.reconcile`.

Transcript ledger (``results/<study>/qa/ledger.csv``, one row per transcript)
    Written when a study is segmented (:func:`gather_study`, called by :mod:`thematica.segment.study`).
    Non-blank characters (all but whitespace) are counted on the canonical text at each turn's and
    segment's offsets.
    :data:`TRANSCRIPT_IDENTITIES`:

    - ``turns = interviewer_turns + participant_turns + unattributed_turns``
    - ``chars_in = chars_in_turns + chars_in_labels`` (``chars_in_labels``: the characters outside
      every turn: speaker labels and timestamps)
    - ``chars_participant = chars_segments``
    - ``chars_segments = chars_segments_in_turns`` (segment characters inside participant turns)
    - ``turn_overlaps = segment_overlaps = text_mismatches = 0``
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd

from thematica.support.reconcile import Identity, holds, reconcile

log = logging.getLogger(__name__)


LEDGER_COLUMNS = [
    "transcript",
    "participant_id",
    "group",
    "turns",
    "interviewer_turns",
    "participant_turns",
    "unattributed_turns",
    "segments",
    "participant_words",
    "chars_in",
    "chars_in_turns",
    "chars_in_labels",
    "chars_participant",
    "chars_segments",
    "chars_segments_in_turns",
    "turn_overlaps",
    "segment_overlaps",
    "text_mismatches",
    "reconciled",
]

TRANSCRIPT_IDENTITIES = (
    Identity(
        "every turn has a role", ("turns",), ("interviewer_turns", "participant_turns", "unattributed_turns")
    ),
    Identity(
        "every character is in a turn or a speaker label",
        ("chars_in",),
        ("chars_in_turns", "chars_in_labels"),
    ),
    Identity("all participant speech is in segments", ("chars_participant",), ("chars_segments",)),
    Identity("segments hold participant speech only", ("chars_segments",), ("chars_segments_in_turns",)),
    Identity("turns do not overlap", ("turn_overlaps",)),
    Identity("segments do not overlap", ("segment_overlaps",)),
    Identity("turn and segment texts are the canonical text at their offsets", ("text_mismatches",)),
)


def nonblank_mask(text: str) -> np.ndarray:
    return np.fromiter((not ch.isspace() for ch in text), dtype=bool, count=len(text))


def nonblank_prefix(mask: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])


def _overlaps(starts: np.ndarray, ends: np.ndarray) -> int:
    """Number of intervals that start before an earlier-starting interval ends."""
    if len(starts) < 2:
        return 0
    order = np.lexsort((ends, starts))
    s, e = starts[order], ends[order]
    return int((s[1:] < np.maximum.accumulate(e)[:-1]).sum())


def _clip(starts: np.ndarray, ends: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    s = np.clip(starts, 0, n)
    return s, np.clip(ends, s, n)


def _mismatches(canonical: str, starts: np.ndarray, ends: np.ndarray, texts: pd.Series) -> int:
    n = len(canonical)
    return sum(
        1
        for s, e, t in zip(starts.tolist(), ends.tolist(), texts, strict=True)
        if not (0 <= s <= e <= n) or canonical[s:e] != t
    )


def ledger_row(canonical: str, turns: pd.DataFrame, segments: pd.DataFrame) -> dict:
    """Counts for one transcript (see the module docstring for the identities).

    Parameters
    ----------
    canonical
        The transcript's canonical text.
    turns
        Its turn table (:func:`thematica.ingest.turns.parse_turns`), shape ``(n_turns, ...)``.
    segments
        Its segment table (:func:`thematica.segment.sentences.segment_turns`), shape ``(n_segments, ...)``.

    Returns
    -------
    dict
        One row of :data:`LEDGER_COLUMNS`; ``reconciled`` is true when every identity holds.
    """
    n = len(canonical)
    nonblank = nonblank_mask(canonical)
    nb = nonblank_prefix(nonblank)
    t_start, t_end = _clip(turns["start"].to_numpy(np.int64), turns["end"].to_numpy(np.int64), n)
    s_start, s_end = _clip(segments["start"].to_numpy(np.int64), segments["end"].to_numpy(np.int64), n)
    role = turns["role"].to_numpy()
    is_participant = role == "participant"
    in_turn = np.zeros(n + 1, dtype=np.int64)
    np.add.at(in_turn, t_start, 1)
    np.add.at(in_turn, t_end, -1)
    covered = np.cumsum(in_turn)[:n] > 0
    in_participant = np.zeros(n + 1, dtype=np.int64)
    np.add.at(in_participant, t_start[is_participant], 1)
    np.add.at(in_participant, t_end[is_participant], -1)
    nb_participant = nonblank_prefix(nonblank & (np.cumsum(in_participant)[:n] > 0))
    chars_turns = nb[t_end] - nb[t_start]
    chars_segments = nb[s_end] - nb[s_start]
    first = segments.iloc[0] if len(segments) else None
    row = {
        "transcript": turns["transcript"].iloc[0] if len(turns) else None,
        "participant_id": None if first is None else first["participant_id"],
        "group": None if first is None else first["group"],
        "turns": len(turns),
        "interviewer_turns": int((role == "interviewer").sum()),
        "participant_turns": int(is_participant.sum()),
        "unattributed_turns": int((role == "unattributed").sum()),
        "segments": len(segments),
        "participant_words": int(sum(len(t.split()) for t in turns.loc[is_participant, "text"])),
        "chars_in": int(nb[-1]),
        "chars_in_turns": int(chars_turns.sum()),
        "chars_in_labels": int((nonblank & ~covered).sum()),
        "chars_participant": int(chars_turns[is_participant].sum()),
        "chars_segments": int(chars_segments.sum()),
        "chars_segments_in_turns": int((nb_participant[s_end] - nb_participant[s_start]).sum()),
        "turn_overlaps": _overlaps(t_start, t_end),
        "segment_overlaps": _overlaps(s_start, s_end),
        "text_mismatches": _mismatches(
            canonical, turns["start"].to_numpy(np.int64), turns["end"].to_numpy(np.int64), turns["text"]
        )
        + _mismatches(
            canonical,
            segments["start"].to_numpy(np.int64),
            segments["end"].to_numpy(np.int64),
            segments["text"],
        ),
    }
    row["reconciled"] = bool(holds(pd.DataFrame([row]), TRANSCRIPT_IDENTITIES)[0])
    return row


def build_ledger(rows: list[dict]) -> pd.DataFrame:
    """Assemble per-transcript rows into the ledger table, sorted by transcript."""
    ledger = pd.DataFrame(rows, columns=LEDGER_COLUMNS).sort_values("transcript", kind="stable")
    return ledger.reset_index(drop=True)


def check_ledger(ledger: pd.DataFrame, path: str | None = None) -> None:
    """Raise :class:`ThematicaError` naming every transcript and identity that does not reconcile."""
    reconcile(ledger, TRANSCRIPT_IDENTITIES, key=["transcript"], name="ledger.csv", path=path)
    log.info(
        "ledger: %d transcripts, %d turns, %d segments, all reconciled",
        len(ledger),
        int(np.sum(ledger["turns"])),
        int(np.sum(ledger["segments"])),
    )


def gather_study(
    transcripts: Iterable[tuple[str, pd.DataFrame, pd.DataFrame]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Concatenate a study's per-transcript segments and build its reconciled ledger.

    ``transcripts`` holds one (canonical text, turn table, segment table) per transcript. Raises
    :class:`ThematicaError` if any transcript's counts do not reconcile.
    """
    rows, parts = [], []
    for text, turns, segments in transcripts:
        rows.append(ledger_row(text, turns, segments))
        parts.append(segments)
    ledger = build_ledger(rows)
    check_ledger(ledger)
    segments = pd.concat(parts, ignore_index=True).sort_values(["transcript", "start"], kind="stable")
    return segments.reset_index(drop=True), ledger
