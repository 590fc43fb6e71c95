"""Import a study's coder exports: raw spans, coder assignment, unplaced spans and a ledger.

:func:`import_codes` reads every export, resolves each coding's code in the codebook, places it on a
transcript (:mod:`thematica.codes.anchor`) and returns four tables. Counts reconcile: for every
coder and export, ``spans_in == spans_placed + spans_unplaced``.

Which coder saw which transcript (``coder_transcripts``)
    From ``coders.csv`` (columns ``coder, transcript``) when the study has one. Otherwise inferred:
    a coder saw every transcript it placed a coding in, and every transcript that is a source of a
    ``.qdpx`` holding its codings (a QDA project lists the documents its coder had open, coded or
    not). A coder of a CSV export who applied nothing to a transcript cannot be told from one who
    never saw it: give ``coders.csv`` for such studies (:mod:`thematica.codes.coders`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# the codes stage's other workflow entries: every script of the stage calls codes.study
from thematica.codes.align import align_segments  # noqa: F401
from thematica.codes.anchor import Anchorer, Placement, TranscriptIndex
from thematica.codes.codebook import (
    CodeMatcher,
    read_codebook,  # noqa: F401
)
from thematica.codes.coders import _check_assignment, _infer_assignment, read_coders
from thematica.codes.exports import read_export
from thematica.codes.merge import merge_consensus  # noqa: F401
from thematica.codes.raw_spans import Export, RawSpan
from thematica.codes.spans_ledger import reconcile_codes  # noqa: F401
from thematica.errors import ThematicaError

logger = logging.getLogger(__name__)

CODINGS_COLUMNS = ["coder", "transcript", "code", "start", "end", "source"]
UNPLACED_COLUMNS = [
    "file",
    "place",
    "coder",
    "source",
    "transcript",
    "code",
    "start",
    "end",
    "reason",
    "detail",
]
LEDGER_COLUMNS = [
    "file",
    "coder",
    "kind",
    "program",
    "unit",
    "unit_rule",
    "source_match",
    "spans_in",
    "placed_offsets",
    "placed_reanchored",
    "placed_located",
    "spans_placed",
    "spans_verified",
    "spans_unverifiable",
    "spans_unplaced",
    "transcripts_coded",
    "reconciled",
]

_FIXES = {
    "unknown_source": "name each transcript file after its source in the export (or list the source as "
    "the participant id in participants.csv)",
    "text_mismatch": "the selections' positions do not mark the text the export says was selected; "
    "re-export the project from the program that coded it",
    "outside_text": "the selections' positions run past their source text; re-export the project",
    "quote_not_found": "copy the quote from the transcript as it is now",
    "quote_ambiguous": "give offsets, or a longer quote that occurs once",
    "text_not_found": "the transcript was edited after coding; recode the changed passages",
    "text_ambiguous": "the coded text occurs several times in the edited transcript; recode it there",
    "blank_span": "remove the empty coding in the QDA program",
}


@dataclass(frozen=True)
class ImportedCodes:
    """The tables written by the import stage.

    Attributes
    ----------
    codings
        ``coder, transcript, code, start, end, source``: every placed span (offsets into the
        canonical text), sorted.
    coder_transcripts
        ``coder, transcript``: which coder saw which transcript.
    unplaced
        :data:`UNPLACED_COLUMNS`: every span that could not be placed, with the reason.
    ledger
        :data:`LEDGER_COLUMNS`: per export and coder, spans in = verified + unverifiable + unplaced
        (verified + unverifiable = placed); for a ``.qdpx`` the program its origin names, the
        position unit its selections were read in and how it was chosen (``unit_rule``); how its
        sources matched transcripts (``source_match``: rule and count, e.g. ``name:12``).
    """

    codings: pd.DataFrame
    coder_transcripts: pd.DataFrame
    unplaced: pd.DataFrame
    ledger: pd.DataFrame


def import_codes(
    exports: Sequence[str | Path],
    *,
    codebook: pd.DataFrame,
    texts: Mapping[str, str],
    participants: Mapping[str, str] | None = None,
    coders: str | Path | None = None,
    offset_maps: Mapping[str, pd.DataFrame] | None = None,
) -> ImportedCodes:
    """Import coder exports into raw spans on the canonical transcripts.

    Parameters
    ----------
    exports
        Export files (``.qdpx`` / ``.csv``), one or more per coder.
    codebook
        The codebook table (:func:`thematica.codes.codebook.read_codebook`).
    texts
        Transcript id -> canonical text as read from the transcript file (before any redaction):
        the text coders coded.
    participants
        Transcript id -> participant id, so exports may name sources by participant.
    coders
        ``coders.csv`` (``coder, transcript``), or None to infer who saw what.
    offset_maps
        Transcript id -> the deidentification offset map (:func:`thematica.deid.read_offset_map`)
        when identifiers were redacted: placed spans are moved onto the redacted text the rest of
        the pipeline reads. None or an empty map: the identity.

    Returns
    -------
    ImportedCodes

    Raises
    ------
    ThematicaError
        Naming the file and line or selection for: an unreadable export, a code that is not in the
        codebook (or is a theme), CSV offsets outside their transcript, an export without codings,
        and a ``coders.csv`` that disagrees with the exports (a coder without an export, a coding
        on a transcript not assigned to its coder).
    """
    loaded = [read_export(p) for p in exports]
    if not loaded:
        raise ThematicaError("no coder exports were given; put one .qdpx or .csv per coder in codes/")
    codes = _resolve_codes(loaded, CodeMatcher(codebook))
    index = TranscriptIndex(dict(texts), dict(participants or {}))
    placed_rows, unplaced_rows, ledger_rows = [], [], []
    for export, export_codes in zip(loaded, codes, strict=True):
        placed, unplaced, ledger = _place_export(export, export_codes, index)
        _check_sources_found(export, unplaced, index)
        placed_rows += placed
        unplaced_rows += unplaced
        ledger_rows += ledger
    codings = pd.DataFrame(placed_rows, columns=CODINGS_COLUMNS).astype(
        {"coder": str, "transcript": str, "code": str, "start": "int64", "end": "int64", "source": str}
    )
    codings = _redacted_offsets(codings, offset_maps or {})
    codings = codings.sort_values(["coder", "transcript", "start", "end", "code", "source"], kind="stable")
    codings = codings.reset_index(drop=True)
    unplaced = pd.DataFrame(unplaced_rows, columns=UNPLACED_COLUMNS)
    ledger = pd.DataFrame(ledger_rows, columns=LEDGER_COLUMNS)
    _check_ledger(ledger, codings, unplaced)
    if coders is not None:
        assigned = read_coders(coders, index, sorted({c for e in loaded for c in e.coders}))
        _check_assignment(assigned, codings, Path(coders))
    else:
        assigned = _infer_assignment(loaded, codings, index)
    for (file, reason), group in unplaced.groupby(["file", "reason"], sort=True):
        logger.warning(
            "%s: %d coding(s) not placed (%s), first at %s; listed in codes_unplaced.csv; %s",
            file,
            len(group),
            reason,
            group["place"].iloc[0],
            _FIXES.get(str(reason), "see codes_unplaced.csv"),
        )
    logger.info(
        "placed %d codings (%s), %d unplaced; %d coder-transcript pairs",
        len(codings),
        ", ".join(f"{k}: {v}" for k, v in codings.groupby("coder").size().items()),
        len(unplaced),
        len(assigned),
    )
    return ImportedCodes(codings, assigned, unplaced, ledger)


def _place_export(
    export: Export, codes: list[str], index: TranscriptIndex
) -> tuple[list[tuple], list[dict], list[dict]]:
    """Placed rows, unplaced rows and ledger rows (one per coder) of one export."""
    anchorer = Anchorer(export, index)
    placed_rows: list[tuple] = []
    unplaced_rows: list[dict] = []
    counts: dict[str, dict[str, int]] = {}
    seen: dict[str, set[str]] = {}
    matched: dict[str, dict[str, int]] = {}
    for span, code in zip(export.spans, codes, strict=True):
        where = anchorer.place(span)
        c = counts.setdefault(
            span.coder, {"in": 0, "offsets": 0, "reanchored": 0, "located": 0, "un": 0, "verified": 0}
        )
        c["in"] += 1
        if where.matched_by:
            rules = matched.setdefault(span.coder, {})
            rules[where.matched_by] = rules.get(where.matched_by, 0) + 1
        if where.placed:
            c[str(where.method)] += 1
            c["verified"] += where.verified
            seen.setdefault(span.coder, set()).add(str(where.transcript))
            placed_rows.append((span.coder, where.transcript, code, where.start, where.end, export.path.name))
        else:
            c["un"] += 1
            unplaced_rows.append(_unplaced_row(span, code, where))
    ledger_rows = []
    for coder in sorted(counts):
        c = counts[coder]
        placed = c["offsets"] + c["reanchored"] + c["located"]
        unverifiable = placed - c["verified"]
        ledger_rows.append(
            {
                "file": export.path.name,
                "coder": coder,
                "kind": export.kind,
                "program": export.program,
                "unit": export.unit,
                "unit_rule": export.unit_rule,
                "source_match": " ".join(f"{r}:{n}" for r, n in sorted(matched.get(coder, {}).items())),
                "spans_in": c["in"],
                "placed_offsets": c["offsets"],
                "placed_reanchored": c["reanchored"],
                "placed_located": c["located"],
                "spans_placed": placed,
                "spans_verified": c["verified"],
                "spans_unverifiable": unverifiable,
                "spans_unplaced": c["un"],
                "transcripts_coded": len(seen.get(coder, ())),
                "reconciled": c["in"] == c["verified"] + unverifiable + c["un"],
            }
        )
    return placed_rows, unplaced_rows, ledger_rows


def _check_sources_found(export: Export, unplaced: list[dict], index: TranscriptIndex) -> None:
    """Stop when no coding of an export names a transcript of the study: its sources are named otherwise."""
    if not export.spans or len(unplaced) < len(export.spans):
        return
    if any(row["reason"] != "unknown_source" for row in unplaced):
        return
    sources = sorted({span.source for span in export.spans})
    shown = ", ".join(repr(s) for s in sources[:5]) + (" ..." if len(sources) > 5 else "")
    have = ", ".join(sorted(index.texts)[:5]) + (" ..." if len(index.texts) > 5 else "")
    raise ThematicaError(
        f"none of its {len(export.spans)} codings is on a transcript of this study: its sources {shown} "
        f"match no transcript ({have}); name the transcript files after the sources (or the participant ids "
        "in participants.csv after them), or remove the export from codes/",
        path=export.path,
    )


def _redacted_offsets(codings: pd.DataFrame, offset_maps: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Move spans onto the redacted texts (a no-op where nothing was redacted)."""
    from thematica.deid import map_spans

    codings = codings.copy()
    for transcript, rows in codings.groupby("transcript", sort=False):
        table = offset_maps.get(str(transcript))
        if table is None or len(table) == 0:
            continue
        starts, ends = map_spans(table, rows["start"].to_numpy(), rows["end"].to_numpy())
        codings.loc[rows.index, "start"] = starts
        codings.loc[rows.index, "end"] = ends
    return codings


