"""The saturation stage: curves, Guest saturation and coverage for every source, level and group.

A *source* is the consensus coding or one coder; a *level* is ``code`` or ``theme`` (parent code); a
*group* is ``all`` (every interview) or one of the study's two groups. Each combination gets

- a curve (``curve.csv``): one row per interview in interview order — new codes (and their names),
  cumulative codes, the exact random-order mean, the permutation band, and the new-information share of
  the Guest run that follows the interview;
- a summary row (``summary.csv``): Guest saturation in interview order and across permutations,
  Chao2 richness, sample coverage, and the further interviews needed for each coverage target;
- an extrapolation curve (``extrapolation.csv``): iNEXT-style richness and coverage for 1..endpoint
  interviews with bootstrap intervals.

The settings arrive as one :class:`~thematica.saturation.settings.SaturationSettings`, built once from
the config's ``saturation`` section. Random steps draw from
``numpy.random.default_rng([seed, crc32(source|level|group), k])``, so each combination's permutations and
bootstrap replicates are fixed by the config's seed alone.
"""

from __future__ import annotations

import logging
import math
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.saturation.accumulation import (
    accumulation,
    band,
    expected_accumulation,
    first_appearance,
    permutation_curves,
)
from thematica.saturation.extrapolation import coverage_analysis
from thematica.saturation.guest import guest_saturation, run_shares, saturation_points
from thematica.saturation.incidence import (
    CONSENSUS,
    coder_incidence,
    interview_order,
    participant_incidence,
    theme_incidence,
)
from thematica.saturation.settings import SaturationSettings

log = logging.getLogger(__name__)

ALL = "all"

CURVE_COLUMNS = [
    "source",
    "level",
    "group",
    "order",
    "participant_id",
    "new",
    "new_codes",
    "cumulative",
    "expected",
    "band_low",
    "band_high",
    "run_new_share",
]
EXTRAPOLATION_COLUMNS = [
    "source",
    "level",
    "group",
    "t",
    "method",
    "richness",
    "richness_low",
    "richness_high",
    "coverage",
    "coverage_low",
    "coverage_high",
]


@dataclass(frozen=True)
class SaturationTables:
    """The three tables of the saturation stage (see the module docstring)."""

    curve: pd.DataFrame
    summary: pd.DataFrame
    extrapolation: pd.DataFrame


def target_label(target: float) -> str:
    """Column suffix of a coverage target: 0.9 -> '90', 0.975 -> '97.5'.

    Examples
    --------
    >>> target_label(0.9), target_label(0.975)
    ('90', '97.5')
    """
    return f"{round(target * 100, 6):g}"


def analyse_matrix(
    matrix: pd.DataFrame,
    settings: SaturationSettings | None = None,
    *,
    rng_key: tuple[int, ...] = (0,),
) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    """Curve, summary and extrapolation of one incidence matrix.

    Parameters
    ----------
    matrix
        0/1 DataFrame, shape (n_codes, n_interviews): index the codes (or themes), columns the
        participant ids in interview order.
    settings
        Guest et al. (2020) parameters, permutations, interval, coverage targets, bootstrap replicates
        and the extrapolation factor (``order_column``, ``levels`` and ``coders`` are not used here);
        None takes the defaults.
    rng_key
        Entropy for ``numpy.random.default_rng``; permutations use ``rng_key + (0,)``, the bootstrap
        ``rng_key + (1,)``.

    Returns
    -------
    curve : pandas.DataFrame
        One row per interview (columns ``order`` .. ``run_new_share`` of :data:`CURVE_COLUMNS`).
    summary : dict
        One summary row (without source, level, group).
    extrapolation : pandas.DataFrame
        One row per sample size t = 1..endpoint.
    """
    settings = settings or SaturationSettings()
    base_size, run_length, threshold = settings.base_size, settings.run_length, settings.threshold
    n_permutations, interval = settings.n_permutations, settings.interval
    values = matrix.to_numpy(dtype=np.int8)
    codes = np.asarray(matrix.index.astype(str))
    n = values.shape[1]
    new, cumulative = accumulation(values)
    first = first_appearance(values)
    names = ["; ".join(sorted(codes[first == i])) for i in range(n)]
    expected = expected_accumulation(values.sum(axis=1), n)
    perms = permutation_curves(values, n_permutations, np.random.default_rng([*rng_key, 0]))
    low, high = band(perms, interval)
    shares = run_shares(cumulative, base_size, run_length)
    curve = pd.DataFrame(
        {
            "order": np.arange(1, n + 1),
            "participant_id": list(matrix.columns.astype(str)),
            "new": new,
            "new_codes": names,
            "cumulative": cumulative,
            "expected": expected,
            "band_low": low,
            "band_high": high,
            "run_new_share": shares,
        }
    )

    guest = guest_saturation(cumulative, base_size, run_length, threshold)
    points = saturation_points(perms, base_size, run_length, threshold) if n_permutations else np.zeros(0)
    reached = points[~np.isnan(points)]
    tail = (1 - interval) / 2
    summary = {
        "n_interviews": n,
        "n_codes": len(codes),
        "observed": int(cumulative[-1]) if n else 0,
        "guest_base_size": base_size,
        "guest_run_length": run_length,
        "guest_threshold": threshold,
        "guest_base_codes": guest.base_codes,
        "guest_saturation": guest.label,
        "guest_n": guest.n if guest.n is not None else np.nan,
        "guest_note": guest.note,
        "n_permutations": n_permutations,
        "perm_share_reached": len(reached) / n_permutations if n_permutations else np.nan,
        "perm_n_median": float(np.median(reached)) if len(reached) else np.nan,
        "perm_n_low": float(np.quantile(reached, tail)) if len(reached) else np.nan,
        "perm_n_high": float(np.quantile(reached, 1 - tail)) if len(reached) else np.nan,
    }

    endpoint = max(n, math.ceil(settings.extrapolation_factor * n))
    cov = coverage_analysis(
        values.sum(axis=1),
        n,
        targets=list(settings.coverage_targets),
        endpoint=endpoint,
        n_bootstrap=settings.n_bootstrap,
        rng=np.random.default_rng([*rng_key, 1]),
        conf=interval,
    )
    f = cov.frequencies
    summary.update(
        {
            "q1": f.Q1,
            "q2": f.Q2,
            "incidences": f.U,
            "chao2": cov.chao2.estimate,
            "chao2_se": cov.chao2.se,
            "chao2_low": cov.chao2.low,
            "chao2_high": cov.chao2.high,
            "coverage": cov.coverage,
            "coverage_low": cov.coverage_low,
            "coverage_high": cov.coverage_high,
            "n_bootstrap": cov.n_bootstrap,
        }
    )
    notes = [cov.note] if cov.note else []
    for row in cov.targets:
        label = target_label(row["target"])
        summary.update(
            {
                f"extra_interviews_{label}": row["extra"],
                f"extra_interviews_{label}_low": row["extra_low"],
                f"extra_interviews_{label}_high": row["extra_high"],
                f"codes_expected_{label}": row["codes"],
                f"codes_expected_{label}_low": row["codes_low"],
                f"codes_expected_{label}_high": row["codes_high"],
            }
        )
        if np.isinf(row["extra"]):
            notes.append(f"{label}% coverage is never reached by extrapolation")
        elif np.isfinite(row["extra"]) and row["extra"] > n:
            notes.append(
                f"{label}% coverage lies beyond double the sample; extrapolation is unreliable there"
            )
    summary["coverage_note"] = "; ".join(notes)

    t = cov.curve["t"]
    extrapolation = pd.DataFrame(cov.curve)
    extrapolation.insert(
        1, "method", np.where(t < n, "interpolated", np.where(t == n, "observed", "extrapolated"))
    )
    return curve, summary, extrapolation


