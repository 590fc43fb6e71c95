"""SubRip subtitles (.srt)."""

from __future__ import annotations

from thematica.ingest.formats.cues import cues_to_text, parse_cues
from thematica.ingest.formats.registry import TranscriptFormat
from thematica.ingest.textio import PathLike


def read_srt(path: PathLike) -> str:
    """Read a SubRip (.srt) subtitle file into canonical text.

    Raises
    ------
    ThematicaError
        If a cue number or timing line is malformed, a cue ends before it starts (each with its
        1-based line number), or no cue has text.
    """
    return cues_to_text(parse_cues(path, kind="srt"), path)


FORMAT = TranscriptFormat("SubRip subtitles", (".srt",), read_srt, order=4)
