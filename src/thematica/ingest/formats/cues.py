"""Subtitle cues (.vtt, .srt): parsing, cleaning and merging into canonical lines.

Subtitle files (.vtt, .srt) are parsed cue by cue. A cue's text lines are joined with single
spaces; a WebVTT voice span ``<v Name>text</v>`` becomes ``Name: text``; other tags are removed
and the entities ``&amp; &lt; &gt; &nbsp; &lrm; &rlm;`` unescaped. A cue that starts with a
speaker label (``Label: ``) belongs to that speaker; consecutive cues of the same speaker are
merged into one line, and a cue without a label continues the previous line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.ingest.textio import (
    PathLike,
    canonicalize,
    decode_bytes,
    read_bytes,
)

log = logging.getLogger(__name__)

#: A speaker label at the start of a cue's text: a letter (any script), then up to 39 characters but ``:``.
CUE_LABEL_RE = re.compile(r"^(?P<label>[^\W\d_][^:]{0,39}):(?:\s+|$)")
#: Markup the cue-text cleaner removes: ``<b>``, ``</i>``, ``<c.red>``, ``<v Name>``, ``<00:01.000>``.
CUE_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>")
#: A WebVTT voice tag ``<v Name>`` / ``<v.class Name>``; every match is also a :data:`CUE_TAG_RE` match.
_VOICE_RE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^<>]*))?>")
#: The character references a cue may use.
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f"}
_ENTITY_RE = re.compile(r"&(" + "|".join(_ENTITIES) + r");")
_TIMESTAMP_RE = {
    "vtt": re.compile(r"(?:(?P<h>\d+):)?(?P<m>\d{2}):(?P<s>\d{2})\.(?P<ms>\d{3})", re.ASCII),
    "srt": re.compile(r"(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2}),(?P<ms>\d{3})", re.ASCII),
}
_TIMING_RE = re.compile(r"^(?P<start>\S+)[ \t]+-->[ \t]+(?P<end>\S+)(?:[ \t]+(?P<rest>.*))?$")
_TIMING_FORMAT = {
    "vtt": "'HH:MM:SS.mmm --> HH:MM:SS.mmm' (hours optional)",
    "srt": "'HH:MM:SS,mmm --> HH:MM:SS,mmm'",
}
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass
class Cue:
    """One subtitle cue: times in milliseconds and its cleaned text segments."""

    start_ms: int
    end_ms: int
    segments: list[tuple[str | None, str]] = field(default_factory=list)
    line: int = 0

    @property
    def text(self) -> str:
        """The cue's text, with voice spans rendered as ``Name: text``."""
        return " ".join(_render_line(label, [text] if text else []) for label, text in self.segments)


# --------------------------------------------------------------------------------------------------
# .vtt / .srt