def _resolve_codes(exports: list[Export], matcher: CodeMatcher) -> list[list[str]]:
    """Codebook code of every span; one error listing every code the codebook lacks."""
    resolved: list[list[str]] = []
    problems: dict[tuple[str, str], tuple[str, str, int]] = {}
    cache: dict[tuple[str, ...], tuple[str | None, str]] = {}
    for export in exports:
        out = []
        for span in export.spans:
            if span.code_names not in cache:
                cache[span.code_names] = matcher.resolve(span.code_names)
            code, why = cache[span.code_names]
            if code is None:
                key = (export.path.name, span.code_names[-1] if span.code_names else "")
                first = problems.get(key)
                problems[key] = (first[0], why, first[2] + 1) if first else (span.place, why, 1)
                code = ""
            out.append(code)
        resolved.append(out)
    if problems:
        files = sorted({file for file, _ in problems})
        parts = []
        for (file, name), (place, why, n) in sorted(problems.items()):
            what = "is a theme, not a code" if why == "theme" else "is not in the codebook"
            prefix = f"{file}: " if len(files) > 1 else ""
            parts.append(f"{prefix}code {name!r} {what} ({n} coding(s), first at {place})")
        single = [e.path for e in exports if e.path.name == files[0]][0] if len(files) == 1 else None
        themes = any(why == "theme" for _, why, _ in problems.values())
        fix = (
            "; a code tree's theme that coders applied is a code too with codes.theme_codes: true (or move "
            "the themes down with codes.theme_level)"
            if themes
            else ""
        )
        raise ThematicaError(
            "; ".join(parts) + "; add the code to the codebook (codebook.csv or .qdc) or recode these "
            "spans with a codebook code" + fix,
            path=single if single is not None else exports[0].path.parent,
        )
    return resolved


def _unplaced_row(span: RawSpan, code: str, where: Placement) -> dict:
    return {
        "file": span.file,
        "place": span.place,
        "coder": span.coder,
        "source": span.source,
        "transcript": where.transcript or "",
        "code": code,
        "start": "" if span.start is None else span.start,
        "end": "" if span.end is None else span.end,
        "reason": where.reason,
        "detail": where.detail,
    }


def _check_ledger(ledger: pd.DataFrame, codings: pd.DataFrame, unplaced: pd.DataFrame) -> None:
    if not ledger["reconciled"].all() or (
        int(ledger["spans_placed"].sum()) != len(codings)
        or int(ledger["spans_unplaced"].sum()) != len(unplaced)
    ):
        raise ThematicaError(
            "coding counts do not reconcile; this is a bug, please report it with the ledger"
        )
