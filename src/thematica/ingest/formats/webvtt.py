"""WebVTT subtitles (.vtt), as Zoom and Teams write their transcripts."""

from __future__ import annotations

from thematica.ingest.formats.cues import cues_to_text, parse_cues
from thematica.ingest.formats.registry import TranscriptFormat
from thematica.ingest.textio import PathLike


def read_vtt(path: PathLike) -> str:
    """Read a WebVTT subtitle file (e.g. a Zoom or Teams transcript) into canonical text.

    Raises
    ------
    ThematicaError
        If the ``WEBVTT`` header is missing, a timing line is malformed, a cue ends before it
        starts (each with its 1-based line number), or no cue has text.
    """
    return cues_to_text(parse_cues(path, kind="vtt"), path)


FORMAT = TranscriptFormat("WebVTT subtitles", (".vtt",), read_vtt, order=3)
