"""A study's speaker turns and segments in one process, with a per-transcript cache of the segments.

Loading spaCy costs more than splitting a transcript into sentences, so one job per study (rule
``segment``) parses every gated transcript into turns (:func:`thematica.ingest.study.transcript_turns`,
cheap), splits its participant turns into segments (:func:`thematica.segment.sentences.segment_turns`) and
writes the study's segment table and QA ledger. Each transcript is still segmented on its own, so its segments
depend only on its own text: a transcript whose text (by SHA-256), interviewer labels, speaker patterns,
participants per interview, participant row, ``min_words`` and spaCy model are unchanged is read back from
``data/processed/<study>/segments/<transcript>.parquet`` (and its JSON key), so adding an interview segments
only that one, and the study table comes out byte for byte as a cold run writes it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from thematica.errors import ThematicaError, raise_collected
from thematica.ingest.speakers import DEFAULT_SETTINGS, SpeakerSettings
from thematica.ingest.study import read_canonical, transcript_turns
from thematica.ingest.textio import sha256_text
from thematica.schemas import SEGMENTS, TURNS, validated
from thematica.segment.ledger import gather_study
from thematica.segment.sentences import segment_turns
from thematica.support.spacy_model import pipeline_identity
from thematica.support.tables import read_parquet, write_parquet
from thematica.support.workers import cache_entry, log_cache_use, map_in_processes

#: Part of every cache key: raise it when :func:`segment_turns` or :func:`transcript_turns` change what
#: they return for the same input, so that cached segments are recomputed.
#: 2: common interviewer labels, tool lines as unattributed turns, labels in any script, more patterns.
SEGMENTER_VERSION = 2


@dataclass(frozen=True)
class TranscriptSource:
    """What one transcript's turns and segments are made from (besides the study-wide settings).

    Attributes
    ----------
    text
        The gated canonical text file (``data/processed/<study>/text/<transcript>.txt``).
    source
        The transcript file as delivered, named in messages.
    participant_id, group
        Its participants.csv row.
    """

    text: str
    source: str
    participant_id: str
    group: str


def segment_study(
    transcripts: Mapping[str, TranscriptSource],
    cache_dir: str | Path,
    *,
    interviewer_labels: Sequence[str],
    speaker_pattern: str,
    speaker_settings: SpeakerSettings = DEFAULT_SETTINGS,
    min_words: int = 5,
    processes: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A study's segments, speaker turns and reconciled ledger, reusing unchanged transcripts' segments.

    Parameters
    ----------
    transcripts
        Transcript id -> :class:`TranscriptSource`.
    cache_dir
        Folder of the per-transcript cache (created; stale entries are overwritten).
    interviewer_labels, speaker_pattern
        See :func:`thematica.ingest.turns.parse_turns`.
    speaker_settings
        The study's speaker settings (:class:`thematica.ingest.speakers.SpeakerSettings`).
    min_words
        See :func:`thematica.segment.sentences.segment_turns`.
    processes
        Worker processes for the transcripts to segment (:func:`thematica.support.workers.map_in_processes`).

    Returns
    -------
    tuple of pandas.DataFrame
        The segment table (:data:`thematica.schemas.SEGMENTS`, sorted by transcript and start), the turn
        table (:data:`thematica.schemas.TURNS`, every transcript's turns in the order of ``transcripts``)
        and the ledger (:func:`thematica.segment.ledger.gather_study`).

    Raises
    ------
    ThematicaError
        Naming every transcript whose speaker turns cannot be parsed (file and line), or a ledger that does
        not reconcile.
    """
    cache_dir = Path(cache_dir)
    texts, turns, errors = {}, {}, []
    for transcript, where in transcripts.items():
        texts[transcript] = read_canonical(where.text)
        try:
            turns[transcript] = transcript_turns(
                texts[transcript],
                transcript=transcript,
                interviewer_labels=list(interviewer_labels),
                speaker_pattern=speaker_pattern,
                participant_id=where.participant_id,
                settings=speaker_settings,
                path=where.source,
            )
        except ThematicaError as exc:
            errors.append(exc)
    raise_collected(errors, "transcripts have no usable speaker turns")
    settings = {
        "version": SEGMENTER_VERSION,
        "spacy": pipeline_identity(),
        "interviewer_labels": list(interviewer_labels),
        "speaker_pattern": speaker_pattern,
        "speaker_patterns": list(speaker_settings.speaker_patterns),
        "participants_per_interview": speaker_settings.participants_per_interview,
        "min_words": int(min_words),
    }
    segments: dict[str, pd.DataFrame] = {}
    missing: list[tuple[str, dict]] = []
    for transcript, where in transcripts.items():
        key = {
            **settings,
            "text_sha256": sha256_text(texts[transcript]),
            "participant_id": where.participant_id,
            "group": where.group,
        }
        cached = _cached(cache_dir, transcript, key)
        if cached is None:
            missing.append((transcript, key))
        else:
            segments[transcript] = cached
    computed = map_in_processes(
        _segment_in_worker,
        [(turns[t], texts[t], asdict(transcripts[t]), int(min_words)) for t, _ in missing],
        processes=processes,
        progress="transcripts split into sentences",
    )
    for (transcript, key), table in zip(missing, computed, strict=True):
        # read back, so that a cold run gathers exactly the tables a later run reads from the cache
        segments[transcript] = _store(cache_dir, transcript, key, table)
    log_cache_use("segmented", len(missing), len(transcripts), processes, cache_dir)
    gathered, ledger = gather_study((texts[t], turns[t], segments[t]) for t in transcripts)
    all_turns = pd.concat([validated(turns[t], TURNS) for t in transcripts], ignore_index=True)
    return gathered, all_turns, ledger


def _segment_in_worker(item: tuple[pd.DataFrame, str, dict, int]) -> pd.DataFrame:
    turns, text, where, min_words = item
    segments = segment_turns(
        turns, text, participant_id=where["participant_id"], group=where["group"], min_words=min_words
    )
    return validated(segments, SEGMENTS)


def _paths(cache_dir: Path, transcript: str) -> tuple[Path, Path]:
    return cache_entry(cache_dir, transcript, ".parquet"), cache_entry(cache_dir, transcript)


def _cached(cache_dir: Path, transcript: str, key: dict) -> pd.DataFrame | None:
    """The cached segments when their key is exactly ``key`` (and they belong to the transcript)."""
    table_path, key_path = _paths(cache_dir, transcript)
    try:
        stored = json.loads(key_path.read_text(encoding="utf-8"))
        table = read_parquet(table_path) if stored == key else None
    except (OSError, ValueError):
        return None
    if table is None or (len(table) and set(table["transcript"].astype(str)) != {transcript}):
        return None
    return table


def _store(cache_dir: Path, transcript: str, key: dict, table: pd.DataFrame) -> pd.DataFrame:
    """Write the table, then its key (a key without its table is never read as valid); the table as read."""
    table_path, key_path = _paths(cache_dir, transcript)
    cache_dir.mkdir(parents=True, exist_ok=True)
    key_path.unlink(missing_ok=True)
    write_parquet(table, table_path)
    key_path.write_text(json.dumps(key) + "\n", encoding="utf-8")
    return read_parquet(table_path)
