"""Byte-deterministic transcript writers for demo data.

Every writer takes ``turns``, a list of ``(speaker label, text)`` pairs, and writes a file whose
canonical text, as read back by :func:`thematica.ingest.formats.read_transcript`, is exactly
:func:`canonical_text` of the turns. Output bytes depend only on the arguments: no clocks, no
randomness, no platform line endings.

Turns must be clean: a label starts with an ASCII letter, has at most 40 characters and no
``:``; a text is one non-empty, stripped, single-spaced, NFC-normalised line without control
characters. Subtitle writers also need consecutive turns to have different speakers, because
subtitle readers merge consecutive cues of one speaker into one line.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.ingest.formats import escape_cue_text
from thematica.ingest.textio import PathLike

log = logging.getLogger(__name__)

Turns = Sequence[tuple[str, str]]

#: Timestamp written into every zip member (the earliest a zip can hold).
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
#: Unix permissions ``-rw-r--r--`` for every zip member.
ZIP_EXTERNAL_ATTR = 0o100644 << 16
#: Created/modified/last-printed date of every .docx.
DOCX_DATETIME = dt.datetime(2020, 1, 1, 0, 0, 0)

_LABEL_RE = re.compile(r"[A-Za-z][^:]{0,39}")
_SENTENCE_END_RE = re.compile(r"[.?!][\"'\u201d\u2019)\]\u00bb]*$")


def canonical_text(turns: Turns) -> str:
    """Return the canonical text of ``turns``: one ``"Label: text\\n"`` line per turn.

    Examples
    --------
    >>> canonical_text([("Interviewer", "Hi?"), ("P01", "Hello.")])
    'Interviewer: Hi?\\nP01: Hello.\\n'
    """
    return "".join(f"{label}: {text}\n" for label, text in turns)


# --------------------------------------------------------------------------------------------------
# validation


def _has_control(text: str) -> bool:
    """True if ``text`` has a control character or a lone surrogate."""
    return any(unicodedata.category(char) in ("Cc", "Cs") for char in text)


def _check_piece(value: str, what: str, index: int, path: PathLike) -> None:
    """Check a label or text for the properties every writer needs."""
    problem = None
    if not value:
        problem = "is empty"
    elif _has_control(value):
        problem = "contains a control character (newline, tab, ...)"
    elif value != value.strip() or "  " in value:
        problem = "has surrounding or doubled whitespace"
    elif not unicodedata.is_normalized("NFC", value):
        problem = "is not NFC-normalised"
    if problem:
        raise ThematicaError(f"turn {index}: {what} {value[:40]!r} {problem}", path=path)


def check_turns(turns: Turns, path: PathLike, *, subtitles: bool = False) -> None:
    """Raise :class:`ThematicaError` unless ``turns`` can be written and read back unchanged.

    Parameters
    ----------
    turns
        ``(label, text)`` pairs.
    path
        The file about to be written, for messages.
    subtitles
        Also require consecutive turns to have different labels (.vtt, .srt).
    """
    if not turns:
        raise ThematicaError("no turns to write", path=path)
    for index, (label, text) in enumerate(turns, start=1):
        _check_piece(label, "label", index, path)
        _check_piece(text, "text", index, path)
        if not _LABEL_RE.fullmatch(label):
            raise ThematicaError(
                f"turn {index}: label {label[:40]!r} must start with a letter and have "
                "at most 40 characters, none of them ':'",
                path=path,
            )
        if subtitles and index > 1 and turns[index - 2][0] == label:
            raise ThematicaError(
                f"turns {index - 1} and {index} have the same speaker {label!r}; merge "
                "them first (subtitle readers merge them)",
                path=path,
            )


# --------------------------------------------------------------------------------------------------
# .txt and .docx


def write_txt(path: PathLike, turns: Turns, *, bom: bool = False, crlf: bool = False) -> None:
    """Write a UTF-8 plain-text transcript.

    Parameters
    ----------
    path
        The file to write.
    turns
        ``(label, text)`` pairs.
    bom
        Start the file with a UTF-8 byte-order mark.
    crlf
        Use ``\\r\\n`` line endings instead of ``\\n``.
    """
    check_turns(turns, path)
    text = canonical_text(turns)
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    Path(path).write_bytes(b"\xef\xbb\xbf" + data if bom else data)


def write_docx(path: PathLike, turns: Turns, *, title: str | None = None) -> None:
    """Write a Word transcript: one paragraph per turn, the ``Label:`` run in bold.

    Parameters
    ----------
    path
        The file to write.
    turns
        ``(label, text)`` pairs.
    title
        Stored in the document properties only (a title paragraph would become part of the
        transcript's text).
    """
    import docx  # imported lazily: only .docx output needs python-docx

    check_turns(turns, path)
    document = docx.Document()
    for label, text in turns:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run(f" {text}")
    _fix_core_properties(document.core_properties, title)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        members = [(info.filename, saved.read(info)) for info in saved.infolist()]
    deterministic_zip(members, path)


def _fix_core_properties(properties, title: str | None) -> None:
    """Set every date- or author-like core property to a fixed value."""
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.title = title or ""
    properties.revision = 1
    properties.created = DOCX_DATETIME
    properties.modified = DOCX_DATETIME
    properties.last_printed = DOCX_DATETIME


def deterministic_zip(
    src_members: Sequence[tuple[str, bytes]], path: PathLike, *, compression: int = zipfile.ZIP_DEFLATED
) -> None:
    """Write a zip archive whose bytes depend only on the members.

    Members are written in the given order, each with timestamp :data:`ZIP_DATE_TIME`, Unix
    permissions ``0644`` and the given compression. (Deflated bytes can still differ between zlib
    implementations; pass ``zipfile.ZIP_STORED`` where that matters.)

    Parameters
    ----------
    src_members
        ``(name, data)`` pairs; names must be unique.
    path
        The archive to write.
    compression
        ``zipfile.ZIP_DEFLATED`` (default) or ``zipfile.ZIP_STORED``.
    """
    names = [name for name, _data in src_members]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate zip member names in {names}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in src_members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = compression
            info.create_system = 3
            info.external_attr = ZIP_EXTERNAL_ATTR
            archive.writestr(info, data)
    Path(path).write_bytes(buffer.getvalue())


# --------------------------------------------------------------------------------------------------
# subtitles


def split_into_cues(text: str, max_words: int) -> list[str]:
    """Split ``text`` at spaces into chunks of at most ``max_words`` words.

    When a chunk must end early, it ends after the last word that closes a sentence
    (``.``, ``?``, ``!``, possibly followed by closing quotes or brackets) in the second half of
    the window, else after ``max_words`` words.

    Examples
    --------
    >>> split_into_cues("One two three. Four five six", 4)
    ['One two three.', 'Four five six']
    >>> split_into_cues("a b c d e", 2)
    ['a b', 'c d', 'e']
    """
    words = text.split(" ")
    chunks = []
    i = 0
    while i < len(words):
        window = words[i : i + max_words]
        if len(words) - i > max_words:
            window = window[: _cut(window, max_words)]
        chunks.append(" ".join(window))
        i += len(window)
    return chunks


def _cut(window: list[str], max_words: int) -> int:
    """Number of words to keep from a full window: up to a late sentence end, else all."""
    for j in range(len(window) - 1, max_words // 2 - 1, -1):
        if _SENTENCE_END_RE.search(window[j]):
            return j + 1
    return len(window)


def _cue_plan(
    turns: Turns, path: PathLike, *, words_per_minute: float, start: float, max_words: int, gap: float
) -> tuple[list[tuple[int, int, str, str]], int]:
    """Lay out cues ``(start_ms, end_ms, label, chunk)`` and return them with the end in ms."""
    if not words_per_minute > 0 or max_words < 1 or not gap >= 0 or not start >= 0:
        raise ValueError("need words_per_minute > 0, max_words >= 1, gap >= 0 and start >= 0")
    check_turns(turns, path, subtitles=True)
    cues = []
    now = round(start * 1000)
    gap_ms = round(gap * 1000)
    for index, (label, text) in enumerate(turns):
        if index:
            now += gap_ms
        for chunk in split_into_cues(text, max_words):
            if chunk != chunk.strip():
                raise ThematicaError(
                    f"turn {index + 1}: a cue would start or end with whitespace "
                    f"({chunk[:40]!r}); use plain spaces between words",
                    path=path,
                )
            duration = max(1, round(len(chunk.split(" ")) * 60_000 / words_per_minute))
            cues.append((now, now + duration, label, chunk))
            now += duration
    return cues, now


def _timestamp(ms: int, separator: str) -> str:
    """Format milliseconds as ``HH:MM:SS.mmm`` (or with ``,``)."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def write_vtt(
    path: PathLike,
    turns: Turns,
    *,
    words_per_minute: float = 140.0,
    start: float = 0.0,
    max_words: int = 24,
    zoom_style: bool = True,
    gap: float = 0.4,
) -> float:
    """Write a WebVTT transcript, one or more numbered cues per turn.

    Parameters
    ----------
    path
        The file to write.
    turns
        ``(label, text)`` pairs; consecutive turns must have different labels.
    words_per_minute
        Speaking rate that sets each cue's duration.
    start
        Start time of the first cue, in seconds.
    max_words
        Most words per cue.
    zoom_style
        Write ``Label: text`` in every cue (as Zoom does); otherwise a voice span
        ``<v Label>text</v>``.
    gap
        Silence between turns, in seconds.

    Returns
    -------
    float
        Seconds from ``start`` to the end of the last cue.
    """
    cues, end = _cue_plan(
        turns, path, words_per_minute=words_per_minute, start=start, max_words=max_words, gap=gap
    )
    blocks = ["WEBVTT\n"]
    for number, (cue_start, cue_end, label, chunk) in enumerate(cues, start=1):
        if zoom_style:
            body = escape_cue_text(f"{label}: {chunk}")
        else:
            body = f"<v {escape_cue_text(label)}>{escape_cue_text(chunk)}</v>"
        blocks.append(f"{number}\n{_timestamp(cue_start, '.')} --> {_timestamp(cue_end, '.')}\n{body}\n")
    Path(path).write_bytes("\n".join(blocks).encode("utf-8"))
    return (end - round(start * 1000)) / 1000


def write_srt(
    path: PathLike,
    turns: Turns,
    *,
    words_per_minute: float = 140.0,
    start: float = 0.0,
    max_words: int = 24,
    gap: float = 0.4,
) -> float:
    """Write a SubRip transcript; every cue reads ``Label: text``.

    Parameters and return value are those of :func:`write_vtt` (SubRip has no voice spans).
    ``&`` and ``<`` are escaped only where a reader would otherwise take them for markup.
    """
    cues, end = _cue_plan(
        turns, path, words_per_minute=words_per_minute, start=start, max_words=max_words, gap=gap
    )
    blocks = []
    for number, (cue_start, cue_end, label, chunk) in enumerate(cues, start=1):
        body = escape_cue_text(f"{label}: {chunk}", minimal=True)
        blocks.append(f"{number}\n{_timestamp(cue_start, ',')} --> {_timestamp(cue_end, ',')}\n{body}\n")
    Path(path).write_bytes("\n".join(blocks).encode("utf-8"))
    return (end - round(start * 1000)) / 1000
