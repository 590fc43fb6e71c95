"""Reliability per code and theme: every coefficient with its intervals (``alpha.csv``, ``coefficients.csv``).

Units are segments. A coder who saw a segment's transcript gives every codebook code the value 1
(applied) or 0; a coder who never saw it gives no value (missing, not 0). A theme is applied when any of
its codes is. Each code's data (:class:`~thematica.reliability.coefficients.UnitData`) go through every
coefficient of the registry the settings name, and always through alpha, whose table ``alpha.csv`` adds
``q = P(alpha < alpha_min)``, pairwise percent agreement, the prevalence and a low-prevalence warning.

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

from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from thematica.reliability.bootstrap import confidence_interval, q_below, rng_for
from thematica.reliability.coefficients import ALPHA, Coefficient, Interval, UnitData, _coincidences
from thematica.reliability.settings import ReliabilitySettings


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


def unit_data(
    values: pd.DataFrame, order: list[str], transcript_of: Mapping[str, str]
) -> dict[str, UnitData]:
    """Each code's reliability data: coders x segments (segment order), transcripts as clusters.

    Parameters
    ----------
    values
        Columns ``segment_id, coder, code, applied``.
    order
        The codes (a code without values gets empty data).
    transcript_of
        Segment -> transcript.
    """
    wide = values.pivot_table(index=["code", "segment_id"], columns="coder", values="applied", aggfunc="max")
    coders = tuple(str(c) for c in wide.columns)
    transcripts = sorted({transcript_of[s] for s in wide.index.get_level_values("segment_id")})
    index = {t: i for i, t in enumerate(transcripts)}
    data = {}
    for code, frame in wide.groupby(level="code", sort=False):
        segments = frame.index.get_level_values("segment_id")
        clusters = np.array([index[transcript_of[s]] for s in segments], dtype=np.int64)
        data[code] = UnitData(frame.to_numpy(dtype=float).T, coders, clusters)
    empty = UnitData(np.zeros((len(coders), 0)), coders, np.zeros(0, dtype=np.int64))
    return {code: data.get(code, empty) for code in order}


def _key(coefficient: Coefficient, level: str, code: str, pair: tuple[str, str] | None = None) -> str:
    """The generator key of a bootstrap; alpha keeps the key of ``alpha.csv``'s first release."""
    key = f"{level}:{code}" if coefficient is ALPHA else f"{coefficient.name}:{level}:{code}"
    return key if pair is None else f"{key}:{pair[0]}|{pair[1]}"


def evaluate(
    coefficient: Coefficient,
    data: UnitData,
    settings: ReliabilitySettings,
    *,
    level: str,
    code: str,
    pair: tuple[str, str] | None = None,
) -> Interval:
    """One coefficient of one code (or coder pair) with both bootstraps, seeded from the settings."""
    key = _key(coefficient, level, code, pair)
    return coefficient.evaluate(
        data,
        n_boot=settings.n_bootstrap,
        rng=rng_for(settings.seed, key),
        cluster_rng=rng_for(settings.seed, f"{key}:transcripts"),
        draws_rule=settings.bootstrap_draws,
    )


