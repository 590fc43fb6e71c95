"""Lines that transcription tools write into a transcript but nobody said.

Otter.ai ends its exports with ``Transcribed by https://otter.ai``; Microsoft Teams writes ``Ann Smith
started transcription`` and ``... stopped transcription`` into its .docx transcripts. Such a line, standing on
its own, is kept as an ``unattributed`` turn (:func:`thematica.ingest.turns.parse_turns`): counted in the
ledger, never analysed as speech. A WebVTT file's ``WEBVTT`` header and ``NOTE`` blocks are dropped by its
reader
(:mod:`thematica.ingest.formats`); a title line before the first speaker label is already unattributed text.

Examples
--------
>>> is_tool_line("Transcribed by https://otter.ai")
True
>>> is_tool_line("Ann Smith stopped transcription")
True
>>> is_tool_line("I stopped the transcription of my notes because it was slow.")
False
"""

from __future__ import annotations

import re

#: (tool, pattern of the whole line, spaces trimmed), with where the shape is documented in
#: tests/data/formats/README.md.
TOOL_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("otter", re.compile(r"transcribed by\s+(?:https?://)?(?:www\.)?otter\.ai/?", re.IGNORECASE)),
    ("teams", re.compile(r"\S.{0,80}?\s(?:started|stopped)\s+transcription", re.IGNORECASE)),
)


def tool_of_line(line: str) -> str | None:
    """The tool that wrote ``line`` (``"otter"``, ``"teams"``), or None when it is not a known tool line."""
    stripped = line.strip().strip("*_").strip()
    for tool, pattern in TOOL_LINES:
        if pattern.fullmatch(stripped):
            return tool
    return None


def is_tool_line(line: str) -> bool:
    """Whether ``line`` is a line a transcription tool wrote (see :data:`TOOL_LINES`)."""
    return tool_of_line(line) is not None
