"""What lies behind an alpha: the segments coders disagreed on, and the spans each coder coded there.

Alpha is computed on segments (``segment_codes.parquet``): a coder who saw a segment's transcript applied a
code to it (1) or did not (0); a coder who never saw it has no value. A *disagreement* is a segment that
at least two coders saw, at least one applied the code to and at least one did not. For a theme, a coder
applied it when any of its codes (:func:`thematica.reliability.per_code.theme_values`), as for alpha.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from thematica.errors import ThematicaError
from thematica.explore.results import StudyResults
from thematica.reliability.per_code import theme_values

SEGMENT_COLUMNS = ["segment_id", "transcript", "participant_id", "group", "start", "end"]


def coder_values(
    results: StudyResults,
    code: str,
    *,
    level: Literal["code", "theme"] = "code",
    coders: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Each coder's value of one code or theme on every segment, as alpha sees them.

    Returns
    -------
    pandas.DataFrame
        Index ``segment_id`` (segment order); one nullable-integer column per coder: 1 applied, 0 not,
        missing where the coder did not see the segment's transcript. Only segments some coder saw.

    Raises
    ------
    ThematicaError
        For an unknown code, theme, level or coder.
    """
    values = results.segment_codes[["segment_id", "coder", "code", "applied"]]
    if level == "theme":
        values = theme_values(values, results.codebook)
    elif level != "code":
        raise ThematicaError(f"unknown level {level!r}; use 'code' or 'theme'")
    known = list(dict.fromkeys(values["code"].astype(str)))
    if code not in known:
        raise ThematicaError(
            f"no {level} {code!r} in the reliability data; the {level}s are: {', '.join(known)}"
        )
    values = values.loc[values["code"].astype(str) == code]
    all_coders = sorted(values["coder"].unique())
    if coders is not None:
        unknown = sorted(set(coders) - set(all_coders))
        if unknown:
            raise ThematicaError(
                f"unknown coder(s) {', '.join(unknown)}; the coders are: {', '.join(all_coders)}"
            )
        values = values.loc[values["coder"].isin(coders)]
    wide = values.pivot_table(index="segment_id", columns="coder", values="applied", aggfunc="max")
    order = results.segments["segment_id"]
    wide = wide.reindex([s for s in order if s in wide.index]).astype("Int8")
    wide.columns.name = None
    return wide


def disagreements(
    results: StudyResults,
    code: str,
    *,
    level: Literal["code", "theme"] = "code",
    coders: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The segments behind a code's (or theme's) alpha on which the coders disagreed.

    Parameters
    ----------
    results
        The study (:func:`thematica.explore.load_study`).
    code
        A code, or a theme with ``level="theme"``.
    coders
        Restrict to these coders (e.g. one pair, to read the disagreements behind a row of
        ``pairs.csv``); default all.

    Returns
    -------
    pandas.DataFrame
        One row per disagreement in segment order: ``segment_id, transcript, participant_id, group,
        start, end, applied_by, not_applied_by``, one column per coder (1 / 0 / missing when not seen),
        and ``text``. ``applied_by`` and ``not_applied_by`` list coders, comma-separated.
    """
    wide = coder_values(results, code, level=level, coders=coders)
    seen = wide.notna().sum(axis=1)
    applied = wide.fillna(0).sum(axis=1)
    wide = wide.loc[(seen >= 2) & (applied > 0) & (applied < seen)]
    names = list(wide.columns)
    decided = wide.fillna(-1).astype(int)
    applied_by = [", ".join(c for c in names if row[c] == 1) for _, row in decided.iterrows()]
    not_applied_by = [", ".join(c for c in names if row[c] == 0) for _, row in decided.iterrows()]
    table = wide.assign(applied_by=applied_by, not_applied_by=not_applied_by).reset_index()
    segments = results.segments[[*SEGMENT_COLUMNS, "text"]]
    out = segments.merge(table, on="segment_id", how="inner", validate="one_to_one")
    return out[[*SEGMENT_COLUMNS, "applied_by", "not_applied_by", *names, "text"]].reset_index(drop=True)


def coded_spans(
    results: StudyResults, segment_id: str, *, codes: Sequence[str] | None = None
) -> pd.DataFrame:
    """The raw spans every coder coded over one segment, with their text.

    Alpha sees only whether a segment carries a code; the spans show why: a coder who marked a longer
    stretch, a neighbouring sentence, or another code for the same words.

    Parameters
    ----------
    segment_id
        The segment.
    codes
        Only these codes; default all.

    Returns
    -------
    pandas.DataFrame
        ``coder, code, start, end, overlap, text`` (``overlap``: characters shared with the segment), by
        code, coder and start.
    """
    segments = results.segments.set_index("segment_id")
    if segment_id not in segments.index:
        raise ThematicaError(f"no segment {segment_id!r} in segments.parquet")
    seg = segments.loc[segment_id]
    spans = results.codings
    inside = (spans["start"] < seg["end"]) & (spans["end"] > seg["start"])
    spans = spans.loc[(spans["transcript"] == seg["transcript"]) & inside]
    if codes is not None:
        spans = spans.loc[spans["code"].isin(list(codes))]
    text = results.transcript_text(seg["transcript"])
    overlap = spans["end"].clip(upper=seg["end"]) - spans["start"].clip(lower=seg["start"])
    cut = [text[s:e] for s, e in zip(spans["start"], spans["end"], strict=True)]
    out = spans.assign(overlap=overlap.astype(int), text=cut)
    return (
        out[["coder", "code", "start", "end", "overlap", "text"]]
        .sort_values(["code", "coder", "start"], kind="stable")
        .reset_index(drop=True)
    )
