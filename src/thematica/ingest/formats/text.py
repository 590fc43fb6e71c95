"""Plain text and Markdown (.txt, .md): speaker-labelled lines as typed or exported by a tool."""

from __future__ import annotations

from thematica.ingest.formats.registry import TranscriptFormat
from thematica.ingest.textio import PathLike, read_text_file


def read_txt(path: PathLike) -> str:
    """Read a plain-text or Markdown transcript (see :func:`thematica.ingest.textio.read_text_file`)."""
    return read_text_file(path)


FORMAT = TranscriptFormat("plain text", (".txt", ".md"), read_txt, order=1)
