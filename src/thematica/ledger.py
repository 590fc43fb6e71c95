"""The QA ledger: counts in equal counts out, per transcript, for every stage so far."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

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
    "reconciled",
]


def _nonblank(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def ledger_row(canonical: str, turns: pd.DataFrame, segments: pd.DataFrame) -> dict:
    """Counts for one transcript.

    ``reconciled`` is true when turns lie inside the text without overlapping and every non-blank
    character of participant speech is in exactly one segment.
    """
    role = turns["role"]
    starts, ends = turns["start"].to_numpy(), turns["end"].to_numpy()
    inside = bool(((starts >= 0) & (ends <= len(canonical)) & (starts <= ends)).all())
    disjoint = bool((starts[1:] >= ends[:-1]).all()) if len(turns) > 1 else True
    participant = turns.loc[role == "participant", "text"]
    chars_turns = sum(_nonblank(t) for t in turns["text"])
    chars_participant = sum(_nonblank(t) for t in participant)
    seg_starts, seg_ends = segments["start"].to_numpy(), segments["end"].to_numpy()
    seg_disjoint = bool((seg_starts[1:] >= seg_ends[:-1]).all()) if len(segments) > 1 else True
    seg_text_ok = all(
        canonical[s:e] == t for s, e, t in zip(seg_starts, seg_ends, segments["text"], strict=True)
    )
    chars_segments = sum(_nonblank(t) for t in segments["text"])
    first = segments.iloc[0] if len(segments) else None
    return {
        "transcript": turns["transcript"].iloc[0],
        "participant_id": None if first is None else first["participant_id"],
        "group": None if first is None else first["group"],
        "turns": len(turns),
        "interviewer_turns": int((role == "interviewer").sum()),
        "participant_turns": int((role == "participant").sum()),
        "unattributed_turns": int((role == "unattributed").sum()),
        "segments": len(segments),
        "participant_words": int(sum(len(t.split()) for t in participant)),
        "chars_in": _nonblank(canonical),
        "chars_in_turns": chars_turns,
        "chars_in_labels": _nonblank(canonical) - chars_turns,
        "chars_participant": chars_participant,
        "chars_segments": chars_segments,
        "reconciled": bool(
            inside and disjoint and seg_disjoint and seg_text_ok and chars_participant == chars_segments
        ),
    }


def build_ledger(rows: list[dict]) -> pd.DataFrame:
    """Assemble per-transcript rows into the ledger table, sorted by transcript."""
    ledger = pd.DataFrame(rows, columns=LEDGER_COLUMNS).sort_values("transcript", kind="stable")
    return ledger.reset_index(drop=True)


def check_ledger(ledger: pd.DataFrame, path: str | None = None) -> None:
    """Raise if any transcript's counts do not reconcile."""
    bad = ledger.loc[~ledger["reconciled"].astype(bool), "transcript"].tolist()
    if bad:
        raise ThematicaError(
            f"counts do not reconcile for transcript(s) {bad}; this is a bug, please report it "
            "with the ledger",
            path=path,
        )
    log.info(
        "ledger: %d transcripts, %d turns, %d segments, all reconciled",
        len(ledger),
        int(np.sum(ledger["turns"])),
        int(np.sum(ledger["segments"])),
    )


def gather_study(
    text_paths: list[str], turn_paths: list[str], segment_paths: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Concatenate a study's per-transcript segments and build its reconciled ledger.

    The three lists are aligned: the i-th canonical text, turn table and segment table belong to one
    transcript. Raises :class:`ThematicaError` if any transcript's counts do not reconcile.
    """
    from thematica.ingest import read_canonical
    from thematica.tables import read_parquet

    rows, parts = [], []
    for text_path, turn_path, segment_path in zip(text_paths, turn_paths, segment_paths, strict=True):
        segments = read_parquet(segment_path)
        rows.append(ledger_row(read_canonical(text_path), read_parquet(turn_path), segments))
        parts.append(segments)
    ledger = build_ledger(rows)
    check_ledger(ledger)
    segments = pd.concat(parts, ignore_index=True).sort_values(["transcript", "start"], kind="stable")
    return segments.reset_index(drop=True), ledger
