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

Column names are matched case-insensitively with common aliases (see
:data:`thematica.codes.csv_exports.CSV_ALIASES`); the ``coder`` column may be left out, the file stem then
names the coder. The spans and exports are :mod:`thematica.codes.raw_spans`; CSV is read by
:mod:`thematica.codes.csv_exports`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from thematica.codes.csv_exports import _read_csv
from thematica.codes.raw_spans import Export, RawSpan
from thematica.errors import ThematicaError

logger = logging.getLogger(__name__)

EXPORT_SUFFIXES = (".qdpx", ".csv")
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
