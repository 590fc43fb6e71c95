"""Participant-level prevalence by group: a participant counts once, however often they voiced a code."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from thematica.compare.fcr import NONE, SIGNIFICANT, difference_markers, fcr_confidence
from thematica.compare.omnibus import freeman_halton
from thematica.compare.stats import (
    benjamini_hochberg,
    fisher_exact,
    newcombe_interval,
    odds_ratio,
    wilson_interval,
)
from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

#: The difference between groups and its test, shared by the prevalence and pairwise tables.
_DIFFERENCE_COLUMNS = [
    "difference",
    "diff_low",
    "diff_high",
    "odds_ratio",
    "p",
    "p_adj",
    "significant",
    "test",
    "diff_low_fcr",
    "diff_high_fcr",
    "fcr_confidence",
    "marker",
]
PREVALENCE_COLUMNS = [
    "level",
    "code",
    "group",
    "n_participants",
    "k_with_code",
    "share",
    "ci_low",
    "ci_high",
    *_DIFFERENCE_COLUMNS,
]
#: Columns of the pairwise table (:func:`compare_pairs`): one row per code and pair of groups.
PAIRWISE_COLUMNS = [
    "level",
    "code",
    "group_a",
    "group_b",
    "n_a",
    "k_a",
    "n_b",
    "k_b",
    *_DIFFERENCE_COLUMNS,
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


def group_counts(presence: pd.DataFrame, groups: list[str]) -> pd.DataFrame:
    """Participants and participants with each code, per code and group (every group, even empty ones).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, group, n_participants, k_with_code``, codes sorted, groups in the order given.
    """
    counts = (
        presence.loc[presence["group"].isin(groups)]
        .groupby(["code", "group"])["present"]
        .agg(["size", "sum"])
        .rename(columns={"size": "n_participants", "sum": "k_with_code"})
    )
    codes = sorted(presence["code"].unique())
    grid = pd.MultiIndex.from_product([codes, groups], names=["code", "group"])
    return counts.reindex(grid, fill_value=0).reset_index()


def compare_pairs(
    counts: pd.DataFrame,
    groups: list[str],
    *,
    level: str = "code",
    confidence: float = 0.95,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Every pair of groups, every code: difference, Newcombe interval, odds ratio and Fisher's exact test.

    Parameters
    ----------
    counts
        Output of :func:`group_counts`.
    groups
        The groups in display order; a pair is ``(groups[i], groups[j])`` with ``i < j`` and its
        ``difference`` is ``share_a - share_b``.

    Returns
    -------
    pandas.DataFrame
        :data:`PAIRWISE_COLUMNS`, one row per code and pair (none with fewer than two groups). ``p_adj``:
        Benjamini–Hochberg across every code and pair of this table (the level); ``diff_low_fcr``,
        ``diff_high_fcr``: the flagged rows' Newcombe interval at the Benjamini–Yekutieli level
        ``fcr_confidence`` (:mod:`thematica.compare.fcr`); ``marker``: ``significant``, ``interval_only``
        (unadjusted interval excludes 0, not flagged after FDR) or ``none``.
    """
    table = counts.set_index(["code", "group"])
    rows = []
    for code in sorted(counts["code"].unique()):
        for i, first in enumerate(groups):
            for second in groups[i + 1 :]:
                k1, n1 = (int(x) for x in table.loc[(code, first), ["k_with_code", "n_participants"]])
                k2, n2 = (int(x) for x in table.loc[(code, second), ["k_with_code", "n_participants"]])
                low, high = newcombe_interval(k1, n1, k2, n2, confidence)
                rows.append(
                    {
                        "code": code,
                        "group_a": first,
                        "group_b": second,
                        "n_a": n1,
                        "k_a": k1,
                        "n_b": n2,
                        "k_b": k2,
                        "difference": (k1 / n1 if n1 else np.nan) - (k2 / n2 if n2 else np.nan),
                        "diff_low": low,
                        "diff_high": high,
                        "odds_ratio": odds_ratio(k1, n1, k2, n2),
                        "p": fisher_exact(k1, n1, k2, n2),
                    }
                )
    pairs = pd.DataFrame(rows, columns=PAIRWISE_COLUMNS[1:13])
    pairs["p_adj"] = benjamini_hochberg(pairs["p"].to_numpy())
    pairs["significant"] = pairs["p_adj"] < alpha
    pairs["test"] = "fisher_exact"
    level_fcr = fcr_confidence(pairs["p"].to_numpy(), pairs["significant"].to_numpy(), alpha)
    pairs["diff_low_fcr"], pairs["diff_high_fcr"] = np.nan, np.nan
    for i in np.flatnonzero(pairs["significant"].to_numpy()):
        row = pairs.iloc[i]
        pairs.iloc[i, pairs.columns.get_indexer(["diff_low_fcr", "diff_high_fcr"])] = newcombe_interval(
            int(row["k_a"]), int(row["n_a"]), int(row["k_b"]), int(row["n_b"]), level_fcr
        )
    pairs["fcr_confidence"] = np.where(pairs["significant"], level_fcr, np.nan)
    pairs["marker"] = difference_markers(pairs["significant"], pairs["diff_low"], pairs["diff_high"])
    pairs.insert(0, "level", level)
    return pairs[PAIRWISE_COLUMNS]


