"""Participant-level prevalence by group: a participant counts once, however often they voiced a code."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from thematica.compare.stats import (
    benjamini_hochberg,
    fisher_exact,
    newcombe_interval,
    odds_ratio,
    wilson_interval,
)
from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

PREVALENCE_COLUMNS = [
    "level",
    "code",
    "group",
    "n_participants",
    "k_with_code",
    "share",
    "ci_low",
    "ci_high",
    "difference",
    "diff_low",
    "diff_high",
    "odds_ratio",
    "p",
    "p_adj",
    "significant",
]
RATE_COLUMNS = ["level", "code", "group", "n_segments", "k_segments", "rate", "ci_low", "ci_high"]


def theme_assignments(assignments: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Lift code assignments to themes: a theme is applied to a segment when any of its codes is.

    Parameters
    ----------
    assignments
        Columns ``segment_id, code, applied`` (one row per segment x code).
    codebook
        Columns ``code, theme``.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment_id, code, applied`` with theme ids in ``code``.
    """
    merged = assignments.merge(codebook[["code", "theme"]], on="code", how="left", validate="many_to_one")
    unknown = merged["theme"].isna()
    if unknown.any():
        raise ThematicaError(f"code {merged.loc[unknown, 'code'].iloc[0]!r} is not in the codebook")
    lifted = merged.groupby(["segment_id", "theme"], sort=True)["applied"].max().reset_index()
    return lifted.rename(columns={"theme": "code"})


def presence_matrix(
    assignments: pd.DataFrame, segments: pd.DataFrame, participants: pd.DataFrame
) -> pd.DataFrame:
    """Code presence per participant: 1 if any of the participant's segments has the code.

    Parameters
    ----------
    assignments
        Columns ``segment_id, code, applied``.
    segments
        Columns ``segment_id, participant_id``.
    participants
        Columns ``participant_id, group``: every participant of the study, so that one who never
        voiced a code still counts in the denominator.

    Returns
    -------
    pandas.DataFrame
        Columns ``participant_id, group, code, present`` for every participant x code, sorted.
    """
    joined = assignments.merge(segments[["segment_id", "participant_id"]], on="segment_id", how="left")
    if joined["participant_id"].isna().any():
        missing = joined.loc[joined["participant_id"].isna(), "segment_id"].iloc[0]
        raise ThematicaError(
            f"segment {missing!r} has codes but is not in segments.parquet; rerun the pipeline"
        )
    present = joined.groupby(["participant_id", "code"])["applied"].max().astype(int)
    codes = sorted(assignments["code"].unique())
    grid = pd.MultiIndex.from_product(
        [participants["participant_id"], codes], names=["participant_id", "code"]
    )
    table = present.reindex(grid, fill_value=0).rename("present").reset_index()
    table = table.merge(participants[["participant_id", "group"]], on="participant_id", how="left")
    return (
        table[["participant_id", "group", "code", "present"]]
        .sort_values(["code", "participant_id"], kind="stable")
        .reset_index(drop=True)
    )


