"""The reliability stage's entry: a study's reliability tables from its codes, segments and texts.

:func:`reliability_tables` (called by ``workflow/scripts/reliability.py``) writes four tables:

- ``alpha.csv``: binary nominal Krippendorff's alpha per code and theme with Krippendorff's bootstrap
  interval, ``q = P(alpha < alpha_min)``, a second interval from resampling whole transcripts (robust to
  errors that span consecutive segments), pairwise percent agreement, pairable units and coders,
  prevalence, a low-prevalence warning (:mod:`~thematica.reliability.per_code`) and alpha_U on the raw spans;
- ``coefficients.csv``: every coefficient the settings name (alpha, Cohen's, Fleiss' kappa, Gwet's AC1;
  :mod:`~thematica.reliability.coefficients`) per code and theme, long, with both intervals;
- ``pairs.csv``: per coder pair (:mod:`~thematica.reliability.pairs`);
- ``unitized.csv``: unitizing alpha on the raw spans (:mod:`~thematica.reliability.spans`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.reliability.coefficients import ALPHA, get_coefficients
from thematica.reliability.columns import (
    ALPHA_COLUMNS,
    COEFFICIENT_COLUMNS,
    PAIR_COLUMNS,
)
from thematica.reliability.note import no_pairs_note, note_tables
from thematica.reliability.pairs import pair_rows
from thematica.reliability.per_code import (
    alpha_rows,
    coefficient_rows,
    evaluate,
    theme_values,
    unit_data,
)
from thematica.reliability.settings import ReliabilitySettings
from thematica.reliability.spans import checked_spans, text_lengths, unitized_table

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReliabilityTables:
    """The reliability tables of a study (see :func:`reliability_tables`)."""

    alpha: pd.DataFrame
    pairs: pd.DataFrame
    unitized: pd.DataFrame
    coefficients: pd.DataFrame


def _check_inputs(
    segment_codes: pd.DataFrame,
    codings: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    codebook: pd.DataFrame,
) -> None:
    for name, table, columns in (
        ("segment_codes", segment_codes, ["segment_id", "coder", "code", "applied"]),
        ("codings", codings, ["coder", "transcript", "code", "start", "end"]),
        ("coder_transcripts", coder_transcripts, ["coder", "transcript"]),
        ("codebook", codebook, ["code", "theme", "label"]),
    ):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ThematicaError(
                f"the {name} table lacks column(s) {', '.join(missing)}; rerun the codes step"
            )
    unknown = sorted(set(segment_codes["code"]) - set(codebook["code"]))
    if unknown:
        raise ThematicaError(
            f"segment_codes holds code(s) not in the codebook: {', '.join(map(repr, unknown[:5]))}; "
            "add them to the codebook or rerun the codes step"
        )
    bad = ~segment_codes["applied"].isin([0, 1])
    if bad.any():
        raise ThematicaError(
            f"segment_codes.applied must be 0 or 1, found {segment_codes.loc[bad, 'applied'].iloc[0]!r}"
        )


def reliability_tables(
    segment_codes: pd.DataFrame,
    codings: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    codebook: pd.DataFrame,
    texts: Mapping[str, str | Path] | list[str | Path],
    *,
    segments: pd.DataFrame,
    settings: ReliabilitySettings,
) -> ReliabilityTables:
    """Alpha and the other coefficients per code and theme, per coder pair, and unitized alpha for a study.

    Parameters
    ----------
    segment_codes
        Columns ``segment_id, coder, code, applied`` (one row per segment a coder saw x codebook code).
    codings
        Raw spans: ``coder, transcript, code, start, end``.
    coder_transcripts
        ``coder, transcript``: who saw which transcript.
    codebook
        ``code, theme, label`` in codebook order.
    texts
        The canonical texts (``data/processed/<s>/text/<t>.txt``), as transcript -> path or a list of paths
        named ``<transcript>.txt``; only their lengths are used, so a release bundle's
        ``transcript_lengths.csv`` (``transcript, length``) may stand in for them.
    segments
        ``segment_id, transcript`` (``segments.parquet``): the clusters of the transcript bootstrap.
    settings
        Seed, bootstrap, warning rule and coefficients (:class:`ReliabilitySettings`, built once from the
        config with :meth:`ReliabilitySettings.from_config`).

    Returns
    -------
    ReliabilityTables
        ``alpha`` (:data:`~thematica.reliability.columns.ALPHA_COLUMNS`), ``pairs`` (``PAIR_COLUMNS``),
        ``unitized`` (``UNITIZED_COLUMNS``) and ``coefficients`` (``COEFFICIENT_COLUMNS``).
    """
    _check_inputs(segment_codes, codings, coder_transcripts, codebook)
    lengths = text_lengths(texts)
    coders = {*segment_codes["coder"], *codings["coder"], *coder_transcripts["coder"]}
    note = no_pairs_note(segment_codes, coders)
    if note is not None:
        log.warning("%s: the reliability tables and figures say so instead of reporting coefficients", note)
        spans = checked_spans(codings, lengths, set(codebook["code"]))
        alpha, pairs, unitized, long = note_tables(
            note, n_coders=len(coders), n_spans=len(spans), alpha_min=settings.alpha_min
        )
        return ReliabilityTables(alpha=alpha, pairs=pairs, unitized=unitized, coefficients=long)
    coefficients = get_coefficients(settings.coefficients)
    codes = list(codebook["code"])
    themes = list(dict.fromkeys(codebook["theme"]))
    labels = dict(zip(codebook["code"], codebook["label"], strict=True))
    theme_of = dict(zip(codebook["code"], codebook["theme"], strict=True))
    values = segment_codes[["segment_id", "coder", "code", "applied"]].astype({"applied": "int64"})
    lifted = theme_values(values, codebook)
    transcript_of = dict(zip(segments["segment_id"], segments["transcript"], strict=True))
    unknown = sorted(set(values["segment_id"]) - set(transcript_of))
    if unknown:
        raise ThematicaError(
            f"segment_codes holds segment(s) not in segments.parquet, e.g. {unknown[0]!r}; "
            "rerun the codes step"
        )
    rows, long_rows = [], []
    for level, table, order, level_labels, level_themes in (
        ("code", values, codes, labels, theme_of),
        ("theme", lifted, themes, {}, {}),
    ):
        data = unit_data(table, order, transcript_of)
        alphas = {code: evaluate(ALPHA, data[code], settings, level=level, code=code) for code in order}
        common = {"level": level, "labels": level_labels, "themes": level_themes, "settings": settings}
        rows += alpha_rows(data, alphas, **common)
        computed = {(ALPHA.name, code): result for code, result in alphas.items()}
        long_rows += coefficient_rows(data, computed, coefficients=coefficients, **common)
    unitized = unitized_table(codings, coder_transcripts, lengths, codebook)
    by_name = unitized.loc[unitized["scope"] != "codebook"].set_index(["scope", "code"])["alpha_U"]
    for row in rows:
        row["unitized_alpha"] = float(by_name.get((row["level"], row["code"]), np.nan))
    alpha = pd.DataFrame(rows, columns=ALPHA_COLUMNS)
    pairs = pd.DataFrame(
        pair_rows(values, codes, level="code", labels=labels)
        + pair_rows(lifted, themes, level="theme", labels={}),
        columns=PAIR_COLUMNS,
    )
    pairs = pairs.sort_values(["coder_a", "coder_b"], kind="stable").reset_index(drop=True)
    flagged = alpha.loc[alpha["low_prevalence_warning"], "code"].tolist()
    log.info(
        "reliability: %d codes and %d themes, %d coder pair row(s), coefficients %s; "
        "low-prevalence warning for %s",
        len(codes),
        len(themes),
        len(pairs),
        ", ".join(c.name for c in coefficients),
        ", ".join(flagged) if flagged else "none",
    )
    return ReliabilityTables(
        alpha=alpha,
        pairs=pairs,
        unitized=unitized,
        coefficients=pd.DataFrame(long_rows, columns=COEFFICIENT_COLUMNS),
    )