def compare_level(
    presence: pd.DataFrame,
    groups: list[str],
    *,
    level: str = "code",
    confidence: float = 0.95,
    alpha: float = 0.05,
    seed: int | str = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Prevalence by group and the pairwise comparisons of one level, for any number of groups.

    Parameters
    ----------
    presence
        Output of :func:`presence_matrix`.
    groups
        The groups, in display order (one or more).
    level
        Label written into the ``level`` column (``code``, ``theme``, ``topic``, ...).
    confidence
        Level of the Wilson and (unadjusted) Newcombe intervals.
    alpha
        FDR level: an item is ``significant`` when its Benjamini–Hochberg adjusted p is below it.
    seed
        Seeds the Monte Carlo p-values of the omnibus test, when a table is too large to enumerate
        (:func:`thematica.compare.omnibus.freeman_halton`); each item's draws depend on it and the item only.

    Returns
    -------
    (prevalence, pairwise)
        ``prevalence``: :data:`PREVALENCE_COLUMNS`, one row per code and group, Wilson intervals of each
        share. Its per-code statistics (repeated on each group's row) depend on the number of groups:

        - one group: no test (``test`` is ``none``; difference, odds ratio, p-values empty);
        - two groups: the pair's row of ``pairwise`` (difference first minus second group, Newcombe's
          hybrid score interval, odds ratio, Fisher's exact p, BH-adjusted p across the codes);
        - three or more: the Freeman–Halton test of the code x group table (``test``: exact or Monte
          Carlo), BH-adjusted across the codes; difference, odds ratio and intervals empty (see
          ``pairwise``).

        ``pairwise``: see :func:`compare_pairs`.
    """
    if not groups:
        raise ThematicaError("a comparison needs at least one group")
    counts = group_counts(presence, groups)
    pairs = compare_pairs(counts, groups, level=level, confidence=confidence, alpha=alpha)
    codes = sorted(counts["code"].unique())
    per_code = pd.DataFrame({"code": pd.Series(codes, dtype=counts["code"].dtype)})  # also with no code
    if len(groups) == 2:
        per_code = pairs.drop(columns=["level", "group_a", "group_b", "n_a", "k_a", "n_b", "k_b"])
        summary = f"differ between {groups}"
    elif len(groups) > 2:
        table = counts.set_index(["code", "group"])
        tested = [
            freeman_halton(
                table.loc[code, "k_with_code"].loc[groups].to_numpy(),
                table.loc[code, "n_participants"].loc[groups].to_numpy(),
                seed=f"{seed}:{level}:{code}",
            )
            for code in codes
        ]
        per_code["p"] = [p for p, _ in tested]
        per_code["test"] = [test for _, test in tested]
        per_code["p_adj"] = benjamini_hochberg(per_code["p"].to_numpy())
        per_code["significant"] = per_code["p_adj"] < alpha
        per_code["marker"] = np.where(per_code["significant"], SIGNIFICANT, NONE)
        summary = f"differ among the {len(groups)} groups {groups}"
    else:
        per_code["test"] = "none"
        per_code["marker"] = NONE
        summary = ""
    per_code = per_code.reindex(columns=["code", *PREVALENCE_COLUMNS[8:]])
    table = counts.merge(per_code, on="code", how="left")
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = table["k_with_code"] / table["n_participants"].replace(0, np.nan)
    table["ci_low"], table["ci_high"] = wilson_interval(
        table["k_with_code"].to_numpy(), table["n_participants"].to_numpy(), confidence
    )
    table.insert(0, "level", level)
    if summary:
        n_sig = int(per_code["significant"].sum())
        log.info("%s level: %d of %d %s at adjusted p < %g", level, n_sig, len(per_code), summary, alpha)
    else:
        log.info("%s level: %d items in one group %s, no test", level, len(per_code), groups)
    return table[PREVALENCE_COLUMNS], pairs


def compare_groups(
    presence: pd.DataFrame,
    groups: list[str],
    *,
    level: str = "code",
    confidence: float = 0.95,
    alpha: float = 0.05,
    seed: int | str = 0,
) -> pd.DataFrame:
    """Prevalence by group with Wilson intervals and the test that fits the number of groups.

    The prevalence table of :func:`compare_level` (which see): with two groups, one row per code and
    group with columns ``level, code, group, n_participants, k_with_code, share, ci_low, ci_high,
    difference, diff_low, diff_high, odds_ratio, p, p_adj, significant, test, diff_low_fcr,
    diff_high_fcr, fcr_confidence, marker``; the per-code statistics (difference with Newcombe's hybrid
    score interval, Fisher's exact p adjusted across the codes of this table) repeat on both rows.
    """
    return compare_level(presence, groups, level=level, confidence=confidence, alpha=alpha, seed=seed)[0]


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
