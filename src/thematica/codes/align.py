"""Align raw coded spans to segments: which coder applied which code to which segment.

Rule (non-blank characters: everything but whitespace)
    Coder *c* applied code *k* to segment *s* when either

    1. *coverage*: the union of *c*'s spans of *k* covers at least ``min_overlap`` of the
       segment's non-blank characters, or
    2. *containment* (``min_span_share`` not None): at least ``min_span_share`` of the non-blank
       characters of one of *c*'s spans of *k* lie inside the segment, so a short span marking
       a phrase in a long sentence counts for that sentence, while a long span that only grazes a
       segment's edge does not.

Missing versus zero
    ``segment_codes`` has one row per (segment of a transcript the coder saw) x coder x codebook
    code, with ``applied`` 0 or 1. A coder who never saw a transcript (``coder_transcripts``) has
    no rows for its segments: missing, not zero.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

logger = logging.getLogger(__name__)

SEGMENT_CODES_COLUMNS = ["segment_id", "coder", "code", "applied"]
_EPS = 1e-9


def nonblank_prefix(text: str) -> np.ndarray:
    """Counts of non-blank characters before each offset.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(text) + 1,)``: entry ``i`` counts the non-whitespace characters of ``text[:i]``.

    Examples
    --------
    >>> nonblank_prefix("a b").tolist()
    [0, 1, 1, 2]
    """
    mask = np.fromiter((not ch.isspace() for ch in text), dtype=np.int64, count=len(text))
    return np.concatenate([[0], np.cumsum(mask)])


def _merge(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Union of intervals as sorted, disjoint intervals (shapes ``(m,)``)."""
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], ends[order]
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] > np.maximum.accumulate(e)[:-1]
    first = np.flatnonzero(new)
    return s[first], np.maximum.reduceat(e, first)


def applied_matrix(
    seg_start: np.ndarray,
    seg_end: np.ndarray,
    span_start: np.ndarray,
    span_end: np.ndarray,
    nonblank: np.ndarray,
    *,
    min_overlap: float,
    min_span_share: float | None,
) -> np.ndarray:
    """Whether a set of spans (one coder, one code, one transcript) marks each segment.

    Parameters
    ----------
    seg_start, seg_end
        Segment offsets, shape ``(n,)``.
    span_start, span_end
        Span offsets, shape ``(k,)``.
    nonblank
        :func:`nonblank_prefix` of the transcript, shape ``(len(text) + 1,)``.
    min_overlap, min_span_share
        The thresholds of the module's rule.

    Returns
    -------
    numpy.ndarray
        Boolean, shape ``(n,)``.

    Examples
    --------
    >>> nb = nonblank_prefix("aaaa bbbb cccccccccccccccc")
    >>> applied_matrix(np.array([0, 5, 10]), np.array([4, 9, 26]), np.array([2]), np.array([13]), nb,
    ...                min_overlap=0.5, min_span_share=None).tolist()
    [True, True, False]
    >>> applied_matrix(np.array([0, 5, 10]), np.array([4, 9, 26]), np.array([12]), np.array([16]), nb,
    ...                min_overlap=0.5, min_span_share=0.5).tolist()
    [False, False, True]
    """
    n = len(seg_start)
    if len(span_start) == 0 or n == 0:
        return np.zeros(n, dtype=bool)
    ms, me = _merge(span_start, span_end)
    lo = np.maximum(seg_start[:, None], ms[None, :])
    hi = np.minimum(seg_end[:, None], me[None, :])
    hi = np.maximum(hi, lo)
    covered = (nonblank[hi] - nonblank[lo]).sum(axis=1)
    seg_nb = nonblank[seg_end] - nonblank[seg_start]
    applied = (seg_nb > 0) & (covered >= min_overlap * seg_nb - _EPS)
    if min_span_share is not None:
        lo = np.maximum(seg_start[:, None], span_start[None, :])
        hi = np.maximum(np.minimum(seg_end[:, None], span_end[None, :]), lo)
        inside = nonblank[hi] - nonblank[lo]
        span_nb = (nonblank[span_end] - nonblank[span_start])[None, :]
        applied |= ((span_nb > 0) & (inside >= min_span_share * span_nb - _EPS) & (inside > 0)).any(axis=1)
    return applied