def alpha_rows(
    data: Mapping[str, UnitData],
    intervals: Mapping[str, Interval],
    *,
    level: str,
    labels: Mapping[str, str],
    themes: Mapping[str, str],
    settings: ReliabilitySettings,
) -> list[dict]:
    """Rows of ``alpha.csv`` for one level, from alpha's intervals (``unitized_alpha`` filled in later)."""
    rows = []
    for code, result in intervals.items():
        own = data[code]
        m_u, k_u = own.m_u, own.k_u
        o = _coincidences(result.totals)
        n = float(o.sum())
        value = result.estimate
        keep = m_u >= 2
        low, high = confidence_interval(result.replicates, settings.ci_level)
        cluster_low, cluster_high = confidence_interval(result.cluster_replicates, settings.ci_level)
        prevalence = (o[1, 1] + o[1, 0]) / n if n > 0 else float("nan")
        n_units = int(keep.sum())
        with_code = int((keep & (k_u >= 1)).sum())
        needed = minimum_units(prevalence, settings.alpha_min, settings.warn_significance)
        rows.append(
            {
                "code": code,
                "level": level,
                "label": labels.get(code, code),
                "theme": themes.get(code, code),
                "alpha": value,
                "ci_low": low,
                "ci_high": high,
                "q_below_min": q_below(result.replicates, settings.alpha_min),
                "alpha_min": settings.alpha_min,
                "ci_low_transcripts": cluster_low,
                "ci_high_transcripts": cluster_high,
                "n_units": n_units,
                "n_coders": own.n_coders,
                "n_values": n,
                "pct_agree": 100.0 * (o[0, 0] + o[1, 1]) / n if n > 0 else float("nan"),
                "prevalence": prevalence,
                "n_units_with_code": with_code,
                "min_units_required": needed,
                "low_prevalence_warning": bool(
                    np.isnan(value) or n_units < needed or with_code < settings.min_units_with_code
                ),
                "bootstrap_pairs": result.draws if settings.n_bootstrap > 0 else 0,
            }
        )
    return rows


def _row(
    coefficient: Coefficient,
    result: Interval,
    data: UnitData,
    settings: ReliabilitySettings,
    common: dict,
    *,
    pair: tuple[str, str] | None,
    note: str,
) -> dict:
    low, high = confidence_interval(result.replicates, settings.ci_level)
    cluster_low, cluster_high = confidence_interval(result.cluster_replicates, settings.ci_level)
    return {
        **common,
        "coefficient": coefficient.name,
        "coder_a": pair[0] if pair else None,
        "coder_b": pair[1] if pair else None,
        "estimate": result.estimate,
        "ci_low": low,
        "ci_high": high,
        "ci_low_transcripts": cluster_low,
        "ci_high_transcripts": cluster_high,
        "n_units": data.n_units,
        "n_coders": data.n_coders,
        "note": note,
    }


def coefficient_rows(
    data: Mapping[str, UnitData],
    computed: Mapping[tuple[str, str], Interval],
    *,
    level: str,
    labels: Mapping[str, str],
    themes: Mapping[str, str],
    coefficients: tuple[Coefficient, ...],
    settings: ReliabilitySettings,
) -> list[dict]:
    """Rows of ``coefficients.csv`` for one level: each code's coefficients, and coder pairs where one
    takes two coders and the study has more (Cohen's kappa: then the all-coder row is Light's kappa).

    Parameters
    ----------
    data
        Code -> its reliability data, in table order.
    computed
        ``(coefficient name, code) -> Interval`` already evaluated (alpha's, reused); the rest are
        evaluated here.
    """
    rows = []
    for code, own in data.items():
        common = {
            "level": level,
            "code": code,
            "label": labels.get(code, code),
            "theme": themes.get(code, code),
        }
        for coefficient in coefficients:
            result = computed.get((coefficient.name, code)) or evaluate(
                coefficient, own, settings, level=level, code=code
            )
            pairs = own.pairs() if coefficient.coders == "two" else []
            note = coefficient.note
            if len(pairs) > 1:
                note = (
                    f"mean of the {len(pairs)} coder pairs' {coefficient.label} (Light 1971; each pair in "
                    f"the rows naming coder_a and coder_b), each {coefficient.note}"
                )
            rows.append(_row(coefficient, result, own, settings, common, pair=None, note=note))
            if len(pairs) > 1:
                for a, b in pairs:
                    names = (own.coders[a], own.coders[b])
                    sub = own.pair(a, b)
                    one = evaluate(coefficient, sub, settings, level=level, code=code, pair=names)
                    rows.append(
                        _row(coefficient, one, sub, settings, common, pair=names, note=coefficient.note)
                    )
    return rows
