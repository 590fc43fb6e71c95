"""Ingest: one transcript file -> canonical text and speaker turns."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from thematica.errors import ThematicaError
from thematica.readers import read_transcript
from thematica.turns import DEFAULT_SPEAKER_PATTERN, parse_turns

log = logging.getLogger(__name__)


def ingest_transcript(
    path: str | Path,
    *,
    transcript: str,
    interviewer_labels: list[str],
    speaker_pattern: str = DEFAULT_SPEAKER_PATTERN,
) -> tuple[str, pd.DataFrame]:
    """Read a transcript in any supported format and split it into turns.

    Returns
    -------
    (str, pandas.DataFrame)
        The canonical text and its turn table (see :func:`thematica.turns.parse_turns`).

    Raises
    ------
    ThematicaError
        If the file cannot be read, or it has no participant speech.
    """
    canonical = read_transcript(path)
    turns = parse_turns(
        canonical,
        transcript=transcript,
        interviewer_labels=interviewer_labels,
        speaker_pattern=speaker_pattern,
        path=str(path),
    )
    if not (turns["role"] == "participant").any():
        labels = sorted(set(turns["speaker"]) - {""})
        raise ThematicaError(
            f"every speaker label {labels} is an interviewer label, so there is no participant speech; "
            "check 'interviewer_labels' in study.yaml",
            path=path,
        )
    log.info("%s: %d characters, %d turns", path, len(canonical), len(turns))
    return canonical, turns


def write_canonical(text: str, path: str | Path) -> None:
    """Write canonical text as UTF-8 with ``\\n`` line endings, byte for byte."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(text.encode("utf-8"))


def read_canonical(path: str | Path) -> str:
    """Read canonical text written by :func:`write_canonical`."""
    return Path(path).read_bytes().decode("utf-8")