def read_cue_times(path: PathLike) -> list[tuple[float, float, str]]:
    """Return ``(start_s, end_s, text)`` for every non-empty cue of a .vtt or .srt file.

    ``text`` is the cue's cleaned text (voice spans rendered as ``Name: text``), NFC-normalised.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".vtt", ".srt"):
        raise ThematicaError(
            f"cue times need a .vtt or .srt file, not {suffix or '(no suffix)'!r}", path=path
        )
    cues = parse_cues(path, kind=suffix[1:])
    return [(cue.start_ms / 1000, cue.end_ms / 1000, canonicalize(cue.text)) for cue in cues if cue.segments]


def parse_cues(path: PathLike, *, kind: str) -> list[Cue]:
    """Parse the cues of a subtitle file.

    Parameters
    ----------
    path
        The file.
    kind
        ``"vtt"`` or ``"srt"``.

    Returns
    -------
    list of Cue
        In file order; a cue whose text is empty has no segments.
    """
    text, _encoding = decode_bytes(read_bytes(path), path)
    lines = canonicalize(text).split("\n")
    blocks = list(_blocks(lines))
    if kind == "vtt":
        blocks = _vtt_body(blocks, lines, path)
        parse_block = _parse_vtt_block
    else:
        parse_block = _parse_srt_block
    cues = [parse_block(first, block, path) for first, block in blocks]
    return [cue for cue in cues if cue is not None]


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first_line_number, lines)`` for each run of non-blank lines."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _vtt_body(
    blocks: list[tuple[int, list[str]]], lines: list[str], path: PathLike
) -> list[tuple[int, list[str]]]:
    """Check the WEBVTT header block and return the blocks after it."""
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ThematicaError(
            f"a WebVTT file must start with 'WEBVTT', found {first[:40]!r}; add the header line or "
            "check that this really is a .vtt file",
            path=path,
            line=1,
        )
    _start, header = blocks[0]
    for offset, line in enumerate(header):
        if "-->" in line:
            raise ThematicaError(
                "the WEBVTT header must be followed by a blank line before the first cue",
                path=path,
                line=1 + offset,
            )
    return blocks[1:]


def _parse_vtt_block(first: int, block: list[str], path: PathLike) -> Cue | None:
    """Parse one WebVTT block; NOTE, STYLE and REGION blocks give None."""
    keyword = block[0].split(maxsplit=1)[0]
    if keyword in _VTT_SKIPPED_BLOCKS and "-->" not in block[0]:
        return None
    timing_index = 0 if "-->" in block[0] or len(block) == 1 else 1
    return _make_cue(first, block, timing_index, "vtt", path)


def _parse_srt_block(first: int, block: list[str], path: PathLike) -> Cue:
    """Parse one SubRip block: cue number, timing line, text lines."""
    if "-->" in block[0]:
        return _make_cue(first, block, 0, "srt", path)
    if not re.fullmatch(r"[0-9]+", block[0].strip()):
        raise ThematicaError(
            f"expected a cue number (a line with only digits) or a timing line, found {block[0][:40]!r}; "
            "cues must be separated by one blank line",
            path=path,
            line=first,
        )
    return _make_cue(first, block, 1, "srt", path)


def _make_cue(first: int, block: list[str], timing_index: int, kind: str, path: PathLike) -> Cue:
    """Build a cue from its block, given the index of its timing line."""
    line_number = first + timing_index
    if timing_index >= len(block):
        raise ThematicaError(
            f"cue has no timing line; expected {_TIMING_FORMAT[kind]} on the line after the cue number",
            path=path,
            line=line_number,
        )
    start_ms, end_ms = _parse_timing(block[timing_index], kind, path, line_number)
    raw = " ".join(line.strip() for line in block[timing_index + 1 :])
    return Cue(start_ms, end_ms, cue_segments(raw), line=line_number)


def _parse_timing(line: str, kind: str, path: PathLike, line_number: int) -> tuple[int, int]:
    """Parse a timing line into start and end milliseconds."""
    match = _TIMING_RE.match(line.strip())
    if match is None:
        raise ThematicaError(
            f"malformed cue timing line {line[:60]!r}; expected {_TIMING_FORMAT[kind]}",
            path=path,
            line=line_number,
        )
    start = _parse_timestamp(match["start"], kind, path, line_number)
    end = _parse_timestamp(match["end"], kind, path, line_number)
    if end < start:
        raise ThematicaError(
            f"cue ends ({match['end']}) before it starts ({match['start']}); fix the timestamps",
            path=path,
            line=line_number,
        )
    return start, end


def _parse_timestamp(stamp: str, kind: str, path: PathLike, line_number: int) -> int:
    """Parse one timestamp into milliseconds."""
    match = _TIMESTAMP_RE[kind].fullmatch(stamp)
    if match is None:
        hint = ""
        if kind == "vtt" and "," in stamp:
            hint = " (WebVTT uses '.' before the milliseconds, SubRip uses ',')"
        elif kind == "srt" and "." in stamp:
            hint = " (SubRip uses ',' before the milliseconds, WebVTT uses '.')"
        raise ThematicaError(
            f"malformed timestamp {stamp!r}{hint}; expected {_TIMING_FORMAT[kind]}",
            path=path,
            line=line_number,
        )
    minutes, seconds = int(match["m"]), int(match["s"])
    if minutes > 59 or seconds > 59:
        raise ThematicaError(
            f"malformed timestamp {stamp!r}: minutes and seconds must be 00-59", path=path, line=line_number
        )
    hours = int(match["h"] or 0)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(match["ms"])


# --------------------------------------------------------------------------------------------------
# cue text


def cue_segments(raw: str) -> list[tuple[str | None, str]]:
    """Split a cue's raw text into ``(label, text)`` segments.

    Voice spans give their speaker's name as label; text outside voice spans takes its label from
    a leading ``Label: `` (:data:`CUE_LABEL_RE`), else None. Segments with neither label nor text
    are dropped.

    Examples
    --------
    >>> cue_segments("<v Ann>Hi &amp; <i>bye</i></v>")
    [('Ann', 'Hi & bye')]
    >>> cue_segments("P07: well,   yes")
    [('P07', 'well, yes')]
    >>> cue_segments("and then")
    [(None, 'and then')]
    """
    parts = _VOICE_RE.split(raw)
    segments = [_labelled(_clean(parts[0]))]
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        voice = _clean(name or "")
        segments.append((voice, _clean(text)) if voice else _labelled(_clean(text)))
    return [(label, text) for label, text in segments if label or text]


def _clean(text: str) -> str:
    """Remove tags, unescape entities, collapse spaces and strip."""
    text = CUE_TAG_RE.sub("", text)
    text = _ENTITY_RE.sub(lambda m: _ENTITIES[m[1]], text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _labelled(text: str) -> tuple[str | None, str]:
    """Split a leading speaker label off cleaned cue text."""
    match = CUE_LABEL_RE.match(text)
    if match is None:
        return None, text
    return match["label"], text[match.end() :].strip()


def escape_cue_text(text: str, *, minimal: bool = False) -> str:
    """Escape ``text`` so that the cue-text cleaner gives it back unchanged.

    Parameters
    ----------
    text
        Plain cue text.
    minimal
        If False (WebVTT), escape every ``&``, ``<`` and ``>``. If True (SubRip, which has no
        escaping convention), escape only what the cleaner would otherwise interpret: ``&``
        starting a known entity and ``<`` starting a tag.

    Examples
    --------
    >>> escape_cue_text("a < b & c")
    'a &lt; b &amp; c'
    >>> escape_cue_text("a < b & <i>", minimal=True)
    'a < b & &lt;i>'
    """
    if not minimal:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ENTITY_RE.sub(lambda m: "&amp;" + m[0][1:], text)
    while CUE_TAG_RE.search(text):
        text = CUE_TAG_RE.sub(lambda m: "&lt;" + m[0][1:], text)
    return text


def _render_line(label: str | None, texts: list[str]) -> str:
    """Render one canonical line from its label and text pieces."""
    body = " ".join(texts)
    if label is None:
        return body
    return f"{label}: {body}" if body else f"{label}:"


def merge_segments(segments: list[tuple[str | None, str]]) -> list[str]:
    """Merge cue segments into canonical lines.

    Consecutive segments with the same label form one line; an unlabelled segment continues the
    previous line (or starts an unlabelled line at the very start).

    Examples
    --------
    >>> merge_segments([("A", "hi"), ("A", "there"), (None, "again"), ("B", "yes")])
    ['A: hi there again', 'B: yes']
    """
    lines: list[tuple[str | None, list[str]]] = []
    for label, text in segments:
        pieces = [text] if text else []
        if lines and (label is None or label == lines[-1][0]):
            lines[-1][1].extend(pieces)
        else:
            lines.append((label, pieces))
    return [_render_line(label, texts) for label, texts in lines]


def _cues_to_text(cues: list[Cue], path: PathLike) -> str:
    """Turn parsed cues into canonical text."""
    lines = merge_segments([segment for cue in cues for segment in cue.segments])
    text = canonicalize("".join(f"{line}\n" for line in lines))
    if not text.strip():
        raise ThematicaError("contains no cue text; check that the subtitle file is complete", path=path)
    return text


def cues_to_text(cues: list[Cue], path: PathLike) -> str:
    """Turn parsed cues into canonical text."""
    return _cues_to_text(cues, path)
