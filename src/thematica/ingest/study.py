"""Ingest: one transcript file -> canonical text; canonical text -> speaker turns.

The workflow reads a transcript to its canonical *source* text (:func:`read_source`; one job per study,
:func:`ingest_study`), passes it
through the deidentification gate (:mod:`thematica.deid.study`), and parses turns from the text the
gate lets through (:func:`transcript_turns`). :func:`ingest_transcript` does both steps at once,
without the gate.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError, raise_collected
from thematica.ingest.formats import read_transcript

# the ingest stage's other workflow entry: every script of the stage calls ingest.study
from thematica.ingest.speakers import (
    DEFAULT_SETTINGS,
    SpeakerSettings,
    check_speakers,
    speakers_table,  # noqa: F401
)
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN, parse_turns

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)


def read_source(path: str | Path) -> str:
    """Read a transcript in any supported format to its canonical text.

    Raises
    ------
    ThematicaError
        If the file cannot be read, is malformed or empty (see
        :func:`thematica.ingest.formats.read_transcript`).
    """
    canonical = read_transcript(path)
    log.info("%s: %d characters", path, len(canonical))
    return canonical


def ingest_study(sources: Mapping[str, str | Path], out_dir: str | Path) -> None:
    """Write each transcript's canonical source text to ``out_dir/<transcript>.txt`` (rule ``ingest``).

    Reading a transcript costs far less than starting a process, so a study is read in one: every file is
    read before anything is written, and every file that cannot be read is named in one message.

    Parameters
    ----------
    sources
        Transcript id -> its file in the study folder.
    out_dir
        The study's ``data/processed/<study>/source_text/`` folder (created).

    Raises
    ------
    ThematicaError
        Naming every transcript that cannot be read (see :func:`read_source`); nothing is written then.
    """
    texts, errors = {}, []
    for transcript, path in sources.items():
        try:
            texts[transcript] = read_source(path)
        except ThematicaError as exc:
            errors.append(exc)
    raise_collected(errors, "transcripts cannot be read")
    for transcript, text in texts.items():
        write_canonical(text, Path(out_dir) / f"{transcript}.txt")


def transcript_turns(
    text: str,
    *,
    transcript: str,
    interviewer_labels: list[str],
    speaker_pattern: str = DEFAULT_SPEAKER_PATTERN,
    participant_id: str | None = None,
    settings: SpeakerSettings = DEFAULT_SETTINGS,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """Split a transcript's canonical text into turns and check its speakers and participant speech.

    Parameters
    ----------
    text
        The canonical text.
    transcript
        Transcript id.
    interviewer_labels, speaker_pattern, participant_id
        See :func:`thematica.ingest.turns.parse_turns`.
    settings
        The study's speaker settings (study.yaml ``speaker_patterns``, ``participants_per_interview``,
        ``speakers.strict``).
    path
        The transcript file, named in messages.

    Returns
    -------
    pandas.DataFrame
        The turn table (see :func:`thematica.ingest.turns.parse_turns`).

    Raises
    ------
    ThematicaError
        If no line carries a speaker label, every label is an interviewer label, or the speakers cannot be
        told apart (see :func:`thematica.ingest.speakers.check_speakers`).
    """
    where = str(path) if path is not None else transcript
    turns = parse_turns(
        text,
        transcript=transcript,
        interviewer_labels=interviewer_labels,
        speaker_pattern=speaker_pattern,
        speaker_patterns_extra=settings.speaker_patterns,
        participant_id=participant_id,
        participants_per_interview=settings.participants_per_interview,
        path=where,
    )
    if not (turns["role"] == "participant").any():
        labels = sorted(set(turns["speaker"]) - {""})
        raise ThematicaError(
            f"every speaker label {labels} is an interviewer label, so there is no participant speech; "
            "check 'interviewer_labels' in study.yaml",
            path=where,
        )
    check_speakers(
        turns,
        text,
        interviewer_labels=interviewer_labels,
        participant_id=participant_id,
        settings=settings,
        path=where,
    )
    log.info("%s: %d turns", where, len(turns))
    return turns


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
        The canonical text and its turn table (see :func:`thematica.ingest.turns.parse_turns`).

    Raises
    ------
    ThematicaError
        If the file cannot be read, or it has no participant speech.
    """
    canonical = read_source(path)
    turns = transcript_turns(
        canonical,
        transcript=transcript,
        interviewer_labels=interviewer_labels,
        speaker_pattern=speaker_pattern,
        path=path,
    )
    return canonical, turns


def write_canonical(text: str, path: str | Path) -> None:
    """Write canonical text as UTF-8 with ``\\n`` line endings, byte for byte."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(text.encode("utf-8"))


def read_canonical(path: str | Path) -> str:
    """Read canonical text written by :func:`write_canonical`."""
    return Path(path).read_bytes().decode("utf-8")
