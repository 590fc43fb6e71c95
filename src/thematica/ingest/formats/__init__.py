"""Transcript formats: one module per format, each registering a reader (:mod:`.registry`).

- :mod:`.text`: plain text and Markdown (.txt, .md);
- :mod:`.word`: Word documents (.docx);
- :mod:`.webvtt`, :mod:`.subrip`: subtitles (.vtt, .srt), parsed cue by cue in :mod:`.cues`.

Every reader returns the transcript's canonical text (see :mod:`thematica.ingest.textio`): one line per
turn of speech, ``"Label: text"`` where the source names a speaker. Readers never invent labels.
"""

from __future__ import annotations

from thematica.ingest.formats.cues import (
    Cue,
    cue_segments,
    escape_cue_text,
    merge_segments,
    parse_cues,
    read_cue_times,
)
from thematica.ingest.formats.registry import (
    TranscriptFormat,
    formats,
    reader_for,
    suffix_list,
    supported_suffixes,
)
from thematica.ingest.textio import PathLike

__all__ = [
    "Cue",
    "TranscriptFormat",
    "cue_segments",
    "escape_cue_text",
    "formats",
    "merge_segments",
    "parse_cues",
    "read_cue_times",
    "read_transcript",
    "reader_for",
    "suffix_list",
    "supported_suffixes",
]


def read_transcript(path: PathLike) -> str:
    """Read a transcript of any registered format into canonical text.

    Parameters
    ----------
    path
        A file with a registered suffix (case-insensitive): :func:`supported_suffixes`.

    Returns
    -------
    str
        The canonical text: NFC, ``\\n`` line endings, one ``Label: text`` line per turn.

    Raises
    ------
    ThematicaError
        For an unsupported suffix, an unreadable, malformed or empty file.
    """
    return reader_for(path)(path)
