"""The span ledger: counts in equal counts out for the human codes, and the identities that tie them.

A table of counts taken independently from the tables the codes stages wrote, plus the identities those
counts must satisfy, checked by :func:`thematica.support.reconcile.reconcile`.

Span ledger (``results/<study>/qa/spans_ledger.csv``, one row per coder and transcript)
    Written after the human codes are aligned and merged (:func:`reconcile_codes`). A placed span
    is *aligned* when it shares a non-blank character with a segment to which its coder's
    ``segment_codes`` apply its code; every other placed span is listed in
    ``results/<study>/qa/codes_unaligned.csv`` with a reason (:data:`UNALIGNED_REASONS`).
    :data:`SPAN_IDENTITIES`:

    - ``spans_placed = spans_aligned + spans_unaligned``
    - ``spans_out_of_range = 0`` (every placed span lies inside its transcript's canonical text)
    - ``segment_code_rows = expected_rows`` (segments x codebook codes for a transcript the coder
      saw, 0 for one it did not: missing, not zero)
    - ``codes_applied = codes_applied_with_span`` (every applied code rests on a span)

    Study-wide, checked by :func:`reconcile_codes` too: per export and coder, the spans read
    (``codes_ledger.csv``) equal the rows of ``codings.parquet`` plus those of
    ``codes_unplaced.csv``; ``segment_codes`` has no row for an unknown segment; and the consensus
    has one row per coded segment and code, with ``n_coders`` and ``n_applied`` summing to the rows
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.segment.ledger import nonblank_mask, nonblank_prefix
from thematica.support.reconcile import Identity, holds, reconcile

log = logging.getLogger(__name__)


SPAN_LEDGER_COLUMNS = [
    "coder",
    "transcript",
    "seen",
    "spans_placed",
    "spans_unplaced",
    "spans_aligned",
    "spans_unaligned",
    "spans_out_of_range",
    "segments",
    "segment_code_rows",
    "expected_rows",
    "codes_applied",
    "codes_applied_with_span",
    "reconciled",
]
UNALIGNED_COLUMNS = ["coder", "transcript", "code", "start", "end", "source", "reason", "detail"]
UnalignedReason = Literal["blank", "outside_participant_speech", "below_threshold", "not_seen"]
#: Why a placed span marks no segment: only whitespace; no non-blank character in participant speech
#: (interviewer turns, speaker labels); it touches segments but covers too little of them for the
#: alignment rule (``codes.min_overlap``, ``codes.min_span_share``); or ``coder_transcripts`` says its
#: coder never saw the transcript.
UNALIGNED_REASONS: tuple[UnalignedReason, ...] = (
    "blank",
    "outside_participant_speech",
    "below_threshold",
    "not_seen",
)

SPAN_IDENTITIES = (
    Identity(
        "every placed span is aligned or listed in codes_unaligned.csv",
        ("spans_placed",),
        ("spans_aligned", "spans_unaligned"),
    ),
    Identity(
        "one segment_codes row per segment and code of a transcript the coder saw, none otherwise",
        ("segment_code_rows",),
        ("expected_rows",),
    ),
    Identity("every placed span lies inside its transcript's text", ("spans_out_of_range",)),
    Identity(
        "every applied code rests on a span of its coder and code",
        ("codes_applied",),
        ("codes_applied_with_span",),
    ),
)


@dataclass(frozen=True)
class SpanLedger:
    """What :func:`reconcile_codes` returns.

    Attributes
    ----------
    ledger
        :data:`SPAN_LEDGER_COLUMNS`, one row per coder and transcript (transcript ``""`` for spans
        whose source names no transcript), sorted.
    unaligned
        :data:`UNALIGNED_COLUMNS`: every placed span that marks no segment, with its reason.
    """

    ledger: pd.DataFrame
    unaligned: pd.DataFrame


def _text_column(table: pd.DataFrame, column: str) -> pd.Series:
    return table[column].fillna("").astype(str) if len(table) else pd.Series([], dtype=str)


def _align_spans(
    spans: pd.DataFrame,
    segs: pd.DataFrame,
    text: str,
    cells: set[tuple[int, str]],
    seen: bool,
) -> tuple[int, set[tuple[int, str]], list[dict]]:
    """Classify one coder's spans on one transcript.

    Returns the number of aligned spans, the number of spans outside the text (clipped to it here), the
    (segment position, code) cells the spans touch and the unaligned rows.
    """
    nb = nonblank_prefix(nonblank_mask(text))
    s, e = segs["start"].to_numpy(np.int64), segs["end"].to_numpy(np.int64)
    pos, ids = segs["_pos"].to_numpy(), segs["segment_id"].to_numpy()
    seg_nb = nb[np.clip(e, 0, len(text))] - nb[np.clip(s, 0, len(text))]
    aligned, outside, touched, unaligned = 0, 0, set(), []
    for span in spans.itertuples(index=False):
        outside += not 0 <= int(span.start) <= int(span.end) <= len(text)
        start, end = min(max(int(span.start), 0), len(text)), min(max(int(span.end), 0), len(text))
        lo = np.clip(np.maximum(s, start), 0, len(text))
        hi = np.clip(np.maximum(np.minimum(e, end), lo), 0, len(text))
        share = nb[hi] - nb[lo]
        hit = np.flatnonzero(share > 0)
        keys = {(int(pos[i]), str(span.code)) for i in hit}
        reason, detail = None, ""
        if not seen:
            reason, detail = (
                "not_seen",
                "coder_transcripts.parquet does not list this coder for the transcript",
            )
        elif nb[end] - nb[start] == 0:
            reason, detail = "blank", "the span holds only whitespace"
        elif hit.size == 0:
            reason, detail = "outside_participant_speech", "no character of the span is in a segment"
        elif not keys & cells:
            best = hit[np.argmax(share[hit] / np.maximum(seg_nb[hit], 1))]
            reason = "below_threshold"
            detail = (
                f"touches {hit.size} segment(s); at most {share[best] / max(seg_nb[best], 1):.0%} of "
                f"{ids[best]} ({share[best] / (nb[end] - nb[start]):.0%} of the span)"
            )
        if seen:
            touched |= keys
        if reason is None:
            aligned += 1
        else:
            unaligned.append(
                {
                    "coder": span.coder,
                    "transcript": span.transcript,
                    "code": span.code,
                    "start": int(span.start),
                    "end": int(span.end),
                    "source": span.source,
                    "reason": reason,
                    "detail": detail,
                }
            )
    return aligned, outside, touched, unaligned


def _tally(table: pd.DataFrame, key: list[str], value: str | None = None) -> dict[tuple, int]:
    """Rows (or the sum of ``value``) per ``key``, as a dict (empty for an empty table)."""
    if not len(table):
        return {}
    grouped = table.groupby(key, sort=False)
    counts = grouped.size() if value is None else grouped[value].sum()
    return {(k if isinstance(k, tuple) else (k,)): int(v) for k, v in counts.items()}


def _table(tallies: dict[str, dict[tuple, int]], key: list[str]) -> pd.DataFrame:
    """One row per key found in any tally, one column per tally (0 where a key is absent)."""
    keys = sorted(set().union(*(set(t) for t in tallies.values())))
    rows = [dict(zip(key, k, strict=True)) | {c: t.get(k, 0) for c, t in tallies.items()} for k in keys]
    return pd.DataFrame(rows, columns=[*key, *tallies]).astype({c: "int64" for c in tallies})


def _check_imports(import_ledger: pd.DataFrame, codings: pd.DataFrame, unplaced: pd.DataFrame) -> None:
    """Per export and coder: spans read = rows of codings.parquet + rows of codes_unplaced.csv."""
    key = ["file", "coder"]
    read = import_ledger.assign(
        file=_text_column(import_ledger, "file"), coder=_text_column(import_ledger, "coder")
    )
    table = _table(
        {
            "spans_in": _tally(read, key, "spans_in"),
            "spans_in_codings": _tally(codings.assign(file=_text_column(codings, "source")), key),
            "spans_in_unplaced": _tally(unplaced.assign(file=_text_column(unplaced, "file")), key),
        },
        key,
    )
    reconcile(
        table,
        [
            Identity(
                "every span read from an export is in codings.parquet or codes_unplaced.csv",
                ("spans_in",),
                ("spans_in_codings", "spans_in_unplaced"),
            )
        ],
        key=key,
        name="codes_ledger.csv",
    )


def _check_consensus(
    sc: pd.DataFrame, consensus: pd.DataFrame, segs: pd.DataFrame, n_codes: int, unknown: int
) -> None:
    """Per transcript: one consensus row per coded segment and code, n_coders / n_applied add up."""
    transcript_of = dict(zip(segs["segment_id"], segs["transcript"], strict=True))
    cons = consensus.assign(transcript=consensus["segment_id"].map(transcript_of))
    unknown += int(cons["transcript"].isna().sum())
    cons = cons.dropna(subset=["transcript"])
    coded = sc.drop_duplicates("segment_id")
    key = ["transcript"]
    table = _table(
        {
            "consensus_rows": _tally(cons, key),
            "expected_rows": {k: n * n_codes for k, n in _tally(coded, key).items()},
            "n_coders": _tally(cons, key, "n_coders"),
            "segment_code_rows": _tally(sc, key),
            "n_applied": _tally(cons, key, "n_applied"),
            "codes_applied": _tally(sc, key, "applied"),
            "unknown_segment_rows": {("(unknown segments)",): unknown},
        },
        key,
    )
    reconcile(
        table,
        [
            Identity("one consensus row per coded segment and code", ("consensus_rows",), ("expected_rows",)),
            Identity("n_coders counts the coders' segment_codes rows", ("n_coders",), ("segment_code_rows",)),
            Identity("n_applied counts the coders' applied codes", ("n_applied",), ("codes_applied",)),
            Identity("segment_codes and consensus name only known segments", ("unknown_segment_rows",)),
        ],
        key=key,
        name="consensus.parquet",
    )


def reconcile_codes(
    *,
    import_ledger: pd.DataFrame,
    codings: pd.DataFrame,
    unplaced: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    codebook: pd.DataFrame,
    segments: pd.DataFrame,
    segment_codes: pd.DataFrame,
    consensus: pd.DataFrame,
    texts: Mapping[str, str],
) -> SpanLedger:
    """Account for every coded span and aligned code of a study (see the module docstring).

    Parameters
    ----------
    import_ledger
        ``codes_ledger.csv`` (:func:`thematica.codes.import_codes`): ``file, coder, spans_in, ...``.
    codings
        ``codings.parquet``: ``coder, transcript, code, start, end, source``, shape ``(n_spans, 6)``.
    unplaced
        ``codes_unplaced.csv``: ``file, coder, transcript, ...`` (transcript empty for an unknown source).
    coder_transcripts
        ``coder, transcript``: which coder saw which transcript.
    codebook
        The codebook table; its ``code`` column gives the codes.
    segments
        ``segments.parquet``: ``segment_id, transcript, start, end, ...``.
    segment_codes, consensus
        The aligned (``segment_id, coder, code, applied``) and merged (``segment_id, code, applied,
        n_coders, n_applied``) codes.
    texts
        Transcript id -> canonical text (the text the segments and codings point into).

    Returns
    -------
    SpanLedger

    Raises
    ------
    ThematicaError
        Naming the table, the row and the identity when any count does not reconcile, or when a
        transcript with codings has no canonical text.
    """
    codes = [str(c) for c in codebook["code"]]
    segs = segments[["segment_id", "transcript", "start", "end"]].reset_index(drop=True)
    segs = segs.assign(transcript=segs["transcript"].astype(str), _pos=np.arange(len(segs)))
    pos_of = pd.Series(segs["_pos"].to_numpy(), index=segs["segment_id"].to_numpy())
    sc_pos = segment_codes["segment_id"].map(pos_of)
    unknown = int(sc_pos.isna().sum())
    sc = segment_codes.loc[sc_pos.notna()].assign(_pos=sc_pos.dropna().astype(np.int64))
    sc = sc.assign(
        transcript=segs["transcript"].to_numpy()[sc["_pos"].to_numpy()],
        coder=sc["coder"].astype(str),
        applied=sc["applied"].astype(np.int64),
    )
    applied = sc.loc[sc["applied"] == 1]
    cells = {
        key: set(zip(g["_pos"].tolist(), g["code"].astype(str).tolist(), strict=True))
        for key, g in applied.groupby(["coder", "transcript"], sort=False)
    }
    codings = codings.assign(
        coder=_text_column(codings, "coder"), transcript=_text_column(codings, "transcript")
    )
    unplaced = unplaced.assign(
        coder=_text_column(unplaced, "coder"), transcript=_text_column(unplaced, "transcript")
    )
    seen = set(
        zip(coder_transcripts["coder"].astype(str), coder_transcripts["transcript"].astype(str), strict=True)
    )
    seg_groups = {t: g for t, g in segs.groupby("transcript", sort=False)}
    empty = segs.iloc[:0]
    counts: dict[tuple[str, str], dict[str, int]] = {}
    unaligned_rows: list[dict] = []
    for (coder, transcript), spans in codings.groupby(["coder", "transcript"], sort=True):
        if transcript not in texts:
            raise ThematicaError(
                f"no canonical text for transcript {transcript!r}, which has codings; rerun the ingest step"
            )
        aligned, outside, touched, rows = _align_spans(
            spans,
            seg_groups.get(transcript, empty),
            texts[transcript],
            cells.get((coder, transcript), set()),
            (coder, transcript) in seen,
        )
        counts[(coder, transcript)] = {
            "spans_aligned": aligned,
            "spans_out_of_range": outside,
            "codes_applied_with_span": len(touched & cells.get((coder, transcript), set())),
        }
        unaligned_rows += rows
    unaligned = pd.DataFrame(unaligned_rows, columns=UNALIGNED_COLUMNS)
    unaligned = unaligned.sort_values(
        ["coder", "transcript", "start", "end", "code", "source"], kind="stable"
    )
    unaligned = unaligned.reset_index(drop=True)
    key = ["coder", "transcript"]
    ledger = _table(
        {
            "seen": {k: 1 for k in seen},
            "spans_placed": _tally(codings, key),
            "spans_unplaced": _tally(unplaced, key),
            "spans_aligned": {k: c["spans_aligned"] for k, c in counts.items()},
            "spans_unaligned": _tally(unaligned, key),
            "spans_out_of_range": {k: c["spans_out_of_range"] for k, c in counts.items()},
            "segment_code_rows": _tally(sc, key),
            "codes_applied": _tally(sc, key, "applied"),
            "codes_applied_with_span": {k: c["codes_applied_with_span"] for k, c in counts.items()},
        },
        key,
    )
    n_segments = segs.groupby("transcript").size()
    ledger["segments"] = np.array([int(n_segments.get(t, 0)) for t in ledger["transcript"]], dtype=np.int64)
    ledger["expected_rows"] = ledger["segments"] * len(codes) * ledger["seen"]
    ledger["reconciled"] = holds(ledger, SPAN_IDENTITIES)
    ledger = ledger[SPAN_LEDGER_COLUMNS]
    _check_imports(import_ledger, codings, unplaced)
    reconcile(ledger, SPAN_IDENTITIES, key=["coder", "transcript"], name="spans_ledger.csv")
    _check_consensus(sc, consensus, segs, len(codes), unknown)
    if len(unaligned):
        reasons = unaligned["reason"].value_counts().sort_index()
        log.warning(
            "%d placed span(s) mark no segment (%s); listed in codes_unaligned.csv",
            len(unaligned),
            ", ".join(f"{r}: {n}" for r, n in reasons.items()),
        )
    log.info(
        "span ledger: %d spans placed, %d aligned, %d unaligned, %d unplaced; %d segment_codes rows, "
        "%d applied; all reconciled",
        int(ledger["spans_placed"].sum()),
        int(ledger["spans_aligned"].sum()),
        len(unaligned),
        int(ledger["spans_unplaced"].sum()),
        int(ledger["segment_code_rows"].sum()),
        int(ledger["codes_applied"].sum()),
    )
    return SpanLedger(ledger, unaligned)
