"""Read coder exports into raw spans: REFI-QDA ``.qdpx``, CSV with offsets, CSV with quoted text.

A study's ``codes/`` folder holds one export per coder (a team ``.qdpx`` may hold several coders).
Every coding of every export becomes one :class:`RawSpan`, still in the export's own terms
(source name, code name, offsets into the export's text or a quote); :mod:`thematica.codes.anchor`
then places it on a transcript.

``.qdpx``
    Read with :func:`thematica.refiqda.read_qdpx`: the coder is the ``creatingUser`` of the
    ``Coding`` resolved in ``<Users>`` (NVivo puts the project owner on the selection), nested
    codes keep their hierarchy, ``Sources/`` or ``sources/``, any ``*.qde`` name, BOM, CRLF and
    decomposed characters in the stored text. Positions are read in the unit of the program that
    wrote them and each selection is verified (:mod:`thematica.refiqda.verify`); offsets are then
    re-anchored onto the stored text's canonical form.
    A coding whose user cannot be resolved is credited to the export's file stem (with a warning).
``.csv`` with offsets
    Columns ``coder, transcript, code, start, end``: 0-based code-point offsets into the
    transcript's canonical text, end exclusive.
``.csv`` with quotes
    Columns ``coder, transcript, code, text``: the coded text, located in the transcript. When a
    CSV has both, the offsets are used if the quote matches the text there, else the quote is
    located (MAXQDA's ``Begin``/``End`` are paragraph numbers, not offsets).

Column names are matched case-insensitively with common aliases (see :data:`CSV_ALIASES`); the
``coder`` column may be left out, the file stem then names the coder.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file

logger = logging.getLogger(__name__)

ExportKind = Literal["qdpx", "offsets", "quotes"]
EXPORT_SUFFIXES = (".qdpx", ".csv")
CSV_ALIASES: dict[str, tuple[str, ...]] = {
    "coder": ("coder", "user", "coded_by", "created_by", "coder_name", "user_name"),
    "transcript": ("transcript", "document", "document_name", "source", "source_name", "file", "doc"),
    "code": ("code", "code_name", "node", "code_system"),
    "start": ("start", "begin", "start_position", "startposition", "start_offset"),
    "end": ("end", "end_position", "endposition", "end_offset"),
    "text": ("text", "quote", "segment", "coded_text", "coded_segment", "excerpt", "content", "reference"),
}
_OTHER_QDA = {
    ".nvp": "NVivo",
    ".nvpx": "NVivo",
    ".atlproj": "ATLAS.ti",
    ".hpr7": "ATLAS.ti",
    ".mx24": "MAXQDA",
    ".mx22": "MAXQDA",
    ".mx20": "MAXQDA",
    ".xlsx": "a spreadsheet",
    ".xls": "a spreadsheet",
}


@dataclass(frozen=True)
class RawSpan:
    """One coding as an export states it.

    Attributes
    ----------
    file
        Export file name (``codes/<file>``).
    place
        Where in the export: ``line 12`` or ``source 'P01', characters 40..95``.
    coder
        Coder name.
    source
        Source (transcript) name as written in the export.
    code_names
        Names to resolve against the codebook, best first (code id, then label).
    start, end
        Offsets (into the export's canonical source text for ``.qdpx``, into the transcript's
        canonical text for CSV), or None when the export gives a quote only.
    text
        The quote (CSV) or None.
    line
        1-based line of a CSV record, else None.
    status
        ``.qdpx`` only: ``verified``, ``unverifiable`` or ``unplaced`` (:mod:`thematica.refiqda.verify`).
    reason, detail
        ``.qdpx`` only: why the reader could not place the selection (``text_mismatch``,
        ``outside_text``), and what it found.
    source_keys
        ``.qdpx`` only: ``(rule, name)`` pairs the source may match a transcript by, best first
        (``name``, ``plainTextPath``, ``richTextPath``, ``guid``).
    """

    file: str
    place: str
    coder: str
    source: str
    code_names: tuple[str, ...]
    start: int | None
    end: int | None
    text: str | None = None
    line: int | None = None
    status: str = ""
    reason: str = ""
    detail: str = ""
    source_keys: tuple[tuple[str, str], ...] = ()


@dataclass
class Export:
    """Every coding of one export file.

    Attributes
    ----------
    path
        The export.
    kind
        ``qdpx``, ``offsets`` or ``quotes`` (a CSV with both offsets and quotes is ``offsets``).
    spans
        The codings, in file order.
    sources
        ``.qdpx`` only: source name -> its canonical text.
    renormalised
        ``.qdpx`` only: sources whose stored text differed from its canonical form (BOM, CRLF,
        decomposed characters), so offsets were re-anchored.
    program, unit, unit_rule
        ``.qdpx`` only: the program its ``origin`` names, the position unit its selections were
        read in and how that unit was chosen.
    """

    path: Path
    kind: ExportKind
    spans: list[RawSpan]
    sources: dict[str, str] = field(default_factory=dict)
    renormalised: set[str] = field(default_factory=set)
    program: str = ""
    unit: str = ""
    unit_rule: str = ""

    @property
    def coders(self) -> list[str]:
        return sorted({s.coder for s in self.spans})


def find_exports(folder: str | Path) -> list[Path]:
    """List the export files of a ``codes/`` folder, sorted by name.

    Hidden files and ``README*`` are skipped; anything that is not ``.qdpx`` or ``.csv`` stops the
    run with a hint on how to export it.

    Raises
    ------
    ThematicaError
        If the folder holds an unsupported file or no export at all.
    """
    folder = Path(folder)
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "README", "readme")) or path.is_dir():
            continue
        suffix = path.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            tool = _OTHER_QDA.get(suffix)
            hint = f" (a native {tool} file)" if tool and tool != "a spreadsheet" else ""
            raise ThematicaError(
                f"unsupported export type '{path.suffix}'{hint}; export each coder's work as a REFI-QDA "
                "project (.qdpx) or as CSV (coder, transcript, code, start, end or text), or move the "
                "file out of codes/",
                path=path,
            )
        found.append(path)
    if not found:
        raise ThematicaError(
            "codes/ holds no export; add one .qdpx or .csv per coder, or remove the empty folder", path=folder
        )
    return found


def read_export(path: str | Path) -> Export:
    """Read one coder export (``.qdpx`` or ``.csv``) into raw spans.

    Raises
    ------
    ThematicaError
        Naming the file (and line or selection) for: a corrupt zip or XML, a CSV with missing
        columns or empty cells, offsets that are not integers, a start after its end, and an
        export without any coding.
    """
    path = Path(path)
    if path.suffix.lower() == ".qdpx":
        export = _read_qdpx(path)
    elif path.suffix.lower() == ".csv":
        export = _read_csv(path)
    else:
        raise ThematicaError(f"unsupported export type '{path.suffix}'; use .qdpx or .csv", path=path)
    if not export.spans:
        raise ThematicaError(
            "the export holds no codings; re-export it with the coder's codings, or remove it from codes/",
            path=path,
        )
    logger.info(
        "%s: %d codings by %s (%s)", path.name, len(export.spans), ", ".join(export.coders), export.kind
    )
    return export


def _read_qdpx(path: Path) -> Export:
    from thematica.refiqda import read_qdpx

    project = read_qdpx(path)
    labels = {c.code: c.label for c in project.codes}
    known_users = set(project.users.values())
    unresolved: dict[str, int] = {}
    spans = []
    for c in project.checks:
        coder = c.user
        if coder not in known_users:
            unresolved[coder] = unresolved.get(coder, 0) + 1
            coder = path.stem
        names = tuple(dict.fromkeys(n for n in (c.code, labels.get(c.code, "")) if n))
        spans.append(
            RawSpan(
                file=path.name,
                place=(
                    f"source {c.source!r}, selection {c.selection}, "
                    f"positions {c.position_start}..{c.position_end}"
                ),
                coder=coder,
                source=c.source,
                code_names=names,
                start=c.start if c.placed else None,
                end=c.end if c.placed else None,
                status=c.status,
                reason=c.reason,
                detail=c.detail,
                source_keys=project.source_keys.get(c.source, ()),
            )
        )
    for user, n in sorted(unresolved.items()):
        logger.warning(
            "%s: %d codings name user %r, who is not in <Users>; credited to coder %r",
            path,
            n,
            user,
            path.stem,
        )
    renormalised = {name for name, raw in project.raw_sources.items() if raw != project.sources[name]}
    return Export(
        path,
        "qdpx",
        spans,
        dict(project.sources),
        renormalised,
        program=project.program,
        unit=project.unit,
        unit_rule=project.unit_rule,
    )


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


@dataclass(frozen=True)
class StudyCodeFiles:
    """The human-coding inputs of a study folder.

    Attributes
    ----------
    exports
        Files in ``codes/`` (:func:`find_exports`).
    codebook
        ``codebook.csv``, else ``codebook.qdc``; without either, the sorted list of the ``.qdpx``
        in ``codes/`` whose code trees make the codebook (:func:`thematica.codes.read_codebook`).
    coders
        ``coders.csv`` or None.
    """

    exports: list[Path]
    codebook: Path | list[Path]
    coders: Path | None

    @property
    def codebook_files(self) -> list[Path]:
        """The file(s) the codebook is read from."""
        return list(self.codebook) if isinstance(self.codebook, list) else [self.codebook]


def find_code_files(root: str | Path) -> StudyCodeFiles | None:
    """Find a study's coder exports, codebook and ``coders.csv``; None if it has no ``codes/``.

    The codebook is ``codebook.csv``, else ``codebook.qdc``, else the code trees of the ``.qdpx``
    exports in ``codes/`` (all of them, in sorted order).

    Raises
    ------
    ThematicaError
        If ``codes/`` exists but holds no usable export, or the study has neither a codebook file
        nor a ``.qdpx`` export.
    """
    root = Path(root)
    if not (root / "codes").is_dir():
        return None
    exports = find_exports(root / "codes")
    codebook: Path | list[Path]
    for name in ("codebook.csv", "codebook.qdc"):
        if (root / name).is_file():
            codebook = root / name
            break
    else:
        codebook = [p for p in exports if p.suffix.lower() == ".qdpx"]
        if not codebook:
            raise ThematicaError(
                "codes/ holds coder exports but the study has no codebook; add codebook.csv (code, theme, "
                "label, definition) or a REFI-QDA codebook.qdc, or export the coders' work as .qdpx "
                "(their codebook is then read from them)",
                path=root,
            )
        logger.info(
            "%s: no codebook.csv or codebook.qdc; the codebook is read from %s",
            root.name,
            ", ".join(p.name for p in codebook),
        )
    coders = root / "coders.csv"
    return StudyCodeFiles(exports, codebook, coders if coders.is_file() else None)