def compare_groups(
    presence: pd.DataFrame,
    groups: list[str],
    *,
    level: str = "code",
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Prevalence by group with Wilson intervals, Fisher's exact test and Benjamini–Hochberg adjustment.

    Parameters
    ----------
    presence
        Output of :func:`presence_matrix`.
    groups
        The two groups compared; ``difference`` and ``odds_ratio`` are first minus / over second.
    level
        Label written into the ``level`` column (``code``, ``theme``, ``topic``, ...).
    confidence
        Level of the Wilson intervals.
    alpha
        Threshold on the adjusted p-value for ``significant``.

    Returns
    -------
    pandas.DataFrame
        Two rows per code (one per group) with columns ``level, code, group, n_participants, k_with_code,
        share, ci_low, ci_high, difference, diff_low, diff_high, odds_ratio, p, p_adj, significant``; the
        per-code statistics (difference with Newcombe's hybrid score interval) repeat on both rows.
        p-values are adjusted across the codes of this table.
    """
    if len(groups) != 2:
        raise ThematicaError(f"a comparison needs exactly two groups, got {groups}")
    counts = (
        presence.loc[presence["group"].isin(groups)]
        .groupby(["code", "group"])["present"]
        .agg(["size", "sum"])
        .rename(columns={"size": "n_participants", "sum": "k_with_code"})
    )
    codes = sorted(presence["code"].unique())
    grid = pd.MultiIndex.from_product([codes, groups], names=["code", "group"])
    counts = counts.reindex(grid, fill_value=0).reset_index()
    per_code = []
    for code in codes:
        (k1, n1), (k2, n2) = (
            counts.loc[
                (counts["code"] == code) & (counts["group"] == g), ["k_with_code", "n_participants"]
            ].iloc[0]
            for g in groups
        )
        share1 = k1 / n1 if n1 else np.nan
        share2 = k2 / n2 if n2 else np.nan
        low, high = newcombe_interval(int(k1), int(n1), int(k2), int(n2), confidence)
        per_code.append(
            {
                "code": code,
                "difference": share1 - share2,
                "diff_low": low,
                "diff_high": high,
                "odds_ratio": odds_ratio(k1, n1, k2, n2),
                "p": fisher_exact(int(k1), int(n1), int(k2), int(n2)),
            }
        )
    stats = pd.DataFrame(per_code)
    stats["p_adj"] = benjamini_hochberg(stats["p"].to_numpy())
    stats["significant"] = stats["p_adj"] < alpha
    table = counts.merge(stats, on="code", how="left")
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = table["k_with_code"] / table["n_participants"].replace(0, np.nan)
    table["ci_low"], table["ci_high"] = wilson_interval(
        table["k_with_code"].to_numpy(), table["n_participants"].to_numpy(), confidence
    )
    table.insert(0, "level", level)
    n_sig = int(stats["significant"].sum())
    log.info(
        "%s level: %d of %d differ between %s at adjusted p < %g", level, n_sig, len(stats), groups, alpha
    )
    return table[PREVALENCE_COLUMNS]


def segment_rates(
    assignments: pd.DataFrame,
    segments: pd.DataFrame,
    groups: list[str],
    *,
    level: str = "code",
    confidence: float = 0.95,
    judged: pd.Series | None = None,
) -> pd.DataFrame:
    """Share of each group's segments carrying each code (a secondary, descriptive view).

    Segments of one participant are not independent, so no test is attached; the Wilson interval
    describes the segment proportion only.

    Parameters
    ----------
    assignments
        ``segment_id, code, applied``: a row for every segment x code judged, or, with ``judged``, only
        the applied rows (a missing row is 0).
    judged
        The segments every code was judged on, for sparse ``assignments`` (candidate themes: a segment
        has one topic, so a dense segment x topic table would grow with the square of the corpus).
    """
    if judged is not None:
        return _sparse_segment_rates(assignments, segments, groups, judged, level, confidence)
    joined = assignments.merge(segments[["segment_id", "group"]], on="segment_id", how="inner")
    counts = (
        joined.loc[joined["group"].isin(groups)].groupby(["code", "group"])["applied"].agg(["size", "sum"])
    )
    counts = counts.rename(columns={"size": "n_segments", "sum": "k_segments"}).reset_index()
    return _rate_table(counts, level, confidence)


def _sparse_segment_rates(assignments, segments, groups, judged, level, confidence) -> pd.DataFrame:
    """:func:`segment_rates` of applied rows only: the same table as the dense segment x code one."""
    kept = segments.loc[
        segments["segment_id"].isin(judged) & segments["group"].isin(groups), ["segment_id", "group"]
    ]
    n_segments = kept.groupby("group").size()
    applied = assignments.merge(kept, on="segment_id", how="inner")
    k_segments = applied.groupby(["code", "group"])["applied"].sum()
    codes = sorted(assignments["code"].unique())
    grid = pd.MultiIndex.from_product([codes, n_segments.index], names=["code", "group"])
    counts = pd.DataFrame(
        {
            "n_segments": n_segments.reindex(grid.get_level_values("group")).to_numpy(),
            "k_segments": k_segments.reindex(grid, fill_value=0).to_numpy(),
        },
        index=grid,
    ).reset_index()
    return _rate_table(counts, level, confidence)


def _rate_table(counts: pd.DataFrame, level: str, confidence: float) -> pd.DataFrame:
    counts["rate"] = counts["k_segments"] / counts["n_segments"]
    counts["ci_low"], counts["ci_high"] = wilson_interval(
        counts["k_segments"].to_numpy(), counts["n_segments"].to_numpy(), confidence
    )
    counts.insert(0, "level", level)
    return counts[RATE_COLUMNS].sort_values(["code", "group"], kind="stable").reset_index(drop=True)


def topic_assignments(segment_topics: pd.DataFrame) -> pd.DataFrame:
    """Candidate themes as ``segment_id, code, applied`` (code ``topic_<k>``), the applied rows only.

    A segment has at most one topic, so only its own topic is listed (outliers not at all): a row per
    segment and topic would grow with the square of the corpus, as the number of topics grows with it
    (about 76 million rows for 1,000 interviews). :func:`presence_matrix` reads missing rows as 0, and
    :func:`segment_rates` does with ``judged`` (the ``segment_id`` column of ``segment_topics``).
    """
    kept = segment_topics.loc[segment_topics["topic"] >= 0, ["segment_id", "topic"]]
    table = kept.sort_values(["segment_id", "topic"], kind="stable").reset_index(drop=True)
    table["code"] = "topic_" + table["topic"].astype(str)
    table["applied"] = 1
    return table[["segment_id", "code", "applied"]]
