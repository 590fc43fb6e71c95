"""Unitizing reliability on the coders' raw spans (``unitized.csv``) and the transcript lengths it needs."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.reliability.columns import ALL_CODES, UNITIZED_COLUMNS
from thematica.reliability.unitized import alpha_u, continua_from_spans, u_alpha

log = logging.getLogger(__name__)


def text_lengths(texts: Mapping[str, str | Path] | Iterable[str | Path]) -> dict[str, int]:
    """Transcript -> length in code points of its canonical text, from the texts or a lengths table.

    Parameters
    ----------
    texts
        Canonical texts (``data/processed/<s>/text/<t>.txt``) as transcript -> path, or paths named
        ``<transcript>.txt``; a path ending in ``.csv`` is a release bundle's ``transcript_lengths.csv``
        (columns ``transcript, length``) and contributes its rows.

    Raises
    ------
    ThematicaError
        For a lengths table with other columns.
    """
    from thematica.ingest.study import read_canonical

    items = texts.items() if isinstance(texts, Mapping) else ((Path(p).stem, p) for p in texts)
    lengths: dict[str, int] = {}
    for transcript, path in items:
        if Path(path).suffix.lower() == ".csv":
            table = pd.read_csv(path, dtype={"transcript": str})
            if list(table.columns) != ["transcript", "length"]:
                raise ThematicaError(
                    "a transcript lengths table needs columns transcript, length; "
                    f"found {list(table.columns)}",
                    path=path,
                )
            lengths.update(zip(table["transcript"], table["length"].astype(int).tolist(), strict=True))
        else:
            lengths[str(transcript)] = len(read_canonical(path))
    return lengths


def checked_spans(codings: pd.DataFrame, lengths: Mapping[str, int], codebook_codes: set) -> pd.DataFrame:
    """The spans unitized alpha measures: codebook codes, non-empty, inside their transcript's text.

    Raises
    ------
    ThematicaError
        For a span of a transcript without text, or outside it.
    """
    spans = codings[["coder", "transcript", "code", "start", "end"]].copy()
    unknown = ~spans["code"].isin(codebook_codes)
    if unknown.any():
        log.warning(
            "%d coded span(s) with a code not in the codebook are left out of unitized alpha (e.g. %r)",
            int(unknown.sum()),
            spans.loc[unknown, "code"].iloc[0],
        )
        spans = spans.loc[~unknown]
    missing = ~spans["transcript"].isin(list(lengths))
    if missing.any():
        row = spans.loc[missing].iloc[0]
        raise ThematicaError(
            f"coder {row['coder']!r} coded transcript {row['transcript']!r}, which has no canonical text; "
            "check the transcript names in the coder's export"
        )
    length = spans["transcript"].map(lengths)
    outside = (spans["start"] < 0) | (spans["end"] > length) | (spans["end"] < spans["start"])
    if outside.any():
        row = spans.loc[outside].iloc[0]
        raise ThematicaError(
            f"span [{row['start']}, {row['end']}) of code {row['code']!r} by coder {row['coder']!r} lies "
            f"outside the canonical text ({lengths[row['transcript']]} characters); rerun the codes step",
            path=f"transcript {row['transcript']}",
            offset=int(row["start"]),
        )
    empty = spans["end"] == spans["start"]
    if empty.any():
        log.warning(
            "%d empty coded span(s) carry no text and are left out of unitized alpha", int(empty.sum())
        )
    return spans.loc[~empty].reset_index(drop=True)


def seen_transcripts(coder_transcripts: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """``coder, transcript``: who saw which transcript, with any pair that coded one counted as seen."""
    seen = coder_transcripts[["coder", "transcript"]].drop_duplicates()
    coded = spans[["coder", "transcript"]].drop_duplicates()
    extra = coded.merge(seen, how="left", indicator=True).query("_merge == 'left_only'")
    if len(extra):
        log.warning(
            "%d coder/transcript pair(s) have codings but are not in coder_transcripts; counted as seen "
            "(e.g. %s on %s)",
            len(extra),
            extra["coder"].iloc[0],
            extra["transcript"].iloc[0],
        )
        seen = pd.concat([seen, extra[["coder", "transcript"]]], ignore_index=True)
    return seen.sort_values(["transcript", "coder"]).reset_index(drop=True)


def unitized_table(
    codings: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    lengths: Mapping[str, int],
    codebook: pd.DataFrame,
) -> pd.DataFrame:
    """Unitizing reliability on the raw spans: the codebook, each theme and each code.

    Parameters
    ----------
    codings
        Columns ``coder, transcript, code, start, end``.
    coder_transcripts
        Columns ``coder, transcript``.
    lengths
        Transcript -> length of its canonical text (code points).
    codebook
        Columns ``code, theme, label``, in codebook order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`UNITIZED_COLUMNS`: one codebook row (u-alpha, |u-alpha and the all-category alpha_U),
        then a row per theme and per code (alpha_U, and the 2016 binary coefficient of that category).
    """
    spans = checked_spans(codings, lengths, set(codebook["code"]))
    seen = seen_transcripts(coder_transcripts, spans)
    pairable = seen.groupby("transcript")["coder"].transform("size") >= 2
    n_coders = int(seen.loc[pairable, "coder"].nunique())
    n_transcripts = int(seen.loc[pairable, "transcript"].nunique())
    pairable_length = float(sum(lengths[t] for t in seen.loc[pairable, "transcript"]))
    labels = dict(zip(codebook["code"], codebook["label"], strict=True))
    theme_of = dict(zip(codebook["code"], codebook["theme"], strict=True))
    themes = list(dict.fromkeys(codebook["theme"]))

    def category(subset: pd.DataFrame, scope: str, name: str, label: str) -> dict:
        result = alpha_u(continua_from_spans(subset, seen, lengths, labelled=False))
        family = u_alpha(continua_from_spans(subset.assign(code=name), seen, lengths, labelled=True))
        return {
            "scope": scope,
            "code": name,
            "label": label,
            "alpha_U": result.alpha,
            "observed_disagreement": result.observed,
            "expected_disagreement": result.expected,
            "u_alpha": family.u_alpha,
            "bar_u_alpha": family.bar_u_alpha,
            "n_spans": result.n_units,
            "n_coders": n_coders,
            "n_transcripts": n_transcripts,
            "pairable_length": pairable_length,
        }

    code_rows = [
        category(spans.loc[spans["code"] == code], "code", code, labels[code]) for code in codebook["code"]
    ]
    theme_rows = [
        category(spans.loc[spans["code"].map(theme_of) == theme], "theme", theme, theme) for theme in themes
    ]
    family = u_alpha(continua_from_spans(spans, seen, lengths, labelled=True))
    observed = sum(r["observed_disagreement"] for r in code_rows if np.isfinite(r["expected_disagreement"]))
    expected = sum(r["expected_disagreement"] for r in code_rows if np.isfinite(r["expected_disagreement"]))
    overall = {
        "scope": "codebook",
        "code": ALL_CODES,
        "label": "All codes",
        "alpha_U": 1.0 - observed / expected if expected > 0 else float("nan"),
        "observed_disagreement": observed,
        "expected_disagreement": expected,
        "u_alpha": family.u_alpha,
        "bar_u_alpha": family.bar_u_alpha,
        "n_spans": int(sum(r["n_spans"] for r in code_rows)),
        "n_coders": n_coders,
        "n_transcripts": n_transcripts,
        "pairable_length": pairable_length,
    }
    return pd.DataFrame([overall, *theme_rows, *code_rows], columns=UNITIZED_COLUMNS)
