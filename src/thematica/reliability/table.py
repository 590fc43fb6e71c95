"""Tidy reliability tables of a study: per code and theme, per coder pair, and for unitizing.

Units are segments. A coder who saw a segment's transcript gives every codebook code the value 1
(applied) or 0; a coder who never saw it gives no value (missing, not 0). A theme is applied when any of
its codes is. For each code and theme this module reports binary nominal Krippendorff's alpha with a
bootstrap confidence interval and ``q = P(alpha < alpha_min)`` (Krippendorff's algorithm), a second
interval from resampling whole transcripts (robust to errors that span consecutive segments; see
:mod:`~thematica.reliability.bootstrap`), pairwise percent agreement, the number of
pairable units and coders, the prevalence, a low-prevalence warning, and alpha_U on the raw spans.

Low-prevalence warning
----------------------
Alpha of a rarely applied code rests on few disagreements and is unstable. Krippendorff (2004, 2019)
gives the smallest number of units for which a binary alpha can be expected to exceed ``alpha_min`` at
significance level ``s`` when the rarer value has probability ``p`` (after Bloch & Kraemer 1989, eq. 3.7):

.. math::

    N_{min} = z_{1-s}^2 \\left(\\frac{(1 + \\alpha_{min})(3 - \\alpha_{min})}
              {4\\,p\\,(1 - p)\\,(1 - \\alpha_{min})} - \\alpha_{min}\\right)

(with ``p = 1/4``, ``alpha_min = .800``, ``s = .05`` and two coders this is the 139 codings of
ATLAS.ti's table). A code is flagged when its pairable units are fewer than ``N_min`` at its observed
prevalence, when fewer than ``min_units_with_code`` pairable units carry it for any coder, or when alpha
is undefined (nobody, or everybody, applied it).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError
from thematica.reliability.alpha import binary_alpha
from thematica.reliability.bootstrap import (
    DrawsRule,
    bootstrap_alpha,
    bootstrap_draws,
    cluster_bootstrap_alpha,
    confidence_interval,
    q_below,
    rng_for,
)
from thematica.reliability.coincidence import binary_coincidences
from thematica.reliability.unitized import alpha_u, continua_from_spans, u_alpha

log = logging.getLogger(__name__)

ALPHA_COLUMNS = [
    "code",
    "level",
    "label",
    "theme",
    "alpha",
    "ci_low",
    "ci_high",
    "q_below_min",
    "alpha_min",
    "ci_low_transcripts",
    "ci_high_transcripts",
    "n_units",
    "n_coders",
    "n_values",
    "pct_agree",
    "prevalence",
    "n_units_with_code",
    "min_units_required",
    "low_prevalence_warning",
    "unitized_alpha",
    "bootstrap_pairs",
]
PAIR_COLUMNS = [
    "coder_a",
    "coder_b",
    "code",
    "level",
    "label",
    "n_units",
    "n_both",
    "n_a_only",
    "n_b_only",
    "n_neither",
    "pct_agree",
    "prevalence",
    "alpha",
]
UNITIZED_COLUMNS = [
    "scope",
    "code",
    "label",
    "alpha_U",
    "observed_disagreement",
    "expected_disagreement",
    "u_alpha",
    "bar_u_alpha",
    "n_spans",
    "n_coders",
    "n_transcripts",
    "pairable_length",
]
#: ``code`` of the codebook-level row of ``unitized.csv``.
ALL_CODES = "(all codes)"


@dataclass(frozen=True)
class ReliabilityTables:
    """The three reliability tables of a study (see :func:`reliability_tables`)."""

    alpha: pd.DataFrame
    pairs: pd.DataFrame
    unitized: pd.DataFrame


def minimum_units(prevalence: float, alpha_min: float, significance: float) -> float:
    """Smallest number of pairable units for a stable binary alpha (Bloch & Kraemer 1989; Krippendorff 2004).

    Parameters
    ----------
    prevalence
        Share of pairable values that are 1 (either value's share gives the same result).
    alpha_min
        Smallest acceptable alpha.
    significance
        One-sided significance level.

    Returns
    -------
    float
        ``inf`` when the prevalence is 0 or 1.

    Examples
    --------
    ATLAS.ti's table for two coders and ``p = .25`` (``s = .05``): 139 codings at ``alpha_min = .800``, 81
    at ``.667``; codings are units x 2 coders:

    >>> int(np.ceil(2 * minimum_units(0.25, 0.800, 0.05))), int(np.ceil(2 * minimum_units(0.25, 0.667, 0.05)))
    (139, 81)
    """
    p = float(prevalence)
    if not 0.0 < p < 1.0:
        return float("inf")
    z = NormalDist().inv_cdf(1.0 - significance)
    a = float(alpha_min)
    return z**2 * ((1.0 + a) * (3.0 - a) / (4.0 * p * (1.0 - p) * (1.0 - a)) - a)


def theme_values(segment_codes: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Lift codes to themes per coder: a theme is applied to a segment when any of its codes is.

    Parameters
    ----------
    segment_codes
        Columns ``segment_id, coder, code, applied``.
    codebook
        Columns ``code, theme``.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment_id, coder, code, applied`` with theme ids in ``code``.
    """
    merged = segment_codes.merge(codebook[["code", "theme"]], on="code", how="left", validate="many_to_one")
    lifted = merged.groupby(["theme", "segment_id", "coder"], sort=True)["applied"].max().reset_index()
    return lifted.rename(columns={"theme": "code"})[["segment_id", "coder", "code", "applied"]]


def _unit_totals(values: pd.DataFrame, transcript_of: Mapping[str, str]) -> pd.DataFrame:
    """Per code and segment: values ``m`` (coders who saw it), ones ``k`` and the segment's transcript."""
    totals = (
        values.groupby(["code", "segment_id"], sort=True)["applied"].agg(m="count", k="sum").reset_index()
    )
    return totals.assign(transcript=totals["segment_id"].map(transcript_of))


def _level_rows(
    values: pd.DataFrame,
    order: list[str],
    *,
    level: str,
    labels: Mapping[str, str],
    themes: Mapping[str, str],
    transcript_of: Mapping[str, str],
    settings: dict,
) -> list[dict]:
    totals = _unit_totals(values, transcript_of)
    pairable = values.merge(
        totals.loc[totals["m"] >= 2, ["code", "segment_id"]], on=["code", "segment_id"], how="inner"
    )
    coders = pairable.groupby("code")["coder"].nunique().to_dict()
    rows = []
    for code in order:
        own = totals.loc[totals["code"] == code]
        m_u = own["m"].to_numpy(dtype=float)
        k_u = own["k"].to_numpy(dtype=float)
        o = binary_coincidences(m_u, k_u)
        n = float(o.sum())
        value = float(binary_alpha(o))
        keep = m_u >= 2
        n_coders = int(coders.get(code, 0))
        draws = bootstrap_draws(o, n_coders=n_coders, rule=settings["draws_rule"])
        replicates = bootstrap_alpha(
            o,
            1.0 - np.eye(2),
            draws=draws,
            n_boot=settings["n_bootstrap"],
            rng=rng_for(settings["seed"], f"{level}:{code}"),
        )
        low, high = confidence_interval(replicates, settings["ci_level"])
        by_transcript = np.stack(
            [binary_coincidences(g["m"].to_numpy(), g["k"].to_numpy()) for _, g in own.groupby("transcript")]
            or [np.zeros((2, 2))]
        )
        clustered = cluster_bootstrap_alpha(
            by_transcript,
            1.0 - np.eye(2),
            n_boot=settings["n_bootstrap"],
            rng=rng_for(settings["seed"], f"{level}:{code}:transcripts"),
        )
        cluster_low, cluster_high = confidence_interval(clustered, settings["ci_level"])
        prevalence = (o[1, 1] + o[1, 0]) / n if n > 0 else float("nan")
        n_units = int(keep.sum())
        with_code = int((keep & (k_u >= 1)).sum())
        needed = minimum_units(prevalence, settings["alpha_min"], settings["warn_significance"])
        rows.append(
            {
                "code": code,
                "level": level,
                "label": labels.get(code, code),
                "theme": themes.get(code, code),
                "alpha": value,
                "ci_low": low,
                "ci_high": high,
                "q_below_min": q_below(replicates, settings["alpha_min"]),
                "alpha_min": settings["alpha_min"],
                "ci_low_transcripts": cluster_low,
                "ci_high_transcripts": cluster_high,
                "n_units": n_units,
                "n_coders": n_coders,
                "n_values": n,
                "pct_agree": 100.0 * (o[0, 0] + o[1, 1]) / n if n > 0 else float("nan"),
                "prevalence": prevalence,
                "n_units_with_code": with_code,
                "min_units_required": needed,
                "low_prevalence_warning": bool(
                    np.isnan(value) or n_units < needed or with_code < settings["min_units_with_code"]
                ),
                "bootstrap_pairs": draws if settings["n_bootstrap"] > 0 else 0,
            }
        )
    return rows


def _pair_rows(
    values: pd.DataFrame, order: list[str], *, level: str, labels: Mapping[str, str]
) -> list[dict]:
    wide = values.pivot_table(index=["code", "segment_id"], columns="coder", values="applied", aggfunc="max")
    rows = []
    for a, b in itertools.combinations(sorted(wide.columns), 2):
        both = wide[[a, b]].dropna()
        both = both.assign(x=both[a].astype(int), y=both[b].astype(int))
        counts = both.groupby(level="code")[["x", "y"]].apply(
            lambda t: pd.Series(
                {
                    "n_units": len(t),
                    "n_both": int(((t["x"] == 1) & (t["y"] == 1)).sum()),
                    "n_a_only": int(((t["x"] == 1) & (t["y"] == 0)).sum()),
                    "n_b_only": int(((t["x"] == 0) & (t["y"] == 1)).sum()),
                    "n_neither": int(((t["x"] == 0) & (t["y"] == 0)).sum()),
                }
            )
        )
        for code in order:
            if code not in counts.index:
                continue
            c = counts.loc[code]
            units = int(c["n_units"])
            if units == 0:
                continue
            o01 = float(c["n_a_only"] + c["n_b_only"])
            o = np.array([[2.0 * c["n_neither"], o01], [o01, 2.0 * c["n_both"]]])
            rows.append(
                {
                    "coder_a": a,
                    "coder_b": b,
                    "code": code,
                    "level": level,
                    "label": labels.get(code, code),
                    "n_units": units,
                    "n_both": int(c["n_both"]),
                    "n_a_only": int(c["n_a_only"]),
                    "n_b_only": int(c["n_b_only"]),
                    "n_neither": int(c["n_neither"]),
                    "pct_agree": 100.0 * (c["n_both"] + c["n_neither"]) / units,
                    "prevalence": (2.0 * c["n_both"] + o01) / (2.0 * units),
                    "alpha": float(binary_alpha(o)),
                }
            )
    return rows


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


def _checked_spans(codings: pd.DataFrame, lengths: Mapping[str, int], codebook_codes: set) -> pd.DataFrame:
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


def _seen(coder_transcripts: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
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
    spans = _checked_spans(codings, lengths, set(codebook["code"]))
    seen = _seen(coder_transcripts, spans)
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


def reliability_tables(
    segment_codes: pd.DataFrame,
    codings: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    codebook: pd.DataFrame,
    texts: Mapping[str, str | Path] | list[str | Path],
    *,
    segments: pd.DataFrame,
    seed: int,
    alpha_min: float = 0.667,
    n_bootstrap: int = 10_000,
    ci_level: float = 0.95,
    bootstrap_draws: DrawsRule = "pairings",
    warn_significance: float = 0.05,
    min_units_with_code: int = 20,
) -> ReliabilityTables:
    """Krippendorff's alpha per code and theme, per coder pair, and unitized alpha for a study.

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
    seed
        The config's seed; each code's bootstrap draws from its own generator seeded by it and the code name.
    alpha_min
        Smallest acceptable alpha: ``q_below_min = P(alpha < alpha_min)``.
    n_bootstrap
        Bootstrap replicates (0: no interval).
    ci_level
        Confidence level of the interval.
    bootstrap_draws
        ``"pairings"``, ``"values"`` or ``"kalpha"``: pairs of values drawn per replicate
        (:mod:`~thematica.reliability.bootstrap`).
    warn_significance, min_units_with_code
        The low-prevalence rule (module docstring).

    Returns
    -------
    ReliabilityTables
        ``alpha`` (:data:`ALPHA_COLUMNS`), ``pairs`` (:data:`PAIR_COLUMNS`), ``unitized``
        (:data:`UNITIZED_COLUMNS`).
    """
    from thematica.release import text_lengths

    _check_inputs(segment_codes, codings, coder_transcripts, codebook)
    lengths = text_lengths(texts)
    settings = {
        "seed": int(seed),
        "alpha_min": float(alpha_min),
        "n_bootstrap": int(n_bootstrap),
        "ci_level": float(ci_level),
        "draws_rule": bootstrap_draws,
        "warn_significance": float(warn_significance),
        "min_units_with_code": int(min_units_with_code),
    }
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
    common = {"transcript_of": transcript_of, "settings": settings}
    rows = _level_rows(values, codes, level="code", labels=labels, themes=theme_of, **common)
    rows += _level_rows(lifted, themes, level="theme", labels={}, themes={}, **common)
    unitized = unitized_table(codings, coder_transcripts, lengths, codebook)
    by_name = unitized.loc[unitized["scope"] != "codebook"].set_index(["scope", "code"])["alpha_U"]
    for row in rows:
        row["unitized_alpha"] = float(by_name.get((row["level"], row["code"]), np.nan))
    alpha = pd.DataFrame(rows, columns=ALPHA_COLUMNS)
    pairs = pd.DataFrame(
        _pair_rows(values, codes, level="code", labels=labels)
        + _pair_rows(lifted, themes, level="theme", labels={}),
        columns=PAIR_COLUMNS,
    )
    pairs = pairs.sort_values(["coder_a", "coder_b"], kind="stable").reset_index(drop=True)
    flagged = alpha.loc[alpha["low_prevalence_warning"], "code"].tolist()
    log.info(
        "reliability: %d codes and %d themes, %d coder pair row(s); low-prevalence warning for %s",
        len(codes),
        len(themes),
        len(pairs),
        ", ".join(flagged) if flagged else "none",
    )
    return ReliabilityTables(alpha=alpha, pairs=pairs, unitized=unitized)
