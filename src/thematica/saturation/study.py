"""The saturation stage: curves, Guest saturation and coverage for every source, level and group.

A *source* is the consensus coding or one coder; a *level* is ``code`` or ``theme`` (parent code); a
*group* is ``all`` (every interview) or one of the study's two groups. Each combination gets

- a curve (``curve.csv``): one row per interview in interview order — new codes (and their names),
  cumulative codes, the exact random-order mean, the permutation band, and the new-information share of
  the Guest run that follows the interview;
- a summary row (``summary.csv``): the codebook's kind, the share of the codebook observed and the
  interview that brought the last new code (in interview order and across permutations), Guest
  saturation in interview order and across permutations, Chao2 richness, sample coverage, and the
  further interviews needed for each coverage target;
- an extrapolation curve (``extrapolation.csv``): iNEXT-style richness and coverage for 1..endpoint
  interviews with bootstrap intervals.

The estimates of codes beyond those observed (Chao2, sample coverage, extrapolation, further interviews)
assume the codes are discovered in the data, so they are made for an ``inductive`` codebook only. With a
``deductive`` codebook, fixed before coding, no code lies beyond it: their summary columns stay empty
(the columns are the same for both kinds) and ``extrapolation.csv`` has no rows.

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


#: Summary columns that estimate codes beyond those observed (besides the per-target ones); empty for a
#: deductive codebook.
ESTIMATE_COLUMNS = [
    "chao2",
    "chao2_se",
    "chao2_low",
    "chao2_high",
    "coverage",
    "coverage_low",
    "coverage_high",
]
#: Per-target columns of the summary, with ``{}`` for the target's label.
TARGET_COLUMNS = [
    "extra_interviews_{}",
    "extra_interviews_{}_low",
    "extra_interviews_{}_high",
    "codes_expected_{}",
    "codes_expected_{}_low",
    "codes_expected_{}_high",
]
#: ``coverage_note`` of a deductive codebook.
DEDUCTIVE_NOTE = "deductive codebook: no codes beyond the codebook are estimated"


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


def last_new(cumulative: np.ndarray) -> np.ndarray:
    """1-based position of the interview that brought the last new code, per ordering.

    After it no new code appeared, so it is the interview at which the codes observed in the whole
    sample were all seen.

    Parameters
    ----------
    cumulative
        Cumulative codes per interview, shape (n_interviews,) or (n_orderings, n_interviews).

    Returns
    -------
    numpy.ndarray of float, shape () or (n_orderings,)
        NaN where no code was voiced at all.

    Examples
    --------
    >>> last_new(np.array([2, 3, 3, 4, 4])).item()
    4.0
    >>> last_new(np.array([[0, 0], [1, 1]])).tolist()
    [nan, 1.0]
    """
    cum = np.asarray(cumulative)
    if cum.shape[-1] == 0:
        return np.full(cum.shape[:-1], np.nan)
    final = cum[..., -1:]
    position = (cum < final).sum(axis=-1) + 1.0
    return np.where(final[..., 0] > 0, position, np.nan)


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
    observed = int(cumulative[-1]) if n else 0
    lasts = last_new(perms) if n_permutations else np.zeros(0)
    lasts = lasts[~np.isnan(lasts)]
    summary = {
        "codebook_kind": settings.codebook_kind,
        "n_interviews": n,
        "n_codes": len(codes),
        "observed": observed,
        "codebook_coverage": observed / len(codes) if len(codes) else np.nan,
        "last_new": float(last_new(cumulative)) if n else np.nan,
        "last_new_perm_mean": float(lasts.mean()) if len(lasts) else np.nan,
        "last_new_perm_low": float(np.quantile(lasts, tail)) if len(lasts) else np.nan,
        "last_new_perm_high": float(np.quantile(lasts, 1 - tail)) if len(lasts) else np.nan,
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

    if settings.codebook_kind == "deductive":
        summary.update(_deductive_estimates(values.sum(axis=1), n, settings))
        return curve, summary, pd.DataFrame(columns=EXTRAPOLATION_COLUMNS[3:])

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


def _deductive_estimates(y: np.ndarray, n: int, settings: SaturationSettings) -> dict:
    """The summary's estimate columns for a deductive codebook: the counts, and nothing estimated."""
    y = np.asarray(y, dtype=int)
    row = {"q1": int((y == 1).sum()), "q2": int((y == 2).sum()), "incidences": int(y.sum())}
    row.update(dict.fromkeys(ESTIMATE_COLUMNS, np.nan))
    row["n_bootstrap"] = 0
    for target in settings.coverage_targets:
        row.update(dict.fromkeys((c.format(target_label(target)) for c in TARGET_COLUMNS), np.nan))
    row["coverage_note"] = DEDUCTIVE_NOTE
    return row


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
                    "%s: %d interviews, %d of the codebook's %d %ss, Guest %s, %s",
                    key,
                    summary["n_interviews"],
                    summary["observed"],
                    summary["n_codes"],
                    level,
                    summary["guest_saturation"],
                    "deductive codebook"
                    if settings.codebook_kind == "deductive"
                    else f"coverage {summary['coverage']:.3f} (inductive codebook)",
                )
    return SaturationTables(
        curve=pd.concat(curves, ignore_index=True)[CURVE_COLUMNS],
        summary=pd.DataFrame(summaries),
        extrapolation=pd.concat(extrapolations, ignore_index=True)[EXTRAPOLATION_COLUMNS],
    )