def align_segments(
    segments: pd.DataFrame,
    codings: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    codebook: pd.DataFrame,
    texts: Mapping[str, str],
    *,
    min_overlap: float = 0.5,
    min_span_share: float | None = 0.5,
) -> pd.DataFrame:
    """Turn raw spans into per-segment 0/1 codes for every coder (see the module docstring).

    Parameters
    ----------
    segments
        ``segment_id, transcript, start, end, ...`` (``segments.parquet``).
    codings
        ``coder, transcript, code, start, end, source`` (``codings.parquet``).
    coder_transcripts
        ``coder, transcript``: which coder saw which transcript.
    codebook
        The codebook table; its ``code`` column gives the codes, in order.
    texts
        Transcript id -> canonical text, for every transcript in ``segments``.
    min_overlap
        Share of a segment's non-blank characters a coder's spans must cover, in (0, 1].
    min_span_share
        Share of a span's non-blank characters that must lie in a segment for the span alone to mark
        it, in (0, 1]; None turns the containment rule off.

    Returns
    -------
    pandas.DataFrame
        ``segment_id, coder, code, applied`` (``applied`` int8), ordered by segment (as in
        ``segments``), coder, then codebook order.

    Raises
    ------
    ThematicaError
        If a threshold is outside (0, 1] or a transcript's text is missing.
    """
    for name, value in (("min_overlap", min_overlap), ("min_span_share", min_span_share)):
        if value is not None and not 0 < value <= 1:
            raise ThematicaError(f"codes.{name} is {value}; use a share in (0, 1]", path="config")
    codes = list(codebook["code"])
    code_pos = {c: i for i, c in enumerate(codes)}
    seen = coder_transcripts.groupby("transcript", sort=False)["coder"].apply(sorted).to_dict()
    by_key = {key: g for key, g in codings.groupby(["transcript", "coder"], sort=False)}
    parts = []
    for transcript, segs in segments.groupby("transcript", sort=False):
        coders = seen.get(transcript, [])
        if not coders:
            continue
        if transcript not in texts:
            raise ThematicaError(f"no canonical text for transcript {transcript!r}; rerun the ingest step")
        nb = nonblank_prefix(texts[transcript])
        s, e = segs["start"].to_numpy(np.int64), segs["end"].to_numpy(np.int64)
        for coder in coders:
            matrix = np.zeros((len(segs), len(codes)), dtype=np.int8)
            own = by_key.get((transcript, coder))
            if own is not None:
                for code, spans in own.groupby("code", sort=False):
                    matrix[:, code_pos[code]] = applied_matrix(
                        s,
                        e,
                        spans["start"].to_numpy(np.int64),
                        spans["end"].to_numpy(np.int64),
                        nb,
                        min_overlap=min_overlap,
                        min_span_share=min_span_share,
                    )
            parts.append(
                pd.DataFrame(
                    {
                        "segment_id": np.repeat(segs["segment_id"].to_numpy(), len(codes)),
                        "coder": coder,
                        "code": np.tile(np.asarray(codes, dtype=object), len(segs)),
                        "applied": matrix.reshape(-1),
                    }
                )
            )
    if not parts:
        logger.warning("no coder saw any transcript with segments; segment_codes is empty")
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(SEGMENT_CODES_COLUMNS, [str, str, str, "int8"], strict=True)
            }
        )
    table = pd.concat(parts, ignore_index=True)
    order = {sid: i for i, sid in enumerate(segments["segment_id"])}
    table["_seg"] = table["segment_id"].map(order)
    table = table.sort_values(["_seg", "coder"], kind="stable").drop(columns="_seg").reset_index(drop=True)
    table["applied"] = table["applied"].astype("int8")
    logger.info(
        "segment_codes: %d rows (%d segments, %d coders, %d codes), %d applied",
        len(table),
        table["segment_id"].nunique(),
        table["coder"].nunique(),
        len(codes),
        int(table["applied"].sum()),
    )
    return table
