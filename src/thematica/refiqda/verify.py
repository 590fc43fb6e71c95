"""Choose the position unit of a REFI-QDA export and verify every selection under it.

Programs count positions differently (:mod:`thematica.refiqda.units`), and a wrong unit does not fail:
it marks other text, further off with every astral character or line break. So the unit is never
assumed silently. For each export:

1. Every candidate unit maps each selection onto the stored source text.
2. **Selected text.** A selection may carry the text its coder selected: its ``name`` (QualCoder
   writes the whole text, ATLAS.ti the first characters and "...") or its ``Description``. An
   attribute counts as carrying the text in a file when, under the best unit, at least half of its
   non-empty values equal the marked text after folding (:func:`thematica.codes.locate.fold`), or
   are the start of it when they end in "..." (a truncated preview). Then the unit under which
   most selections match is kept; ties go to the program's documented unit.
3. **Word boundaries**, when no selection carries its text (NVivo writes ``name=""``). People
   select words, lines and paragraphs, so under the right unit nearly every selection starts and
   ends between words; under a wrong one the drift puts the ends at random characters. Only the
   selections that the units place differently can tell units apart. The program's documented unit
   is kept unless another unit puts at least 25 points more of those selections on word boundaries.
   When fewer than half of them fall on boundaries under the unit kept (and at least five differ),
   the import stops: no unit places the selections, and guessing would place them wrongly.
4. Each selection is then ``verified`` (its carried text matches), ``unverifiable`` (it carries no
   text; placed under the unit kept) or unplaced: ``text_mismatch`` (its carried text differs from
   what it marks) or ``outside_text`` (it ends past the text, is reversed, or splits a character).
   When most codings of a file are unplaced, the import stops naming the file and the unit.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.refiqda.units import ATLAS_TI, CODEPOINT, NVIVO, UNITS, PositionUnit, UnitText, origin_unit
from thematica.support.textfold import fold_text

logger = logging.getLogger(__name__)

_ELLIPSIS = ("...", "\u2026")
_MIN_BOUNDARY_RATE = 0.5
_SWITCH_MARGIN = 0.25
_MIN_DIFFERING = 5


@dataclass(frozen=True)
class RawSelection:
    """A ``PlainTextSelection`` as the export states it.

    Attributes
    ----------
    source
        Name of its source.
    guid
        The selection's GUID.
    start, end
        ``startPosition`` and ``endPosition``, in the export's unit.
    carried
        Texts the export carries with the selection: its ``name`` and ``Description`` (empty when absent).
    n_codings
        How many codings the selection holds.
    """

    source: str
    guid: str
    start: int
    end: int
    carried: tuple[str, str] = ("", "")
    n_codings: int = 1


@dataclass(frozen=True)
class Verdict:
    """What became of one selection under the unit kept.

    ``start``/``end`` are raw code-point offsets into the stored text (-1 when unplaced); ``status`` is
    ``verified``, ``unverifiable`` or ``unplaced``, with ``reason`` (``text_mismatch``,
    ``outside_text``) and ``detail`` for unplaced ones.
    """

    start: int
    end: int
    status: str
    reason: str = ""
    detail: str = ""


@dataclass(frozen=True)
class UnitChoice:
    """The unit kept for one export, why, and the verdict on each of its selections.

    ``rule`` is ``selected text``, ``word boundaries``, ``program's rule`` (the documented unit,
    which the selections' boundaries did not contradict) or ``units agree`` (no selection is placed
    differently by any unit).
    """

    unit: PositionUnit
    program: str
    rule: str
    verdicts: list[Verdict]


def _carried(value: str) -> tuple[str, bool]:
    """The folded text a selection's attribute carries ("" for none) and whether it is a truncated preview."""
    value = value.strip()
    truncated = value.endswith(_ELLIPSIS)
    if truncated:
        value = value.rstrip(".\u2026").rstrip()
    return fold_text(value), truncated


