"""What a coder export states, before anything is placed on a transcript.

:class:`RawSpan` is one coding in the export's own terms (source name, code name, offsets into the export's
text or a quote); :class:`Export` holds every coding of one export file. The readers
(:mod:`thematica.codes.exports` for ``.qdpx``, :mod:`thematica.codes.csv_exports` for CSV) make them;
:mod:`thematica.codes.anchor` places them on transcripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ExportKind = Literal["qdpx", "offsets", "quotes"]


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
