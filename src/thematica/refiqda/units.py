"""Position units of REFI-QDA exports: what ``startPosition``/``endPosition`` count, per program.

A REFI-QDA selection gives its place as two integers into the source's plain text, but the programs
that write them do not count the same things. A unit says three things about the stored text:

``utf16``
    An astral character (outside the Basic Multilingual Plane: most emoji) counts two positions,
    as in the UTF-16 strings of .NET and Cocoa, instead of one code point.
``count_bom``
    A byte-order mark at the start of the stored text counts as a position.
``crlf_as_one``
    A ``\\r\\n`` line break counts as one position instead of two.

The documented rule of each program (sources in ``docs/refi-qda-units.md``) is the unit tried first
for its exports (:func:`origin_unit`); :mod:`thematica.refiqda.verify` checks it against the
selections and keeps whichever unit they verify under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

_BOM = "\ufeff"


@dataclass(frozen=True)
class PositionUnit:
    """What one position of a REFI-QDA selection counts (see the module docstring)."""

    utf16: bool = False
    count_bom: bool = False
    crlf_as_one: bool = False

    @property
    def name(self) -> str:
        """``codepoint`` or ``utf16``, with ``+bom`` and ``+crlf1`` when those count differently.

        Examples
        --------
        >>> PositionUnit(utf16=True).name, PositionUnit(count_bom=True, crlf_as_one=True).name
        ('utf16', 'codepoint+bom+crlf1')
        """
        base = "utf16" if self.utf16 else "codepoint"
        return base + ("+bom" if self.count_bom else "") + ("+crlf1" if self.crlf_as_one else "")


CODEPOINT = PositionUnit()
"""The REFI-QDA standard's unit as QualCoder and thematica read and write it: code points, a BOM not
counted, a CRLF two positions."""
NVIVO = PositionUnit(utf16=True)
"""NVivo (Windows and Mac): UTF-16 code units, a BOM not counted, a CRLF two positions."""
ATLAS_TI = PositionUnit(crlf_as_one=True)
"""ATLAS.ti: code points with a CRLF line break counted as one position."""

UNITS: dict[str, PositionUnit] = {
    PositionUnit(u, b, c).name: PositionUnit(u, b, c)
    for u in (False, True)
    for b in (False, True)
    for c in (False, True)
}
"""Every unit a selection may be counted in, by name."""

WRITE_UNITS: dict[str, PositionUnit] = {"refi-qda": CODEPOINT, "nvivo": NVIVO, "atlas.ti": ATLAS_TI}
"""The ``for_program`` values of the writers and the unit each writes positions in."""

# (pattern on the project's origin attribute, unit, program); first match wins.
_ORIGINS: tuple[tuple[re.Pattern[str], PositionUnit, str], ...] = (
    (re.compile(r"thematica\b.*\bnvivo", re.I), NVIVO, "thematica (for NVivo)"),
    (re.compile(r"thematica\b.*\batlas", re.I), ATLAS_TI, "thematica (for ATLAS.ti)"),
    (re.compile(r"\bnvivo\b", re.I), NVIVO, "NVivo"),
    (re.compile(r"atlas\.?\s*ti", re.I), ATLAS_TI, "ATLAS.ti"),
    (re.compile(r"maxqda", re.I), CODEPOINT, "MAXQDA"),
    (re.compile(r"qualcoder", re.I), CODEPOINT, "QualCoder"),
    (re.compile(r"^\s*qc\b", re.I), CODEPOINT, "qc (qualitative-coding)"),
    (re.compile(r"thematica", re.I), CODEPOINT, "thematica"),
)


def origin_unit(origin: str) -> tuple[PositionUnit, str]:
    """The documented unit of the program named by a project's ``origin``, and the program's name.

    An origin no rule names gets the standard's unit (:data:`CODEPOINT`) and the program "unknown".

    Examples
    --------
    >>> origin_unit("NVivo 12.6.0.959 (Windows)")[0].name, origin_unit("ATLAS.ti 23.2.1")[0].name
    ('utf16', 'codepoint+crlf1')
    >>> origin_unit("")
    (PositionUnit(utf16=False, count_bom=False, crlf_as_one=False), 'unknown')
    """
    for pattern, unit, program in _ORIGINS:
        if pattern.search(origin or ""):
            return unit, program
    return CODEPOINT, "unknown"


def origin_for(program: str, origin: str = "thematica") -> str:
    """The ``origin`` a writer records for files whose positions are for ``program``.

    Examples
    --------
    >>> origin_for("refi-qda"), origin_for("nvivo")
    ('thematica', 'thematica (positions for NVivo)')
    """
    if program == "refi-qda":
        return origin
    names = {"nvivo": "NVivo", "atlas.ti": "ATLAS.ti"}
    return f"{origin} (positions for {names[program]})"


class UnitText:
    """A stored source text as counted in one unit.

    Parameters
    ----------
    raw
        The text as decoded from the export (a leading BOM kept as U+FEFF, line ends as stored).
    unit
        The unit positions are counted in.
    """

    def __init__(self, raw: str, unit: PositionUnit) -> None:
        self.raw = raw
        self.unit = unit

    @cached_property
    def _widths(self) -> np.ndarray:
        codes = np.frombuffer(self.raw.encode("utf-32-le"), dtype=np.uint32)
        widths = np.ones(len(codes), dtype=np.int64)
        if self.unit.utf16:
            widths[codes > 0xFFFF] = 2
        if len(codes) and codes[0] == 0xFEFF and not self.unit.count_bom:
            widths[0] = 0
        if self.unit.crlf_as_one and len(codes) > 1:
            widths[:-1][(codes[:-1] == 13) & (codes[1:] == 10)] = 0
        return widths

    @cached_property
    def _unit_of_raw(self) -> np.ndarray:
        """Shape ``(len(raw) + 1,)``: the position in this unit before each raw character."""
        return np.concatenate([[0], np.cumsum(self._widths)])

    @cached_property
    def _raw_of_unit(self) -> np.ndarray:
        """Shape ``(length + 1,)``: the raw offset of each position; -1 inside a surrogate pair."""
        units = self._unit_of_raw
        out = np.full(int(units[-1]) + 1, -1, dtype=np.int64)
        # the first raw offset at each position: a BOM or the CR of a CRLF counted as nothing
        # belongs to what follows
        positions, first = np.unique(units, return_index=True)
        out[positions] = first
        return out

    @property
    def length(self) -> int:
        """The text's length in this unit."""
        return int(self._unit_of_raw[-1])

    def to_raw(self, position: int) -> int | None:
        """The raw code-point offset of ``position``, or None when no character boundary lies there."""
        if not 0 <= position <= self.length:
            return None
        raw = int(self._raw_of_unit[position])
        return raw if raw >= 0 else None

    def from_raw(self, offset: int) -> int:
        """The position in this unit of raw code-point offset ``offset``."""
        return int(self._unit_of_raw[offset])


def count_positions(text: str, unit: PositionUnit) -> np.ndarray:
    """Positions in ``unit`` of every code-point offset of ``text``, shape ``(len(text) + 1,)``.

    What a writer uses to turn code-point offsets into the positions a program reads.

    Examples
    --------
    >>> count_positions("a\\U0001F600b", NVIVO).tolist()
    [0, 1, 3, 4]
    """
    return UnitText(text, unit)._unit_of_raw.copy()
