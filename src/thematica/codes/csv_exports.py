"""Coder exports as CSV: one row per coding, with offsets or with the coded quote.

Columns ``coder, transcript, code, start, end`` (0-based code-point offsets into the transcript's
canonical text, end exclusive) or ``coder, transcript, code, text`` (the coded text, located in the
transcript). When a CSV has both, the offsets are used if the quote matches the text there, else the
quote is located (MAXQDA's ``Begin``/``End`` are paragraph numbers, not offsets). Column names are
matched case-insensitively with common aliases (:data:`CSV_ALIASES`); the ``coder`` column may be left
out, the file stem then names the coder.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from thematica.codes.raw_spans import Export, RawSpan
from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file

CSV_ALIASES: dict[str, tuple[str, ...]] = {
    "coder": ("coder", "user", "coded_by", "created_by", "coder_name", "user_name"),
    "transcript": ("transcript", "document", "document_name", "source", "source_name", "file", "doc"),
    "code": ("code", "code_name", "node", "code_system"),
    "start": ("start", "begin", "start_position", "startposition", "start_offset"),
    "end": ("end", "end_position", "endposition", "end_offset"),
    "text": ("text", "quote", "segment", "coded_text", "coded_segment", "excerpt", "content", "reference"),
}


def _column_map(header: list[str], path: Path) -> dict[str, int]:
    def key(name: str) -> str:
        return re.sub(r"[\s\-]+", "_", name.strip().lower())

    keys = [key(h) for h in header]
    found: dict[str, int] = {}
    for column, aliases in CSV_ALIASES.items():
        for alias in aliases:
            if alias in keys:
                found[column] = keys.index(alias)
                break
    has_offsets = "start" in found and "end" in found
    missing = [c for c in ("transcript", "code") if c not in found]
    if not has_offsets and "text" not in found:
        missing.append("start and end, or text")
    if missing:
        raise ThematicaError(
            f"missing column(s) {missing}; a codes CSV needs coder, transcript, code and either start and "
            f"end (offsets) or text (the coded quote); found {header}",
            path=path,
            line=1,
        )
    if not has_offsets:
        found.pop("start", None)
        found.pop("end", None)
    return found


def code_names(code: str) -> tuple[str, ...]:
    r"""Names to try for a code written as a path (``Theme\Code``, ``Theme/Code``, ``Theme > Code``,
    ``Theme::Code``): the whole name, then its last part.

    Examples
    --------
    >>> code_names("Access/Waiting times")
    ('Access/Waiting times', 'Waiting times')
    >>> code_names("Access\\Barriers\\Cost")[-1]
    'Cost'
    """
    parts = [p.strip() for p in re.split(r"\\|/|>|::", code) if p.strip()]
    return tuple(dict.fromkeys([code, *parts[-1:]]))


def _offset(value: str, what: str, path: Path, line: int) -> int:
    value = value.strip()
    if not re.fullmatch(r"[+]?\d+", value):
        raise ThematicaError(
            f"{what} {value!r} is not a whole number; offsets count characters from 0", path=path, line=line
        )
    return int(value)


def _read_csv(path: Path) -> Export:
    reader = csv.reader(io.StringIO(read_text_file(path)))
    try:
        header = next(reader)
    except StopIteration:  # pragma: no cover - read_text_file rejects empty files
        header = []
    except csv.Error as exc:
        raise ThematicaError(f"is not a valid CSV ({exc})", path=path, line=1) from None
    cols = _column_map(header, path)
    has_offsets = "start" in cols
    has_text = "text" in cols
    spans = []
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ThematicaError(f"is not a valid CSV ({exc})", path=path, line=line) from None
        first, line = line, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header):
            values = values + [""] * (len(header) - len(values))
        elif len(values) > len(header):
            raise ThematicaError(
                f"has {len(values)} fields but the header has {len(header)}; quote fields that contain "
                "commas",
                path=path,
                line=first,
            )

        def cell(column: str, values: list[str] = values) -> str:
            return values[cols[column]] if column in cols else ""

        transcript, code = cell("transcript").strip(), cell("code").strip()
        coder = cell("coder").strip() if "coder" in cols else path.stem
        for column, value in (("transcript", transcript), ("code", code), ("coder", coder)):
            if not value:
                raise ThematicaError(f"empty '{column}'; fill it in or delete the row", path=path, line=first)
        text = cell("text") if has_text else None
        start = end = None
        if has_offsets and (cell("start").strip() or cell("end").strip() or not has_text):
            start = _offset(cell("start"), "start", path, first)
            end = _offset(cell("end"), "end", path, first)
            if start > end:
                if not has_text:
                    raise ThematicaError(
                        f"start {start} is after end {end}; swap them or fix the row", path=path, line=first
                    )
                start = end = None
        if start is None and not (text or "").strip():
            raise ThematicaError(
                "the row has neither offsets nor a quote; fill in the coded text", path=path, line=first
            )
        spans.append(
            RawSpan(
                file=path.name,
                place=f"line {first}",
                coder=coder,
                source=transcript,
                code_names=code_names(code),
                start=start,
                end=end,
                text=text,
                line=first,
            )
        )
    return Export(path, "offsets" if has_offsets else "quotes", spans)