def saturation_tables(
    *,
    consensus: pd.DataFrame,
    segment_codes: pd.DataFrame | None,
    codebook: pd.DataFrame,
    segments: pd.DataFrame,
    participants: pd.DataFrame,
    group_column: str,
    groups: list[str],
    settings: SaturationSettings | dict | None = None,
    seed: int = 0,
    participants_path: str | Path = "participants.csv",
) -> SaturationTables:
    """Saturation curves, Guest saturation and coverage for a study.

    Parameters
    ----------
    consensus
        ``consensus.parquet``: segment_id, code, applied.
    segment_codes
        ``segment_codes.parquet``: segment_id, coder, code, applied (per-coder results; None or
        ``settings.coders`` false skips them).
    codebook
        ``codebook.parquet``: code, theme, ...; its row order orders codes and themes.
    segments
        ``segments.parquet``: segment_id, participant_id, ...
    participants
        ``participants.csv`` (strings, file order).
    group_column, groups
        The participants.csv column with the group, and the study's groups in display order.
    settings
        The stage's settings (:class:`~thematica.saturation.settings.SaturationSettings`); a mapping is
        read as the config's ``saturation`` section, None takes the defaults.
    seed
        The config's seed.
    participants_path
        Named in error messages.

    Returns
    -------
    SaturationTables
    """
    if not isinstance(settings, SaturationSettings):
        settings = SaturationSettings.from_config(settings)
    order = interview_order(participants, settings.order_column, path=participants_path)
    group_of = dict(
        zip(participants["participant_id"].astype(str), participants[group_column].astype(str), strict=True)
    )
    codes = list(dict.fromkeys(codebook["code"].astype(str)))
    sources = {CONSENSUS: participant_incidence(consensus, segments, order, codes=codes)}
    if settings.coders and segment_codes is not None:
        sources.update(coder_incidence(segment_codes, segments, order, codes=codes))
    curves, summaries, extrapolations = [], [], []
    for source, matrix in sources.items():
        for level in settings.levels:
            by_level = matrix if level == "code" else theme_incidence(matrix, codebook)
            for group in [ALL, *groups]:
                cols = [p for p in by_level.columns if group == ALL or group_of[p] == group]
                key = f"{source}|{level}|{group}"
                curve, summary, extra = analyse_matrix(
                    by_level[cols], settings, rng_key=(int(seed), zlib.crc32(key.encode("utf-8")))
                )
                ids = {"source": source, "level": level, "group": group}
                curves.append(curve.assign(**ids))
                summaries.append({**ids, **summary})
                extrapolations.append(extra.assign(**ids))
                log.info(
                    "%s: %d interviews, %d codes, Guest %s, coverage %.3f",
                    key,
                    summary["n_interviews"],
                    summary["observed"],
                    summary["guest_saturation"],
                    summary["coverage"],
                )
    return SaturationTables(
        curve=pd.concat(curves, ignore_index=True)[CURVE_COLUMNS],
        summary=pd.DataFrame(summaries),
        extrapolation=pd.concat(extrapolations, ignore_index=True)[EXTRAPOLATION_COLUMNS],
    )