def _carried_matches(carried: tuple[str, bool], marked: str) -> bool:
    want, truncated = carried
    if not want:
        return False
    have = fold_text(marked)
    return have == want or (truncated and have.startswith(want))


def _is_boundary(text: str, pos: int) -> bool:
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    return not (_wordlike(before) and _wordlike(after))


def _wordlike(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


class _Mapped:
    """Every selection under one unit: raw spans (None when invalid), text and boundary checks.

    ``carried`` holds each selection's folded attributes (:func:`_carried`) and ``memo`` the match results
    shared by all units, since most units place most selections alike.
    """

    def __init__(
        self,
        unit: PositionUnit,
        texts: dict[str, UnitText],
        selections: Sequence[RawSelection],
        carried: list[tuple[tuple[str, bool], ...]],
        memo: dict,
    ):
        self.unit = unit
        self.carried = carried
        self.memo = memo
        self.spans: list[tuple[int, int] | None] = []
        for sel in selections:
            counted = texts[sel.source]
            a, b = counted.to_raw(sel.start), counted.to_raw(sel.end)
            self.spans.append((a, b) if a is not None and b is not None and a <= b else None)
        self.raws = [texts[s.source].raw for s in selections]

    def marked(self, i: int) -> str:
        span = self.spans[i]
        return "" if span is None else self.raws[i][span[0] : span[1]]

    def matches(self, i: int, attr: int) -> bool:
        span = self.spans[i]
        if span is None or not self.carried[i][attr][0]:
            return False
        key = (i, attr, span)
        if key not in self.memo:
            self.memo[key] = _carried_matches(self.carried[i][attr], self.marked(i))
        return self.memo[key]

    def on_boundaries(self, i: int) -> bool:
        span = self.spans[i]
        return (
            span is not None and _is_boundary(self.raws[i], span[0]) and _is_boundary(self.raws[i], span[1])
        )


def _preference(first: PositionUnit) -> list[PositionUnit]:
    order = [first, CODEPOINT, NVIVO, ATLAS_TI, *UNITS.values()]
    return list(dict.fromkeys(order))


def choose_unit(
    raw_texts: dict[str, str], selections: Sequence[RawSelection], *, origin: str, path: Path
) -> UnitChoice:
    """Choose the unit of one export's selections and verify each (see the module docstring).

    Parameters
    ----------
    raw_texts
        Source name -> stored text as decoded (a leading BOM kept).
    selections
        The export's selections, in file order.
    origin
        The project's ``origin`` attribute.
    path
        The export, for messages.

    Raises
    ------
    ThematicaError
        When no unit puts the selections on word boundaries, or most codings are unplaced.
    """
    documented, program = origin_unit(origin)
    units = _preference(documented)
    carried = [tuple(_carried(value) for value in sel.carried) for sel in selections]
    memo: dict = {}
    mapped = {
        u: _Mapped(u, {n: UnitText(t, u) for n, t in raw_texts.items()}, selections, carried, memo)
        for u in units
    }
    carriers, best = _text_evidence(mapped, carried)
    if carriers:
        rule = "selected text"
    else:
        best, rule = _boundary_evidence(mapped, selections, units, program, path)
    verdicts = _verdicts(mapped[best], selections, carriers)
    _check_failures(verdicts, selections, best, program, path)
    if best != documented:
        logger.warning(
            "%s: positions are counted as %s, not as %s (the rule of %s): the selections verify only "
            "that way (%s)",
            path,
            best.name,
            documented.name,
            program,
            rule,
        )
    return UnitChoice(best, program, rule, verdicts)


def _text_evidence(
    mapped: dict[PositionUnit, _Mapped], carried: list[tuple[tuple[str, bool], ...]]
) -> tuple[tuple[int, ...], PositionUnit]:
    """The attributes carrying the selected text (none: no text evidence) and the unit they favour."""
    units = list(mapped)
    given = [sum(1 for c in carried if c[attr][0]) for attr in (0, 1)]
    scores = []
    for unit in units:
        m = mapped[unit]
        per_attr = [sum(m.matches(i, a) for i in range(len(carried))) if given[a] else 0 for a in (0, 1)]
        valid = sum(span is not None for span in m.spans)
        scores.append((sum(per_attr), valid, per_attr))
    best_i = max(range(len(units)), key=lambda k: (scores[k][0], scores[k][1], -k))
    carriers = tuple(a for a in (0, 1) if given[a] and scores[best_i][2][a] * 2 >= given[a])
    return carriers, units[best_i]


def _boundary_evidence(
    mapped: dict[PositionUnit, _Mapped],
    selections: Sequence[RawSelection],
    units: list[PositionUnit],
    program: str,
    path: Path,
) -> tuple[PositionUnit, str]:
    differing = [i for i in range(len(selections)) if len({mapped[u].spans[i] for u in units}) > 1]
    documented = units[0]
    if not differing:
        return documented, "units agree"
    rates = {u: sum(mapped[u].on_boundaries(i) for i in differing) / len(differing) for u in units}
    best = max(units, key=lambda u: (rates[u], -units.index(u)))
    chosen, rule = documented, "program's rule"
    if rates[best] - rates[documented] >= _SWITCH_MARGIN:
        chosen, rule = best, "word boundaries"
    logger.info(
        "%s: %d selections are placed differently by the units; on word boundaries: %s",
        path,
        len(differing),
        ", ".join(f"{u.name} {rates[u]:.0%}" for u in units[:3]),
    )
    if rates[chosen] < _MIN_BOUNDARY_RATE and len(differing) >= _MIN_DIFFERING:
        raise ThematicaError(
            f"the positions of its selections fit no known unit: counted as {documented.name} (the rule "
            f"of {program}) only {rates[documented]:.0%} of the {len(differing)} selections that the "
            f"units place differently start and end between words, and at best {rates[best]:.0%} "
            f"({best.name}); re-export the project from the program that coded it, without editing the "
            "source texts, or give the codings as a CSV with the coded text",
            path=path,
        )
    return chosen, rule


def _verdicts(m: _Mapped, selections: Sequence[RawSelection], carriers: tuple[int, ...]) -> list[Verdict]:
    out = []
    for i, sel in enumerate(selections):
        span = m.spans[i]
        if span is None:
            out.append(
                Verdict(
                    -1,
                    -1,
                    "unplaced",
                    "outside_text",
                    f"positions {sel.start}..{sel.end} do not fit the text ({m.unit.name})",
                )
            )
            continue
        given = [a for a in carriers if m.carried[i][a][0]]
        if not given:
            out.append(Verdict(*span, "unverifiable"))
        elif any(m.matches(i, a) for a in given):
            out.append(Verdict(*span, "verified"))
        else:
            shown = sel.carried[given[0]].strip()
            out.append(
                Verdict(
                    -1,
                    -1,
                    "unplaced",
                    "text_mismatch",
                    f"selected {shown[:60]!r} but positions {sel.start}..{sel.end} ({m.unit.name}) mark "
                    f"{m.marked(i)[:60]!r}",
                )
            )
    return out


def _check_failures(
    verdicts: list[Verdict], selections: Sequence[RawSelection], unit: PositionUnit, program: str, path: Path
) -> None:
    total = sum(s.n_codings for s in selections)
    failed = sum(s.n_codings for s, v in zip(selections, verdicts, strict=True) if v.status == "unplaced")
    if total and failed * 2 > total:
        raise ThematicaError(
            f"{failed} of its {total} codings do not verify with positions counted as {unit.name} "
            f"(the rule of {program}); re-export the project from the program that coded it, without "
            "editing the source texts, or give the codings as a CSV with the coded text",
            path=path,
        )
